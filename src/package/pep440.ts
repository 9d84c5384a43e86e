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

/**
 * White space as Python's `re` module matches `\s` in a text pattern (the characters for
 * which `str.isspace()` is true), which is what `packaging` strips around a version.
 * JavaScript's `\s` differs: it has U+FEFF but not U+001C–U+001F or U+0085.
 */
const PYTHON_WHITE_SPACE =
  "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";

// The grammar of the version specification, accepting the permitted variants
// (case-insensitive, optional `v`, `-`/`_`/`.` separators, implicit numbers). Without the
// `u` flag, `i` matches ASCII letters only against ASCII letters (no `ſ` for `s`, no
// Kelvin sign for `k`), as `packaging` matches the version itself (its `(?a:…)` groups).
const VERSION_PATTERN = new RegExp(
  `^${PYTHON_WHITE_SPACE}*v?` +
    "(?:(?<epoch>[0-9]+)!)?" +
    "(?<release>[0-9]+(?:\\.[0-9]+)*)" +
    "(?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?" +
    "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?" +
    "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?" +
    "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?" +
    `${PYTHON_WHITE_SPACE}*$`,
  "i",
);

/**
 * The most digits Python converts to an `int` by default (`sys.int_info.
 * default_max_str_digits`); `packaging` fails on a version with a longer number.
 */
const PYTHON_MAX_INT_DIGITS = 4300;

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

/**
 * Returns the normalised form of a PEP 440 version, or `null` when the text is not a
 * version, exactly as Python's `packaging.version.Version` judges and prints it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { normalizeVersion } from "./pep440.ts";
 * assert.equal(normalizeVersion("v1.0-RC1"), "1.0rc1");
 * assert.equal(normalizeVersion("1.0+Ubuntu-1"), "1.0+ubuntu.1");
 * assert.equal(normalizeVersion("0+0123abc.0456"), "0+0123abc.456");
 * assert.equal(normalizeVersion("latest"), null);
 * ```
 */
export function normalizeVersion(text: string): string | null {
  const match = VERSION_PATTERN.exec(text);
  if (match === null || match.groups === undefined) return null;
  const parts = match.groups;
  const numbers: string[] = [];
  /** A decimal number without its leading zeros (`"007"` → `"7"`), keeping `"0"`. */
  const number = (digits: string): string => {
    numbers.push(digits);
    return digits.replace(/^0+(?=[0-9])/, "");
  };
  let normal = "";
  if (parts.epoch !== undefined && number(parts.epoch) !== "0") {
    normal += `${number(parts.epoch)}!`;
  }
  normal += parts.release.split(".").map(number).join(".");
  if (parts.pre !== undefined) {
    const label = PRE_RELEASE_SPELLINGS[parts.preL.toLowerCase()];
    normal += `${label}${number(parts.preN ?? "0")}`;
  }
  if (parts.post !== undefined) {
    normal += `.post${number(parts.postN1 ?? parts.postN2 ?? "0")}`;
  }
  if (parts.dev !== undefined) {
    normal += `.dev${number(parts.devN ?? "0")}`;
  }
  if (parts.local !== undefined) {
    const segments = parts.local.toLowerCase().split(/[-_.]/);
    const normalSegments = segments.map((segment) =>
      /^[0-9]+$/.test(segment) ? number(segment) : segment
    );
    normal += `+${normalSegments.join(".")}`;
  }
  if (numbers.some((digits) => digits.length > PYTHON_MAX_INT_DIGITS)) return null;
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
