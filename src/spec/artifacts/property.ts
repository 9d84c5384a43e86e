/**
 * Artifacts of any property: classified as OpenAlchemy 2.5 does
 * (`helpers/property_.calculate_type`) and read by the matching module.
 *
 * @module
 */

import type { JsonObject, Schemas } from "../../json.ts";
import { peekKey } from "../schema/peek.ts";
import { backrefArtifacts } from "./backref.ts";
import { jsonArtifacts } from "./json.ts";
import { typeOf } from "../schema/values.ts";
import { relationshipArtifacts } from "./relationship.ts";
import { simpleArtifacts } from "./simple.ts";
import type { PropertyArtifacts, PropertyKind } from "./types.ts";

const SIMPLE_TYPES = new Set(["integer", "number", "string", "boolean"]);

/**
 * The kind of a property: `x-json: true` → json; integer, number, string or boolean →
 * simple; `readOnly: true` → backref; anything else → relationship.
 */
export function propertyKind(schema: JsonObject, schemas: Schemas): PropertyKind {
  if (peekKey(schema, schemas, "x-json") === true) return "json";
  if (SIMPLE_TYPES.has(typeOf(schema, schemas))) return "simple";
  if (peekKey(schema, schemas, "readOnly") === true) return "backref";
  return "relationship";
}

/** Where a property sits. */
export interface PropertyContext {
  /** All schemas, to follow references. */
  schemas: Schemas;
  /** The schema of the model that has the property. */
  modelSchema: JsonObject;
  /** The property's name. */
  propertyName: string;
  /** Whether the property is in a `required` list of the model. */
  required: boolean;
}

/** The artifacts of one property of a model. */
export function propertyArtifacts(schema: JsonObject, context: PropertyContext): PropertyArtifacts {
  const { schemas, required } = context;
  switch (propertyKind(schema, schemas)) {
    case "simple":
      return simpleArtifacts(schema, schemas, required);
    case "json":
      return jsonArtifacts(schema, schemas, required);
    case "backref":
      return backrefArtifacts(schema, schemas);
    case "relationship":
      return relationshipArtifacts(schema, context);
  }
}
