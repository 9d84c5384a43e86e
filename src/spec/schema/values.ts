/**
 * Typed readers of OpenAlchemy's keys, on {@link peekKey}: the checked ones (`readType`,
 * `stringKey`, `boolKey`, …) throw {@link SchemaProblem} when the value has the wrong JSON
 * type, as OpenAlchemy's peek functions do; the lenient ones (`typeOf`, `nullableOf`,
 * `key`) read what a checked reader already accepted.
 *
 * @module
 */

import {
  isJsonObject,
  isPythonFloat,
  isPythonInt,
  isPythonNumber,
  type JsonObject,
  jsonText,
  type JsonValue,
  numberValue,
  type Schemas,
} from "../../json.ts";
import { jsonTypeName, peekKey, type Reader, SchemaProblem } from "./peek.ts";

/** `key` read with {@link peekKey}, checked with `test`; `undefined` when absent. */
function expect<T extends JsonValue>(
  schema: JsonObject,
  schemas: Schemas,
  key: string,
  test: (value: JsonValue) => value is T,
  what: string,
): T | undefined {
  const value = peekKey(schema, schemas, key);
  if (value === undefined) return undefined;
  if (!test(value)) throw new SchemaProblem(`${key} must be ${what}, not ${jsonTypeName(value)}`);
  return value;
}

const isBool = (value: JsonValue): value is boolean => typeof value === "boolean";
const isString = (value: JsonValue): value is string => typeof value === "string";
const isObject = (value: JsonValue): value is JsonObject => isJsonObject(value);
/** A Python int (`maxLength: 1.0` is a float, refused as OpenAlchemy refuses it). */
const isInteger = (value: JsonValue): value is number | bigint => isPythonInt(value);

/**
 * The type of a property (OpenAlchemy's `peek.type_`): a string, or (OpenAPI 3.1) a list
 * whose entries other than `"null"` are exactly one string.
 *
 * @throws {SchemaProblem} when it is missing or malformed.
 */
export function readType(schema: JsonObject, schemas: Schemas): string {
  const value = peekKey(schema, schemas, "type");
  if (value === undefined) throw new SchemaProblem("every property requires a type");
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const types = value.filter((item) => item !== "null");
    if (types.length !== 1) {
      throw new SchemaProblem(
        'a type list must hold one type and optionally "null", e.g. ["string", "null"]',
      );
    }
    if (typeof types[0] === "string") return types[0];
  }
  throw new SchemaProblem(`type must be a string or a list of strings, not ${jsonTypeName(value)}`);
}

/** A reader of one key through both extension prefixes, `$ref` and `allOf`, unchecked. */
export function key(name: string): Reader<JsonValue> {
  return (schema, schemas) => peekKey(schema, schemas, name);
}

/** A value read elsewhere, checked to be a boolean (or absent). */
export function asBool(value: JsonValue | undefined, key: string): boolean | undefined {
  return check(value, key, isBool, "a boolean");
}

function check<T extends JsonValue>(
  value: JsonValue | undefined,
  key: string,
  test: (value: JsonValue) => value is T,
  what: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!test(value)) throw new SchemaProblem(`${key} must be ${what}, not ${jsonTypeName(value)}`);
  return value;
}

/** A checked reader of a string key (OpenAlchemy's peek functions). */
export function stringKey(name: string): Reader<string> {
  return STRING_READERS.get(name) ??
    remember(
      STRING_READERS,
      name,
      (schema, schemas) => expect<string>(schema, schemas, name, isString, "a string"),
    );
}

/** A checked reader of a boolean key. */
export function boolKey(name: string): Reader<boolean> {
  return BOOL_READERS.get(name) ??
    remember(
      BOOL_READERS,
      name,
      (schema, schemas) => expect<boolean>(schema, schemas, name, isBool, "a boolean"),
    );
}

/** A checked reader of an integer key (`maxLength`). */
export function integerKey(name: string): Reader<number | bigint> {
  return INTEGER_READERS.get(name) ??
    remember(
      INTEGER_READERS,
      name,
      (schema, schemas) => expect<number | bigint>(schema, schemas, name, isInteger, "an integer"),
    );
}

/** A checked reader of an object key (`x-kwargs`, `x-foreign-key-kwargs`, `items`). */
export function objectKey(name: string): Reader<JsonObject> {
  return OBJECT_READERS.get(name) ??
    remember(
      OBJECT_READERS,
      name,
      (schema, schemas) => expect<JsonObject>(schema, schemas, name, isObject, "an object"),
    );
}

// One reader per key and kind, made once: readers are asked for on every read.
const STRING_READERS = new Map<string, Reader<string>>();
const BOOL_READERS = new Map<string, Reader<boolean>>();
const INTEGER_READERS = new Map<string, Reader<number | bigint>>();
const OBJECT_READERS = new Map<string, Reader<JsonObject>>();

function remember<T>(readers: Map<string, Reader<T>>, name: string, reader: Reader<T>): Reader<T> {
  readers.set(name, reader);
  return reader;
}

/** `nullable` (checked to be a boolean), or whether a `type` list holds `"null"`. */
export function checkedNullable(schema: JsonObject, schemas: Schemas): boolean | undefined {
  boolKey("nullable")(schema, schemas);
  return nullableOf(schema, schemas);
}

/**
 * `type`, or the one entry of a `type` list that is not `"null"` (OpenAlchemy's
 * `peek.type_`).
 *
 * @throws {SchemaProblem} when there is no usable type.
 */
export function typeOf(schema: JsonObject, schemas: Schemas): string {
  const value = peekKey(schema, schemas, "type");
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    const types = value.filter((item) => item !== "null");
    if (types.length === 1 && typeof types[0] === "string") return types[0];
  }
  throw new SchemaProblem("every property requires a type");
}

/** `nullable`, or whether a `type` list holds `"null"`; undefined when neither is given. */
export function nullableOf(schema: JsonObject, schemas: Schemas): boolean | undefined {
  const nullable = peekKey(schema, schemas, "nullable");
  const type = peekKey(schema, schemas, "type");
  if (nullable === undefined && !Array.isArray(type)) return undefined;
  return nullable === true || (Array.isArray(type) && type.includes("null"));
}

/**
 * `x-mixins`, a single dotted path turned into a list of one.
 *
 * @throws {SchemaProblem} when it is neither a string nor a list of strings.
 */
export function mixinsOf(schema: JsonObject, schemas: Schemas): string[] | undefined {
  const value = peekKey(schema, schemas, "x-mixins");
  if (value === undefined) return undefined;
  if (typeof value === "string") return [value];
  const mixins: string[] = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item !== "string") {
      throw new SchemaProblem("x-mixins must be a string or a list of strings");
    }
    mixins.push(item);
  }
  return mixins;
}

/**
 * The column's `default`, checked to conform to its type (and maximum length), as
 * OpenAlchemy's `peek.default` checks it with a JSON Schema validator; `undefined` when
 * there is none.
 *
 * @throws {SchemaProblem} for a default that does not conform.
 */
export function defaultOf(schema: JsonObject, schemas: Schemas): JsonValue | undefined {
  const value = peekKey(schema, schemas, "default");
  if (value === undefined) return undefined;
  const type = readType(schema, schemas);
  stringKey("format")(schema, schemas);
  const maxLength = integerKey("maxLength")(schema, schemas);
  if (!conforms(value, type, maxLength)) {
    throw new SchemaProblem(
      `the default value does not conform to the schema, the value is ${jsonText(value)}`,
    );
  }
  return value;
}

/** Whether a default value is valid for the column's type (and maximum length). */
function conforms(value: JsonValue, type: string, maxLength: number | bigint | undefined): boolean {
  switch (type) {
    // A whole float (1.0) is an integer to OpenAlchemy's JSON Schema validator.
    case "integer":
      return isPythonInt(value) || (isPythonFloat(value) && Number.isInteger(numberValue(value)));
    case "number":
      return isPythonNumber(value);
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string" &&
        (maxLength === undefined || [...value].length <= maxLength);
    case "object":
      return isJsonObject(value);
    case "array":
      return Array.isArray(value);
    default:
      // A type JSON Schema does not know (OpenAlchemy's validator then fails).
      return false;
  }
}
