/**
 * Artifacts of a model (everything but its properties), as OpenAlchemy 2.5
 * `schemas/artifacts/model.py` records them.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { ownKey, preferLocal, SchemaProblem } from "../schema/peek.ts";
import { getParent } from "../schema/inheritance.ts";
import { backrefsItems } from "../schema/iterate.ts";
import { schemaInherits } from "../schema/models.ts";
import { key, mixinsOf, objectKey, stringKey } from "../schema/values.ts";
import { defined } from "./simple.ts";
import type {
  IndexArtifacts,
  ModelArtifacts,
  ModelBackrefArtifacts,
  UniqueArtifacts,
} from "./types.ts";

/** The model's artifacts without its properties. */
export function modelArtifacts(
  schema: JsonObject,
  schemas: Schemas,
): Omit<ModelArtifacts, "properties"> {
  const local = <T>(read: (schema: JsonObject, schemas: Schemas) => T | undefined) =>
    preferLocal(read, schema, schemas);
  const tablename = local(stringKey("x-tablename"));
  if (tablename === undefined) throw new SchemaProblem("the model has no x-tablename");
  const inherits = schemaInherits(schema, schemas);
  const compositeIndex = local(key<JsonValue>("x-composite-index"));
  const compositeUnique = local(key<JsonValue>("x-composite-unique"));
  const backrefs: [string, ModelBackrefArtifacts][] = [];
  for (const [name, backref] of backrefsItems(schema, schemas)) {
    if (isJsonObject(backref)) backrefs.push([name, modelBackref(backref)]);
  }
  return {
    tablename,
    ...defined({
      inherits,
      parent: inherits === true ? getParent(schema, schemas) : undefined,
      description: local(stringKey("description")),
      mixins: local(mixinsOf),
      kwargs: local(objectKey("x-kwargs")),
      compositeIndex: compositeIndex === undefined ? undefined : indexList(compositeIndex),
      compositeUnique: compositeUnique === undefined ? undefined : uniqueList(compositeUnique),
    }),
    backrefs,
  };
}

/** An `x-backrefs` entry: `{type: object, x-de-$ref}` or an array of those. */
function modelBackref(schema: JsonObject): ModelBackrefArtifacts {
  if (schema.type === "object") {
    return { type: "object", child: ownKey(schema, "x-de-$ref") as string };
  }
  if (schema.type === "array" && isJsonObject(schema.items)) {
    return { type: "array", child: ownKey(schema.items, "x-de-$ref") as string };
  }
  throw new SchemaProblem("an x-backrefs entry must be an object or an array");
}

/** `x-composite-index` in any of its forms as a list of `{expressions, name?, unique?}`. */
export function indexList(value: JsonValue): IndexArtifacts[] {
  if (isColumnList(value)) return [{ expressions: value }];
  if (Array.isArray(value) && value.length > 0 && value.every(isColumnList)) {
    return value.map((expressions) => ({ expressions: expressions as string[] }));
  }
  if (isJsonObject(value)) return [value as unknown as IndexArtifacts];
  return value as unknown as IndexArtifacts[];
}

/** `x-composite-unique` in any of its forms as a list of `{columns, name?}`. */
export function uniqueList(value: JsonValue): UniqueArtifacts[] {
  if (isColumnList(value)) return [{ columns: value }];
  if (Array.isArray(value) && value.length > 0 && value.every(isColumnList)) {
    return value.map((columns) => ({ columns: columns as string[] }));
  }
  if (isJsonObject(value)) return [value as unknown as UniqueArtifacts];
  return value as unknown as UniqueArtifacts[];
}

/** A non-empty list of strings. */
function isColumnList(value: JsonValue): value is string[] {
  return Array.isArray(value) && value.length > 0 &&
    value.every((item) => typeof item === "string");
}
