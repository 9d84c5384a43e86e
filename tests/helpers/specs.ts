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

/** OpenAlchemy examples whose models have simple columns only (no references, no JSON). */
export const SIMPLE_COLUMN_EXAMPLES: readonly string[] = [
  "composite_index__example-spec.json",
  "composite_unique__example-spec.json",
  "default__example-spec.json",
  "namespaced__example-spec.json",
  "nullable__openapi-3-0__example-spec.json",
  "nullable__openapi-3-1__example-spec.json",
  "read_only__example-spec.json",
  "server_default__example-spec.json",
  "simple__example-spec.json",
  "write_only__example-spec.json",
];
