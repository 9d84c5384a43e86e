/**
 * Importing built packages in Python: each package's `__init__.py` runs to the end, as
 * `import <package>` runs it, against the real SQLAlchemy (from the tools environment)
 * and a stand-in for OpenAlchemy whose `init_json` only reads spec.json and whose
 * `models` module hands out a class per model name. What this catches is the generated
 * code itself failing at import (a name rebound, a mangled annotation), not
 * OpenAlchemy's model building.
 *
 * @module
 */

import { join } from "node:path";
import type { PackageContents } from "../../src/package/package_files.ts";
import { runOk } from "./python.ts";
import { TOOLS_PYTHON } from "./tools.ts";

const STUB_INIT = `import json
import pathlib


def init_json(path):
    json.loads(pathlib.Path(path).read_text())
`;

const STUB_MODELS = `class Base:
    pass


def __getattr__(name):
    return type(name, (Base,), {})
`;

/** Imports every package; returns, per package, the names its module binds. */
const IMPORT_SCRIPT = `
import importlib, json, sys, warnings
warnings.simplefilter("error")
report = {}
for name in sys.argv[1:]:
    module = importlib.import_module(name)
    report[name] = {key: type(value).__name__ + ":" + getattr(value, "__name__", "")
                    for key, value in vars(module).items() if not key.startswith("__")}
print(json.dumps(report))
`;

/**
 * Writes the packages into a temporary folder beside the stand-in for OpenAlchemy,
 * imports each one and returns what each module binds (`name → "type:__name__"`).
 *
 * @throws {Error} with Python's output when an import fails.
 */
export async function importPackages(
  packages: readonly PackageContents[],
): Promise<Record<string, Record<string, string>>> {
  const root = await Deno.makeTempDir({ prefix: "oa-import-" });
  try {
    await Deno.mkdir(join(root, "open_alchemy"));
    await Deno.writeTextFile(join(root, "open_alchemy", "__init__.py"), STUB_INIT);
    await Deno.writeTextFile(join(root, "open_alchemy", "models.py"), STUB_MODELS);
    for (const contents of packages) {
      await Deno.mkdir(join(root, contents.name));
      for (const file of contents.files) {
        await Deno.writeTextFile(join(root, contents.name, file.name), file.text);
      }
    }
    const names = packages.map((contents) => contents.name);
    const output = await runOk(TOOLS_PYTHON, ["-c", IMPORT_SCRIPT, ...names], {
      env: { PYTHONPATH: root },
    });
    return JSON.parse(output);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
