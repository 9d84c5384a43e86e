/**
 * OpenAlchemy's schema validation (owned by the validation work; this first version
 * checks only the document shape and that one model exists).
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { SpecValidationError } from "../../errors.ts";

/**
 * Checks the whole spec and returns its `components.schemas`.
 *
 * @throws {SpecValidationError} naming schema and property at fault.
 */
export function validateSchemas(spec: JsonObject): Schemas {
  const components = spec.components;
  if (components === undefined || components === null) {
    throw new SpecValidationError("specification must define components", ["components"]);
  }
  if (!isJsonObject(components)) {
    throw new SpecValidationError("components value must be a dictionary", ["components"]);
  }
  const schemas = components.schemas;
  if (schemas === undefined || schemas === null) {
    throw new SpecValidationError("specification must define schemas", ["components", "schemas"]);
  }
  if (!isJsonObject(schemas)) {
    throw new SpecValidationError("schemas must be a dictionary", ["components", "schemas"]);
  }
  const hasModel = Object.values(schemas).some((schema) =>
    isJsonObject(schema) && ("x-tablename" in schema || "x-open-alchemy-tablename" in schema)
  );
  if (!hasModel) {
    throw new SpecValidationError(
      "specification must define at least 1 schema with the x-tablename key",
      ["components", "schemas"],
    );
  }
  return schemas;
}
