/**
 * OpenAlchemy package builder: turns an OpenAPI spec with OpenAlchemy's `x-` extensions
 * into a pip-installable Python package (sdist and wheel), in-process, reproducibly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildPackages } from "./mod.ts";
 * const outDir = await Deno.makeTempDir();
 * const packages = await buildPackages({
 *   specKey: "user1/employee/1-spec.json",
 *   specPath: "examples/employee-spec.json",
 *   outDir,
 * });
 * assert.deepEqual(packages.map((item) => item.storageLocation), [
 *   "user1/employee/employee-1.0.0.tar.gz",
 *   "user1/employee/employee-1.0.0-py3-none-any.whl",
 * ]);
 * await Deno.remove(outDir, { recursive: true });
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
export {
  buildArchives,
  type BuildArchivesOptions,
  type BuildArchivesResult,
  type FormattedArchive,
} from "./src/build.ts";
export type { Archive, SourceFile } from "./src/archive/wheel.ts";
export type { PackageContents, PackageFile } from "./src/package/package_files.ts";
export { JsonFloat, type JsonObject, type JsonValue, type Schemas } from "./src/json.ts";
export {
  assertValidSpecParseOptions,
  DEFAULT_SPEC_PARSE_LIMITS,
  parseSpecText,
  type SpecParseOptions,
} from "./src/spec/parse.ts";
export { handler } from "./src/lambda/default_handler.ts";
export {
  createHandler,
  type Handler,
  type HandlerOptions,
  type HandlerResult,
  type ObjectOutcome,
} from "./src/lambda/handler.ts";
export type { BuildReport, ReportProblem } from "./src/lambda/report.ts";
export type { BuildInput, BuiltArchive, SpecBuild } from "./src/lambda/build_spec.ts";
export {
  DEFAULT_LIMITS,
  LimitError,
  type LimitErrorOptions,
  type Limits,
} from "./src/lambda/limits.ts";
export type { LogFields, Logger, LogLevel } from "./src/log.ts";
export type { BuiltSpec, SpecRecordWriter } from "./src/db/spec_records.ts";
export { type LambdaContext, localContext } from "./src/lambda/context.ts";
export type {
  GetOptions,
  HeadOptions,
  HeadResult,
  ObjectVersion,
  Storage,
  StoredObject,
} from "./src/storage/storage.ts";
export { LocalStorage } from "./src/storage/local_storage.ts";
export { validateSpec, type ValidSpec } from "./src/spec/mod.ts";
export { parseSpecKey, type SpecKey } from "./src/package/spec_key.ts";
export {
  EventError,
  formatError,
  formatErrorLines,
  InputError,
  PackageNameError,
  type PackageNameRefusal,
  PackageVersionError,
  SpecKeyError,
  SpecParseError,
  type SpecProblem,
  SpecValidationError,
  TransientError,
} from "./src/errors.ts";

if (import.meta.main) {
  // The container's entry point: with AWS_LAMBDA_RUNTIME_API set, serve Lambda events.
  if (Deno.env.get("AWS_LAMBDA_RUNTIME_API")) {
    const { startLambdaRuntime } = await import("./src/runtime/main.ts");
    await startLambdaRuntime();
  } else {
    console.error(
      "mod.ts runs the Lambda runtime and needs AWS_LAMBDA_RUNTIME_API; " +
        "to build a spec use `deno task build`, to invoke locally `deno task invoke`",
    );
    Deno.exit(2);
  }
}
