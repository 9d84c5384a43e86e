/**
 * The spec pipeline: a parsed OpenAPI document → validated, processed schemas, as
 * OpenAlchemy 2.5 `build_json` does before it writes the package's spec.json.
 *
 * Pure: no I/O. Throws {@link SpecValidationError} naming schema and property.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../json.ts";
import { SpecValidationError } from "../errors.ts";
import { validateSchemas } from "./validation/mod.ts";
import { processSchemas } from "./process/mod.ts";
import { SchemaProblem } from "./schema/peek.ts";

/** What the rest of the build needs from a valid spec. */
export interface ValidSpec {
  /** `info` of the spec (an empty object when the spec has none). */
  readonly info: JsonObject;
  /**
   * The schemas after OpenAlchemy's processing (foreign keys, backrefs, association
   * tables added): exactly what goes under `components.schemas` in spec.json.
   */
  readonly schemas: Schemas;
}

/**
 * Validates a parsed spec the way OpenAlchemy does and returns its processed schemas.
 * The input is not modified (the result shares its unchanged nested schemas).
 *
 * @throws {SpecValidationError} when OpenAlchemy would reject the spec.
 */
export function validateSpec(spec: unknown): ValidSpec {
  if (!isJsonObject(spec)) {
    throw new SpecValidationError("specification must be a JSON object");
  }
  const info = infoOf(spec);
  const schemas = validateSchemas(spec);
  // Processing only adds or replaces entries of the schemas map (wrapping a model in
  // allOf, adding association tables); nested schemas are never changed, so a copy of the
  // map keeps the input as it was.
  let processed: Schemas;
  try {
    processed = processSchemas({ ...schemas });
  } catch (error) {
    // What OpenAlchemy's processing asserts on and its validation does not check.
    if (error instanceof SchemaProblem) {
      throw new SpecValidationError(`Cannot process the schemas: ${error.message}`);
    }
    throw error;
  }
  return { info, schemas: processed };
}

/** `info` of the spec; OpenAlchemy fails on an `info` that is present but not an object. */
function infoOf(spec: JsonObject): JsonObject {
  if (!("info" in spec)) return {};
  if (!isJsonObject(spec.info)) {
    throw new SpecValidationError("info must be an object when it is present", ["info"]);
  }
  return spec.info;
}
