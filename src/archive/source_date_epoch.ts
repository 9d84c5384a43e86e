/**
 * `SOURCE_DATE_EPOCH` (reproducible-builds.org): the time every archive entry carries.
 *
 * @module
 */

import { ZIP_EPOCH, ZIP_LAST_SECOND } from "./entries.ts";

/**
 * Reads `SOURCE_DATE_EPOCH` as the specification defines it: a decimal integer (ASCII
 * digits, an optional leading `-`), seconds since 1970-01-01T00:00:00Z. A time before
 * 1980-01-01, the earliest a zip can hold, becomes 1980-01-01 (as flit and hatchling do);
 * unset or empty means no value. Meant to be called before any work, so a bad value
 * fails at once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSourceDateEpoch } from "./source_date_epoch.ts";
 * assert.equal(parseSourceDateEpoch("1700000000"), 1700000000);
 * assert.equal(parseSourceDateEpoch("0"), 315532800); // clamped to 1980-01-01
 * assert.equal(parseSourceDateEpoch(undefined), undefined);
 * assert.throws(() => parseSourceDateEpoch("0x10"), /not a decimal integer/);
 * ```
 *
 * @throws {RangeError} when the text is not a decimal integer (`0x10`, `1.7e9`, ` 1`,
 *   `+1`), or is later than 2107-12-31T23:59:59Z.
 */
export function parseSourceDateEpoch(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const fail = (what: string): never => {
    throw new RangeError(`Cannot use SOURCE_DATE_EPOCH=${JSON.stringify(text)}: ${what}`);
  };
  if (!/^-?[0-9]+$/.test(text)) fail("it is not a decimal integer (seconds since 1970)");
  const seconds = BigInt(text);
  if (seconds < BigInt(ZIP_EPOCH)) return ZIP_EPOCH;
  if (seconds > BigInt(ZIP_LAST_SECOND)) {
    fail("it is later than 2107-12-31T23:59:59Z, the last time a zip can hold");
  }
  return Number(seconds);
}
