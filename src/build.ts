/**
 * The pure core of the builder: parsed spec → package files → sdist and wheel bytes.
 * No I/O, no clock, no environment: the same input gives the same bytes.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { type PackageContents, packageContentsOf } from "./package/package_files.ts";
import { assertValidArchiveOptions, utf8 } from "./archive/entries.ts";
import { buildSdist } from "./archive/sdist.ts";
import { type Archive, buildWheel, type SourceFile } from "./archive/wheel.ts";
import type { DistributionMetadata } from "./archive/metadata.ts";

/** Archive formats the builder can write. */
export type PackageFormat = "sdist" | "wheel";

/** Every format, in the order archives are built and listed. */
export const PACKAGE_FORMATS: readonly PackageFormat[] = ["sdist", "wheel"];

/** Options of {@link buildArchives}. */
export interface BuildArchivesOptions {
  /** Python import and distribution name (already checked to be an identifier). */
  packageName: string;
  /** Formats to build. @default ["sdist", "wheel"] */
  formats?: readonly PackageFormat[];
  /**
   * Modification time of every archive entry, seconds since the epoch.
   * @default 1451606400 (2016-01-01T00:00:00Z)
   */
  timestamp?: number;
}

/** An archive with its format and digest. */
export interface FormattedArchive extends Archive {
  /** `sdist` or `wheel`. */
  readonly format: PackageFormat;
  /** Hex sha256 of the archive's bytes. */
  readonly sha256: string;
}

/** What {@link buildArchives} returns. */
export interface BuildArchivesResult {
  /** The package that was archived. */
  readonly contents: PackageContents;
  /** The archives, in {@link PACKAGE_FORMATS} order. */
  readonly archives: readonly FormattedArchive[];
}

/**
 * Checks the formats before any work: each must be `sdist` or `wheel`.
 *
 * @throws {TypeError} naming the unknown format.
 */
export function assertValidFormats(formats: readonly string[]): void {
  for (const format of formats) {
    if (!PACKAGE_FORMATS.includes(format as PackageFormat)) {
      throw new TypeError(
        `Cannot build the package: unknown format ${JSON.stringify(format)}; ` +
          `expected one of ${PACKAGE_FORMATS.join(", ")}`,
      );
    }
  }
}

/**
 * Validates the spec, writes the package files and packs them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildArchives } from "./build.ts";
 * const spec = JSON.parse(await Deno.readTextFile("examples/employee-spec.json"));
 * const { archives } = await buildArchives(spec, { packageName: "employee" });
 * assert.deepEqual(archives.map((archive) => archive.fileName), [
 *   "employee-1.0.0.tar.gz",
 *   "employee-1.0.0-py3-none-any.whl",
 * ]);
 * ```
 *
 * @throws {SpecValidationError} for a spec OpenAlchemy rejects.
 * @throws {PackageVersionError} for an `info.version` that is not PEP 440.
 * @throws {RangeError} for a time stamp a zip cannot hold, before any work is done.
 */
export async function buildArchives(
  spec: unknown,
  options: BuildArchivesOptions,
): Promise<BuildArchivesResult> {
  const formats = options.formats ?? PACKAGE_FORMATS;
  assertValidFormats(formats);
  const archiveOptions = { timestamp: options.timestamp };
  assertValidArchiveOptions(archiveOptions);
  const contents = packageContentsOf(spec, options.packageName);
  const metadata: DistributionMetadata = {
    name: contents.name,
    version: contents.version,
    summary: contents.title,
    description: contents.description,
  };
  const files: SourceFile[] = contents.files.map((file) => ({
    name: file.name,
    bytes: utf8(file.text),
  }));
  // Both archives are compressed at once, off the main thread.
  const building: Promise<FormattedArchive>[] = [];
  if (formats.includes("sdist")) {
    building.push(buildSdist(metadata, files, archiveOptions).then(formatted("sdist")));
  }
  if (formats.includes("wheel")) {
    building.push(buildWheel(metadata, files, archiveOptions).then(formatted("wheel")));
  }
  return { contents, archives: await Promise.all(building) };
}

function formatted(format: PackageFormat): (archive: Archive) => FormattedArchive {
  return (archive) => ({
    format,
    ...archive,
    sha256: createHash("sha256").update(archive.bytes).digest("hex"),
  });
}
