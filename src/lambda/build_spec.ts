/**
 * The function's build: a spec's bytes → its sdist and wheel bytes, in memory. Nothing
 * touches the file system, so concurrent builds (in one process or many) cannot see each
 * other's work. The function's limits are checked here: the key's parts before any work,
 * nesting and YAML alias expansion by the parser, then the spec's size with its aliases
 * expanded (`SPEC_MAX_BYTES` again), the package version before anything is named after
 * it, every key before it is used.
 *
 * @module
 */

import { buildArchives, type PackageFormat } from "../build.ts";
import { packageNameOf } from "../package/package_name.ts";
import { packageFacts } from "../package/package_files.ts";
import type { SpecKey } from "../package/spec_key.ts";
import { parseSpecText } from "../spec/parse.ts";
import { expandedSize } from "./expanded_size.ts";
import { assertKeyFits, LIMIT_VARIABLES, LimitError, type Limits, utf8Length } from "./limits.ts";

/** What {@link buildSpec} needs. */
export interface BuildInput {
  /** The spec's key, parsed. */
  readonly key: SpecKey;
  /** The spec object's bytes (JSON or YAML, UTF-8). */
  readonly bytes: Uint8Array;
  /** The function's limits. */
  readonly limits: Limits;
}

/** One archive, ready to upload. */
export interface BuiltArchive {
  /** `{sub}/{specId}/{archive file name}`. */
  readonly storageLocation: string;
  /** `sdist` or `wheel`. */
  readonly format: PackageFormat;
  /** The archive. */
  readonly bytes: Uint8Array;
  /** Hex sha256 of the bytes. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly size: number;
}

/** A spec's packages and the facts its build report gives. */
export interface SpecBuild {
  /** Distribution name (specId with `-` → `_`). */
  readonly name: string;
  /** Normalised PEP 440 version the archives carry. */
  readonly version: string;
  /** `info.title`, if a string. */
  readonly title: string | null;
  /** `info.description`, if a string. */
  readonly description: string | null;
  /** Number of models. */
  readonly modelCount: number;
  /** The archives, sdist then wheel. */
  readonly archives: readonly BuiltArchive[];
}

/**
 * Builds a spec's archives in memory.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildSpec } from "./build_spec.ts";
 * import { DEFAULT_LIMITS } from "./limits.ts";
 * import { parseSpecKey } from "../package/spec_key.ts";
 * const bytes = await Deno.readFile("examples/employee-spec.json");
 * const built = await buildSpec({
 *   key: parseSpecKey("user1/employee/1-spec.json"),
 *   bytes,
 *   limits: DEFAULT_LIMITS,
 * });
 * assert.deepEqual(built.archives.map((archive) => archive.storageLocation), [
 *   "user1/employee/employee-1.0.0.tar.gz",
 *   "user1/employee/employee-1.0.0-py3-none-any.whl",
 * ]);
 * ```
 *
 * @throws {LimitError} for a spec beyond one of the limits.
 * @throws {InputError} (its subclasses) for a spec or key the builder rejects.
 */
export async function buildSpec(input: BuildInput): Promise<SpecBuild> {
  const { key, bytes, limits } = input;
  assertKeyLimits(key, limits);
  const packageName = packageNameOf(key.specId);
  if (bytes.byteLength > limits.specMaxBytes) throw specTooLarge(bytes.byteLength, limits);
  const text = new TextDecoder().decode(bytes);
  const spec = await parseSpecText(text, {
    maxDepth: limits.specMaxDepth,
    maxAliasExpansion: limits.specMaxAliasExpansion,
  });
  const expanded = expandedSize(spec, limits.specMaxBytes);
  if (expanded > limits.specMaxBytes) {
    throw new LimitError({
      what: `the spec is at least ${expanded} bytes of JSON once its YAML aliases are expanded`,
      limit: LIMIT_VARIABLES.specMaxBytes,
      maximum: limits.specMaxBytes,
      actual: expanded,
    });
  }
  const { contents, archives } = await buildArchives(spec, { packageName });
  if (contents.version.length > limits.packageVersionMaxLength) {
    throw new LimitError({
      what: `the package version is ${contents.version.length} characters`,
      limit: LIMIT_VARIABLES.packageVersionMaxLength,
      maximum: limits.packageVersionMaxLength,
      actual: contents.version.length,
      path: ["info", "version"],
    });
  }
  const built: BuiltArchive[] = [];
  for (const archive of archives) {
    const storageLocation = `${key.sub}/${key.specId}/${archive.fileName}`;
    assertKeyFits(storageLocation, archive.format);
    built.push({
      storageLocation,
      format: archive.format,
      bytes: archive.bytes,
      sha256: archive.sha256,
      size: archive.bytes.byteLength,
    });
  }
  return { ...packageFacts(contents), archives: built };
}

/**
 * Checks the parts of the key that name what the function writes.
 *
 * @throws {LimitError} for a spec id or version longer than its limit.
 */
export function assertKeyLimits(key: SpecKey, limits: Limits): void {
  const specIdBytes = utf8Length(key.specId);
  if (specIdBytes > limits.specIdMaxLength) {
    throw new LimitError({
      what: `the spec id is ${specIdBytes} bytes`,
      limit: LIMIT_VARIABLES.specIdMaxLength,
      maximum: limits.specIdMaxLength,
      actual: specIdBytes,
      path: ["specKey", "specId"],
    });
  }
  const versionBytes = utf8Length(key.version);
  if (versionBytes > limits.specVersionMaxLength) {
    throw new LimitError({
      what: `the version in the key is ${versionBytes} bytes`,
      limit: LIMIT_VARIABLES.specVersionMaxLength,
      maximum: limits.specVersionMaxLength,
      actual: versionBytes,
      path: ["specKey", "version"],
    });
  }
}

/** The error for a spec object of `size` bytes, beyond `SPEC_MAX_BYTES`. */
export function specTooLarge(size: number, limits: Limits): LimitError {
  return new LimitError({
    what: `the spec is ${size} bytes`,
    limit: LIMIT_VARIABLES.specMaxBytes,
    maximum: limits.specMaxBytes,
    actual: size,
  });
}
