/**
 * Shell entry of the builder: read a spec file, build its packages, write them to a
 * `dist` folder beside it.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { buildArchives, type PackageFormat } from "./build.ts";
import { parseSpecText, type SpecParseOptions } from "./spec/parse.ts";
import { parseSpecKey } from "./package/spec_key.ts";
import { packageNameOf } from "./package/package_name.ts";
import { packageFacts } from "./package/package_files.ts";

export type { PackageFormat };

/** Options of {@link buildPackages}. */
export interface BuildPackagesOptions {
  /** `{sub}/{specId}/{version}-spec.json`, already URL-decoded. */
  specKey: string;
  /** A readable local file holding the spec (JSON or YAML). */
  specPath: string;
  /** Folder the archives are written to. @default `dist` beside `specPath` */
  outDir?: string;
  /** Formats to build. @default ["sdist", "wheel"] */
  formats?: readonly PackageFormat[];
  /**
   * Modification time of every archive entry, seconds since the epoch (the CLI passes
   * `SOURCE_DATE_EPOCH`). @default 1451606400 (2016-01-01T00:00:00Z)
   */
  timestamp?: number;
  /** Limits of spec parsing (nesting depth, YAML alias expansion). @default DEFAULT_SPEC_PARSE_LIMITS */
  parseOptions?: SpecParseOptions;
}

/** One archive written by the builder. */
export interface Package {
  /** Where the archive belongs in storage: `{sub}/{specId}/{archive file name}`. */
  storageLocation: string;
  /** Local path of the written archive. */
  path: string;
}

/** One archive with its digest, as the build report lists it. */
export interface BuiltPackage extends Package {
  /** `sdist` or `wheel`. */
  format: PackageFormat;
  /** Hex sha256 of the archive bytes. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

/** Everything a build produced, for callers that report on it (the Lambda handler). */
export interface BuildOutcome {
  /** Distribution name (specId with `-` → `_`). */
  name: string;
  /** Normalised PEP 440 version used in the archives. */
  version: string;
  /** `info.title` of the spec, if a string. */
  title: string | null;
  /** `info.description` of the spec, if a string. */
  description: string | null;
  /** Number of models (schemas that become SQLAlchemy models). */
  modelCount: number;
  /** The archives written, in format order (sdist, wheel). */
  packages: BuiltPackage[];
}

/**
 * Builds the packages of a spec file into `dist/` beside it (or `outDir`) and returns where they
 * belong in storage.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildPackages } from "./build_packages.ts";
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
 * assert.equal(packages[0].path, `${outDir}/employee-1.0.0.tar.gz`);
 * await Deno.remove(outDir, { recursive: true });
 * ```
 *
 * @throws {SpecKeyError} for a key that is not `{sub}/{specId}/{version}-spec.json`.
 * @throws {SpecParseError} for text that is neither JSON nor YAML.
 * @throws {SpecValidationError} for a spec OpenAlchemy rejects.
 * @throws {PackageVersionError} for an `info.version` that is not PEP 440.
 */
export async function buildPackages(options: BuildPackagesOptions): Promise<Package[]> {
  const outcome = await buildPackageSet(options);
  return outcome.packages.map(({ storageLocation, path }) => ({ storageLocation, path }));
}

/**
 * Like {@link buildPackages}, and also returns what a build report needs: name, version,
 * title, description, model count and each archive's sha256 and size.
 *
 * Nothing is written unless every archive was built; each archive is written to a
 * temporary file and renamed into place, so no half-written archive has the final name.
 */
export async function buildPackageSet(options: BuildPackagesOptions): Promise<BuildOutcome> {
  const key = parseSpecKey(options.specKey);
  const packageName = packageNameOf(key.specId);
  const specText = await readSpecFile(options.specPath);
  const spec = await parseSpecText(specText, options.parseOptions);
  const { contents, archives } = await buildArchives(spec, {
    packageName,
    formats: options.formats,
    timestamp: options.timestamp,
  });
  const distDir = options.outDir ?? join(dirname(options.specPath), "dist");
  await Deno.mkdir(distDir, { recursive: true });
  const packages: BuiltPackage[] = [];
  for (const archive of archives) {
    const path = join(distDir, archive.fileName);
    await writeAtomically(path, archive.bytes);
    packages.push({
      storageLocation: `${key.sub}/${key.specId}/${archive.fileName}`,
      path,
      format: archive.format,
      sha256: archive.sha256,
      size: archive.bytes.byteLength,
    });
  }
  return { ...packageFacts(contents), packages };
}

async function readSpecFile(specPath: string): Promise<string> {
  try {
    return await Deno.readTextFile(specPath);
  } catch (error) {
    throw new Error(`Cannot read the spec file ${specPath}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${crypto.randomUUID()}.partial`;
  try {
    await Deno.writeFile(temporary, bytes);
    await Deno.rename(temporary, path);
  } catch (error) {
    await Deno.remove(temporary).catch(() => {});
    throw error;
  }
}
