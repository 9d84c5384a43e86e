/**
 * OpenAlchemy package builder: turns an OpenAPI spec with OpenAlchemy's `x-` extensions
 * into a pip-installable Python package (sdist and wheel), in-process, reproducibly.
 *
 * @example
 * ```ts
 * import { buildPackages } from "./mod.ts";
 * const packages = await buildPackages({
 *   specKey: "user1/employee/1-spec.json",
 *   specPath: "examples/employee-spec.json",
 * });
 * console.log(packages.map((item) => item.storageLocation));
 * // ["user1/employee/employee-1.0.0.tar.gz", "user1/employee/employee-1.0.0-py3-none-any.whl"]
 * ```
 *
 * @module
 */

export {
  type BuildOutcome,
  buildPackages,
  buildPackageSet,
  type BuildPackagesOptions,
  type BuiltPackage,
  type Package,
  type PackageFormat,
} from "./src/build_packages.ts";
export { buildArchives, type BuildArchivesOptions, type BuildArchivesResult } from "./src/build.ts";
export { parseSpecText } from "./src/spec/parse.ts";
export { validateSpec } from "./src/spec/mod.ts";
export { parseSpecKey, type SpecKey } from "./src/package/spec_key.ts";
export {
  EventError,
  InputError,
  PackageVersionError,
  SpecKeyError,
  SpecParseError,
  SpecValidationError,
  TransientError,
} from "./src/errors.ts";
