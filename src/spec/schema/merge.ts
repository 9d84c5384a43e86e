/**
 * One schema out of `$ref` and `allOf` (OpenAlchemy's `helpers/all_of.merge` and
 * `helpers/schema.prepare_deep`): references are followed and the items of `allOf` are
 * merged in order, later keys winning, with `required` lists, `properties` and
 * `x-backrefs` combined rather than replaced.
 *
 * Unlike OpenAlchemy, nothing here changes its input: merged and nested schemas are
 * new objects.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { resolveChain } from "./iterate.ts";
import { SchemaProblem } from "./peek.ts";
import { objectKey } from "./values.ts";

/** The schema with its `$ref` chain followed and its top-level `allOf` merged. */
export function prepare(schema: JsonObject, schemas: Schemas): JsonObject {
  return merge(resolveChain(schema, schemas)[1], schemas);
}

/**
 * {@link prepare} applied to the schema, each of its `properties` and its `items`, at
 * every depth.
 */
export function prepareDeep(schema: JsonObject, schemas: Schemas): JsonObject {
  const prepared: JsonObject = { ...prepare(schema, schemas) };
  const properties = prepared.properties;
  if (properties !== undefined && properties !== null) {
    if (!isJsonObject(properties)) throw new SchemaProblem("properties must be an object");
    const deep: JsonObject = {};
    for (const [name, property] of Object.entries(properties)) {
      if (!isJsonObject(property)) {
        throw new SchemaProblem(`properties :: ${name} must be an object`);
      }
      deep[name] = prepareDeep(property, schemas);
    }
    prepared.properties = deep;
  }
  const items = objectKey("items")(prepared, {});
  if (items !== undefined) prepared.items = prepareDeep(items, schemas);
  return prepared;
}

/**
 * Merges the items of a top-level `allOf`; a schema without one is returned as is.
 *
 * @throws {SchemaProblem} for an `allOf` that is not a list of objects (an empty value
 *   merges to `{}`, as OpenAlchemy iterates it).
 */
export function merge(schema: JsonObject, schemas: Schemas): JsonObject {
  const allOf = schema.allOf;
  if (allOf === undefined || allOf === null) return schema;
  let merged: JsonObject = {};
  for (const item of allOfEntries(allOf)) {
    const part = merge(resolveChain(item, schemas)[1], schemas);
    const before = merged;
    merged = { ...before, ...part };
    combine(merged, before, part, "required", unionOf);
    combine(merged, before, part, "properties", objectsOf);
    combine(merged, before, part, "x-backrefs", objectsOf);
  }
  return merged;
}

/** Sets `merged[key]` from both sides when both have the key. */
function combine(
  merged: JsonObject,
  before: JsonObject,
  part: JsonObject,
  key: string,
  join: (left: JsonValue, right: JsonValue) => JsonValue,
): void {
  const left = before[key];
  const right = part[key];
  if (left === undefined || left === null || right === undefined || right === null) return;
  merged[key] = join(left, right);
}

/** What OpenAlchemy iterates of an `allOf` value: a list's objects, nothing of an empty value. */
function allOfEntries(allOf: JsonValue): JsonObject[] {
  if (!Array.isArray(allOf)) {
    if (allOf === "" || (isJsonObject(allOf) && Object.keys(allOf).length === 0)) return [];
    throw new SchemaProblem("the value of allOf must be a list");
  }
  return allOf.map((item) => {
    if (!isJsonObject(item)) throw new SchemaProblem("the items of allOf must be objects");
    return item;
  });
}

/** Both `required` lists as one, each name once (first appearance order). */
function unionOf(left: JsonValue, right: JsonValue): JsonValue {
  const names = [...(Array.isArray(left) ? left : []), ...(Array.isArray(right) ? right : [])];
  if (names.some((name) => name !== null && typeof name === "object")) {
    throw new SchemaProblem("required :: the items must be names");
  }
  return [...new Set(names)];
}

/** Both objects' entries, the right side winning. */
function objectsOf(left: JsonValue, right: JsonValue): JsonValue {
  return { ...(isJsonObject(left) ? left : {}), ...(isJsonObject(right) ? right : {}) };
}
