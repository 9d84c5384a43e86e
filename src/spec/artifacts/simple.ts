/**
 * Artifacts of a simple column (integer, number, string, boolean), as OpenAlchemy 2.5
 * `schemas/artifacts/property_/simple.py` records them.
 *
 * @module
 */

import type { JsonObject, Schemas } from "../../json.ts";
import { preferLocal, SchemaProblem } from "../schema/peek.ts";
import {
  boolKey,
  checkedNullable,
  defaultOf,
  integerKey,
  objectKey,
  stringKey,
  typeOf,
} from "../schema/values.ts";
import { isColumnDefault, type SimplePropertyArtifacts } from "./types.ts";

/**
 * The artifacts of a simple column. `required`: whether it is in a `required` list;
 * `type`, when given: its type, read already.
 */
export function simpleArtifacts(
  schema: JsonObject,
  schemas: Schemas,
  required: boolean,
  type: string = typeOf(schema, schemas),
): SimplePropertyArtifacts {
  const local = <T>(read: (schema: JsonObject, schemas: Schemas) => T | undefined) =>
    preferLocal(read, schema, schemas);
  const format = local(stringKey("format"));
  const maxLength = local(integerKey("maxLength"));
  const nullable = local(checkedNullable);
  const description = local(stringKey("description"));
  const defaultValue = local((part) => defaultOf(part, schemas));
  if (defaultValue !== undefined && !isColumnDefault(defaultValue)) {
    throw new SchemaProblem("the default of a column must be a string, a number or a boolean");
  }
  const serverDefault = local(stringKey("x-server-default"));
  const readOnly = local(boolKey("readOnly"));
  const writeOnly = local(boolKey("writeOnly"));
  const primaryKey = local(boolKey("x-primary-key"));
  const autoincrement = local(boolKey("x-autoincrement"));
  const index = local(boolKey("x-index"));
  const unique = local(boolKey("x-unique"));
  const foreignKey = local(stringKey("x-foreign-key"));
  const kwargs = local(objectKey("x-kwargs"));
  const foreignKeyKwargs = local(objectKey("x-foreign-key-kwargs"));
  const dictIgnore = boolKey("x-dict-ignore")(schema, schemas);

  const columnSchema: JsonObject = { type };
  if (format !== undefined) columnSchema.format = format;
  if (maxLength !== undefined) columnSchema.maxLength = maxLength;
  if (description !== undefined) columnSchema.description = description;
  if (nullable !== undefined) columnSchema.nullable = nullable;
  if (defaultValue !== undefined) columnSchema.default = defaultValue;
  if (readOnly !== undefined) columnSchema.readOnly = readOnly;
  if (writeOnly !== undefined) columnSchema.writeOnly = writeOnly;
  if (dictIgnore !== undefined) columnSchema["x-dict-ignore"] = dictIgnore;

  return {
    type: "simple",
    required,
    ...defined({ description }),
    schema: columnSchema,
    openApi: {
      type,
      ...defined({ format, maxLength, nullable, default: defaultValue, readOnly, writeOnly }),
    },
    extension: {
      primaryKey: primaryKey === true,
      ...defined({
        autoincrement,
        index,
        unique,
        serverDefault,
        foreignKey,
        kwargs,
        foreignKeyKwargs,
        dictIgnore,
      }),
    },
  };
}

/** The entries of an object whose value is not undefined. */
export function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const name in values) {
    const value = values[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
