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

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { peekLocal, preferLocal, SchemaProblem } from "../schema/peek.ts";
import { inheritanceType } from "../schema/inheritance.ts";
import { propertiesItems } from "../schema/iterate.ts";
import { itemsOf, primaryKeyNames, referenced, tablenameOf } from "../schema/relationship.ts";
import { integerKey, readType, stringKey } from "../schema/values.ts";
import { at } from "./at.ts";
import { currentSchema, type ModelWalk } from "./walk.ts";

/** One column of an association table: a primary key that is a foreign key to a side. */
export interface AssociationColumn {
  /** `<table>_<primary key>` of the side. */
  readonly name: string;
  /** `<table>.<primary key>` of the side. */
  readonly foreignKey: string;
  /** The column's schema (typed like the side's primary key). */
  readonly schema: JsonObject;
}

/** The association table a many-to-many relationship needs. */
export interface Association {
  /** The schema name it gets when no model defines the table. */
  readonly name: string;
  /** `x-secondary`: the table name. */
  readonly tablename: string;
  /** The column for the model with the relationship, then the referenced model's. */
  readonly columns: readonly [AssociationColumn, AssociationColumn];
}

/** Adds the association tables many-to-many relationships need, as OpenAlchemy does. */
export function addAssociations(schemas: Schemas, models: readonly ModelWalk[]): void {
  const associations: Association[] = [];
  for (const { name, properties } of models) {
    const schema = currentSchema(schemas, name);
    for (const { name: propertyName, schema: property, relationship } of properties) {
      if (relationship !== "many-to-many" || !isJsonObject(property)) continue;
      associations.push(at([name, propertyName], () => associationOf(schema, property, schemas)));
    }
  }
  if (associations.length === 0) return;
  const tablenames = new Set(associations.map((item) => item.tablename));
  const defined = definedTables(tablenames, schemas, models);
  for (const association of associations) {
    const table = defined.get(association.tablename);
    if (table === undefined) {
      schemas[association.name] = associationSchema(association, association.columns);
      continue;
    }
    const missing = association.columns.filter((column) =>
      !table.foreignKeys.has(column.foreignKey)
    );
    schemas[table.owner] = {
      allOf: [associationSchema(association, missing, false), schemas[table.owner]],
    };
  }
}

/** The schema of an association table with the given columns. */
function associationSchema(
  association: Association,
  columns: readonly AssociationColumn[],
  withRequired = true,
): JsonObject {
  const properties: JsonObject = {};
  for (const column of columns) properties[column.name] = column.schema;
  const schema: JsonObject = {
    type: "object",
    "x-tablename": association.tablename,
    properties,
  };
  if (withRequired) schema.required = columns.map((column) => column.name);
  return schema;
}

/**
 * The association table of one many-to-many property of `parent`.
 *
 * @throws {SchemaProblem} when a side has not exactly one primary key.
 */
export function associationOf(
  parent: JsonObject,
  property: JsonObject,
  schemas: Schemas,
): Association {
  const items = itemsOf(property, schemas);
  const secondary = preferLocal(stringKey("x-secondary"), items, schemas);
  if (secondary === undefined) throw new SchemaProblem("x-secondary is missing");
  let name = pythonTitle(secondary).replaceAll("_", "");
  while (Object.hasOwn(schemas, name)) name = `Autogen${name}`;
  return {
    name,
    tablename: secondary,
    columns: [sideColumn(parent, schemas), sideColumn(referenced(items, schemas)[1], schemas)],
  };
}

/** The association column for one side: `<table>_<primary key>`, typed like the key. */
function sideColumn(schema: JsonObject, schemas: Schemas): AssociationColumn {
  const keys = primaryKeyNames(schema, schemas);
  if (keys.length !== 1) {
    throw new SchemaProblem("a many-to-many side needs exactly one primary key column");
  }
  const [keyName] = keys;
  const keySchema = propertiesItems(schema, schemas, { stayWithinTablename: true })
    .find(([name]) => name === keyName)?.[1];
  if (!isJsonObject(keySchema)) throw new SchemaProblem("the primary key column is not an object");
  const tablename = tablenameOf(schema, schemas);
  const foreignKey = `${tablename}.${keyName}`;
  const column: JsonObject = {
    type: readType(keySchema, schemas),
    "x-primary-key": true,
    "x-foreign-key": foreignKey,
  };
  const format = stringKey("format")(keySchema, schemas);
  if (format !== undefined) column.format = format;
  const maxLength = integerKey("maxLength")(keySchema, schemas);
  if (maxLength !== undefined) column.maxLength = maxLength;
  return { name: `${tablename}_${keyName}`, foreignKey, schema: column };
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
function definedTables(
  tablenames: Set<string>,
  schemas: Schemas,
  walks: readonly ModelWalk[],
): Map<string, DefinedTable> {
  const models = walks.map(({ name }) => [name, currentSchema(schemas, name)] as const);
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
    const foreignKeys = new Set<string>();
    const seen = new Set<string>();
    for (const name of names) {
      const model = schemas[name];
      if (!isJsonObject(model)) continue;
      for (const [property, value] of propertiesItems(model, schemas)) {
        // The first model with a property name decides its foreign key.
        if (seen.has(property) || !isJsonObject(value)) continue;
        seen.add(property);
        const foreignKey = peekLocal(value, schemas, "x-foreign-key");
        if (typeof foreignKey === "string") foreignKeys.add(foreignKey);
      }
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
