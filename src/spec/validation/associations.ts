/**
 * Checks of many-to-many relationships across models, as OpenAlchemy 2.5 makes them:
 * each association table (`x-secondary`) is named once, and a model that defines an
 * association table itself has the primary keys the table needs — at most two, each a
 * foreign key to one side, no side twice, typed like the side's primary key.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { preferLocal, SchemaProblem } from "../schema/peek.ts";
import { propertiesItems } from "../schema/iterate.ts";
import { relationshipKind } from "../schema/kind.ts";
import { boolKey, objectKey, stringKey } from "../schema/values.ts";
import { type Association, associationOf } from "../process/association.ts";
import type { Problems } from "./problems.ts";
import { mismatchOf } from "./relationship.ts";

/** A many-to-many relationship: the model with it and the property. */
interface ManyToMany {
  readonly model: string;
  readonly schema: JsonObject;
  readonly property: string;
  readonly propertySchema: JsonObject;
}

/**
 * Records a problem for an association table named by two relationships, and for a
 * model that defines an association table but not as the relationship needs it.
 */
export function checkAssociations(
  models: readonly (readonly [string, JsonObject])[],
  schemas: Schemas,
  problems: Problems,
): void {
  const bySecondary = new Map<string, ManyToMany>();
  for (const relationship of manyToManyRelationships(models, schemas)) {
    const path = [relationship.model, relationship.property];
    problems.at(path, () => {
      const secondary = secondaryOf(relationship.propertySchema, schemas);
      const seen = bySecondary.get(secondary);
      if (seen !== undefined) {
        throw new SchemaProblem(
          `x-secondary ${secondary} is already the association table of ${seen.model}.` +
            `${seen.property}`,
        );
      }
      bySecondary.set(secondary, relationship);
    });
  }
  if (!problems.empty) return;
  for (const [name, schema] of models) {
    const tablename = preferLocal(stringKey("x-tablename"), schema, schemas);
    const relationship = tablename === undefined ? undefined : bySecondary.get(tablename);
    if (relationship === undefined) continue;
    problems.at([name], () => {
      const association = associationOf(relationship.schema, relationship.propertySchema, schemas);
      checkDefinedAssociation(schema, schemas, association, relationship);
    });
  }
}

function* manyToManyRelationships(
  models: readonly (readonly [string, JsonObject])[],
  schemas: Schemas,
): Generator<ManyToMany> {
  for (const [model, schema] of models) {
    for (
      const [property, propertySchema] of propertiesItems(schema, schemas, {
        stayWithinModel: true,
      })
    ) {
      if (!isJsonObject(propertySchema)) continue;
      if (relationshipKind(propertySchema, schemas) !== "many-to-many") continue;
      yield { model, schema, property, propertySchema };
    }
  }
}

function secondaryOf(property: JsonObject, schemas: Schemas): string {
  const items = objectKey("items")(property, schemas);
  const secondary = items === undefined
    ? undefined
    : preferLocal(stringKey("x-secondary"), items, schemas);
  if (secondary === undefined) {
    throw new SchemaProblem("x-secondary must be in the items' own allOf items");
  }
  return secondary;
}

/** A model that defines the association table itself, checked against what it needs. */
function checkDefinedAssociation(
  schema: JsonObject,
  schemas: Schemas,
  association: Association,
  relationship: ManyToMany,
): void {
  const usedBy = `the association table of ${relationship.model}.${relationship.property}`;
  const keys: [string, JsonObject][] = [];
  for (const [name, value] of propertiesItems(schema, schemas)) {
    if (isJsonObject(value) && preferLocal(boolKey("x-primary-key"), value, schemas)) {
      keys.push([name, value]);
    }
  }
  if (keys.length > 2) {
    throw new SchemaProblem(`defines more than 2 primary keys, too many for ${usedBy}`);
  }
  for (const [name, value] of keys) {
    if (stringKey("x-foreign-key")(value, schemas) === undefined) {
      throw new SchemaProblem(
        `the primary key ${name} must define a foreign key (x-foreign-key) for ${usedBy}`,
      );
    }
  }
  const seen = new Map<string, string>();
  for (const [name, value] of keys) {
    const foreignKey = preferLocal(stringKey("x-foreign-key"), value, schemas);
    if (foreignKey === undefined) {
      throw new SchemaProblem(`the foreign key of the primary key ${name} must be in its allOf`);
    }
    const other = seen.get(foreignKey);
    if (other !== undefined) {
      throw new SchemaProblem(
        `the primary keys ${other} and ${name} both have the foreign key ${foreignKey}, ` +
          `in ${usedBy}`,
      );
    }
    seen.set(foreignKey, name);
  }
  for (const [name, value] of keys) {
    const foreignKey = preferLocal(stringKey("x-foreign-key"), value, schemas);
    const column = association.columns.find((item) => item.foreignKey === foreignKey);
    if (column === undefined) {
      const expected = association.columns.map((item) => `"${item.foreignKey}"`).join(", ");
      throw new SchemaProblem(
        `the primary key ${name} has the foreign key "${foreignKey}", but ${usedBy} ` +
          `needs one of ${expected}`,
      );
    }
    const mismatch = mismatchOf(column.schema, value, schemas, ["type", "format", "maxLength"]);
    if (mismatch !== undefined) {
      throw new SchemaProblem(`the primary key ${name} does not match: ${mismatch}, in ${usedBy}`);
    }
  }
}
