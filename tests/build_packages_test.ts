import assert from "node:assert/strict";
import { join } from "node:path";
import { buildPackages, buildPackageSet } from "../src/build_packages.ts";
import {
  PackageNameError,
  PackageVersionError,
  SpecKeyError,
  SpecParseError,
  SpecValidationError,
} from "../src/errors.ts";
import { readTarGz, readZip, sha256Hex, textOf } from "./helpers/archives.ts";
import { PROJECT_EXAMPLE } from "./helpers/specs.ts";

async function specFile(dir: string, text: string, name = "spec.json"): Promise<string> {
  const path = join(dir, name);
  await Deno.writeTextFile(path, text);
  return path;
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "oa-build-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

const EXAMPLE_TEXT = await Deno.readTextFile(PROJECT_EXAMPLE);

Deno.test("buildPackages writes an sdist and a wheel into dist beside the spec", async () => {
  await withTempDir(async (dir) => {
    const specPath = await specFile(dir, EXAMPLE_TEXT);
    const packages = await buildPackages({ specKey: "user-1/employee-db/3-spec.json", specPath });
    assert.deepEqual(packages, [
      {
        storageLocation: "user-1/employee-db/employee_db-1.0.0.tar.gz",
        path: join(dir, "dist", "employee_db-1.0.0.tar.gz"),
      },
      {
        storageLocation: "user-1/employee-db/employee_db-1.0.0-py3-none-any.whl",
        path: join(dir, "dist", "employee_db-1.0.0-py3-none-any.whl"),
      },
    ]);
    const written = [];
    for await (const entry of Deno.readDir(join(dir, "dist"))) written.push(entry.name);
    assert.deepEqual(written.sort(), [
      "employee_db-1.0.0-py3-none-any.whl",
      "employee_db-1.0.0.tar.gz",
    ]);
  });
});

Deno.test("the build report gives name, version, title, model count and archive digests", async () => {
  await withTempDir(async (dir) => {
    const specPath = await specFile(dir, EXAMPLE_TEXT);
    const outcome = await buildPackageSet({ specKey: "u/employee/1-spec.json", specPath });
    assert.equal(outcome.name, "employee");
    assert.equal(outcome.version, "1.0.0");
    assert.equal(outcome.title, "Employee database");
    assert.match(outcome.description ?? "", /^Employees and the divisions/);
    assert.equal(outcome.modelCount, 1);
    for (const item of outcome.packages) {
      const bytes = await Deno.readFile(item.path);
      assert.equal(item.sha256, await sha256Hex(bytes));
      assert.equal(item.size, bytes.byteLength);
    }
  });
});

Deno.test("the same spec gives byte-identical archives in separate builds", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(join(dir, "a"));
    await Deno.mkdir(join(dir, "b"));
    const first = await buildPackageSet({
      specKey: "u/employee/1-spec.json",
      specPath: await specFile(join(dir, "a"), EXAMPLE_TEXT),
    });
    const second = await buildPackageSet({
      specKey: "u/employee/1-spec.json",
      specPath: await specFile(join(dir, "b"), EXAMPLE_TEXT),
    });
    assert.deepEqual(
      first.packages.map((item) => item.sha256),
      second.packages.map((item) => item.sha256),
    );
  });
});

Deno.test("the bundled example builds to the same sha256 on every machine and run", async () => {
  // Recorded once; a change means the archives are no longer reproducible across
  // machines or versions (or the package content changed on purpose: update them then).
  await withTempDir(async (dir) => {
    const specPath = await specFile(dir, EXAMPLE_TEXT);
    const outcome = await buildPackageSet({ specKey: "local/employee/1-spec.json", specPath });
    assert.deepEqual(outcome.packages.map((item) => [item.format, item.sha256]), [
      ["sdist", "674d7781dd74f31ea6a5f0c4320325140c0f64edd5cb6bef7af5c315e46afe19"],
      ["wheel", "acdcc7644295d0b5e5d8c647687293d41a88f1ccb4efed0e98281cb5870a5875"],
    ]);
  });
});

Deno.test("a YAML spec builds the same archives as its JSON twin", async () => {
  await withTempDir(async (dir) => {
    const { stringify } = await import("yaml");
    await Deno.mkdir(join(dir, "json"));
    await Deno.mkdir(join(dir, "yaml"));
    const fromJson = await buildPackageSet({
      specKey: "u/employee/1-spec.json",
      specPath: await specFile(join(dir, "json"), EXAMPLE_TEXT),
    });
    const yamlText = stringify(JSON.parse(EXAMPLE_TEXT));
    const fromYaml = await buildPackageSet({
      specKey: "u/employee/1-spec.json",
      specPath: await specFile(join(dir, "yaml"), yamlText, "spec.yaml"),
    });
    assert.deepEqual(
      fromYaml.packages.map((item) => item.sha256),
      fromJson.packages.map((item) => item.sha256),
    );
  });
});

Deno.test("the wheel and the sdist hold the same package files", async () => {
  await withTempDir(async (dir) => {
    const specPath = await specFile(dir, EXAMPLE_TEXT);
    const [sdist, wheel] = await buildPackages({ specKey: "u/employee/1-spec.json", specPath });
    const zip = readZip(await Deno.readFile(wheel.path));
    const members = await readTarGz(await Deno.readFile(sdist.path));
    for (const member of members.filter((item) => item.name.includes("/employee/"))) {
      const inWheel = member.name.slice(member.name.indexOf("/employee/") + 1);
      assert.equal(textOf(zip.get(inWheel)), member.text, inWheel);
    }
    const init = textOf(zip.get("employee/__init__.py"));
    assert.ok(init.startsWith("import pathlib\n\nfrom open_alchemy import init_json\n"));
    assert.match(init, /^init_json\(parent_path \/ "spec\.json"\)\n\n\n"""Autogenerated/m);
    assert.match(init, /^class TEmployee\(typing\.Protocol\):$/m);
    const spec = JSON.parse(textOf(zip.get("employee/spec.json")));
    assert.deepEqual(Object.keys(spec), ["info", "components"]);
    assert.deepEqual(spec.info, {
      version: "1.0.0",
      title: "Employee database",
      description: "Employees and the divisions they work in, for the OpenAlchemy package builder.",
    });
    assert.deepEqual(spec.components.schemas, JSON.parse(EXAMPLE_TEXT).components.schemas);
  });
});

Deno.test("without a string info.version the version is the schemas' sha1, as 0+hash", async () => {
  await withTempDir(async (dir) => {
    const spec = JSON.parse(EXAMPLE_TEXT);
    delete spec.info.version;
    const specPath = await specFile(dir, JSON.stringify(spec));
    const outcome = await buildPackageSet({ specKey: "u/employee/1-spec.json", specPath });
    assert.match(outcome.version, /^0\+[0-9a-f]{20}$/);
    const wheel = outcome.packages.find((item) => item.format === "wheel")!;
    const specJson = JSON.parse(
      textOf(readZip(await Deno.readFile(wheel.path)).get("employee/spec.json")),
    );
    assert.equal(`0+${specJson.info.version}`, outcome.version);
  });
});

Deno.test("formats limits what is built", async () => {
  await withTempDir(async (dir) => {
    const specPath = await specFile(dir, EXAMPLE_TEXT);
    const packages = await buildPackages({
      specKey: "u/employee/1-spec.json",
      specPath,
      formats: ["wheel"],
    });
    assert.deepEqual(packages.map((item) => item.storageLocation), [
      "u/employee/employee-1.0.0-py3-none-any.whl",
    ]);
  });
});

const BAD_INPUTS: {
  name: string;
  key?: string;
  text: string;
  error: ErrorConstructor | typeof SpecKeyError | typeof PackageNameError;
  message: RegExp;
}[] = [
  {
    name: "a bad key",
    key: "u/employee/spec.json",
    text: EXAMPLE_TEXT,
    error: SpecKeyError,
    message: /does not end with "-spec\.json"/,
  },
  {
    name: "a spec id that is no Python name",
    key: "u/2x/1-spec.json",
    text: EXAMPLE_TEXT,
    error: SpecKeyError,
    message: /Python identifier/,
  },
  {
    name: "a spec id with a leading -, which no installer accepts",
    key: "u/-lead/1-spec.json",
    text: EXAMPLE_TEXT,
    error: PackageNameError,
    message: /distribution name \(PEP 508\)/,
  },
  {
    name: "a spec id that would replace SQLAlchemy",
    key: "u/sqlalchemy/1-spec.json",
    text: EXAMPLE_TEXT,
    error: PackageNameError,
    message: /distribution name of SQLAlchemy/,
  },
  {
    name: "a spec id that would shadow the standard library",
    key: "u/typing/1-spec.json",
    text: EXAMPLE_TEXT,
    error: PackageNameError,
    message: /module "typing" of Python's standard library/,
  },
  {
    name: "text that is not JSON",
    text: '{"openapi": ',
    error: SpecParseError,
    message: /Cannot parse the spec as JSON/,
  },
  {
    name: "a spec that is not an object",
    text: "[1, 2]",
    error: SpecValidationError,
    message: /must be a JSON object/,
  },
  {
    name: "a spec without schemas",
    text: '{"components": {}}',
    error: SpecValidationError,
    message: /must define schemas/,
  },
  {
    name: "a spec without components",
    text: '{"info": {"version": "1"}}',
    error: SpecValidationError,
    message: /must define components/,
  },
  {
    name: "a spec without x-tablename",
    text:
      '{"components": {"schemas": {"A": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}',
    error: SpecValidationError,
    message: /at least 1 schema with the x-tablename key/,
  },
  {
    name: "a version that is not PEP 440",
    text: EXAMPLE_TEXT.replace('"version": "1.0.0"', '"version": "first release"'),
    error: PackageVersionError,
    message: /"first release" \(info\.version of the spec\) is not a valid PEP 440 version/,
  },
];

for (const bad of BAD_INPUTS) {
  Deno.test(`${bad.name} is a typed error and writes no archive`, async () => {
    await withTempDir(async (dir) => {
      const specPath = await specFile(dir, bad.text);
      await assert.rejects(
        buildPackages({ specKey: bad.key ?? "u/employee/1-spec.json", specPath }),
        (error: unknown) => {
          assert.ok(error instanceof bad.error, `${error}`);
          assert.match((error as Error).message, bad.message);
          return true;
        },
      );
      assert.equal(await exists(join(dir, "dist")), false);
    });
  });
}

Deno.test("a time stamp a zip cannot hold is refused before the spec is validated", async () => {
  await withTempDir(async (dir) => {
    const specPath = await specFile(dir, '{"components": {}}');
    await assert.rejects(
      buildPackages({ specKey: "u/employee/1-spec.json", specPath, timestamp: 0 }),
      (error: unknown) => {
        assert.ok(error instanceof RangeError, `${error}`);
        assert.match((error as Error).message, /between 1980-01-01 and 2107-12-31/);
        return true;
      },
    );
    assert.equal(await exists(join(dir, "dist")), false);
  });
});
