import assert from "node:assert/strict";
import { canonicalDistributionName, packageNameOf } from "../../src/package/package_name.ts";
import { STDLIB_MODULE_NAMES } from "../../src/package/stdlib_module_names.ts";
import { DEPENDENCY_NAMES } from "../../src/package/dependency_names.ts";
import { PackageNameError, type PackageNameRefusal, SpecKeyError } from "../../src/errors.ts";
import { runOk } from "../helpers/python.ts";
import { TOOLS_PYTHON } from "../helpers/tools.ts";

/** Asserts that `specId` is refused by `refusal`, with a message matching `reason`. */
function assertRefused(specId: string, refusal: PackageNameRefusal, reason: RegExp): void {
  assert.throws(() => packageNameOf(specId), (error: unknown) => {
    assert.ok(error instanceof PackageNameError, specId);
    assert.ok(error instanceof SpecKeyError, "a PackageNameError is a SpecKeyError");
    assert.equal(error.refusal, refusal, specId);
    assert.deepEqual(error.path, ["specKey", "specId"]);
    assert.ok(
      error.message.startsWith(
        `Cannot name the package after the spec id ${JSON.stringify(specId)}:`,
      ),
      error.message,
    );
    assert.match(error.message, reason, specId);
    return true;
  });
}

Deno.test("the package name is the spec id with - replaced by _", () => {
  assert.equal(packageNameOf("employee-db"), "employee_db");
  assert.equal(packageNameOf("Staff_2"), "Staff_2");
  assert.equal(packageNameOf("a"), "a");
  assert.equal(packageNameOf("sql-alchemy-models"), "sql_alchemy_models");
  // Soft keywords are valid module names.
  assert.equal(packageNameOf("match"), "match");
});

Deno.test("a spec id with a leading or trailing - or _ is refused: it is not a distribution name", () => {
  for (const specId of ["-lead", "trail_", "_private", "trail-", "__init__", "-"]) {
    assertRefused(specId, "distribution-name", /distribution name \(PEP 508\)/);
  }
});

Deno.test("a spec id with characters a distribution name cannot hold is refused", () => {
  for (const specId of ["naïve", "a b", "my.spec.", "émployé", "a+b", ""]) {
    assertRefused(specId, "distribution-name", /starts and ends with a letter or digit/);
  }
});

Deno.test("a spec id that is a distribution name but not a Python identifier is refused", () => {
  for (const specId of ["2fast", "my.spec", "1"]) {
    assertRefused(specId, "identifier", /is not a Python identifier/);
  }
});

Deno.test("a spec id that is a Python keyword is refused", () => {
  for (const specId of ["class", "None", "import", "async"]) {
    assertRefused(specId, "keyword", /is a Python keyword/);
  }
});

Deno.test("a spec id that is a standard library module is refused, whatever its case", () => {
  assertRefused("json", "standard-library", /"json" is the module "json" of Python's standard/);
  assertRefused("typing", "standard-library", /"typing" is the module "typing"/);
  assertRefused("tomllib", "standard-library", /standard library/);
  assertRefused("distutils", "standard-library", /standard library/);
  assertRefused("JSON", "standard-library", /"JSON" differs only in case from the module "json"/);
  assertRefused("cprofile", "standard-library", /module "cProfile"/);
  // A name with "-" whose import name is a standard module.
  assertRefused("py-compile", "standard-library", /module "py_compile"/);
});

Deno.test("a spec id that is a runtime dependency's distribution is refused", () => {
  assertRefused("sqlalchemy", "dependency", /distribution name of SQLAlchemy/);
  assertRefused("SQLAlchemy", "dependency", /distribution name of SQLAlchemy/);
  assertRefused("openalchemy", "dependency", /distribution name of OpenAlchemy/);
  assertRefused("rpds-py", "dependency", /distribution name of rpds-py/);
  assertRefused("PyYAML", "dependency", /OpenAlchemy's yaml extra/);
  assertRefused("jsonschema_specifications", "dependency", /jsonschema-specifications/);
  assertRefused("pip", "dependency", /the installer/);
  assertRefused("setuptools", "dependency", /build backend/);
});

Deno.test("a spec id whose import name is a runtime dependency's module is refused", () => {
  assertRefused("open-alchemy", "dependency", /the module "open_alchemy" of OpenAlchemy/);
  assertRefused("open_alchemy", "dependency", /module "open_alchemy"/);
  assertRefused("Open-Alchemy", "dependency", /"Open_Alchemy" differs only in case/);
  assertRefused("yaml", "dependency", /module "yaml" of PyYAML/);
  assertRefused("attr", "dependency", /module "attr" of attrs/);
  assertRefused("pkg_resources", "dependency", /module "pkg_resources" of setuptools/);
  assertRefused("sqlmypy", "dependency", /sqlalchemy-stubs/);
  assertRefused("typing-extensions", "dependency", /typing_extensions/);
});

Deno.test("every name the rules refuse or accept as a distribution name, packaging judges alike", async () => {
  const specIds = [
    "-lead",
    "trail_",
    "_x",
    "x_",
    "a",
    "A1",
    "a.b",
    "a..b",
    "a--b",
    "a_-.b",
    "1",
    "naïve",
    "a b",
    "Ⅸ",
    "a\u0131",
    "\u212a",
    "a\u017f",
    "",
    ".a",
    "a.",
  ];
  const script = `
import json, sys
from packaging.utils import canonicalize_name, InvalidName
verdicts = []
for name in json.load(sys.stdin):
    try:
        canonicalize_name(name, validate=True)
        verdicts.append(True)
    except InvalidName:
        verdicts.append(False)
print(json.dumps(verdicts))`;
  const theirs: boolean[] = JSON.parse(
    await runOk(TOOLS_PYTHON, ["-c", script], { stdin: JSON.stringify(specIds) }),
  );
  const ours = specIds.map((specId) => {
    try {
      packageNameOf(specId);
      return true;
    } catch (error) {
      return !(error instanceof PackageNameError && error.refusal === "distribution-name");
    }
  });
  assert.deepEqual(ours, theirs);
});

Deno.test("distribution names are compared in their PEP 503 form", () => {
  assert.equal(canonicalDistributionName("Jinja2"), "jinja2");
  assert.equal(canonicalDistributionName("jsonschema_specifications"), "jsonschema-specifications");
  assert.equal(canonicalDistributionName("a._-b"), "a-b");
});

Deno.test("every dependency distribution and module is itself refused", () => {
  for (const dependency of DEPENDENCY_NAMES) {
    assertRefused(dependency.distribution, "dependency", /installing the package would/);
    for (const module of dependency.modules) {
      if (module.startsWith("_")) continue; // already no distribution name
      assertRefused(module, "dependency", /installing the package would/);
    }
  }
});

const toolsVersion = (await runOk(TOOLS_PYTHON, [
  "-c",
  "import sys; print('%d.%d' % sys.version_info[:2])",
])).trim();

Deno.test({
  name: "the standard library list is Python 3.11's sys.stdlib_module_names",
  ignore: toolsVersion !== "3.11",
  async fn() {
    const names: string[] = JSON.parse(
      await runOk(TOOLS_PYTHON, [
        "-c",
        "import json, sys; print(json.dumps(sorted(sys.stdlib_module_names)))",
      ]),
    );
    assert.deepEqual([...STDLIB_MODULE_NAMES].sort(), names.sort());
  },
});
