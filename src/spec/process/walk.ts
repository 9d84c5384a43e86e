/**
 * The models processing walks, with their own properties (not those they inherit), in
 * OpenAlchemy's order.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { constructables, propertiesItems } from "../schema/iterate.ts";
import { SchemaProblem } from "../schema/peek.ts";
import { type RelationshipKind, relationshipKind } from "../schema/kind.ts";

/** A model and its own properties. */
export interface ModelWalk {
  /** The schema name. */
  readonly name: string;
  /** The model's own properties, in OpenAlchemy's order. */
  readonly properties: readonly PropertyWalk[];
}

/** One property of a model. */
export interface PropertyWalk {
  /** The property's name. */
  readonly name: string;
  /** Its schema. */
  readonly schema: JsonValue;
  /** Its relationship kind, or `null` for a column or a back reference. */
  readonly relationship: RelationshipKind | null;
}

/** Every model of the schemas with its own properties, each property's kind read once. */
export function modelWalks(schemas: Schemas): ModelWalk[] {
  return constructables(schemas).map(([name, model]) => ({
    name,
    properties: propertiesItems(model, schemas, { stayWithinModel: true }).map((
      [property, schema],
    ) => ({
      name: property,
      schema,
      relationship: isJsonObject(schema) ? relationshipKind(schema, schemas) : null,
    })),
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
