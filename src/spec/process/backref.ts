/**
 * Back references OpenAlchemy 2.5 records on the referenced model
 * (`schemas/backref.py`): a relationship with `x-backref: employees` on Employee →
 * Division adds `{"x-backrefs": {"employees": {"type": "array", "items": {"type":
 * "object", "x-de-$ref": "Employee"}}}}` to Division, as `{"allOf": [model, {…}]}`,
 * models in name order. Many-to-one and many-to-many back references are arrays;
 * one-to-one and one-to-many ones a single object.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { peekKey, peekLocal } from "../schema/peek.ts";
import { type Addition, groupByModel } from "./group.ts";
import { constructables, propertiesItems } from "../schema/iterate.ts";
import { referenced } from "../schema/relationship.ts";

/** Adds `x-backrefs` to the models relationships point back to, as OpenAlchemy does. */
export function addBackrefs(schemas: Schemas): void {
  const additions: Addition[] = [];
  for (const [name, schema] of constructables(schemas)) {
    for (const [, property] of propertiesItems(schema, schemas, { stayWithinModel: true })) {
      if (!isJsonObject(property) || !definesBackref(property, schemas)) continue;
      additions.push(backrefOf(name, property, schemas));
    }
  }
  for (const [model, backrefs] of groupByModel(additions)) {
    schemas[model] = { allOf: [schemas[model], { type: "object", "x-backrefs": backrefs }] };
  }
}

/** Whether the property (or its items, for an array) has `x-backref`. */
function definesBackref(schema: JsonObject, schemas: Schemas): boolean {
  const items = peekKey(schema, schemas, "items");
  if (isJsonObject(items)) return definesBackref(items, schemas);
  return peekKey(schema, schemas, "x-backref") !== undefined;
}

function backrefOf(modelName: string, property: JsonObject, schemas: Schemas): Addition {
  const items = peekKey(property, schemas, "items");
  const source = isJsonObject(items) ? items : property;
  const isArray = isJsonObject(items)
    ? peekKey(items, schemas, "x-secondary") !== undefined
    : peekLocal(property, schemas, "x-uselist") !== false;
  const [target] = referenced(source, schemas);
  const single: JsonObject = { type: "object", "x-de-$ref": modelName };
  return {
    model: target,
    name: peekLocal(source, schemas, "x-backref") as string,
    value: isArray ? { type: "array", items: single } : single,
  };
}
