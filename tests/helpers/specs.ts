/**
 * Where the test specs are: the project's example and OpenAlchemy's example specs in the
 * shared folder beside the repository.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

/** The bundled example spec. */
export const PROJECT_EXAMPLE = fileURLToPath(
  new URL("../../examples/employee-spec.json", import.meta.url),
);

/** OpenAlchemy's 27 example specs, converted to JSON (in `../shared/` beside the repo). */
export const OPENALCHEMY_EXAMPLES_DIR = fileURLToPath(
  new URL("../../../shared/specs/openalchemy-examples/", import.meta.url),
);

/** Paths of OpenAlchemy's example specs, sorted by file name. */
export async function exampleSpecPaths(): Promise<string[]> {
  const paths: string[] = [];
  for await (const entry of Deno.readDir(OPENALCHEMY_EXAMPLES_DIR)) {
    if (entry.isFile && entry.name.endsWith("-spec.json")) {
      paths.push(`${OPENALCHEMY_EXAMPLES_DIR}${entry.name}`);
    }
  }
  return paths.sort();
}
