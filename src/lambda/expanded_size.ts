/**
 * How large a parsed spec is once YAML aliases are expanded: the length of its compact JSON
 * text, counted without writing it. A few kilobytes of YAML can name one large node many
 * times (the parser's `maxAliasExpansion` counts values, not their length): 148 KB naming a
 * 100 KB string 999 times is a 100 MB spec, whose build took 21 s and 2.2 GB. The function
 * holds the expanded spec to `SPEC_MAX_BYTES` too.
 *
 * @module
 */

import { JsonFloat, type JsonValue } from "../json.ts";

/**
 * The length of the value's compact JSON text (strings counted in UTF-16 code units, as
 * JSON.stringify would give them, without escapes), counting stopped as soon as it exceeds
 * `max` (the result is then some number above `max`). Shared nodes (YAML aliases) are
 * counted each time they appear.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { expandedSize } from "./expanded_size.ts";
 * const shared = { description: "x".repeat(100) };
 * assert.equal(expandedSize({ a: shared }, 1000), JSON.stringify({ a: shared }).length);
 * assert.ok(expandedSize({ a: shared, b: shared, c: shared }, 200) > 200);
 * ```
 */
export function expandedSize(value: JsonValue, max: number): number {
  let total = 0;
  const stack: JsonValue[] = [value];
  while (stack.length > 0 && total <= max) {
    const item = stack.pop()!;
    if (typeof item === "string") total += item.length + 2;
    else if (item === null) total += 4;
    else if (typeof item === "boolean") total += item ? 4 : 5;
    else if (typeof item === "number" || typeof item === "bigint") total += String(item).length;
    else if (item instanceof JsonFloat) total += String(item.value).length + 2;
    else if (Array.isArray(item)) {
      total += 2 + Math.max(0, item.length - 1);
      for (const element of item) stack.push(element);
    } else {
      const entries = Object.entries(item);
      total += 2 + Math.max(0, entries.length - 1);
      for (const [key, element] of entries) {
        total += key.length + 3;
        stack.push(element);
      }
    }
  }
  return total;
}
