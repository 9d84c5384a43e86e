/**
 * Reading keys of a schema the way OpenAlchemy does: both extension prefixes (`x-` and
 * `x-open-alchemy-`), then through a local `$ref`, then through each `allOf` item.
 * Remote references cannot be resolved by a single-spec build service and are refused.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";

/** A problem found while reading a schema; the caller adds schema and property names. */
export class SchemaProblem extends Error {}

const LOCAL_PREFIX = "#/components/schemas/";

/** The extension prefixes OpenAlchemy accepts, in the order it looks them up. */
export const EXTENSION_PREFIXES = ["x-", "x-open-alchemy-"] as const;

/**
 * Resolves a `$ref` value to `[name, schema]`.
 *
 * @throws {SchemaProblem} for a non-string, remote or dangling reference.
 */
export function resolveRef(ref: unknown, schemas: Schemas): [string, JsonObject] {
  if (typeof ref !== "string") throw new SchemaProblem("the value of $ref must be a string");
  if (!ref.startsWith("#")) {
    throw new SchemaProblem(
      `$ref ${JSON.stringify(ref)} points to another file or a URL, which a single-spec ` +
        "build cannot resolve; use a local reference like #/components/schemas/Name",
    );
  }
  if (!ref.startsWith(LOCAL_PREFIX)) {
    throw new SchemaProblem(`$ref ${JSON.stringify(ref)} must start with ${LOCAL_PREFIX}`);
  }
  const name = ref.slice(LOCAL_PREFIX.length);
  const target = Object.hasOwn(schemas, name) ? schemas[name] : undefined;
  if (target === undefined) {
    throw new SchemaProblem(`$ref ${JSON.stringify(ref)} names a schema that is not defined`);
  }
  if (!isJsonObject(target)) throw new SchemaProblem(`the schema ${name} must be an object`);
  return [name, target];
}

/** Follows a schema's `$ref` once, refusing a reference seen before on this path. */
function followRef(ref: JsonValue, schemas: Schemas, seen: Set<string>): JsonObject {
  if (typeof ref === "string") {
    if (seen.has(ref)) throw new SchemaProblem("circular reference detected");
    seen.add(ref);
  }
  return resolveRef(ref, schemas)[1];
}

/** The items of a schema's `allOf`, checked to be a list of objects. */
function allOfItems(allOf: JsonValue): JsonObject[] {
  if (!Array.isArray(allOf)) throw new SchemaProblem("the value of allOf must be a list");
  return allOf.map((item) => {
    if (!isJsonObject(item)) throw new SchemaProblem("the items of allOf must be objects");
    return item;
  });
}

/**
 * Calls `visit` on a schema, then on what its `$ref` points to, then on each `allOf`
 * item, depth first; each reference is followed once.
 */
export function forEachPart(
  schema: JsonObject,
  schemas: Schemas,
  visit: (part: JsonObject) => void,
  seen: Set<string> = new Set(),
): void {
  visit(schema);
  const ref = schema.$ref;
  if (typeof ref === "string" && !seen.has(ref)) {
    seen.add(ref);
    forEachPart(resolveRef(ref, schemas)[1], schemas, visit, seen);
  }
  if (Array.isArray(schema.allOf)) {
    for (const item of schema.allOf) {
      if (isJsonObject(item)) forEachPart(item, schemas, visit, seen);
    }
  }
}

/** The spellings of each key looked up so far (keys are few; peeks are many). */
const KEY_SPELLINGS = new Map<string, readonly string[]>();

function keysOf(key: string): readonly string[] {
  let spellings = KEY_SPELLINGS.get(key);
  if (spellings === undefined) {
    spellings = key.startsWith("x-")
      ? EXTENSION_PREFIXES.map((prefix) => prefix + key.slice(2))
      : [key];
    KEY_SPELLINGS.set(key, spellings);
  }
  return spellings;
}

/**
 * The first non-null value of `key` in the schema, its `$ref` target or its `allOf`
 * items (depth first), or `undefined`.
 *
 * @throws {SchemaProblem} for malformed `$ref` / `allOf` and circular references.
 */
export function peekKey(
  schema: JsonObject,
  schemas: Schemas,
  key: string,
  seen?: Set<string>,
): JsonValue | undefined {
  for (const name of keysOf(key)) {
    const value = schema[name];
    if (value !== undefined && value !== null) return value;
  }
  const ref = schema.$ref;
  if (ref !== undefined && ref !== null) {
    seen ??= new Set();
    return peekKey(followRef(ref, schemas, seen), schemas, key, seen);
  }
  const allOf = schema.allOf;
  if (allOf !== undefined && allOf !== null) {
    seen ??= new Set();
    for (const item of allOfItems(allOf)) {
      const value = peekKey(item, schemas, key, seen);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/**
 * Like {@link peekKey} but a local value wins over one reached through `allOf` items
 * that are references (OpenAlchemy's `prefer_local`).
 */
export function peekLocal(
  schema: JsonObject,
  schemas: Schemas,
  key: string,
  seen?: Set<string>,
): JsonValue | undefined {
  const ref = schema.$ref;
  if (ref !== undefined && ref !== null) {
    seen ??= new Set();
    return peekLocal(followRef(ref, schemas, seen), schemas, key, seen);
  }
  const allOf = schema.allOf;
  if (allOf !== undefined && allOf !== null) {
    const items = allOfItems(allOf);
    seen ??= new Set();
    const locals = items.filter((item) => item.$ref === undefined || item.$ref === null);
    const refs = items.filter((item) => item.$ref !== undefined && item.$ref !== null);
    for (const item of [...locals, ...refs]) {
      const value = peekLocal(item, schemas, key, seen);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  return peekKey(schema, schemas, key, seen);
}

/** A readable name of a JSON value's type, for messages. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return typeof value === "number" && Number.isInteger(value) ? "an integer" : `a ${typeof value}`;
}
