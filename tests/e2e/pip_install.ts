/**
 * End to end: build packages with the builder, install them with pip into fresh virtual
 * environments, and check what Python sees. Shared by the main suite (the project's own
 * specs) and the conformance suite (OpenAlchemy's examples).
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { type BuildOutcome, buildPackageSet } from "../../src/build_packages.ts";
import { createVenv, runOk } from "../helpers/python.ts";

/** Reports, for each distribution name given, what importlib.metadata sees. */
const INSPECT = `
import importlib.metadata as metadata, json, pathlib, py_compile, sys
report = {}
for name in sys.argv[1:]:
    dist = metadata.distribution(name)
    files = [str(path) for path in dist.files or []]
    init = next(path for path in dist.files if str(path).endswith("/__init__.py"))
    py_compile.compile(str(init.locate()), doraise=True)
    spec = next(path for path in dist.files if str(path).endswith("/spec.json"))
    cache = next(path for path in dist.files if "__open_alchemy_" in str(path))
    report[name] = {
        "name": dist.metadata["Name"],
        "version": dist.version,
        "requires": dist.requires,
        "requires_python": dist.metadata["Requires-Python"],
        "files": sorted(path for path in files if not path.startswith(("..", "__pycache__"))
                        and ".dist-info" not in path and "__pycache__" not in path),
        "spec": json.loads(spec.locate().read_text()),
        "cache": json.loads(cache.locate().read_text()),
        "spec_text": spec.locate().read_text(),
    }
print(json.dumps(report))
`;

interface Installed {
  name: string;
  version: string;
  requires: string[];
  requires_python: string;
  files: string[];
  spec: { info: { version: string }; components: { schemas: object } };
  cache: { hash: string; data: { schemas: { valid: boolean } } };
  spec_text: string;
}

/** The PEP 503 canonical form of a distribution name. */
function canonicalName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Builds each spec, installs the wheels (and the sdists, offline and with build
 * isolation) with pip into fresh virtual environments, and checks name, version,
 * requirements, files, spec.json and the validation cache as Python sees them.
 */
export async function checkPipInstall(
  t: Deno.TestContext,
  specs: readonly string[],
): Promise<void> {
  const work = await Deno.makeTempDir({ prefix: "oa-pip-" });
  try {
    const builds: BuildOutcome[] = [];
    for (const [index, specPath] of specs.entries()) {
      const copy = join(work, `spec${index}`, "spec.json");
      await Deno.mkdir(join(work, `spec${index}`));
      await Deno.copyFile(specPath, copy);
      builds.push(
        await buildPackageSet({ specKey: `u/pkg-${index}/1-spec.json`, specPath: copy }),
      );
    }
    const names = builds.map((build) => build.name);
    const pathsOf = (format: string) =>
      builds.map((build) => build.packages.find((item) => item.format === format)!.path);

    const check = async (python: string) => {
      const report: Record<string, Installed> = JSON.parse(
        await runOk(python, ["-c", INSPECT, ...names]),
      );
      for (const build of builds) {
        const installed = report[build.name];
        // setuptools may respell the name (pkg_0 → pkg-0): equal once canonicalised.
        assert.equal(canonicalName(installed.name), canonicalName(build.name));
        assert.equal(installed.version, build.version);
        assert.deepEqual(installed.requires, ["OpenAlchemy>=2.5.0"]);
        assert.equal(installed.requires_python, ">=3.8");
        const cacheFile = `${build.name}/__open_alchemy_${await sha256Hex("spec.json")}_cache__`;
        assert.deepEqual(
          installed.files,
          [
            `${build.name}/__init__.py`,
            cacheFile,
            `${build.name}/spec.json`,
          ].sort(),
        );
        assert.equal(installed.cache.hash, await sha256Hex(installed.spec_text));
        assert.equal(installed.cache.data.schemas.valid, true);
        assert.ok(Object.keys(installed.spec.components.schemas).length > 0);
      }
    };

    /** A fresh venv with `pip install --quiet --no-deps <args>` done in it. */
    const installed = async (venvName: string, args: string[]) => {
      const venv = await createVenv(join(work, venvName));
      await runOk(venv.python, ["-m", "pip", "install", "--quiet", "--no-deps", ...args]);
      return venv;
    };

    await t.step("wheels, with --no-deps", async () => {
      const venv = await installed("venv-wheel", pathsOf("wheel"));
      await check(venv.python);
    });

    await t.step("sdists, offline with --no-build-isolation and --no-deps", async () => {
      const venv = await installed("venv-sdist", [
        "--no-index",
        "--no-build-isolation",
        ...pathsOf("sdist"),
      ]);
      await check(venv.python);
    });

    await t.step("an sdist, with pip's default build isolation", async () => {
      const venv = await installed("venv-isolated", ["--retries", "0", pathsOf("sdist")[0]]);
      const report = JSON.parse(await runOk(venv.python, ["-c", INSPECT, names[0]]));
      assert.equal(report[names[0]].version, builds[0].version);
    });
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}
