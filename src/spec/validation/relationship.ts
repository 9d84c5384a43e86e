/**
 * The checks of a relationship property: its modifiers, the model it references, and
 * what the foreign key or association table it needs requires of the models on both
 * sides.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { peekKey, SchemaProblem } from "../schema/peek.ts";
import { propertiesItems } from "../schema/iterate.ts";
import { primaryKeyNames, relationshipTarget } from "../schema/relationship.ts";
import { readBool, readNullable, readObject, readString } from "../schema/values.ts";
import type { PropertyPlace } from "./property.ts";

/**
 * Checks a relationship property (an object, or an array of objects, that references a
 * model).
 *
 * @throws {SchemaProblem} for the first thing wrong with it.
 */
export function checkRelationship(schema: JsonObject, type: string, place: PropertyPlace): void {
  const { schemas } = place;
  readString(schema, schemas, "description");
  readNullable(schema, schemas);
  readString(schema, schemas, "x-backref");
  readObject(schema, schemas, "x-kwargs");
  if (type === "array") return checkToMany(schema, place);
  readBool(schema, schemas, "x-uselist");
  const column = readString(schema, schemas, "x-foreign-key-column") ?? "id";
  const target = relationshipTarget(schema, schemas);
  requireColumn(target, column, schemas, "a many-to-one relationship");
}

function checkToMany(schema: JsonObject, place: PropertyPlace): void {
  const { schemas } = place;
  const items = peekKey(schema, schemas, "items");
  if (items === undefined) throw new SchemaProblem("array relationships must define items");
  if (!isJsonObject(items)) throw new SchemaProblem("items must be an object");
  const secondary = readString(items, schemas, "x-secondary");
  if (secondary === undefined && peekKey(items, schemas, "x-secondary") !== undefined) {
    // OpenAlchemy ignores the siblings of a $ref here and then fails to build the table.
    throw new SchemaProblem("x-secondary beside a $ref is ignored; put it in allOf with the $ref");
  }
  const column = readString(items, schemas, "x-foreign-key-column") ?? "id";
  readString(items, schemas, "x-backref");
  readObject(items, schemas, "x-kwargs");
  const target = relationshipTarget(items, schemas);
  if (secondary === undefined) {
    requireColumn(place.model, column, schemas, "a one-to-many relationship");
    return;
  }
  for (const side of [place.model, target]) {
    const sideSchema = schemas[side];
    if (!isJsonObject(sideSchema) || primaryKeyNames(sideSchema, schemas).length !== 1) {
      throw new SchemaProblem(
        `a many-to-many relationship (x-secondary) needs exactly one primary key on ${side}`,
      );
    }
  }
}

/** Checks that `model` (its parents' properties included) has the column. */
function requireColumn(model: string, column: string, schemas: Schemas, role: string): void {
  const schema = schemas[model];
  const names = isJsonObject(schema)
    ? new Set(propertiesItems(schema, schemas).map(([name]) => name))
    : new Set<string>();
  if (!names.has(column)) {
    throw new SchemaProblem(
      `${role} needs the column ${JSON.stringify(column)} on ${model}, which it does not have ` +
        "(set x-foreign-key-column to an existing property)",
    );
  }
}
