/**
 * The package version of a spec, as OpenAlchemy's build computes it, made PEP 440.
 *
 * @module
 */

import { createHash } from "node:crypto";
import type { JsonObject } from "../json.ts";
import { assertValidVersion, normalizeVersion } from "./pep440.ts";

/** The spec's own version string and the PEP 440 version the archives carry. */
export interface SpecVersion {
  /** What spec.json's `info.version` holds: `info.version`, or the schemas' hash. */
  readonly specVersion: string;
  /** Normalised PEP 440 version for metadata and file names. */
  readonly packageVersion: string;
}

/**
 * Computes the version the way OpenAlchemy's `build_json` does: `info.version` when it
 * is a string, else the first 20 hex digits of the sha1 of the compact JSON
 * `{"components":{"schemas":…}}` of the processed schemas.
 *
 * A hash is not a PEP 440 version, so the archives then carry `0+<hash>` (a local
 * version: sorts as 0, keeps the hash visible), normalised as `packaging` normalises it
 * (a hash of decimal digits only loses its leading zeros). A string `info.version` must be a valid
 * PEP 440 version and is normalised (`v1.0-RC1` → `1.0rc1`).
 *
 * @param info `info` of the spec.
 * @param schemasJson compact JSON text of the processed schemas (as written to spec.json).
 * @throws {PackageVersionError} when `info.version` is a string but not PEP 440.
 */
export function specVersionOf(info: JsonObject, schemasJson: string): SpecVersion {
  const version = info.version;
  if (typeof version === "string") {
    return { specVersion: version, packageVersion: assertValidVersion(version) };
  }
  const hashed = `{"components":{"schemas":${schemasJson}}}`;
  const hash = createHash("sha1").update(hashed).digest("hex").slice(0, 20);
  // A hash of decimal digits is a number to `packaging`: `0+0123…` is written `0+123…`.
  const packageVersion = normalizeVersion(`0+${hash}`);
  if (packageVersion === null) throw new Error(`Cannot build the package: bad hash ${hash}`);
  return { specVersion: hash, packageVersion };
}

/** `info.title` or `info.description` when it is a string, else `null`. */
export function infoText(info: JsonObject, key: "title" | "description"): string | null {
  const value = info[key];
  return typeof value === "string" ? value : null;
}
