/**
 * OpenAlchemy's processing of valid schemas before they are written to spec.json: the
 * foreign-key columns relationships need. (Back references and association tables are
 * not added yet; see the project notes.)
 *
 * @module
 */

import type { Schemas } from "../../json.ts";
import { addForeignKeys } from "./foreign_key.ts";

/** Returns the schemas as OpenAlchemy writes them into spec.json. The input is changed. */
export function processSchemas(schemas: Schemas): Schemas {
  addForeignKeys(schemas);
  return schemas;
}
