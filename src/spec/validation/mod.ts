/**
 * OpenAlchemy 2.5's validation of a spec's schemas, as `build_json` runs it before
 * processing, on the one schema reader (`../schema/`): the document's shape and at
 * least one model (document.ts), each model (model.ts), each property of each model
 * (property.ts, simple.ts, relationship.ts), then the rules across models (tables.ts,
 * associations.ts).
 *
 * Unlike OpenAlchemy, which stops at the first problem, every independent problem is
 * found: each model is checked, each property of every model that passed, and the
 * rules across models; the error lists them all.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { validateSchemas } from "./mod.ts";
 * const spec = {
 *   components: {
 *     schemas: {
 *       Employee: {
 *         type: "object",
 *         "x-tablename": "employee",
 *         properties: { id: { type: "integer", "x-primary-key": true }, name: { type: 1 } },
 *       },
 *     },
 *   },
 * };
 * assert.throws(() => validateSchemas(spec), /Employee\.name: /);
 * ```
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { documentModels } from "./document.ts";
import { checkModel } from "./model.ts";
import { Problems } from "./problems.ts";
import { checkProperty } from "./property.ts";
import { checkUniqueTablenames } from "./tables.ts";
import { checkAssociations } from "./associations.ts";

/**
 * Checks the whole spec and returns its `components.schemas`.
 *
 * @throws {SpecValidationError} listing every problem found, the first as its message.
 */
export function validateSchemas(spec: JsonObject): Schemas {
  const { schemas, models } = documentModels(spec);
  const problems = new Problems();
  // Every model first, then the properties of those that passed (OpenAlchemy's order, so
  // that the first problem is the one it reports).
  const passed: [string, JsonObject, [string, JsonValue][]][] = [];
  for (const [model, modelSchema] of models) {
    const own = problems.at([model], () => checkModel(modelSchema, schemas));
    if (own !== undefined) passed.push([model, modelSchema, own]);
  }
  for (const [model, modelSchema, own] of passed) {
    for (const [name, property] of own) {
      if (!isJsonObject(property)) continue;
      const place = { schemas, model, modelSchema, propertyName: name };
      problems.at([model, name], () => checkProperty(property, place));
    }
  }
  const passedModels = passed.map(([model, modelSchema]) => [model, modelSchema] as const);
  checkUniqueTablenames(passedModels, schemas, problems);
  if (problems.empty) checkAssociations(passedModels, schemas, problems);
  problems.throwIfAny();
  return schemas;
}
