/**
 * Artifacts of a relationship property (many-to-one, one-to-one, one-to-many,
 * many-to-many), as OpenAlchemy 2.5 `schemas/artifacts/property_/relationship.py`
 * records them, with the foreign key each x-to-one / one-to-many relationship uses.
 *
 * @module
 */

import type { JsonObject, Schemas } from "../../json.ts";
import { peekKey, preferLocal, SchemaProblem } from "../schema/peek.ts";
import { foreignKeyPlace, referenced } from "../schema/relationship.ts";
import { relationshipKind } from "../schema/kind.ts";
import { asBool, boolKey, checkedNullable, objectKey, stringKey } from "../schema/values.ts";
import { defined } from "./simple.ts";
import type { RelationshipPropertyArtifacts, RelationshipSubType } from "./types.ts";

/** Where a relationship property sits. */
export interface RelationshipContext {
  /** All schemas, to follow references. */
  schemas: Schemas;
  /** The schema of the model that has the property. */
  modelSchema: JsonObject;
  /** The property's name. */
  propertyName: string;
  /** Whether the property is in a `required` list of the model. */
  required: boolean;
}

/** The artifacts of a relationship property. */
export function relationshipArtifacts(
  schema: JsonObject,
  context: RelationshipContext,
): RelationshipPropertyArtifacts {
  const { schemas, required } = context;
  const subType = relationshipKind(schema, schemas);
  if (subType === null) throw new SchemaProblem("the property is not a relationship");
  const items = subType === "one-to-many" || subType === "many-to-many"
    ? objectKey("items")(schema, schemas)!
    : undefined;
  const refHolder = items ?? schema;
  const parent = referencedName(refHolder, schemas);
  const skipping = (name: string, from: JsonObject) =>
    peekKey(from, schemas, name, undefined, parent);
  const common = {
    type: "relationship" as const,
    required,
    parent,
    ...defined({
      backrefProperty: preferLocal(stringKey("x-backref"), refHolder, schemas),
      kwargs: skipping("x-kwargs", refHolder),
      writeOnly: asBool(skipping("writeOnly", schema), "writeOnly"),
      description: skipping("description", schema),
    }),
  };
  if (subType === "many-to-many") {
    const secondary = preferLocal(stringKey("x-secondary"), items!, schemas);
    if (secondary === undefined) throw new SchemaProblem("x-secondary is missing");
    return { ...common, subType, schema: arraySchema(parent, schema, schemas), secondary };
  }
  const foreignKeys = foreignKeyOf(subType, schema, context);
  if (subType === "one-to-many") {
    return { ...common, subType, schema: arraySchema(parent, schema, schemas), ...foreignKeys };
  }
  return {
    ...common,
    subType,
    schema: objectSchema(parent, schema, schemas),
    ...foreignKeys,
    ...defined({ nullable: preferLocal(checkedNullable, schema, schemas) }),
  };
}

/** The name of the model the first `$ref` of the schema names. */
function referencedName(schema: JsonObject, schemas: Schemas): string {
  return referenced(schema, schemas)[0];
}

/** `{"type": "object", "x-de-$ref": parent}` plus description, nullable, writeOnly. */
function objectSchema(parent: string, schema: JsonObject, schemas: Schemas): JsonObject {
  const out: JsonObject = { type: "object", "x-de-$ref": parent };
  const description = preferLocal(stringKey("description"), schema, schemas);
  if (description !== undefined) out.description = description;
  const nullable = preferLocal(checkedNullable, schema, schemas);
  if (nullable !== undefined) out.nullable = nullable;
  const writeOnly = preferLocal(boolKey("writeOnly"), schema, schemas);
  if (writeOnly !== undefined) out.writeOnly = writeOnly;
  return out;
}

/** `{"type": "array", "items": {"type": "object", "x-de-$ref": parent}}` and more. */
function arraySchema(parent: string, schema: JsonObject, schemas: Schemas): JsonObject {
  const out: JsonObject = { type: "array", items: { type: "object", "x-de-$ref": parent } };
  const description = peekKey(schema, schemas, "description", undefined, parent);
  if (description !== undefined) out.description = description;
  const writeOnly = boolKey("writeOnly")(schema, schemas);
  if (writeOnly !== undefined) out.writeOnly = writeOnly;
  return out;
}

/** The foreign key and foreign-key property of a relationship that is not many-to-many. */
function foreignKeyOf(
  subType: Exclude<RelationshipSubType, "many-to-many">,
  schema: JsonObject,
  context: RelationshipContext,
): { foreignKey: string; foreignKeyProperty: string } {
  const model = { name: "", schema: context.modelSchema };
  const place = foreignKeyPlace(subType, model, context.propertyName, schema, context.schemas);
  return { foreignKey: place.foreignKey, foreignKeyProperty: place.propertyName };
}
