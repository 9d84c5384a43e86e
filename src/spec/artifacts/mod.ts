/**
 * The schema artifacts of OpenAlchemy 2.5 (`open_alchemy.schemas.artifacts`): for each
 * model of the processed schemas, its table, inheritance, description, mixins, kwargs,
 * composite index/unique, back references and the artifacts of each property. The
 * typed models file is written from these.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { getArtifacts } from "./mod.ts";
 * const artifacts = getArtifacts({
 *   Employee: {
 *     type: "object",
 *     "x-tablename": "employee",
 *     properties: { id: { type: "integer", "x-primary-key": true } },
 *   },
 * });
 * const [[name, property]] = artifacts.get("Employee")!.properties;
 * assert.equal(name, "id");
 * assert.equal(property.type, "simple");
 * ```
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { SpecValidationError } from "../../errors.ts";
import { SchemaProblem } from "../schema/peek.ts";
import { constructables, propertiesItems, requiredItems } from "../schema/iterate.ts";
import { modelArtifacts } from "./model.ts";
import { propertyArtifacts } from "./property.ts";
import type { ModelArtifacts, ModelsArtifacts, PropertyArtifacts } from "./types.ts";

export type * from "./types.ts";
export { propertyKind } from "../schema/kind.ts";

/** Options of {@link getArtifacts}. */
export interface GetArtifactsOptions {
  /**
   * List only the properties a model defines itself, not those it inherits. The models
   * file is written with `false`, OpenAlchemy's choice in `build_json`.
   * @default false
   */
  stayWithinModel?: boolean;
}

/**
 * The artifacts of every model of valid, processed schemas (what goes into spec.json),
 * as OpenAlchemy's `get_from_schemas(schemas, stay_within_model=False)`: models in the
 * order the schemas define them, properties in OpenAlchemy's iteration order.
 *
 * `build_json` runs the back-reference processing a second time before reading the
 * artifacts; that adds only `x-backrefs` entries already present, which are read once,
 * so it is not repeated here.
 *
 * @throws {SpecValidationError} naming the model when a schema cannot be read (only
 * for schemas that did not pass validation).
 */
export function getArtifacts(
  schemas: Schemas,
  options: GetArtifactsOptions = {},
): ModelsArtifacts {
  const stayWithinModel = options.stayWithinModel ?? false;
  const models = new Map<string, ModelArtifacts>();
  for (const [name, schema] of constructables(schemas)) {
    try {
      models.set(name, {
        ...modelArtifacts(schema, schemas),
        properties: propertiesOf(schema, schemas, stayWithinModel),
      });
    } catch (error) {
      if (error instanceof SchemaProblem) {
        throw new SpecValidationError(`Cannot read the model: ${error.message}`, [name]);
      }
      throw error;
    }
  }
  return models;
}

function propertiesOf(
  schema: JsonObject,
  schemas: Schemas,
  stayWithinModel: boolean,
): [string, PropertyArtifacts][] {
  const required = new Set(requiredItems(schema, schemas));
  const properties: [string, PropertyArtifacts][] = [];
  for (const [propertyName, property] of propertiesItems(schema, schemas, { stayWithinModel })) {
    const context = {
      schemas,
      modelSchema: schema,
      propertyName,
      required: required.has(propertyName),
    };
    if (!isJsonObject(property)) throw new SchemaProblem(`${propertyName} must be an object`);
    properties.push([propertyName, propertyArtifacts(property, context)]);
  }
  return properties;
}
