/**
 * Artifacts of any property: classified as OpenAlchemy 2.5 does
 * (`helpers/property_.calculate_type`) and read by the matching module.
 *
 * @module
 */

import type { JsonObject, Schemas } from "../../json.ts";
import { backrefArtifacts } from "./backref.ts";
import { jsonArtifacts } from "./json.ts";
import { kindOf, SIMPLE_TYPES } from "../schema/kind.ts";
import { boolKey, readType } from "../schema/values.ts";
import { relationshipArtifacts } from "./relationship.ts";
import { simpleArtifacts } from "./simple.ts";
import type { PropertyArtifacts } from "./types.ts";

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
  const json = boolKey("x-json")(schema, schemas);
  const type = json === true ? "" : readType(schema, schemas);
  const readOnly = json === true || SIMPLE_TYPES.has(type)
    ? undefined
    : boolKey("readOnly")(schema, schemas);
  switch (kindOf(json, type, readOnly)) {
    case "simple":
      return simpleArtifacts(schema, schemas, required, type);
    case "json":
      return jsonArtifacts(schema, schemas, required);
    case "backref":
      return backrefArtifacts(schema, schemas);
    case "relationship":
      return relationshipArtifacts(schema, context);
  }
}
