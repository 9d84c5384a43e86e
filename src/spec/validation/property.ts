/**
 * The checks of one property of a model, as OpenAlchemy 2.5 makes them: its type can be
 * worked out, then the checks of its kind — a simple or JSON column (`simple.ts`), a
 * back reference written as a `readOnly` property, or a relationship
 * (`relationship.ts`).
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { SchemaProblem } from "../schema/peek.ts";
import { propertiesItems, propertiesValues } from "../schema/iterate.ts";
import { boolKey, objectKey, readType, stringKey } from "../schema/values.ts";
import { checkRelationship } from "./relationship.ts";
import { checkJson, checkSimple } from "./simple.ts";
import { kindOf, SIMPLE_TYPES, TYPES } from "../schema/kind.ts";

/** Where a property sits. */
export interface PropertyPlace {
  /** All schemas. */
  readonly schemas: Schemas;
  /** The name of the model that has the property. */
  readonly model: string;
  /** The schema of the model that has the property. */
  readonly modelSchema: JsonObject;
  /** The property's name. */
  readonly propertyName: string;
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
  // OpenAlchemy's processing reads the items of every property, and their items, looking
  // for back references.
  const seen = new Set<JsonObject>();
  for (let items = objectKey("items")(schema, schemas); items !== undefined;) {
    if (seen.has(items)) throw new SchemaProblem("items that contain themselves");
    seen.add(items);
    items = objectKey("items")(items, schemas);
  }
  switch (kindOf(json, type, readOnly)) {
    case "json":
      return checkJson(schema, schemas);
    case "simple":
      return checkSimple(schema, schemas, type);
    case "backref":
      return checkBackrefProperty(schema, schemas, type);
    case "relationship":
      return checkRelationship(schema, place);
  }
}

/**
 * A back reference written as a property (`readOnly`): an object whose properties are
 * simple, or an array of such objects.
 */
function checkBackrefProperty(schema: JsonObject, schemas: Schemas, type: string): void {
  stringKey("description")(schema, schemas);
  if (type === "object") return checkBackrefObject(schema, schemas, "");
  const items = objectKey("items")(schema, schemas);
  if (items === undefined) throw new SchemaProblem("readOnly array properties must define items");
  if (readType(items, schemas) !== "object") {
    throw new SchemaProblem("items :: readOnly array items must have the object type");
  }
  checkBackrefObject(items, schemas, "items :: ");
}

function checkBackrefObject(schema: JsonObject, schemas: Schemas, where: string): void {
  for (const value of propertiesValues(schema, schemas)) {
    if (!isJsonObject(value)) {
      throw new SchemaProblem(`${where}value of properties must be a dictionary`);
    }
  }
  const items = propertiesItems(schema, schemas);
  const objects: [string, JsonObject][] = [];
  for (const [name, value] of items) {
    if (!isJsonObject(value)) {
      throw new SchemaProblem(`${where}${name} :: property values must be dictionaries`);
    }
    objects.push([name, value]);
  }
  for (const [name, value] of objects) {
    const type = readType(value, schemas);
    if (!SIMPLE_TYPES.has(type)) {
      throw new SchemaProblem(
        `${where}properties :: ${name} :: readOnly object properties do not support the ` +
          `${type} type`,
      );
    }
  }
}
