/**
 * Model inheritance as OpenAlchemy 2.5 works it out (`helpers/inheritance.py`): the
 * parent a model inherits from, and whether the child shares the parent's table
 * (single table) or has its own (joined table).
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { followRef, peekKey, peekLocal, SchemaProblem } from "./peek.ts";
import { constructable, schemaInherits } from "./models.ts";

/** How a model inherits: not at all, into its own table, or into its parent's table. */
export type InheritanceType = "none" | "joined" | "single";

/**
 * The parent model of an inheriting schema: `x-inherits` when it names one (checked to
 * be in the chain), else the first model reached through `$ref` / `allOf`.
 *
 * @throws {SchemaProblem} when the schema does not inherit or no valid parent is found.
 */
export function retrieveParent(schema: JsonObject, schemas: Schemas): string {
  const inherits = peekKey(schema, schemas, "x-inherits");
  if (inherits === true) return getParent(schema, schemas, new Set());
  if (typeof inherits === "string") {
    if (!checkParent(schema, inherits, schemas, new Set())) {
      throw new SchemaProblem(`the x-inherits value ${inherits} is not a valid parent`);
    }
    return inherits;
  }
  throw new SchemaProblem("cannot find the parent of a schema that does not inherit");
}

/**
 * Single table when the child's table name (its own first) equals the parent's, else
 * joined; "none" when the schema does not inherit.
 */
export function inheritanceType(schema: JsonObject, schemas: Schemas): InheritanceType {
  if (!schemaInherits(schema, schemas)) return "none";
  const parent = retrieveParent(schema, schemas);
  const parentSchema = schemas[parent];
  if (!isJsonObject(parentSchema)) {
    throw new SchemaProblem(`the schema ${parent} must be an object`);
  }
  const parentTablename = peekKey(parentSchema, schemas, "x-tablename");
  const tablename = peekLocal(schema, schemas, "x-tablename");
  return parentTablename === tablename ? "single" : "joined";
}

/**
 * The first model reached through `$ref` (past schemas that are not models) or `allOf`,
 * whatever `x-inherits` names (OpenAlchemy's `get_parent`).
 *
 * @throws {SchemaProblem} when no model is reached.
 */
export function getParent(
  schema: JsonObject,
  schemas: Schemas,
  seen: Set<string> = new Set(),
): string {
  const ref = schema.$ref;
  const allOf = schema.allOf;
  if (ref !== undefined && ref !== null) {
    const [name, target] = followRef(ref, schemas, seen);
    if (constructable(target, schemas)) return name;
    return getParent(target, schemas, seen);
  }
  if (allOf === undefined || allOf === null) throw noParent();
  if (!Array.isArray(allOf)) throw new SchemaProblem("the value of allOf must be a list");
  for (const item of allOf) {
    try {
      if (isJsonObject(item)) return getParent(item, schemas, seen);
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error;
    }
  }
  throw noParent();
}

/** Whether `parentName` is a model in the schema's inheritance chain. */
function checkParent(
  schema: JsonObject,
  parentName: string,
  schemas: Schemas,
  seen: Set<string>,
): boolean {
  const ref = schema.$ref;
  const allOf = schema.allOf;
  if ((ref === undefined || ref === null) && (allOf === undefined || allOf === null)) {
    return false;
  }
  if (ref !== undefined && ref !== null) {
    const [name, target] = followRef(ref, schemas, seen);
    if (name === parentName) return constructable(target, schemas);
    if (schemaInherits(schema, schemas) === false) return false;
    return checkParent(target, parentName, schemas, seen);
  }
  if (!Array.isArray(allOf)) throw new SchemaProblem("the value of allOf must be a list");
  return allOf.some((item) => isJsonObject(item) && checkParent(item, parentName, schemas, seen));
}

function noParent(): SchemaProblem {
  return new SchemaProblem(
    "x-inherits is set but the schema references no parent model (put the parent's $ref in allOf)",
  );
}
