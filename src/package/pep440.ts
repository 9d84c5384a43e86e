/**
 * PEP 440 version parsing and normalisation.
 *
 * Written by hand rather than taken from npm: the maintained package
 * (`@renovatebot/pep440` 5.0.1) normalises local versions wrongly (`1.0+abc.def` becomes
 * `1.0+abc,def`), and normalisation is exactly what we need. This follows the
 * specification's own grammar (the "version scheme" regular expression and its
 * normalisation rules), as Python's `packaging.version.Version` does.
 *
 * @module
 */

import { PackageVersionError } from "../errors.ts";

// The grammar of the version specification, accepting the permitted variants
// (case-insensitive, optional `v`, `-`/`_`/`.` separators, implicit numbers).
const VERSION_PATTERN = new RegExp(
  "^\\s*v?" +
    "(?:(?<epoch>[0-9]+)!)?" +
    "(?<release>[0-9]+(?:\\.[0-9]+)*)" +
    "(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?" +
    "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?" +
    "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?" +
    "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?" +
    "\\s*$",
  "i",
);

const PRE_RELEASE_SPELLINGS: Readonly<Record<string, string>> = {
  alpha: "a",
  a: "a",
  beta: "b",
  b: "b",
  c: "rc",
  pre: "rc",
  preview: "rc",
  rc: "rc",
};

/** Drops leading zeros of a decimal number (`"007"` → `"7"`), keeping `"0"`. */
function stripZeros(digits: string): string {
  return BigInt(digits).toString();
}

/**
 * Returns the normalised form of a PEP 440 version, or `null` when the text is not a
 * version.
 *
 * @example
 * ```ts
 * import { normalizeVersion } from "./pep440.ts";
 * normalizeVersion("v1.0-RC1"); // "1.0rc1"
 * normalizeVersion("1.0+Ubuntu-1"); // "1.0+ubuntu.1"
 * normalizeVersion("latest"); // null
 * ```
 */
export function normalizeVersion(text: string): string | null {
  const match = VERSION_PATTERN.exec(text);
  if (match === null || match.groups === undefined) return null;
  const parts = match.groups;
  let normal = "";
  if (parts.epoch !== undefined && stripZeros(parts.epoch) !== "0") {
    normal += `${stripZeros(parts.epoch)}!`;
  }
  normal += parts.release.split(".").map(stripZeros).join(".");
  if (parts.pre !== undefined) {
    const label = PRE_RELEASE_SPELLINGS[parts.preL.toLowerCase()];
    normal += `${label}${stripZeros(parts.preN ?? "0")}`;
  }
  if (parts.post !== undefined) {
    normal += `.post${stripZeros(parts.postN1 ?? parts.postN2 ?? "0")}`;
  }
  if (parts.dev !== undefined) {
    normal += `.dev${stripZeros(parts.devN ?? "0")}`;
  }
  if (parts.local !== undefined) {
    const segments = parts.local.toLowerCase().split(/[-_.]/);
    const normalSegments = segments.map((segment) =>
      /^[0-9]+$/.test(segment) ? stripZeros(segment) : segment
    );
    normal += `+${normalSegments.join(".")}`;
  }
  return normal;
}

/**
 * Normalises a version for use in package metadata and archive names.
 *
 * @throws {PackageVersionError} when the text is not a PEP 440 version.
 */
export function assertValidVersion(text: string): string {
  const normal = normalizeVersion(text);
  if (normal === null) {
    throw new PackageVersionError(
      `Cannot build the package: version ${
        JSON.stringify(text)
      } (info.version of the spec) is not a valid PEP 440 version such as "1.0.2" or "2.1b1"`,
      ["info", "version"],
    );
  }
  return normal;
}
