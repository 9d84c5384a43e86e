/**
 * The models processing walks, with their own properties (not those they inherit), in
 * OpenAlchemy's order.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { constructables, propertiesItems } from "../schema/iterate.ts";
import { SchemaProblem } from "../schema/peek.ts";

/** A model and its own properties. */
export interface ModelWalk {
  /** The schema name. */
  readonly name: string;
  /** The model's own properties, `[name, schema]`, in OpenAlchemy's order. */
  readonly properties: readonly (readonly [string, JsonValue])[];
}

/** Every model of the schemas with its own properties. */
export function modelWalks(schemas: Schemas): ModelWalk[] {
  return constructables(schemas).map(([name, schema]) => ({
    name,
    properties: propertiesItems(schema, schemas, { stayWithinModel: true }),
  }));
}

/**
 * A model's schema as it is now (an earlier step may have wrapped it in `allOf`).
 *
 * @throws {SchemaProblem} when it is not an object (it always is after validation).
 */
export function currentSchema(schemas: Schemas, name: string): JsonObject {
  const schema = schemas[name];
  if (!isJsonObject(schema)) throw new SchemaProblem(`the schema ${name} must be an object`);
  return schema;
}
