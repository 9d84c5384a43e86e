/**
 * OpenAlchemy's processing of valid schemas before they are written to spec.json
 * (owned by the processing work; this first version returns the schemas unchanged,
 * which is right for models with simple columns only).
 *
 * @module
 */

import type { Schemas } from "../../json.ts";

/** Returns the schemas as OpenAlchemy writes them into spec.json. */
export function processSchemas(schemas: Schemas): Schemas {
  return schemas;
}
