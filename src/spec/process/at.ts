/**
 * Faults processing meets in a schema that passed validation (what OpenAlchemy's
 * processing asserts on), reported at their place.
 *
 * @module
 */

import { SpecValidationError } from "../../errors.ts";
import { SchemaProblem } from "../schema/peek.ts";

/** Runs `make`, turning a {@link SchemaProblem} into a SpecValidationError at `path`. */
export function at<T>(path: readonly string[], make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof SchemaProblem) throw new SpecValidationError(error.message, path);
    throw error;
  }
}
