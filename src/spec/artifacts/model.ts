/**
 * Artifacts of a model (everything but its properties), as OpenAlchemy 2.5
 * `schemas/artifacts/model.py` records them.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { ownKey, preferLocal, SchemaProblem } from "../schema/peek.ts";
import { compositeEntries } from "../schema/composite.ts";
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
  const compositeIndex = local(key("x-composite-index"));
  const compositeUnique = local(key("x-composite-unique"));
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
  if (schema.type === "object") return { type: "object", child: childOf(schema) };
  if (schema.type === "array" && isJsonObject(schema.items)) {
    return { type: "array", child: childOf(schema.items) };
  }
  throw new SchemaProblem("an x-backrefs entry must be an object or an array");
}

/** The model an `x-backrefs` entry points back to (`x-de-$ref`). */
function childOf(schema: JsonObject): string {
  const child = ownKey(schema, "x-de-$ref");
  if (typeof child !== "string") throw new SchemaProblem("an x-backrefs entry needs x-de-$ref");
  return child;
}

/** `x-composite-index` in any of its forms as a list of `{expressions, name?, unique?}`. */
export function indexList(value: JsonValue): IndexArtifacts[] {
  return compositeEntries(value, "x-composite-index").map(({ columns, ...rest }) => ({
    expressions: columns,
    ...rest,
  }));
}

/** `x-composite-unique` in any of its forms as a list of `{columns, name?}`. */
export function uniqueList(value: JsonValue): UniqueArtifacts[] {
  return compositeEntries(value, "x-composite-unique");
}
