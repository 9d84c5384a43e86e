/**
 * Foreign-key columns OpenAlchemy 2.5 adds for relationships (`schemas/foreign_key.py`):
 * a many-to-one or one-to-one property `division` adds `division_id` to its model; a
 * one-to-many property `employees` of Division adds `division_employees_id` to the
 * referenced model. Each model that gets columns becomes
 * `{"allOf": [model, {"type": "object", "properties": {…}}]}`, models in name order,
 * unless the model already has a property of that name.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { SchemaProblem } from "../schema/peek.ts";
import { type Addition, groupByModel } from "./group.ts";
import { currentSchema, type ModelWalk } from "./walk.ts";
import { propertiesItems, requiredItems } from "../schema/iterate.ts";
import { foreignKeyPlace } from "../schema/relationship.ts";
import type { RelationshipKind } from "../schema/kind.ts";
import { checkedNullable, defaultOf, integerKey, readType, stringKey } from "../schema/values.ts";
import { at } from "./at.ts";

/** Adds the foreign-key columns relationships need, as OpenAlchemy does. */
export function addForeignKeys(schemas: Schemas, models: readonly ModelWalk[]): void {
  const additions: Addition[] = [];
  for (const { name, properties } of models) {
    const schema = currentSchema(schemas, name);
    for (const { name: propertyName, schema: property, relationship: kind } of properties) {
      if (kind === null || kind === "many-to-many" || !isJsonObject(property)) continue;
      const addition = at(
        [name, propertyName],
        () => foreignKeyColumn(kind, { name, schema }, propertyName, property, schemas),
      );
      if (addition !== null) additions.push(addition);
    }
  }
  for (const [model, properties] of groupByModel(additions)) {
    schemas[model] = { allOf: [schemas[model], { type: "object", properties }] };
  }
}

/** The column one relationship needs, or null when its model already has it. */
function foreignKeyColumn(
  kind: Exclude<RelationshipKind, "many-to-many">,
  model: { name: string; schema: JsonObject },
  propertyName: string,
  property: JsonObject,
  schemas: Schemas,
): Addition | null {
  const place = foreignKeyPlace(kind, model, propertyName, property, schemas);
  const existing = propertiesItems(place.modifySchema, schemas);
  if (existing.some(([name]) => name === place.propertyName)) return null;
  const targetColumn = propertiesItems(place.target, schemas)
    .find(([name]) => name === place.column)?.[1];
  if (!isJsonObject(targetColumn)) {
    throw new SchemaProblem(`the referenced column ${place.column} is not defined`);
  }

  let required: boolean | undefined;
  let nullable: boolean | undefined;
  if (kind !== "one-to-many") {
    required = requiredItems(model.schema, schemas).includes(propertyName);
    nullable = checkedNullable(property, schemas);
  }
  const defaultValue = defaultOf(targetColumn, schemas);
  const serverDefault = stringKey("x-server-default")(targetColumn, schemas);
  const defaulted = defaultValue !== undefined || serverDefault !== undefined;

  const column: JsonObject = {
    type: readType(targetColumn, schemas),
    "x-dict-ignore": true,
    nullable: nullable ?? !(required || defaulted),
    "x-foreign-key": place.foreignKey,
  };
  const format = stringKey("format")(targetColumn, schemas);
  if (format !== undefined) column.format = format;
  const maxLength = integerKey("maxLength")(targetColumn, schemas);
  if (maxLength !== undefined) column.maxLength = maxLength;
  if (defaultValue !== undefined) column.default = defaultValue;
  if (serverDefault !== undefined) column["x-server-default"] = serverDefault;
  return { model: place.modifyName, name: place.propertyName, value: column };
}
