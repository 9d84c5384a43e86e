/**
 * The files of a built package (what OpenAlchemy's `build_json` writes before it runs
 * setuptools): `__init__.py`, `spec.json` and OpenAlchemy's validation cache.
 *
 * Pure: spec in, file texts out.
 *
 * @module
 */

import { createHash } from "node:crypto";
import type { JsonObject, JsonValue } from "../json.ts";
import { validateSpec } from "../spec/mod.ts";
import { renderModelsFile } from "../python/models_file/mod.ts";
import { getArtifacts } from "../spec/artifacts/mod.ts";
import { pythonJsonDumps } from "./python_json.ts";
import { infoText, specVersionOf } from "./version.ts";

/** One file inside the Python package folder. */
export interface PackageFile {
  /** Name relative to the package folder, e.g. `spec.json`. */
  readonly name: string;
  /** The file's text (ASCII or UTF-8). */
  readonly text: string;
}

/** A package ready to be archived. */
export interface PackageContents {
  /** Import and distribution name. */
  readonly name: string;
  /** Normalised PEP 440 version. */
  readonly version: string;
  /** `info.title` when a string. */
  readonly title: string | null;
  /** `info.description` when a string. */
  readonly description: string | null;
  /** Number of SQLAlchemy models the package defines. */
  readonly modelCount: number;
  /** The files of the package folder, sorted by name. */
  readonly files: readonly PackageFile[];
}

/** What a build report says of a package: its contents without the files. */
export type PackageFacts = Omit<PackageContents, "files">;

/** The facts of a package (see {@link PackageFacts}). */
export function packageFacts(contents: PackageContents): PackageFacts {
  const { name, version, title, description, modelCount } = contents;
  return { name, version, title, description, modelCount };
}

/** The spec file inside the package; OpenAlchemy's cache file name is derived from it. */
export const SPEC_FILE_NAME = "spec.json";

/** The start of `__init__.py`: load the models through OpenAlchemy at import time. */
const INIT_HEADER = [
  "import pathlib",
  "",
  "from open_alchemy import init_json",
  "",
  "parent_path = pathlib.Path(__file__).parent.absolute()",
  'init_json(parent_path / "spec.json")',
].join("\n");

/**
 * Validates a parsed spec and writes the package files as OpenAlchemy 2.5 does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { packageContentsOf } from "./package_files.ts";
 * const spec = JSON.parse(await Deno.readTextFile("examples/employee-spec.json"));
 * const contents = packageContentsOf(spec, "employee");
 * const names = contents.files.map((file) => file.name);
 * assert.deepEqual(names.length, 3);
 * assert.ok(names.includes("__init__.py") && names.includes("spec.json"));
 * ```
 *
 * @throws {SpecValidationError} for a spec OpenAlchemy rejects.
 * @throws {PackageVersionError} for an `info.version` that is not PEP 440.
 */
export function packageContentsOf(spec: unknown, name: string): PackageContents {
  const { info, schemas } = validateSpec(spec);
  const schemasJson = pythonJsonDumps(schemas, { compact: true });
  const { specVersion, packageVersion } = specVersionOf(info, schemasJson);
  const specText = specFileText(info, specVersion, schemasJson);
  const models = getArtifacts(schemas);
  const initText = `${INIT_HEADER}\n\n\n${renderModelsFile(models)}`;
  const files: PackageFile[] = [
    { name: "__init__.py", text: initText },
    { name: cacheFileName(), text: cacheFileText(specText) },
    { name: SPEC_FILE_NAME, text: specText },
  ];
  return {
    name,
    version: packageVersion,
    title: infoText(info, "title"),
    description: infoText(info, "description"),
    modelCount: models.size,
    files,
  };
}

/** spec.json: `{"info": {version, title?, description?}, "components": {"schemas": …}}`. */
function specFileText(info: JsonObject, specVersion: string, schemasJson: string): string {
  const specInfo: { [key: string]: JsonValue } = { version: specVersion };
  // OpenAlchemy copies title and description whatever their JSON type, unless null.
  for (const key of ["title", "description"]) {
    const value = info[key];
    if (value !== undefined && value !== null) specInfo[key] = value;
  }
  const infoJson = pythonJsonDumps(specInfo, { compact: true });
  return `{"info":${infoJson},"components":{"schemas":${schemasJson}}}`;
}

/** `__open_alchemy_<sha256 hex of "spec.json">_cache__`, the name OpenAlchemy looks for. */
export function cacheFileName(): string {
  return `__open_alchemy_${sha256Hex(SPEC_FILE_NAME)}_cache__`;
}

/** The cache that tells OpenAlchemy the spec.json with this text is valid. */
export function cacheFileText(specText: string): string {
  const cache = { hash: sha256Hex(specText), data: { schemas: { valid: true } } };
  return pythonJsonDumps(cache);
}

function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
