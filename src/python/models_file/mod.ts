/**
 * The typed models section of `__init__.py`, as OpenAlchemy's models file generator
 * writes it (owned by the models-file work).
 *
 * @module
 */

import type { Schemas } from "../../json.ts";

/**
 * Generates the models file text from processed schemas (what spec.json holds).
 * Always valid Python; user text never becomes a statement.
 */
export function generateModelsFile(schemas: Schemas): string {
  void schemas;
  throw new Error("Cannot generate the models file: not written yet");
}
