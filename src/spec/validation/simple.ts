/**
 * The checks of a simple column (integer, number, string, boolean) and of a JSON
 * column, as OpenAlchemy 2.5 makes them: type and format, maximum length and
 * autoincrement only where they apply, keyword arguments OpenAlchemy sets itself, the
 * type of every modifier, and a default that conforms to the column.
 *
 * @module
 */

import type { JsonObject, Schemas } from "../../json.ts";
import { peekKey, preferLocal, type Reader, SchemaProblem } from "../schema/peek.ts";
import { SIMPLE_TYPES } from "../schema/kind.ts";
import {
  boolKey,
  checkedNullable,
  defaultOf,
  integerKey,
  objectKey,
  readType,
  stringKey,
} from "../schema/values.ts";

/** The formats OpenAlchemy accepts per type (any for strings). */
const VALID_FORMATS: Record<string, ReadonlySet<string | undefined>> = {
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

/**
 * Checks a simple column (`type`, when given, is its type, read already).
 *
 * @throws {SchemaProblem} for the first thing wrong with it.
 */
export function checkSimple(
  schema: JsonObject,
  schemas: Schemas,
  type: string = readType(schema, schemas),
): void {
  const local = <T>(read: Reader<T>) => preferLocal(read, schema, schemas);
  if (!SIMPLE_TYPES.has(type)) throw new SchemaProblem(`${type} type is not supported`);
  const format = local(stringKey("format"));
  if (type !== "string" && !VALID_FORMATS[type].has(format)) {
    throw new SchemaProblem(`${format} format is not supported for ${type}`);
  }
  const formatText = format === undefined ? "" : ` ${format} format`;
  const maxLength = local(integerKey("maxLength"));
  if (
    maxLength !== undefined && (type !== "string" || format === "date" || format === "date-time")
  ) {
    throw new SchemaProblem(`${type}${formatText} does not support maxLength`);
  }
  const autoincrement = local(boolKey("x-autoincrement"));
  if (autoincrement !== undefined && type !== "integer") {
    throw new SchemaProblem(`${type}${formatText} does not support x-autoincrement`);
  }
  checkColumnKwargs(schema, schemas);
  local(checkedNullable);
  local(boolKey("x-primary-key"));
  local(boolKey("x-index"));
  local(boolKey("x-unique"));
  local(stringKey("description"));
  local((part) => defaultOf(part, schemas));
  local(stringKey("x-server-default"));
  local(boolKey("readOnly"));
  local(boolKey("writeOnly"));
  // Read (plainly) when the models file is written.
  boolKey("x-dict-ignore")(schema, schemas);
}

/**
 * Checks a JSON column (`x-json: true`).
 *
 * @throws {SchemaProblem} for the first thing wrong with it.
 */
export function checkJson(schema: JsonObject, schemas: Schemas): void {
  const local = <T>(read: Reader<T>) => preferLocal(read, schema, schemas);
  local(checkedNullable);
  local(stringKey("description"));
  local(boolKey("readOnly"));
  local(boolKey("writeOnly"));
  local(boolKey("x-index"));
  local(boolKey("x-unique"));
  local(boolKey("x-primary-key"));
  if (peekKey(schema, schemas, "x-autoincrement") !== undefined) {
    throw new SchemaProblem('json properties do not support "x-autoincrement"');
  }
  if (peekKey(schema, schemas, "x-server-default") !== undefined) {
    throw new SchemaProblem('json properties do not support "x-server-default"');
  }
  checkColumnKwargs(schema, schemas);
}

function checkColumnKwargs(schema: JsonObject, schemas: Schemas): void {
  const local = <T>(read: Reader<T>) => preferLocal(read, schema, schemas);
  const kwargs = local(objectKey("x-kwargs"));
  const reserved = RESERVED_COLUMN_KWARGS.find((key) => kwargs !== undefined && key in kwargs);
  if (reserved !== undefined) {
    throw new SchemaProblem(`x-kwargs :: may not contain the ${reserved} key`);
  }
  const foreignKey = local(stringKey("x-foreign-key"));
  const foreignKeyKwargs = local(objectKey("x-foreign-key-kwargs"));
  if (foreignKeyKwargs !== undefined && foreignKey === undefined) {
    throw new SchemaProblem("x-foreign-key-kwargs :: can only be defined alongside x-foreign-key");
  }
}
