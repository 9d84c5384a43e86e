/**
 * `x-composite-index` and `x-composite-unique`, read once for validation and the typed
 * model, in the shapes OpenAlchemy 2.5's extension schemas allow
 * (`helpers/ext_prop/common-schemas.json`: `CompositeIndex`, `CompositeUnique`):
 *
 * - a non-empty list of column names: one entry;
 * - a non-empty list of such lists: one entry each;
 * - an object: an index `{expressions, name?, unique?}` with `name` a string and `unique`
 *   a boolean when present, a unique constraint `{columns, name?}` with `name` a string
 *   when present (its other keys, `unique` included, are not looked at);
 * - a non-empty list of such objects.
 *
 * Lists mixing these forms, empty lists and `null` inside an object are refused, as
 * OpenAlchemy refuses them.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue } from "../../json.ts";
import { SchemaProblem } from "./peek.ts";

/** Which composite extension. */
export type CompositeKey = "x-composite-index" | "x-composite-unique";

/** One entry of a composite index or unique constraint, in its long form. */
export interface CompositeEntry {
  /** The column names (an index's `expressions`). */
  columns: string[];
  /** The name the object form gives. */
  name?: string;
  /** Whether the index is unique (the object form of `x-composite-index` only). */
  unique?: boolean;
}

/**
 * The entries of `x-composite-index` / `x-composite-unique`, each in its long form.
 *
 * @throws {SchemaProblem} when the value has none of the shapes above.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compositeEntries } from "./composite.ts";
 * assert.deepEqual(compositeEntries(["a", "b"], "x-composite-index"), [{ columns: ["a", "b"] }]);
 * assert.deepEqual(
 *   compositeEntries([{ columns: ["a"], name: "u", unique: "any" }], "x-composite-unique"),
 *   [{ columns: ["a"], name: "u" }],
 * );
 * assert.throws(() => compositeEntries(["a", ["b"]], "x-composite-index"));
 * ```
 */
export function compositeEntries(value: JsonValue, key: CompositeKey): CompositeEntry[] {
  const entry = key === "x-composite-index" ? indexEntry : uniqueEntry;
  const fail = (): never => {
    const object = key === "x-composite-index"
      ? "an object with expressions (name a string, unique a boolean)"
      : "an object with columns (name a string)";
    throw new SchemaProblem(
      `${key} must be a list of column names, a list of such lists, ${object}, or a list ` +
        "of such objects",
    );
  };
  if (isJsonObject(value)) return [entry(value) ?? fail()];
  if (!Array.isArray(value) || value.length === 0) return fail();
  const columns = columnList(value);
  if (columns !== undefined) return [{ columns }];
  const [first] = value;
  if (Array.isArray(first)) return value.map((item) => ({ columns: columnList(item) ?? fail() }));
  return value.map((item) => (isJsonObject(item) ? entry(item) : undefined) ?? fail());
}

/** An index object's entry, or `undefined` when its fields have the wrong types. */
function indexEntry(item: JsonObject): CompositeEntry | undefined {
  const columns = columnList(item.expressions);
  const { name, unique } = item;
  if (columns === undefined) return undefined;
  if (name !== undefined && typeof name !== "string") return undefined;
  if (unique !== undefined && typeof unique !== "boolean") return undefined;
  return {
    columns,
    ...(name === undefined ? {} : { name }),
    ...(unique === undefined ? {} : { unique }),
  };
}

/** A unique constraint object's entry, or `undefined` when its fields have the wrong types. */
function uniqueEntry(item: JsonObject): CompositeEntry | undefined {
  const columns = columnList(item.columns);
  const { name } = item;
  if (columns === undefined) return undefined;
  if (name !== undefined && typeof name !== "string") return undefined;
  return { columns, ...(name === undefined ? {} : { name }) };
}

/** A non-empty list of strings, or `undefined`. */
function columnList(value: JsonValue | undefined): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const strings: string[] = [];
  for (const item of value) {
    if (typeof item !== "string") return undefined;
    strings.push(item);
  }
  return strings;
}
