/**
 * What the archive writers take: files with bytes, and the fixed metadata every entry
 * gets so that the same input gives the same archive bytes on every machine.
 *
 * @module
 */

/** One file of an archive. */
export interface ArchiveEntry {
  /** Path inside the archive, `/`-separated, relative. */
  readonly path: string;
  /** The file's bytes. */
  readonly bytes: Uint8Array;
}

/** Options shared by the archive writers. */
export interface ArchiveOptions {
  /**
   * Modification time of every entry, in seconds since the Unix epoch (UTC).
   * @default {@link DEFAULT_TIMESTAMP} (2016-01-01T00:00:00Z)
   */
  timestamp?: number;
}

/** 2016-01-01T00:00:00Z: the fixed entry time, as reproducible wheel builders use. */
export const DEFAULT_TIMESTAMP = 1451606400;

/** The earliest time a zip entry can carry (1980-01-01T00:00:00Z). */
export const ZIP_EPOCH = 315532800;

/** The last second a zip entry's date field can hold (2107-12-31T23:59:59Z). */
export const ZIP_LAST_SECOND = 4354819199;

/** Mode of every regular file in our archives. */
export const FILE_MODE = 0o644;

/**
 * Inputs of this many bytes or more are deflated at level 1, smaller ones at level 6.
 * Large inputs are the generated models files (3.2 MB for a 1,000-model spec), which
 * level 1 deflates about four times faster, to about twice the size (202 KB against
 * 91 KB for that file); deflating dominated the build's last step.
 */
export const FAST_DEFLATE_FROM = 1024 * 1024;

/**
 * The deflate level for an input of `byteLength` bytes (see {@link FAST_DEFLATE_FROM}).
 * The same input always gets the same level, so the archives stay reproducible.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { deflateLevel } from "./entries.ts";
 * assert.equal(deflateLevel(1000), 6);
 * assert.equal(deflateLevel(5_000_000), 1);
 * ```
 */
export function deflateLevel(byteLength: number): number {
  return byteLength >= FAST_DEFLATE_FROM ? 1 : 6;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Checks archive options before any work is done.
 *
 * @throws {RangeError} when the timestamp is not a whole number of seconds from
 *   1980-01-01 (the earliest a zip can hold) up to 2107.
 */
export function assertValidArchiveOptions(options: ArchiveOptions): void {
  const timestamp = options.timestamp;
  if (timestamp === undefined) return;
  if (!Number.isInteger(timestamp) || timestamp < ZIP_EPOCH || timestamp > ZIP_LAST_SECOND) {
    throw new RangeError(
      `Cannot write the archive: timestamp ${timestamp} is not a whole number of seconds ` +
        "between 1980-01-01 and 2107-12-31",
    );
  }
}
