/**
 * Artifacts of a JSON column (`x-json: true`), as OpenAlchemy 2.5
 * `schemas/artifacts/property_/json.py` records them.
 *
 * @module
 */

import type { JsonObject, Schemas } from "../../json.ts";
import { prepareDeep } from "../schema/merge.ts";
import { boolKey, checkedNullable, objectKey, stringKey } from "../schema/values.ts";
import { defined } from "./simple.ts";
import type { JsonPropertyArtifacts } from "./types.ts";

/** The artifacts of a JSON column. `required`: whether it is in a `required` list. */
export function jsonArtifacts(
  schema: JsonObject,
  schemas: Schemas,
  required: boolean,
): JsonPropertyArtifacts {
  const prepared = prepareDeep(schema, schemas);
  const read = <T>(reader: (schema: JsonObject, schemas: Schemas) => T | undefined) =>
    reader(prepared, schemas);
  const nullable = read(checkedNullable);
  const description = read(stringKey("description"));
  const readOnly = read(boolKey("readOnly"));
  const writeOnly = read(boolKey("writeOnly"));
  const primaryKey = read(boolKey("x-primary-key"));
  const index = read(boolKey("x-index"));
  const unique = read(boolKey("x-unique"));
  const foreignKey = read(stringKey("x-foreign-key"));
  const kwargs = read(objectKey("x-kwargs"));
  const foreignKeyKwargs = read(objectKey("x-foreign-key-kwargs"));

  const cleaned = withoutExtensions(prepared);
  cleaned["x-json"] = true;
  return {
    type: "json",
    required,
    ...defined({ description }),
    schema: cleaned,
    openApi: defined({ nullable, readOnly, writeOnly }),
    extension: {
      primaryKey: primaryKey === true,
      ...defined({ index, unique, foreignKey, kwargs, foreignKeyKwargs }),
    },
  };
}

/** A copy of the schema without its top-level `x-…` keys. */
export function withoutExtensions(schema: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(schema)) {
    if (!name.startsWith("x-")) out[name] = value;
  }
  return out;
}
