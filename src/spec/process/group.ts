/**
 * Grouping what processing adds per model, as OpenAlchemy does (sort by model name,
 * then group): models in code-point order of their names, entries of one model in the
 * order they were found, a later entry with the same name replacing the value.
 *
 * @module
 */

import type { JsonValue } from "../../json.ts";

/** One addition: a named entry for one model. */
export interface Addition {
  /** The model that gets the entry. */
  model: string;
  /** The entry's name (a property or back reference name). */
  name: string;
  /** The entry's schema. */
  value: JsonValue;
}

/** Model name → its entries, models sorted, entries in the order found. */
export function groupByModel(additions: Addition[]): Map<string, { [name: string]: JsonValue }> {
  const sorted = [...additions].sort((a, b) => compareCodePoints(a.model, b.model));
  const grouped = new Map<string, { [name: string]: JsonValue }>();
  for (const addition of sorted) {
    const entries = grouped.get(addition.model) ?? {};
    entries[addition.name] = addition.value;
    grouped.set(addition.model, entries);
  }
  return grouped;
}

/** Python's string order: by code point (not by UTF-16 unit as `<` in JavaScript). */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const difference = left[index].codePointAt(0)! - right[index].codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
