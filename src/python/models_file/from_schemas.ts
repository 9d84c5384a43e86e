/**
 * Reads the models file input ({@link ModelInput}) from processed schemas, following
 * OpenAlchemy's schema artifacts (`get_from_schemas(stay_within_model=False)`):
 * constructable schemas in order, their properties through `$ref` and `allOf`
 * (non-`$ref` parts first), and the `x-backrefs` that processing added.
 *
 * The schemas are assumed valid (validation ran before); malformed parts are skipped
 * rather than reported.
 *
 * @module
 */

import { SpecValidationError } from "../../errors.ts";
import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import type {
  BackrefProperty,
  ModelBackref,
  ModelInput,
  ModelProperty,
  RelationshipProperty,
} from "./input.ts";

const SIMPLE_TYPES = new Set(["integer", "number", "string", "boolean"]);
const REF_PREFIX = "#/components/schemas/";

/**
 * The models of the schemas, in schema order, as the models file needs them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { modelsFromSchemas } from "./from_schemas.ts";
 * const models = modelsFromSchemas({
 *   Pet: { type: "object", "x-tablename": "pet", properties: { id: { type: "integer" } } },
 * });
 * assert.equal(models[0].name, "Pet");
 * assert.equal(models[0].properties[0][0], "id");
 * ```
 */
export function modelsFromSchemas(schemas: Schemas): ModelInput[] {
  const models: ModelInput[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isJsonObject(schema) || !isConstructableOrFalse(schema, schemas)) continue;
    models.push(modelFromSchema(name, schema, schemas));
  }
  return models;
}

function modelFromSchema(name: string, schema: JsonObject, schemas: Schemas): ModelInput {
  const required = new Set<string>();
  for (const list of keyValues(schema, schemas, "required")) {
    if (!Array.isArray(list)) continue;
    for (const item of list) if (typeof item === "string") required.add(item);
  }
  const properties: [string, ModelProperty][] = [];
  const seen = new Set<string>();
  for (const value of keyValues(schema, schemas, "properties")) {
    if (!isJsonObject(value)) continue;
    for (const [propertyName, propertySchema] of Object.entries(value)) {
      if (seen.has(propertyName) || !isJsonObject(propertySchema)) continue;
      seen.add(propertyName);
      const property = withPath(
        [name, propertyName],
        () => propertyFromSchema(propertySchema, schemas, required.has(propertyName)),
      );
      properties.push([propertyName, property]);
    }
  }
  const backrefs: [string, ModelBackref][] = [];
  const seenBackrefs = new Set<string>();
  for (const value of keyValues(schema, schemas, "x-backrefs")) {
    if (!isJsonObject(value)) continue;
    for (const [backrefName, backrefSchema] of Object.entries(value)) {
      if (seenBackrefs.has(backrefName) || !isJsonObject(backrefSchema)) continue;
      seenBackrefs.add(backrefName);
      const backref = modelBackref(backrefSchema);
      if (backref !== undefined) backrefs.push([backrefName, backref]);
    }
  }
  const description = withPath(
    [name],
    () => asString(preferLocalPeek(schema, schemas, "description"), "description"),
  );
  return {
    name,
    description,
    properties,
    backrefs,
  };
}

function modelBackref(schema: JsonObject): ModelBackref | undefined {
  if (schema.type === "object" && typeof schema["x-de-$ref"] === "string") {
    return { shape: "object", child: schema["x-de-$ref"] };
  }
  const items = schema.items;
  if (isJsonObject(items) && typeof items["x-de-$ref"] === "string") {
    return { shape: "array", child: items["x-de-$ref"] };
  }
  return undefined;
}

function propertyFromSchema(
  schema: JsonObject,
  schemas: Schemas,
  required: boolean,
): ModelProperty {
  const typeValue = peek(schema, schemas, "type");
  const type = typeOf(typeValue);
  if (peek(schema, schemas, "x-json") === true) {
    return {
      kind: "json",
      required,
      description: asString(peek(schema, schemas, "description"), "description"),
      nullable: nullableOf(schema, schemas),
      readOnly: asBoolean(peek(schema, schemas, "readOnly"), "readOnly"),
      writeOnly: asBoolean(peek(schema, schemas, "writeOnly"), "writeOnly"),
    };
  }
  if (type !== undefined && SIMPLE_TYPES.has(type)) {
    const local = <T>(key: string, check: (value: JsonValue | undefined, key: string) => T) =>
      check(preferLocalPeek(schema, schemas, key), key);
    const defaultValue = preferLocalPeek(schema, schemas, "default");
    return {
      kind: "simple",
      required,
      type,
      format: local("format", asString),
      description: local("description", asString),
      nullable: preferLocalNullable(schema, schemas),
      default: defaultValue === null ? undefined : defaultValue,
      readOnly: local("readOnly", asBoolean),
      writeOnly: local("writeOnly", asBoolean),
      autoincrement: local("x-autoincrement", asBoolean),
      serverDefault: local("x-server-default", asString),
      dictIgnore: asBoolean(peek(schema, schemas, "x-dict-ignore"), "x-dict-ignore"),
    };
  }
  if (peek(schema, schemas, "readOnly") === true) {
    const backref: BackrefProperty = {
      kind: "backref",
      shape: type === "array" ? "array" : "object",
      description: asString(peek(schema, schemas, "description"), "description"),
    };
    return backref;
  }
  return relationshipFromSchema(schema, schemas, required, type);
}

function relationshipFromSchema(
  schema: JsonObject,
  schemas: Schemas,
  required: boolean,
  type: string | undefined,
): RelationshipProperty {
  if (type === "array") {
    const items = peek(schema, schemas, "items");
    const itemsSchema = isJsonObject(items) ? items : {};
    const parent = refName(asString(peek(itemsSchema, schemas, "$ref"), "$ref"));
    const secondary = peek(itemsSchema, schemas, "x-secondary");
    return {
      kind: "relationship",
      relationship: secondary === undefined ? "one-to-many" : "many-to-many",
      parent,
      required,
      description: asString(peek(schema, schemas, "description", parent), "description"),
      writeOnly: asBoolean(peek(schema, schemas, "writeOnly", parent), "writeOnly"),
    };
  }
  const parent = refName(asString(peek(schema, schemas, "$ref"), "$ref"));
  const uselist = peek(schema, schemas, "x-uselist");
  return {
    kind: "relationship",
    relationship: uselist === false ? "one-to-one" : "many-to-one",
    parent,
    required,
    description: asString(peek(schema, schemas, "description", parent), "description"),
    writeOnly: asBoolean(peek(schema, schemas, "writeOnly", parent), "writeOnly"),
    nullable: preferLocalNullable(schema, schemas),
  };
}

/** `iterate.constructable`: a schema whose check fails is not constructable. */
function isConstructableOrFalse(schema: JsonObject, schemas: Schemas): boolean {
  try {
    return isConstructable(schema, schemas);
  } catch (error) {
    if (error instanceof SpecValidationError) return false;
    throw error;
  }
}

/** `schema.constructable`: a table name or inheritance, and not only a local `$ref`. */
function isConstructable(schema: JsonObject, schemas: Schemas): boolean {
  const ref = schema.$ref;
  if (ref !== undefined && ref !== null && (typeof ref !== "string" || ref.startsWith("#"))) {
    return false;
  }
  const allOf = schema.allOf;
  if (allOf !== undefined && allOf !== null && (!Array.isArray(allOf) || allOf.length < 2)) {
    if (!Array.isArray(allOf) || allOf.length === 0 || !isJsonObject(allOf[0])) return false;
    return isConstructable(allOf[0], schemas);
  }
  const inherits = peek(schema, schemas, "x-inherits");
  return peek(schema, schemas, "x-tablename") !== undefined ||
    (inherits !== undefined && inherits !== false);
}

function refName(ref: string | undefined): string {
  if (ref === undefined || !ref.startsWith(REF_PREFIX)) return "";
  return ref.slice(REF_PREFIX.length);
}

/** The schema a `$ref` points at; throws, as OpenAlchemy does, when there is none. */
function resolveRef(schema: JsonObject, schemas: Schemas): JsonObject | undefined {
  const ref = schema.$ref;
  if (typeof ref !== "string") return undefined;
  const target = ref.startsWith(REF_PREFIX) ? schemas[refName(ref)] : undefined;
  if (!isJsonObject(target)) {
    throw new SpecValidationError(
      `cannot generate the models file: $ref ${JSON.stringify(ref)} does not name a schema`,
    );
  }
  return target;
}

/** OpenAlchemy's extension keys may also be spelled `x-open-alchemy-...`. */
function keyVariants(key: string): string[] {
  return key.startsWith("x-") ? [key, key.replace("x-", "x-open-alchemy-")] : [key];
}

/** `peek_key`: the key in the schema, else behind `$ref`, else in `allOf` order. */
function peek(
  schema: JsonObject,
  schemas: Schemas,
  key: string,
  skipRef?: string,
  seen: Set<string> = new Set(),
): JsonValue | undefined {
  for (const variant of keyVariants(key)) {
    const value = schema[variant];
    if (value !== undefined && value !== null) return value;
  }
  if (typeof schema.$ref === "string") {
    if (seen.has(schema.$ref)) return undefined;
    seen.add(schema.$ref);
    if (skipRef !== undefined && refName(schema.$ref) === skipRef) return undefined;
    const target = resolveRef(schema, schemas);
    return target === undefined ? undefined : peek(target, schemas, key, skipRef, seen);
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) {
      if (!isJsonObject(part)) continue;
      const value = peek(part, schemas, key, skipRef, seen);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** `prefer_local`: through `$ref`, and in `allOf` the parts without `$ref` first. */
function preferLocal<T>(
  schema: JsonObject,
  schemas: Schemas,
  get: (schema: JsonObject) => T | undefined,
  seen: Set<string> = new Set(),
): T | undefined {
  if (typeof schema.$ref === "string") {
    if (seen.has(schema.$ref)) return undefined;
    seen.add(schema.$ref);
    const target = resolveRef(schema, schemas);
    return target === undefined ? undefined : preferLocal(target, schemas, get, seen);
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.filter(isJsonObject);
    const ordered = [
      ...parts.filter((part) => part.$ref === undefined),
      ...parts.filter((part) => part.$ref !== undefined),
    ];
    for (const part of ordered) {
      const value = preferLocal(part, schemas, get, seen);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  return get(schema);
}

function preferLocalPeek(schema: JsonObject, schemas: Schemas, key: string) {
  return preferLocal(schema, schemas, (part) => peek(part, schemas, key));
}

function preferLocalNullable(schema: JsonObject, schemas: Schemas): boolean | undefined {
  return preferLocal(schema, schemas, (part) => nullableOf(part, schemas));
}

/** `peek.nullable`: `nullable`, or `"null"` in a type array. */
function nullableOf(schema: JsonObject, schemas: Schemas): boolean | undefined {
  const nullable = peek(schema, schemas, "nullable");
  const type = peek(schema, schemas, "type");
  if (nullable === undefined && !Array.isArray(type)) return undefined;
  return nullable === true || (Array.isArray(type) && type.includes("null"));
}

function typeOf(value: JsonValue | undefined): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const types = value.filter((item) => item !== "null");
    return typeof types[0] === "string" ? types[0] : undefined;
  }
  return undefined;
}

/** `_any_key`: every value of `key` through `$ref` and `allOf` (non-`$ref` first). */
function keyValues(
  schema: JsonObject,
  schemas: Schemas,
  key: string,
  seen: Set<string> = new Set(),
): JsonValue[] {
  const values: JsonValue[] = [];
  if (typeof schema.$ref === "string" && !seen.has(schema.$ref)) {
    seen.add(schema.$ref);
    const target = resolveRef(schema, schemas);
    if (target !== undefined) values.push(...keyValues(target, schemas, key, seen));
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.filter(isJsonObject);
    const hasRef = (part: JsonObject) => peek(part, schemas, "$ref") !== undefined;
    for (const part of parts.filter((part) => !hasRef(part))) {
      values.push(...keyValues(part, schemas, key, seen));
    }
    for (const part of parts.filter(hasRef)) {
      values.push(...keyValues(part, schemas, key, seen));
    }
  }
  const value = schema[key];
  if (value !== undefined && value !== null) values.push(value);
  return values;
}

/** A string value; throws, as OpenAlchemy's `peek` does, for another type. */
function asString(value: JsonValue | undefined, key: string): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  throw new SpecValidationError(`cannot generate the models file: ${key} must be a string`);
}

/** A boolean value; throws, as OpenAlchemy's `peek` does, for another type. */
function asBoolean(value: JsonValue | undefined, key: string): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value;
  throw new SpecValidationError(`cannot generate the models file: ${key} must be a boolean`);
}

/** Runs `read`, adding `path` to a {@link SpecValidationError} that has none. */
function withPath<T>(path: readonly string[], read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof SpecValidationError && error.path.length === 0) {
      throw new SpecValidationError(error.reason, path);
    }
    throw error;
  }
}
