/**
 * Reading one value of a (valid) schema the way OpenAlchemy's `helpers/peek` functions
 * do, including the few that transform what they read: `type` and `nullable` with
 * OpenAPI 3.1 type lists, `x-mixins` as a list, and `prefer_local` for any reader.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { peekKey, resolveRef, SchemaProblem } from "../helpers/peek.ts";

export { nullableOf, typeOf } from "../process/relationship.ts";

/** Reads one value of a schema (OpenAlchemy's peek functions). */
export type Reader<T> = (schema: JsonObject, schemas: Schemas) => T | undefined;

/** A reader of one key through both extension prefixes, `$ref` and `allOf`. */
export function key<T extends JsonValue>(name: string): Reader<T> {
  return (schema, schemas) => peekKey(schema, schemas, name) as T | undefined;
}

/** `x-mixins`, a single dotted path turned into a list of one. */
export function mixinsOf(schema: JsonObject, schemas: Schemas): string[] | undefined {
  const value = peekKey(schema, schemas, "x-mixins");
  if (value === undefined) return undefined;
  return typeof value === "string" ? [value] : value as string[];
}

/**
 * Reads a value preferring the schema's own `allOf` items over those that are
 * references (OpenAlchemy's `prefer_local`): a `$ref` is followed; of `allOf` items,
 * those without `$ref` are tried first; a plain schema is read with `read`.
 */
export function preferLocal<T>(
  read: Reader<T>,
  schema: JsonObject,
  schemas: Schemas,
  seen: Set<string> = new Set(),
): T | undefined {
  const ref = schema.$ref;
  if (ref !== undefined && ref !== null) {
    if (typeof ref !== "string") throw new SchemaProblem("the value of $ref must be a string");
    if (seen.has(ref)) throw new SchemaProblem("circular reference detected");
    seen.add(ref);
    return preferLocal(read, resolveRef(ref, schemas)[1], schemas, seen);
  }
  const allOf = schema.allOf;
  if (allOf !== undefined && allOf !== null) {
    if (!Array.isArray(allOf)) throw new SchemaProblem("the value of allOf must be a list");
    const items = allOf.map((item) => {
      if (!isJsonObject(item)) throw new SchemaProblem("the items of allOf must be objects");
      return item;
    });
    const hasRef = (item: JsonObject) => item.$ref !== undefined && item.$ref !== null;
    for (const item of [...items.filter((item) => !hasRef(item)), ...items.filter(hasRef)]) {
      const value = preferLocal(read, item, schemas, seen);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  return read(schema, schemas);
}

/**
 * Like {@link peekKey}, but a `$ref` to the schema named `skipRef` reads as nothing
 * (OpenAlchemy's `peek_key(skip_ref=…)`: a relationship's own keys, not its target's).
 */
export function peekKeySkipping(
  schema: JsonObject,
  schemas: Schemas,
  name: string,
  skipRef: string,
  seen: Set<string> = new Set(),
): JsonValue | undefined {
  const spellings = name.startsWith("x-") ? [name, `x-open-alchemy-${name.slice(2)}`] : [name];
  for (const spelling of spellings) {
    const value = schema[spelling];
    if (value !== undefined && value !== null) return value;
  }
  const ref = schema.$ref;
  if (ref !== undefined && ref !== null) {
    if (typeof ref !== "string") throw new SchemaProblem("the value of $ref must be a string");
    if (seen.has(ref)) throw new SchemaProblem("circular reference detected");
    seen.add(ref);
    const [refName, target] = resolveRef(ref, schemas);
    if (refName === skipRef) return undefined;
    return peekKeySkipping(target, schemas, name, skipRef, seen);
  }
  const allOf = schema.allOf;
  if (allOf !== undefined && allOf !== null) {
    if (!Array.isArray(allOf)) throw new SchemaProblem("the value of allOf must be a list");
    for (const item of allOf) {
      if (!isJsonObject(item)) throw new SchemaProblem("the items of allOf must be objects");
      const value = peekKeySkipping(item, schemas, name, skipRef, seen);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** The value of an extension key in either spelling, read from the schema itself only. */
export function ownExtension(schema: JsonObject, name: string): JsonValue | undefined {
  const spellings = [name, `x-open-alchemy-${name.slice(2)}`];
  for (const spelling of spellings) {
    if (Object.hasOwn(schema, spelling)) return schema[spelling];
  }
  return undefined;
}
