/**
 * Where the conformance suite's corpus is: OpenAlchemy's own example specs and the
 * verdict corpus, in the folder `deno task conformance [dir]` names (default
 * `../shared/specs` beside the repository). The runner (`run.ts`) checks the folder
 * before any test starts and passes it as `CONFORMANCE_DIR`.
 *
 * @module
 */

import { join } from "node:path";

/** The corpus folder (absolute), as the runner passed it. */
export const CONFORMANCE_DIR: string = conformanceDir();

/** OpenAlchemy's 27 example specs, as JSON. */
export const OPENALCHEMY_EXAMPLES_DIR = join(CONFORMANCE_DIR, "openalchemy-examples") + "/";

/** The 2,000 mutated example specs with OpenAlchemy 2.5's verdicts. */
export const VERDICTS_FILE = join(CONFORMANCE_DIR, "openalchemy-verdicts", "mutants-2000.jsonl");

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

function conformanceDir(): string {
  const dir = Deno.env.get("CONFORMANCE_DIR");
  if (!dir) {
    throw new Error(
      "Cannot run the conformance suite: CONFORMANCE_DIR is not set; run it with `deno task conformance [dir]`",
    );
  }
  return dir;
}
