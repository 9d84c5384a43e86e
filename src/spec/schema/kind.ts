/**
 * What kind of property a schema is, as OpenAlchemy 2.5 classifies it
 * (`helpers/property_.calculate_type`, `helpers/relationship.calculate_type`): a simple
 * column, a JSON column, a back reference written as a property, or a relationship of
 * one of four kinds.
 *
 * @module
 */

import type { JsonObject, Schemas } from "../../json.ts";
import { preferLocal, SchemaProblem } from "./peek.ts";
import { boolKey, objectKey, readType, stringKey } from "./values.ts";

/** The types of simple columns. */
export const SIMPLE_TYPES: ReadonlySet<string> = new Set([
  "integer",
  "number",
  "string",
  "boolean",
]);

/** Every property type OpenAlchemy knows. */
export const TYPES: ReadonlySet<string> = new Set([...SIMPLE_TYPES, "object", "array"]);

/** The kind of a property. */
export type PropertyKind = "simple" | "json" | "relationship" | "backref";

/** The four kinds of relationship. */
export type RelationshipKind = "many-to-one" | "one-to-one" | "one-to-many" | "many-to-many";

/**
 * The kind of a property: `x-json: true` → json; integer, number, string or boolean →
 * simple; `readOnly: true` → backref; anything else → relationship.
 *
 * @throws {SchemaProblem} when its type, `x-json` or `readOnly` cannot be read.
 */
export function propertyKind(schema: JsonObject, schemas: Schemas): PropertyKind {
  if (boolKey("x-json")(schema, schemas) === true) return "json";
  const type = readType(schema, schemas);
  if (SIMPLE_TYPES.has(type)) return "simple";
  return kindOf(false, type, boolKey("readOnly")(schema, schemas));
}

/** The kind of a property from its `x-json`, its type and `readOnly`, read already. */
export function kindOf(
  json: boolean | undefined,
  type: string,
  readOnly: boolean | undefined,
): PropertyKind {
  if (json === true) return "json";
  if (SIMPLE_TYPES.has(type)) return "simple";
  if (readOnly === true) return "backref";
  return "relationship";
}

/**
 * The kind of a relationship: an object is one-to-one with `x-uselist: false`, else
 * many-to-one; an array is many-to-many when its items have `x-secondary`, else
 * one-to-many.
 *
 * @throws {SchemaProblem} when what decides it cannot be read (an array without items).
 */
export function relationshipKindOf(schema: JsonObject, schemas: Schemas): RelationshipKind {
  if (readType(schema, schemas) === "object") {
    return preferLocal(boolKey("x-uselist"), schema, schemas) === false
      ? "one-to-one"
      : "many-to-one";
  }
  const items = objectKey("items")(schema, schemas);
  if (items === undefined) throw new SchemaProblem("array relationships must define items");
  return stringKey("x-secondary")(items, schemas) !== undefined ? "many-to-many" : "one-to-many";
}

/** The relationship kind of a property, or `null` for a column or a back reference. */
export function relationshipKind(schema: JsonObject, schemas: Schemas): RelationshipKind | null {
  if (propertyKind(schema, schemas) !== "relationship") return null;
  return relationshipKindOf(schema, schemas);
}
