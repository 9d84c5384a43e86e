/**
 * Which schemas are models, as OpenAlchemy 2.5 decides it (`helpers/schema.py`
 * `constructable`, `schemas/helpers/iterate.py` `constructable`).
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { CircularRefProblem, peekKey, RemoteRefProblem, SchemaProblem } from "./peek.ts";

/** Whether `x-inherits` makes the schema a child: `true` or a name → true. */
export function schemaInherits(schema: JsonObject, schemas: Schemas): boolean | undefined {
  const value = peekKey(schema, schemas, "x-inherits");
  if (value === undefined) return undefined;
  if (typeof value !== "string" && typeof value !== "boolean") {
    throw new SchemaProblem("the x-inherits value must be a string or a boolean");
  }
  return typeof value === "string" || value;
}

/**
 * Whether a schema defines a model: it has (or reaches) `x-tablename` or inherits, and
 * is not only a local `$ref` (an alias of another schema is not a second model).
 *
 * @throws {SchemaProblem} when the schema cannot be read (callers skip it).
 */
export function constructable(schema: JsonValue, schemas: Schemas): boolean {
  if (!isJsonObject(schema)) return false;
  const ref = schema.$ref;
  if (ref !== undefined && ref !== null && (typeof ref !== "string" || ref.startsWith("#"))) {
    return false;
  }
  const allOf = schema.allOf;
  if (allOf !== undefined && allOf !== null && (!Array.isArray(allOf) || allOf.length < 2)) {
    if (!Array.isArray(allOf) || allOf.length === 0) return false;
    return constructable(allOf[0], schemas);
  }
  const tablename = peekKey(schema, schemas, "x-tablename");
  let inherits: boolean | undefined;
  try {
    inherits = schemaInherits(schema, schemas);
  } catch (error) {
    if (error instanceof SchemaProblem) return true;
    throw error;
  }
  return tablename !== undefined || inherits === true;
}

/**
 * `[name, schema]` of every model, in the order the schemas define them.
 *
 * @throws {SchemaProblem} when a schema leads to a reference to another file or a
 *   cycle of references (see {@link isModel}).
 */
export function constructables(schemas: Schemas): [string, JsonObject][] {
  const found: [string, JsonObject][] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (isJsonObject(schema) && isModel(schema, schemas)) found.push([name, schema]);
  }
  return found;
}

/**
 * Whether a schema is a model, a schema that cannot be read counting as none (as in
 * OpenAlchemy's build), except for a reference to another file or a cycle of
 * references (which make OpenAlchemy's `init_json` fail on import).
 *
 * @throws {RemoteRefProblem} when reading the schema meets a remote reference.
 * @throws {CircularRefProblem} when reading the schema meets a cycle of references.
 */
export function isModel(schema: JsonObject, schemas: Schemas): boolean {
  try {
    return constructable(schema, schemas);
  } catch (error) {
    if (error instanceof RemoteRefProblem || error instanceof CircularRefProblem) throw error;
    if (!(error instanceof SchemaProblem)) throw error;
    return false;
  }
}
