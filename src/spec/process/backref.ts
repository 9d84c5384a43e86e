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
import { peekKey, preferLocal, SchemaProblem } from "../schema/peek.ts";
import { boolKey, objectKey, stringKey } from "../schema/values.ts";
import { at } from "./at.ts";
import { type Addition, groupByModel } from "./group.ts";
import type { ModelWalk } from "./walk.ts";
import { referenced, refOf } from "../schema/relationship.ts";

/** Adds `x-backrefs` to the models relationships point back to, as OpenAlchemy does. */
export function addBackrefs(schemas: Schemas, models: readonly ModelWalk[]): void {
  const additions: Addition[] = [];
  for (const { name, properties } of models) {
    for (const { name: propertyName, schema: property } of properties) {
      if (!isJsonObject(property) || !definesBackref(property, schemas)) continue;
      additions.push(at([name, propertyName], () => backrefOf(name, property, schemas)));
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

/**
 * The back reference a property adds to the schema its `$ref` names (any property with
 * `x-backref`, a column's included, as in OpenAlchemy).
 *
 * @throws {SchemaProblem} when there is no `$ref` to put it on, or the `x-backref` is
 *   not where OpenAlchemy reads its value (the property's own `allOf` items first).
 */
function backrefOf(modelName: string, property: JsonObject, schemas: Schemas): Addition {
  const items = objectKey("items")(property, schemas);
  const source = items ?? property;
  const isArray = items !== undefined
    ? stringKey("x-secondary")(items, schemas) !== undefined
    : preferLocal(boolKey("x-uselist"), property, schemas) !== false;
  if (refOf(source, schemas) === undefined) {
    throw new SchemaProblem(
      "x-backref needs a $ref to the model that gets the back reference, and there is none",
    );
  }
  const [target] = referenced(source, schemas);
  const name = preferLocal(stringKey("x-backref"), source, schemas);
  if (name === undefined) {
    throw new SchemaProblem(
      "x-backref must be in the property's own allOf items, where OpenAlchemy reads it",
    );
  }
  const single: JsonObject = { type: "object", "x-de-$ref": modelName };
  return { model: target, name, value: isArray ? { type: "array", items: single } : single };
}
