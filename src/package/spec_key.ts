/**
 * The storage key of a spec: `{sub}/{specId}/{version}-spec.json`.
 *
 * @module
 */

import { SpecKeyError } from "../errors.ts";

/** The parts of a spec key. */
export interface SpecKey {
  /** The user (the identity provider's subject). */
  readonly sub: string;
  /** The spec's identifier; the Python package name is derived from it. */
  readonly specId: string;
  /** The spec version the user stored (the part before `-spec.json`). */
  readonly version: string;
  /** The key itself. */
  readonly key: string;
}

const SPEC_SUFFIX = "-spec.json";

/**
 * Parses a spec key strictly.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSpecKey } from "./spec_key.ts";
 * const key = parseSpecKey("user1/employee-db/1-spec.json");
 * assert.equal(key.sub, "user1");
 * assert.equal(key.specId, "employee-db");
 * assert.equal(key.version, "1");
 * ```
 *
 * @throws {SpecKeyError} for anything that is not `{sub}/{specId}/{version}-spec.json`
 *   with three non-empty segments.
 */
export function parseSpecKey(key: string): SpecKey {
  const fail = (what: string): never => {
    throw new SpecKeyError(
      `Cannot parse the spec key ${
        JSON.stringify(key)
      }: ${what}; expected {sub}/{specId}/{version}-spec.json`,
      ["specKey"],
    );
  };
  if (key.length === 0) fail("it is empty");
  if (key.startsWith("/")) fail("it is an absolute path");
  // deno-lint-ignore no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u001f\u007f\\]/.test(key)) fail("it contains a control character or a backslash");
  const segments = key.split("/");
  if (segments.length !== 3) fail(`it has ${segments.length} segments instead of 3`);
  const [sub, specId, fileName] = segments;
  for (const segment of segments) {
    if (segment.length === 0) fail("it has an empty segment");
    if (segment === "." || segment === "..") fail(`it has a "${segment}" segment`);
    if (segment.trim() !== segment) fail("a segment starts or ends with white space");
  }
  if (!fileName.endsWith(SPEC_SUFFIX)) fail(`the file name does not end with "${SPEC_SUFFIX}"`);
  const version = fileName.slice(0, -SPEC_SUFFIX.length);
  if (version.length === 0) fail('the version before "-spec.json" is empty');
  return { sub, specId, version, key };
}
