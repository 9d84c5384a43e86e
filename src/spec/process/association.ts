/**
 * Association tables OpenAlchemy adds for many-to-many relationships: `x-secondary:
 * employee_project` on Employee → Project adds the model `EmployeeProject` with the
 * table `employee_project` and one primary-key, foreign-key column per side
 * (`employee_id`, `project_id`). When a model already defines that table, the columns
 * it lacks are combined with it instead.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { peekKey, peekLocal } from "../helpers/peek.ts";
import { modelNames, modelProperties, modelSchema } from "../validation/mod.ts";
import { allProperties, referenced, relationshipKind } from "./foreign_key.ts";

interface Association {
  name: string;
  schema: JsonObject;
}

/** Python's `str.title()`: a letter after a non-letter is upper-cased, others lower. */
function pythonTitle(text: string): string {
  let out = "";
  let previousIsLetter = false;
  for (const char of text) {
    const isLetter = /\p{L}/u.test(char);
    out += isLetter ? (previousIsLetter ? char.toLowerCase() : char.toUpperCase()) : char;
    previousIsLetter = isLetter;
  }
  return out;
}

/** The association column for one side: `<table>_<primary key>`. */
function sideColumn(schema: JsonObject, schemas: Schemas): [string, JsonObject] {
  const tablename = peekLocal(schema, schemas, "x-tablename") as string;
  const [keyName, keySchema] = allProperties(schema, schemas).find(([, value]) =>
    isJsonObject(value) && peekKey(value, schemas, "x-primary-key") === true
  ) as [string, JsonObject];
  const column: JsonObject = {
    type: peekKey(keySchema, schemas, "type") as JsonValue,
    "x-primary-key": true,
    "x-foreign-key": `${tablename}.${keyName}`,
  };
  const format = peekKey(keySchema, schemas, "format");
  if (format !== undefined) column.format = format;
  const maxLength = peekKey(keySchema, schemas, "maxLength");
  if (maxLength !== undefined) column.maxLength = maxLength;
  return [`${tablename}_${keyName}`, column];
}

function associationOf(
  schemas: Schemas,
  parent: JsonObject,
  property: JsonObject,
): Association {
  const items = peekKey(property, schemas, "items") as JsonObject;
  const secondary = peekLocal(items, schemas, "x-secondary") as string;
  const [parentName, parentColumn] = sideColumn(parent, schemas);
  const [refName, refColumn] = sideColumn(referenced(items, schemas)[1], schemas);
  let name = pythonTitle(secondary).replaceAll("_", "");
  while (Object.hasOwn(schemas, name)) name = `Autogen${name}`;
  return {
    name,
    schema: {
      type: "object",
      "x-tablename": secondary,
      properties: { [parentName]: parentColumn, [refName]: refColumn },
      required: [parentName, refName],
    },
  };
}

/** Adds the association tables many-to-many relationships need, as OpenAlchemy does. */
export function addAssociations(schemas: Schemas): void {
  const models = modelNames(schemas as Record<string, JsonObject>);
  const associations: Association[] = [];
  for (const name of models) {
    const schema = modelSchema(schemas[name] as JsonObject, schemas);
    for (const [, property] of modelProperties(schema, schemas)) {
      if (!isJsonObject(property)) continue;
      if (relationshipKind(property, schemas) !== "many-to-many") continue;
      associations.push(associationOf(schemas, schema, property));
    }
  }
  // Tables some model already defines: its owner (not a single-table child) and the
  // foreign keys its columns already have.
  const owners = new Map<string, { owner: string; foreignKeys: Set<string> }>();
  for (const name of models) {
    const schema = modelSchema(schemas[name] as JsonObject, schemas);
    const tablename = peekLocal(schema, schemas, "x-tablename");
    if (typeof tablename !== "string") continue;
    if (!associations.some((item) => item.schema["x-tablename"] === tablename)) continue;
    const entry = owners.get(tablename) ??
      { owner: isSingleTableChild(schema, schemas) ? "" : name, foreignKeys: new Set() };
    if (entry.owner === "" && !isSingleTableChild(schema, schemas)) entry.owner = name;
    for (const [, value] of allProperties(schema, schemas)) {
      if (!isJsonObject(value)) continue;
      const foreignKey = peekLocal(value, schemas, "x-foreign-key");
      if (typeof foreignKey === "string") entry.foreignKeys.add(foreignKey);
    }
    owners.set(tablename, entry);
  }
  for (const association of associations) {
    const defined = owners.get(association.schema["x-tablename"] as string);
    if (!defined || defined.owner === "") {
      schemas[association.name] = association.schema;
      continue;
    }
    const missing: JsonObject = {};
    for (const [column, value] of Object.entries(association.schema.properties as JsonObject)) {
      const foreignKey = (value as JsonObject)["x-foreign-key"] as string;
      if (!defined.foreignKeys.has(foreignKey)) missing[column] = value;
    }
    const expected: JsonObject = {
      type: "object",
      "x-tablename": association.schema["x-tablename"],
      properties: missing,
    };
    schemas[defined.owner] = { allOf: [expected, schemas[defined.owner]] };
  }
}

/** A single-table child: it inherits and has no table name of its own. */
function isSingleTableChild(schema: JsonObject, schemas: Schemas): boolean {
  const inherits = peekKey(schema, schemas, "x-inherits");
  return inherits !== undefined && inherits !== false && !hasOwnTablename(schema);
}

/** Whether the schema (or a local allOf item, not a reference) sets x-tablename. */
function hasOwnTablename(schema: JsonObject): boolean {
  if ("x-tablename" in schema || "x-open-alchemy-tablename" in schema) return true;
  if (!Array.isArray(schema.allOf)) return false;
  return schema.allOf.some((item) =>
    isJsonObject(item) && item.$ref === undefined &&
    ("x-tablename" in item || "x-open-alchemy-tablename" in item)
  );
}
