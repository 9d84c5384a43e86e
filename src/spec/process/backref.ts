/**
 * Back references OpenAlchemy records on the referenced model: a relationship with
 * `x-backref: employees` on Employee → Division adds
 * `{"x-backrefs": {"employees": {"type": "array", "items": {"type": "object",
 * "x-de-$ref": "Employee"}}}}` to Division, as `{"allOf": [model, {…}]}`, models in name
 * order.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { peekKey, peekLocal, resolveRef } from "../helpers/peek.ts";
import { modelNames, modelProperties, modelSchema } from "../validation/mod.ts";

interface Backref {
  /** The model that gets the back reference. */
  model: string;
  name: string;
  schema: JsonObject;
}

function backrefOf(schemas: Schemas, modelName: string, property: JsonObject): Backref | null {
  const items = peekKey(property, schemas, "items");
  const source = isJsonObject(items) ? items : property;
  const name = peekLocal(source, schemas, "x-backref");
  if (typeof name !== "string") return null;
  const isArray = isJsonObject(items)
    ? peekKey(items, schemas, "x-secondary") !== undefined
    : peekLocal(property, schemas, "x-uselist") !== false;
  const [target] = resolveRef(peekKey(source, schemas, "$ref"), schemas);
  const single: JsonObject = { type: "object", "x-de-$ref": modelName };
  return { model: target, name, schema: isArray ? { type: "array", items: single } : single };
}

/** Adds `x-backrefs` to the models relationships point back to, as OpenAlchemy does. */
export function addBackrefs(schemas: Schemas): void {
  const found: Backref[] = [];
  for (const name of modelNames(schemas as Record<string, JsonObject>)) {
    const schema = modelSchema(schemas[name] as JsonObject, schemas);
    for (const [, property] of modelProperties(schema, schemas)) {
      if (!isJsonObject(property)) continue;
      const backref = backrefOf(schemas, name, property);
      if (backref) found.push(backref);
    }
  }
  const sorted = [...found].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  const byModel = new Map<string, JsonObject>();
  for (const backref of sorted) {
    const backrefs = byModel.get(backref.model) ?? {};
    backrefs[backref.name] = backref.schema;
    byModel.set(backref.model, backrefs);
  }
  for (const [model, backrefs] of byModel) {
    schemas[model] = { allOf: [schemas[model], { type: "object", "x-backrefs": backrefs }] };
  }
}
