/**
 * The one place that reads keys of a schema the way OpenAlchemy does: both extension
 * prefixes (`x-` and `x-open-alchemy-`), then through a local `$ref`, then through each
 * `allOf` item. Every `$ref` in the project is followed by {@link followRef}, with one
 * cycle guard and one bound on the length of a reference chain. Remote references
 * cannot be resolved by a single-spec build service and are refused.
 *
 * @module
 */

import {
  isJsonObject,
  isPythonFloat,
  isPythonInt,
  type JsonObject,
  type JsonValue,
  type Schemas,
} from "../../json.ts";

/** A problem found while reading a schema; the caller adds schema and property names. */
export class SchemaProblem extends Error {}

/**
 * A `$ref` to another file or a URL. Unlike other unreadable references, which make a
 * schema "not a model" where OpenAlchemy looks for models, this one always refuses the
 * spec (OpenAlchemy cannot resolve it without the file either).
 */
export class RemoteRefProblem extends SchemaProblem {}

/**
 * References that lead back to where they started. OpenAlchemy's build skips a schema
 * it cannot read for this, but its `init_json` then fails when the package is imported,
 * so a cycle always refuses the spec.
 */
export class CircularRefProblem extends SchemaProblem {}

/** How local references start. */
export const LOCAL_PREFIX = "#/components/schemas/";

/** A local reference OpenAlchemy resolves: the name is Python's Unicode `\w+`. */
const LOCAL_REF = /^#\/components\/schemas\/([\p{L}\p{N}_]+)$/u;

/** The extension prefixes OpenAlchemy accepts, in the order it looks them up. */
export const EXTENSION_PREFIXES = ["x-", "x-open-alchemy-"] as const;

/**
 * The most `$ref`s followed in one walk. Far beyond any real spec (OpenAlchemy itself
 * fails past Python's recursion limit), it keeps a hostile chain from costing more
 * than linear time.
 */
export const MAX_REF_CHAIN = 256;

/**
 * Resolves a `$ref` value to `[name, schema]`, as OpenAlchemy does: a local reference
 * is `#/components/schemas/<name>`; one to another file (`file.yaml#/Name`, a URL) is
 * refused, since a single-spec build has nothing to resolve it against.
 *
 * @throws {RemoteRefProblem} for a reference to another file or a URL.
 * @throws {SchemaProblem} for any other reference that cannot be resolved.
 */
export function resolveRef(ref: unknown, schemas: Schemas): [string, JsonObject] {
  if (typeof ref !== "string") throw new SchemaProblem("the value of $ref must be a string");
  if (!ref.startsWith("#")) {
    if (ref.split("#").length !== 2) {
      throw new SchemaProblem(`$ref ${JSON.stringify(ref)} is not a reference`);
    }
    throw new RemoteRefProblem(
      `$ref ${JSON.stringify(ref)} points to another file or a URL, which a single-spec ` +
        "build cannot resolve; use a local reference like #/components/schemas/Name",
    );
  }
  const name = LOCAL_REF.exec(ref)?.[1];
  if (name === undefined) {
    throw new SchemaProblem(
      `$ref ${JSON.stringify(ref)} must be ${LOCAL_PREFIX}<name>, the name made of letters, ` +
        "digits and _",
    );
  }
  const target = Object.hasOwn(schemas, name) ? schemas[name] : undefined;
  if (target === undefined) {
    throw new SchemaProblem(`$ref ${JSON.stringify(ref)} names a schema that is not defined`);
  }
  if (!isJsonObject(target)) throw new SchemaProblem(`the schema ${name} must be an object`);
  return [name, target];
}

/**
 * Follows a `$ref` once within one walk: `seen` holds the references followed so far
 * on this walk, so a cycle, or a chain longer than {@link MAX_REF_CHAIN}, is refused.
 *
 * @throws {SchemaProblem} for a cycle, an overlong chain or a reference that cannot be
 *   resolved.
 */
export function followRef(ref: unknown, schemas: Schemas, seen: Set<string>): [string, JsonObject] {
  if (typeof ref === "string") {
    if (seen.has(ref)) throw new CircularRefProblem(`circular reference through ${ref}`);
    if (seen.size >= MAX_REF_CHAIN) {
      throw new SchemaProblem(`more than ${MAX_REF_CHAIN} references are chained`);
    }
    seen.add(ref);
  }
  return resolveRef(ref, schemas);
}

/** Whether a schema has a `$ref` (OpenAlchemy treats a `null` one as absent). */
export function hasRef(schema: JsonObject): boolean {
  return schema.$ref !== undefined && schema.$ref !== null;
}

/** The items of a schema's `allOf`, checked to be a list of objects. */
export function allOfItems(allOf: JsonValue): JsonObject[] {
  if (!Array.isArray(allOf)) throw new SchemaProblem("the value of allOf must be a list");
  return allOf.map((item) => {
    if (!isJsonObject(item)) throw new SchemaProblem("the items of allOf must be objects");
    return item;
  });
}

/** The spellings of each key looked up so far (keys are few; peeks are many). */
const KEY_SPELLINGS = new Map<string, readonly string[]>();

/** The spellings of a key: an `x-` key in both prefixes, any other key as it is. */
export function spellingsOf(key: string): readonly string[] {
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
 * The value of `key` in the schema itself (either spelling of an extension key, the
 * first present one), without following `$ref` or `allOf`; `undefined` when absent.
 */
export function ownKey(schema: JsonObject, key: string): JsonValue | undefined {
  for (const name of spellingsOf(key)) {
    if (Object.hasOwn(schema, name)) return schema[name];
  }
  return undefined;
}

/**
 * The first non-null value of `key` in the schema, its `$ref` target or its `allOf`
 * items (depth first), or `undefined`. A reference to the schema named `skipRef` reads
 * as nothing (a relationship's own keys, not its target's).
 *
 * @throws {SchemaProblem} for malformed `$ref` / `allOf` and circular references.
 */
export function peekKey(
  schema: JsonObject,
  schemas: Schemas,
  key: string,
  seen?: Set<string>,
  skipRef?: string,
): JsonValue | undefined {
  if (key.startsWith("x-")) {
    for (const name of spellingsOf(key)) {
      const value = schema[name];
      if (value !== undefined && value !== null) return value;
    }
  } else {
    const value = schema[key];
    if (value !== undefined && value !== null) return value;
  }
  const ref = schema.$ref;
  if (ref !== undefined && ref !== null) {
    seen ??= new Set();
    const [name, target] = followRef(ref, schemas, seen);
    if (name === skipRef) return undefined;
    return peekKey(target, schemas, key, seen, skipRef);
  }
  const allOf = schema.allOf;
  if (allOf !== undefined && allOf !== null) {
    seen ??= new Set();
    for (const item of allOfItems(allOf)) {
      const value = peekKey(item, schemas, key, seen, skipRef);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** Reads one value of a schema. */
export type Reader<T> = (schema: JsonObject, schemas: Schemas) => T | undefined;

/**
 * Reads a value preferring the schema's own `allOf` items over those that are
 * references (OpenAlchemy's `prefer_local`): a `$ref` is followed; of the `allOf`
 * items, those without `$ref` are tried first, in order, then those with one; a schema
 * with neither is read with `read`.
 *
 * @throws {SchemaProblem} for a malformed, dangling, remote or circular reference or a
 *   malformed `allOf`.
 */
export function preferLocal<T>(
  read: Reader<T>,
  schema: JsonObject,
  schemas: Schemas,
  seen?: Set<string>,
): T | undefined {
  const ref = schema.$ref;
  if (ref !== undefined && ref !== null) {
    seen ??= new Set();
    return preferLocal(read, followRef(ref, schemas, seen)[1], schemas, seen);
  }
  const allOf = schema.allOf;
  if (allOf === undefined || allOf === null) return read(schema, schemas);
  seen ??= new Set();
  const items = allOfItems(allOf);
  for (const item of items) {
    if (hasRef(item)) continue;
    const value = preferLocal(read, item, schemas, seen);
    if (value !== undefined) return value;
  }
  for (const item of items) {
    if (!hasRef(item)) continue;
    const value = preferLocal(read, item, schemas, seen);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Like {@link peekKey} but a local value wins over one reached through a reference. */
export function peekLocal(
  schema: JsonObject,
  schemas: Schemas,
  key: string,
): JsonValue | undefined {
  return preferLocal((part) => peekKey(part, schemas, key), schema, schemas);
}

/** A readable name of a JSON value's type, for messages. */
export function jsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isPythonInt(value)) return "an integer";
  if (isPythonFloat(value)) return "a number";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
