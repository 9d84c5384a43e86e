/**
 * Counting the models a package defines.
 *
 * @module
 */

import { isJsonObject, type Schemas } from "../json.ts";

const MODEL_KEYS = [
  "x-tablename",
  "x-open-alchemy-tablename",
  "x-inherits",
  "x-open-alchemy-inherits",
];

/**
 * Number of schemas that become SQLAlchemy models: those with a table name or that
 * inherit, directly, through `$ref` or through `allOf`.
 */
export function countModels(schemas: Schemas): number {
  let count = 0;
  for (const schema of Object.values(schemas)) {
    if (definesModel(schemas, schema, new Set())) count++;
  }
  return count;
}

function definesModel(schemas: Schemas, schema: unknown, seen: Set<string>): boolean {
  if (!isJsonObject(schema)) return false;
  for (const key of MODEL_KEYS) {
    const value = schema[key];
    if (value !== undefined && value !== false && value !== null) return true;
  }
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
    const target = ref.slice("#/components/schemas/".length);
    if (seen.has(target)) return false;
    seen.add(target);
    return definesModel(schemas, schemas[target], seen);
  }
  const allOf = schema.allOf;
  if (Array.isArray(allOf)) {
    return allOf.some((part) => definesModel(schemas, part, seen));
  }
  return false;
}
