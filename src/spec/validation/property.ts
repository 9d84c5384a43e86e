/**
 * The checks of one property of a model: its type, then the checks of its kind —
 * simple column, JSON column, back reference written as a property, or relationship
 * (`relationship.ts`).
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { jsonTypeName, peekKey, SchemaProblem } from "../schema/peek.ts";
import {
  boolKey,
  readBool,
  readInteger,
  readNullable,
  readObject,
  readString,
  readType,
} from "../schema/values.ts";
import { checkRelationship } from "./relationship.ts";

/** The property types OpenAlchemy knows. */
const SIMPLE_TYPES = new Set(["integer", "number", "string", "boolean"]);
const TYPES = new Set([...SIMPLE_TYPES, "object", "array"]);

/** The formats OpenAlchemy accepts per type (any for strings). */
const VALID_FORMATS: Record<string, Set<string | undefined>> = {
  integer: new Set([undefined, "int32", "int64"]),
  number: new Set([undefined, "float"]),
  boolean: new Set([undefined]),
};

/** Column keyword arguments OpenAlchemy sets itself. */
const RESERVED_COLUMN_KWARGS = [
  "nullable",
  "default",
  "server_default",
  "primary_key",
  "autoincrement",
  "index",
  "unique",
];

/** Where a property sits. */
export interface PropertyPlace {
  /** All schemas. */
  readonly schemas: Schemas;
  /** The name of the model that has the property. */
  readonly model: string;
  /** The schema of that model. */
  readonly modelSchema: JsonObject;
}

/**
 * Checks one property of a model.
 *
 * @throws {SchemaProblem} for the first thing wrong with it.
 */
export function checkProperty(schema: JsonObject, place: PropertyPlace): void {
  const { schemas } = place;
  const type = readType(schema, schemas);
  if (!TYPES.has(type)) throw new SchemaProblem(`${type} is not a supported type`);
  const json = boolKey("x-json")(schema, schemas);
  const readOnly = boolKey("readOnly")(schema, schemas);
  boolKey("writeOnly")(schema, schemas);
  const items = peekKey(schema, schemas, "items");
  if (items !== undefined && !isJsonObject(items)) {
    throw new SchemaProblem(`items must be an object, not ${jsonTypeName(items)}`);
  }
  if (json === true) return checkJson(schema, schemas);
  if (SIMPLE_TYPES.has(type)) return checkSimple(schema, schemas, type);
  if (readOnly === true) return checkBackref(schema, schemas, type);
  return checkRelationship(schema, type, place);
}

function checkColumnModifiers(schema: JsonObject, schemas: Schemas): void {
  readNullable(schema, schemas);
  readString(schema, schemas, "description");
  for (const key of ["x-primary-key", "x-index", "x-unique", "x-dict-ignore"]) {
    readBool(schema, schemas, key);
  }
  const kwargs = readObject(schema, schemas, "x-kwargs");
  if (kwargs) {
    const reserved = RESERVED_COLUMN_KWARGS.find((key) => key in kwargs);
    if (reserved) throw new SchemaProblem(`x-kwargs :: may not contain the ${reserved} key`);
  }
  const foreignKey = readString(schema, schemas, "x-foreign-key");
  const foreignKeyKwargs = readObject(schema, schemas, "x-foreign-key-kwargs");
  if (foreignKeyKwargs !== undefined && foreignKey === undefined) {
    throw new SchemaProblem("x-foreign-key-kwargs :: can only be defined alongside x-foreign-key");
  }
}

function checkSimple(schema: JsonObject, schemas: Schemas, type: string): void {
  const format = readString(schema, schemas, "format");
  if (type !== "string" && !VALID_FORMATS[type].has(format)) {
    throw new SchemaProblem(`${format} format is not supported for ${type}`);
  }
  const formatText = format === undefined ? "" : ` ${format} format`;
  const maxLength = readInteger(schema, schemas, "maxLength");
  if (
    maxLength !== undefined && (type !== "string" || format === "date" || format === "date-time")
  ) {
    throw new SchemaProblem(`${type}${formatText} does not support maxLength`);
  }
  const autoincrement = readBool(schema, schemas, "x-autoincrement");
  if (autoincrement !== undefined && type !== "integer") {
    throw new SchemaProblem(`${type}${formatText} does not support x-autoincrement`);
  }
  checkColumnModifiers(schema, schemas);
  readString(schema, schemas, "x-server-default");
  const value = peekKey(schema, schemas, "default");
  if (value !== undefined && !conforms(value, type, maxLength)) {
    throw new SchemaProblem(
      `the default value does not conform to the schema, the value is ${JSON.stringify(value)}`,
    );
  }
}

/** Whether a default value is valid for the column's type (and maximum length). */
function conforms(value: JsonValue, type: string, maxLength: number | undefined): boolean {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    default:
      return typeof value === "string" &&
        (maxLength === undefined || [...value].length <= maxLength);
  }
}

function checkJson(schema: JsonObject, schemas: Schemas): void {
  checkColumnModifiers(schema, schemas);
  if (peekKey(schema, schemas, "x-autoincrement") !== undefined) {
    throw new SchemaProblem('json properties do not support "x-autoincrement"');
  }
  if (peekKey(schema, schemas, "x-server-default") !== undefined) {
    throw new SchemaProblem('json properties do not support "x-server-default"');
  }
}

function checkBackref(schema: JsonObject, schemas: Schemas, type: string): void {
  readString(schema, schemas, "description");
  if (type === "array") {
    const items = peekKey(schema, schemas, "items");
    if (!isJsonObject(items)) throw new SchemaProblem("items must be an object");
  }
}
