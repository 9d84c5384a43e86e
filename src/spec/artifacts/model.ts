/**
 * Artifacts of a model (everything but its properties), as OpenAlchemy 2.5
 * `schemas/artifacts/model.py` records them.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { ownKey, preferLocal, SchemaProblem } from "../schema/peek.ts";
import { getParent } from "../schema/inheritance.ts";
import { backrefsItems } from "../schema/iterate.ts";
import { schemaInherits } from "../schema/models.ts";
import { key, mixinsOf, objectKey, stringKey } from "../schema/values.ts";
import { defined } from "./simple.ts";
import type {
  IndexArtifacts,
  ModelArtifacts,
  ModelBackrefArtifacts,
  UniqueArtifacts,
} from "./types.ts";

/** The model's artifacts without its properties. */
export function modelArtifacts(
  schema: JsonObject,
  schemas: Schemas,
): Omit<ModelArtifacts, "properties"> {
  const local = <T>(read: (schema: JsonObject, schemas: Schemas) => T | undefined) =>
    preferLocal(read, schema, schemas);
  const tablename = local(stringKey("x-tablename"));
  if (tablename === undefined) throw new SchemaProblem("the model has no x-tablename");
  const inherits = schemaInherits(schema, schemas);
  const compositeIndex = local(key("x-composite-index"));
  const compositeUnique = local(key("x-composite-unique"));
  const backrefs: [string, ModelBackrefArtifacts][] = [];
  for (const [name, backref] of backrefsItems(schema, schemas)) {
    if (isJsonObject(backref)) backrefs.push([name, modelBackref(backref)]);
  }
  return {
    tablename,
    ...defined({
      inherits,
      parent: inherits === true ? getParent(schema, schemas) : undefined,
      description: local(stringKey("description")),
      mixins: local(mixinsOf),
      kwargs: local(objectKey("x-kwargs")),
      compositeIndex: compositeIndex === undefined ? undefined : indexList(compositeIndex),
      compositeUnique: compositeUnique === undefined ? undefined : uniqueList(compositeUnique),
    }),
    backrefs,
  };
}

/** An `x-backrefs` entry: `{type: object, x-de-$ref}` or an array of those. */
function modelBackref(schema: JsonObject): ModelBackrefArtifacts {
  if (schema.type === "object") return { type: "object", child: childOf(schema) };
  if (schema.type === "array" && isJsonObject(schema.items)) {
    return { type: "array", child: childOf(schema.items) };
  }
  throw new SchemaProblem("an x-backrefs entry must be an object or an array");
}

/** The model an `x-backrefs` entry points back to (`x-de-$ref`). */
function childOf(schema: JsonObject): string {
  const child = ownKey(schema, "x-de-$ref");
  if (typeof child !== "string") throw new SchemaProblem("an x-backrefs entry needs x-de-$ref");
  return child;
}

/** `x-composite-index` in any of its forms as a list of `{expressions, name?, unique?}`. */
export function indexList(value: JsonValue): IndexArtifacts[] {
  return compositeItems(value, "expressions").map(([expressions, item]) => ({
    expressions,
    ...defined({
      name: optional(item, "name", isString),
      unique: optional(item, "unique", isBool),
    }),
  }));
}

/** `x-composite-unique` in any of its forms as a list of `{columns, name?}`. */
export function uniqueList(value: JsonValue): UniqueArtifacts[] {
  return compositeItems(value, "columns").map(([columns, item]) => ({
    columns,
    ...defined({ name: optional(item, "name", isString) }),
  }));
}

/**
 * The entries of a composite index or unique: a list of column names (one entry), a list
 * of such lists, an object with `field`, or a list of such objects; each entry's columns
 * with the object it came from (for its name and flags).
 *
 * @throws {SchemaProblem} for any other shape (validation refuses them first).
 */
function compositeItems(value: JsonValue, field: string): [string[], JsonObject | null][] {
  const columns = stringList(value);
  if (columns !== undefined) return [[columns, null]];
  const entries = Array.isArray(value) ? value : [value];
  return entries.map((entry) => {
    const list = stringList(entry);
    if (list !== undefined) return [list, null];
    if (isJsonObject(entry)) {
      const entryColumns = stringList(entry[field]);
      if (entryColumns !== undefined) return [entryColumns, entry];
    }
    throw new SchemaProblem(`a composite index or unique entry needs ${field}`);
  });
}

/** A non-empty list of strings, or `undefined`. */
function stringList(value: JsonValue | undefined): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const strings: string[] = [];
  for (const item of value) {
    if (typeof item !== "string") return undefined;
    strings.push(item);
  }
  return strings;
}

/** An optional field of a composite entry, checked; `undefined` when absent or null. */
function optional<T extends JsonValue>(
  item: JsonObject | null,
  field: string,
  test: (value: JsonValue) => value is T,
): T | undefined {
  const value = item?.[field];
  if (value === undefined || value === null) return undefined;
  if (!test(value)) throw new SchemaProblem(`${field} of a composite entry has the wrong type`);
  return value;
}

const isString = (value: JsonValue): value is string => typeof value === "string";
const isBool = (value: JsonValue): value is boolean => typeof value === "boolean";
