/**
 * OpenAlchemy's processing of valid schemas before they are written to spec.json, in its
 * order: back references on the referenced models, the foreign-key columns
 * relationships need, then the association tables of many-to-many relationships.
 *
 * @module
 */

import type { Schemas } from "../../json.ts";
import { addAssociations } from "./association.ts";
import { addBackrefs } from "./backref.ts";
import { addForeignKeys } from "./foreign_key.ts";
import { modelWalks } from "./walk.ts";

/** Returns the schemas as OpenAlchemy writes them into spec.json. The input is changed. */
export function processSchemas(schemas: Schemas): Schemas {
  // The models and their own properties, read once: each step wraps some models in
  // `allOf`, which adds no model and none of the properties a later step looks for.
  const models = modelWalks(schemas);
  addBackrefs(schemas, models);
  addForeignKeys(schemas, models);
  addAssociations(schemas, models);
  return schemas;
}
