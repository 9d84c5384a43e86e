/**
 * Where the test specs are: the project's bundled example. (OpenAlchemy's own examples
 * belong to the conformance suite, `tests/conformance/`.)
 *
 * @module
 */

import { fileURLToPath } from "node:url";

/** The bundled example spec. */
export const PROJECT_EXAMPLE = fileURLToPath(
  new URL("../../examples/employee-spec.json", import.meta.url),
);
