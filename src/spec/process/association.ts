/**
 * Association tables OpenAlchemy 2.5 adds for many-to-many relationships
 * (`schemas/association.py`): `x-secondary: employee_project` on Employee → Project
 * adds the model `EmployeeProject` (`Autogen` prepended while the name is taken) with
 * the table `employee_project` and one primary-key, foreign-key column per side
 * (`employee_id`, `project_id`), typed like each side's primary key.
 *
 * When a model already defines that table, the model becomes
 * `{"allOf": [{"type": "object", "x-tablename": …, "properties": <the columns whose
 * foreign key the table lacks>}, model]}` instead.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { peekKey, peekLocal, SchemaProblem } from "../schema/peek.ts";
import { inheritanceType } from "../schema/inheritance.ts";
import { constructables, propertiesItems } from "../schema/iterate.ts";
import {
  itemsOf,
  primaryKeyNames,
  referenced,
  relationshipKind,
  tablenameOf,
} from "../schema/relationship.ts";
import { typeOf } from "../schema/values.ts";

/** An association table to add: its schema name and schema. */
interface Association {
  name: string;
  tablename: string;
  schema: JsonObject;
}

/** Adds the association tables many-to-many relationships need, as OpenAlchemy does. */
export function addAssociations(schemas: Schemas): void {
  const associations: Association[] = [];
  for (const [, schema] of constructables(schemas)) {
    for (const [, property] of propertiesItems(schema, schemas, { stayWithinModel: true })) {
      if (!isJsonObject(property)) continue;
      if (relationshipKind(property, schemas) !== "many-to-many") continue;
      associations.push(associationOf(schema, property, schemas));
    }
  }
  if (associations.length === 0) return;
  const defined = definedTables(new Set(associations.map((item) => item.tablename)), schemas);
  for (const association of associations) {
    const table = defined.get(association.tablename);
    if (table === undefined) {
      schemas[association.name] = association.schema;
      continue;
    }
    const missing: JsonObject = {};
    const columns = association.schema.properties as JsonObject;
    for (const [column, value] of Object.entries(columns)) {
      const foreignKey = (value as JsonObject)["x-foreign-key"] as string;
      if (!table.foreignKeys.has(foreignKey)) missing[column] = value;
    }
    const expected: JsonObject = {
      type: "object",
      "x-tablename": association.tablename,
      properties: missing,
    };
    schemas[table.owner] = { allOf: [expected, schemas[table.owner]] };
  }
}

/** The association table of one many-to-many property of `parent`. */
function associationOf(parent: JsonObject, property: JsonObject, schemas: Schemas): Association {
  const items = itemsOf(property, schemas);
  const secondary = peekLocal(items, schemas, "x-secondary");
  if (typeof secondary !== "string") throw new SchemaProblem("x-secondary must be a string");
  const [parentName, parentColumn] = sideColumn(parent, schemas);
  const [refName, refColumn] = sideColumn(referenced(items, schemas)[1], schemas);
  let name = pythonTitle(secondary).replaceAll("_", "");
  while (Object.hasOwn(schemas, name)) name = `Autogen${name}`;
  return {
    name,
    tablename: secondary,
    schema: {
      type: "object",
      "x-tablename": secondary,
      properties: { [parentName]: parentColumn, [refName]: refColumn },
      required: [parentName, refName],
    },
  };
}

/** The association column for one side: `<table>_<primary key>`, typed like the key. */
function sideColumn(schema: JsonObject, schemas: Schemas): [string, JsonObject] {
  const keys = primaryKeyNames(schema, schemas);
  if (keys.length !== 1) {
    throw new SchemaProblem("a many-to-many side needs exactly one primary key column");
  }
  const [keyName] = keys;
  const keySchema = propertiesItems(schema, schemas, { stayWithinTablename: true })
    .find(([name]) => name === keyName)?.[1];
  if (!isJsonObject(keySchema)) throw new SchemaProblem("the primary key column is not an object");
  const tablename = tablenameOf(schema, schemas);
  const column: JsonObject = {
    type: typeOf(keySchema, schemas),
    "x-primary-key": true,
    "x-foreign-key": `${tablename}.${keyName}`,
  };
  const format = peekKey(keySchema, schemas, "format");
  if (format !== undefined) column.format = format;
  const maxLength = peekKey(keySchema, schemas, "maxLength");
  if (maxLength !== undefined) column.maxLength = maxLength;
  return [`${tablename}_${keyName}`, column];
}

/** A table some model already defines: the model that owns it and its foreign keys. */
interface DefinedTable {
  owner: string;
  foreignKeys: Set<string>;
}

/**
 * The association tables some model already defines. The owner is the last model with
 * the table that is not a single-table child; the foreign keys are those of every
 * property of every model with the table.
 */
function definedTables(tablenames: Set<string>, schemas: Schemas): Map<string, DefinedTable> {
  const models = constructables(schemas);
  const owners = new Map<string, string>();
  for (const [name, schema] of models) {
    if (inheritanceType(schema, schemas) === "single") continue;
    const tablename = peekLocal(schema, schemas, "x-tablename");
    if (typeof tablename === "string") owners.set(tablename, name);
  }
  const namesByTable = new Map<string, string[]>();
  for (const [name, schema] of models) {
    const tablename = peekLocal(schema, schemas, "x-tablename");
    if (typeof tablename !== "string" || !tablenames.has(tablename)) continue;
    namesByTable.set(tablename, [...(namesByTable.get(tablename) ?? []), name]);
  }
  const defined = new Map<string, DefinedTable>();
  for (const [tablename, names] of namesByTable) {
    const owner = owners.get(tablename);
    if (owner === undefined) throw new SchemaProblem(`no model owns the table ${tablename}`);
    const combined: JsonObject = {
      allOf: names.map((name) => ({ $ref: `#/components/schemas/${name}` })),
    };
    const foreignKeys = new Set<string>();
    for (const [, value] of propertiesItems(combined, schemas)) {
      if (!isJsonObject(value)) continue;
      const foreignKey: JsonValue | undefined = peekLocal(value, schemas, "x-foreign-key");
      if (typeof foreignKey === "string") foreignKeys.add(foreignKey);
    }
    defined.set(tablename, { owner, foreignKeys });
  }
  return defined;
}

/**
 * Python's `str.title()`: a cased letter after a cased letter is lower-cased, any other
 * cased letter upper-cased; other characters are kept.
 */
export function pythonTitle(text: string): string {
  let out = "";
  let previousIsCased = false;
  for (const char of text) {
    const isCased = /[\p{Lu}\p{Ll}\p{Lt}]/u.test(char);
    out += isCased ? (previousIsCased ? char.toLowerCase() : char.toUpperCase()) : char;
    previousIsCased = isCased;
  }
  return out;
}
