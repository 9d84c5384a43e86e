/**
 * `deno task conformance [dir]`: the suite that compares the builder with OpenAlchemy on
 * its own example specs and on the verdict corpus, which live outside the repository
 * (default `../shared/specs` beside it). Fails with one clear line when the corpus is
 * missing, never passes without it.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DEFAULT_DIR = resolve(ROOT, "..", "shared", "specs");

/** The files the suite needs in the corpus folder. */
const REQUIRED = [
  "openalchemy-examples/simple__example-spec.json",
  "openalchemy-verdicts/mutants-2000.jsonl",
];

if (import.meta.main) {
  const dir = resolve(Deno.args[0] ?? DEFAULT_DIR);
  const missing = REQUIRED.filter((path) => !exists(resolve(dir, path)));
  if (missing.length > 0) {
    console.error(
      `conformance: no corpus at ${dir} (missing ${missing.join(", ")}); ` +
        "pass the folder that holds openalchemy-examples/ and openalchemy-verdicts/",
    );
    Deno.exit(1);
  }
  const status = await new Deno.Command(Deno.execPath(), {
    args: ["test", "--allow-all", "--parallel", ...await suiteFiles()],
    cwd: ROOT,
    env: { CONFORMANCE_DIR: dir },
    stdin: "null",
  }).spawn().status;
  Deno.exit(status.code);
}

/**
 * The suite's files: every `*_conformance.ts` under `tests/conformance/`. They are not named
 * `*_test.ts`, so `deno task test` (which must pass without the corpus) never finds them.
 */
async function suiteFiles(): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(resolve(ROOT, dir))) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory) await walk(path);
      else if (entry.name.endsWith("_conformance.ts")) files.push(path);
    }
  };
  await walk("tests/conformance");
  return files.sort();
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}
