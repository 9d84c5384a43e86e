/**
 * Checks across models: every model that is not a single-table child has a table of
 * its own.
 *
 * @module
 */

import type { JsonObject, Schemas } from "../../json.ts";
import { peekLocal, SchemaProblem } from "../schema/peek.ts";
import { inheritanceType } from "../schema/inheritance.ts";
import type { Problems } from "./problems.ts";

/**
 * Records a problem for each model, single-table children aside, whose table another
 * model already has, or whose table name cannot be read where OpenAlchemy reads it (its
 * own `allOf` items first: an `x-tablename` beside `allOf` is not seen there).
 */
export function checkUniqueTablenames(
  models: readonly (readonly [string, JsonObject])[],
  schemas: Schemas,
  problems: Problems,
): void {
  const owners = new Map<string, string>();
  for (const [name, schema] of models) {
    problems.at([name], () => {
      if (inheritanceType(schema, schemas) === "single") return;
      const tablename = peekLocal(schema, schemas, "x-tablename");
      if (typeof tablename !== "string") {
        throw new SchemaProblem(
          "the table name must be in the schema's allOf items when it has allOf " +
            "(OpenAlchemy does not see an x-tablename beside allOf)",
        );
      }
      const owner = owners.get(tablename);
      if (owner === undefined) {
        owners.set(tablename, name);
        return;
      }
      throw new SchemaProblem(
        `x-tablename "${tablename}" is also the table of ${owner}; only a model that ` +
          "inherits (x-inherits) may share its parent's table",
      );
    });
  }
}
