/**
 * The shape of the document OpenAlchemy needs before it looks at any model:
 * `components.schemas` an object of objects, at least one model, and no reference to
 * another file where OpenAlchemy looks for models.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type Schemas } from "../../json.ts";
import { isModel } from "../schema/models.ts";
import { Problems } from "./problems.ts";

/**
 * `components.schemas` and its models.
 *
 * @throws {SpecValidationError} when the document cannot be read further, with every
 *   problem that stops it.
 */
export function documentModels(
  spec: JsonObject,
): { schemas: Schemas; models: [string, JsonObject][] } {
  const problems = new Problems();
  const components = spec.components;
  if (components === undefined || components === null) {
    problems.add("specification must define components", ["components"]);
    return problems.fail();
  }
  if (!isJsonObject(components)) {
    problems.add("components value must be a dictionary", ["components"]);
    return problems.fail();
  }
  const schemas = components.schemas;
  if (schemas === undefined || schemas === null) {
    problems.add("specification must define schemas", ["components", "schemas"]);
    return problems.fail();
  }
  if (!isJsonObject(schemas)) {
    problems.add("schemas must be a dictionary", ["components", "schemas"]);
    return problems.fail();
  }
  const models: [string, JsonObject][] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isJsonObject(schema)) {
      problems.add(`the value of ${name} must be a dictionary`, [name]);
    } else if (problems.at([name], () => isModel(schema, schemas)) === true) {
      // isModel throws (a problem here) only for a reference to another file.
      models.push([name, schema]);
    }
  }
  problems.throwIfAny();
  if (models.length === 0) {
    problems.add(
      "specification must define at least 1 schema with the x-tablename key",
      ["components", "schemas"],
    );
    return problems.fail();
  }
  return { schemas, models };
}
