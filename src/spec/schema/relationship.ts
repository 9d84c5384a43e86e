/**
 * Reading relationship properties as OpenAlchemy 2.5 does (`helpers/relationship.py`,
 * `helpers/foreign_key.py`): the kind of relationship, the model it references, and
 * where its foreign key goes.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { peekKey, peekLocal, resolveRef, SchemaProblem } from "./peek.ts";
import { stringKey } from "./values.ts";
import type { RelationshipKind } from "./kind.ts";
import { constructable } from "./models.ts";
import { propertiesItems } from "./iterate.ts";

/**
 * The `items` of an array property.
 *
 * @throws {SchemaProblem} when there are none.
 */
export function itemsOf(schema: JsonObject, schemas: Schemas): JsonObject {
  const items = peekKey(schema, schemas, "items");
  if (!isJsonObject(items)) throw new SchemaProblem("an array property needs items");
  return items;
}

/**
 * The first `$ref` of a schema (through `allOf`), checked to be a string (OpenAlchemy's
 * `peek.ref`); `undefined` when there is none.
 */
export function refOf(schema: JsonObject, schemas: Schemas): string | undefined {
  return stringKey("$ref")(schema, schemas);
}

/**
 * `[name, schema]` the first `$ref` of a schema names (through `allOf`).
 *
 * @throws {SchemaProblem} when there is none or it cannot be resolved.
 */
export function referenced(schema: JsonObject, schemas: Schemas): [string, JsonObject] {
  return resolveRef(refOf(schema, schemas), schemas);
}

/** Where the foreign key of a relationship that is not many-to-many goes. */
export interface ForeignKeyPlace {
  /** The referenced column, `x-foreign-key-column` or `id`. */
  column: string;
  /** The model holding the referenced column. */
  target: JsonObject;
  /** Its table name. */
  targetTablename: string;
  /** `<table>.<column>`. */
  foreignKey: string;
  /** The name of the foreign-key property. */
  propertyName: string;
  /** The name of the model that gets the foreign-key property. */
  modifyName: string;
  /** Its schema. */
  modifySchema: JsonObject;
}

/**
 * Where the foreign key of a many-to-one, one-to-one or one-to-many relationship goes:
 * an x-to-one property `division` of Employee gives `division_id` on Employee; a
 * one-to-many property `employees` of Division gives `division_employees_id` on the
 * referenced model.
 */
export function foreignKeyPlace(
  kind: Exclude<RelationshipKind, "many-to-many">,
  model: { name: string; schema: JsonObject },
  propertyName: string,
  property: JsonObject,
  schemas: Schemas,
): ForeignKeyPlace {
  const toMany = kind === "one-to-many";
  const items = toMany ? itemsOf(property, schemas) : undefined;
  const columnValue = peekLocal(items ?? property, schemas, "x-foreign-key-column");
  const column = typeof columnValue === "string" ? columnValue : "id";
  const target = toMany ? model.schema : referenced(property, schemas)[1];
  const targetTablename = tablenameOf(target, schemas);
  const [modifyName, modifySchema] = toMany
    ? referenced(items!, schemas)
    : [model.name, model.schema];
  return {
    column,
    target,
    targetTablename,
    foreignKey: `${targetTablename}.${column}`,
    propertyName: toMany
      ? `${targetTablename}_${propertyName}_${column}`
      : `${propertyName}_${column}`,
    modifyName,
    modifySchema,
  };
}

/**
 * The model's table name, its own preferred over one reached through a reference.
 *
 * @throws {SchemaProblem} when it has none.
 */
export function tablenameOf(schema: JsonObject, schemas: Schemas): string {
  const value: JsonValue | undefined = peekLocal(schema, schemas, "x-tablename");
  if (typeof value !== "string") throw new SchemaProblem("the model has no x-tablename");
  return value;
}

/**
 * The names of a model's primary-key columns on its own table (a joined-table child's
 * own, a single-table child's parent's), as an association table's columns need them.
 */
export function primaryKeyNames(schema: JsonObject, schemas: Schemas): string[] {
  const names: string[] = [];
  for (const [name, value] of propertiesItems(schema, schemas, { stayWithinTablename: true })) {
    if (isJsonObject(value) && peekKey(value, schemas, "x-primary-key") === true) names.push(name);
  }
  return names;
}

/**
 * The name of the model a relationship references: its own `$ref`, else the first
 * `allOf` item with one.
 *
 * @throws {SchemaProblem} when there is none, or it names a schema that is not a model
 *   (an alias of a model included).
 */
export function relationshipTarget(schema: JsonObject, schemas: Schemas): string {
  const direct = schema.$ref;
  if (direct !== undefined) {
    const [name, target] = resolveRef(direct, schemas);
    if (constructable(target, schemas)) return name;
    // An alias ($ref to a model) or a plain schema is not a model OpenAlchemy can relate to.
    throw new SchemaProblem(
      `the relationship references ${name}, which is not a model (no x-tablename of its own)`,
    );
  }
  const allOf = schema.allOf;
  if (Array.isArray(allOf)) {
    for (const item of allOf) {
      if (isJsonObject(item) && item.$ref !== undefined) return relationshipTarget(item, schemas);
    }
  }
  throw new SchemaProblem("a relationship must reference a model with $ref");
}
