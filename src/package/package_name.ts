/**
 * The Python package name of a spec, and the names a package may not take.
 *
 * @module
 */

import { PackageNameError, type PackageNameRefusal } from "../errors.ts";
import { PYTHON_KEYWORDS } from "../python/literal.ts";
import { DEPENDENCY_NAMES } from "./dependency_names.ts";
import { STDLIB_MODULE_NAMES } from "./stdlib_module_names.ts";

/** A distribution name as PEP 508 defines it (the core metadata `Name` field). */
const DISTRIBUTION_NAME = /^(?:[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

const ASCII_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The PEP 503 normalised form of a distribution name, the form installers compare:
 * lower case, each run of `-`, `_` and `.` as one `-`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canonicalDistributionName } from "./package_name.ts";
 * assert.equal(canonicalDistributionName("Open_Alchemy.x"), "open-alchemy-x");
 * ```
 */
export function canonicalDistributionName(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

/** Dependency distributions by canonical name. */
const DEPENDENCY_BY_DISTRIBUTION = new Map(
  DEPENDENCY_NAMES.map((dependency) => [
    canonicalDistributionName(dependency.distribution),
    dependency,
  ]),
);

/** Dependency modules by lower-cased name. */
const DEPENDENCY_BY_MODULE = new Map(
  DEPENDENCY_NAMES.flatMap((dependency) =>
    dependency.modules.map((module) => [module.toLowerCase(), { module, dependency }])
  ),
);

/** Standard library modules by lower-cased name. */
const STDLIB_BY_LOWER_CASE = new Map(
  [...STDLIB_MODULE_NAMES].map((module) => [module.toLowerCase(), module]),
);

/**
 * Derives the Python package (import and distribution) name from a spec id, as the
 * original service did (`-` → `_`), and checks that the package can be installed and
 * imported without harm:
 *
 * 1. the spec id is a valid distribution name (PEP 508: ASCII letters, digits, `-`, `_`,
 *    `.`, starting and ending with a letter or digit), else pip, setuptools and
 *    `packaging` refuse the package;
 * 2. with `-` as `_` it is a Python identifier, else it cannot be imported;
 * 3. it is not a Python keyword (`import class` is a syntax error);
 * 4. it is not a module of Python's standard library (`json`, `typing`): the package
 *    would be hidden by it, or hide it;
 * 5. it is not a distribution or module installed with the package (OpenAlchemy,
 *    SQLAlchemy and what they import, pip and setuptools): installing the package
 *    would replace or overwrite it.
 *
 * Rules 4 and 5 ignore case: names that differ only in case are one folder on the
 * default file systems of macOS and Windows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { packageNameOf } from "./package_name.ts";
 * assert.equal(packageNameOf("employee-db"), "employee_db");
 * assert.throws(() => packageNameOf("sqlalchemy"), /SQLAlchemy/);
 * ```
 *
 * @throws {PackageNameError} naming the rule the spec id breaks.
 */
export function packageNameOf(specId: string): string {
  const refuse = (refusal: PackageNameRefusal, why: string): never => {
    throw new PackageNameError(
      `Cannot name the package after the spec id ${JSON.stringify(specId)}: ${why}`,
      refusal,
    );
  };
  if (!DISTRIBUTION_NAME.test(specId)) {
    refuse(
      "distribution-name",
      'a distribution name (PEP 508) holds only ASCII letters, digits, "-", "_" and ' +
        '"." and starts and ends with a letter or digit; pip, setuptools and packaging ' +
        "refuse any other",
    );
  }
  const name = specId.replaceAll("-", "_");
  if (!ASCII_IDENTIFIER.test(name)) {
    refuse(
      "identifier",
      `the import name ${JSON.stringify(name)} ("-" replaced by "_") is not a Python ` +
        'identifier (ASCII letters, digits and "_", not starting with a digit)',
    );
  }
  if (PYTHON_KEYWORDS.has(name)) {
    refuse("keyword", `${JSON.stringify(name)} is a Python keyword and cannot be imported`);
  }
  const stdlibModule = STDLIB_BY_LOWER_CASE.get(name.toLowerCase());
  if (stdlibModule !== undefined) {
    refuse(
      "standard-library",
      `${sameNameAs(name, stdlibModule)} the module "${stdlibModule}" of Python's ` +
        "standard library, which would hide the package or be hidden by it",
    );
  }
  const byDistribution = DEPENDENCY_BY_DISTRIBUTION.get(canonicalDistributionName(specId));
  if (byDistribution !== undefined) {
    refuse(
      "dependency",
      `it is the distribution name of ${byDistribution.distribution} ` +
        `(${byDistribution.why}); installing the package would replace it`,
    );
  }
  const byModule = DEPENDENCY_BY_MODULE.get(name.toLowerCase());
  if (byModule !== undefined) {
    const { module, dependency } = byModule;
    refuse(
      "dependency",
      `${sameNameAs(name, module)} the module "${module}" of ${dependency.distribution} ` +
        `(${dependency.why}); installing the package would overwrite its files`,
    );
  }
  return name;
}

/** `"json" is` or `"JSON" differs only in case from`. */
function sameNameAs(name: string, existing: string): string {
  return name === existing
    ? `${JSON.stringify(name)} is`
    : `${JSON.stringify(name)} differs only in case from`;
}
