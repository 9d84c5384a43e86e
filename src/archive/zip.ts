/**
 * Zip writing (for wheels), by hand, with the deflate and CRC-32 of the runtime's native
 * zlib (`node:zlib`).
 *
 * Why by hand and not with npm:fflate, which this project used before: fflate's streaming
 * `Zip` (the only one of its writers that takes entries already deflated, and native
 * zlib deflates the 3.2 MB models file of a 1,000-model spec in 12.8 ms where fflate's
 * own deflate takes 34.6 ms) writes every entry with zero sizes in its local header and
 * a data descriptor after the data, even when the CRC and sizes are given up front, and
 * a stored entry with a data descriptor cannot be read by a streaming reader (Java's
 * `ZipInputStream` refuses it: nothing says where the data ends). fflate also takes the
 * entry time from a `Date`'s local-time fields, so a time stamp that falls in a
 * daylight-saving gap of the machine's time zone changes the bytes. What is left is
 * small: a local header before each entry (CRC and sizes filled in, as Python's
 * `zipfile`, setuptools and flit write them), the central directory and its end record.
 *
 * @module
 */

import { crc32, deflateRaw } from "node:zlib";
import { promisify } from "node:util";
import {
  type ArchiveEntry,
  type ArchiveOptions,
  assertValidArchiveOptions,
  DEFAULT_TIMESTAMP,
  deflateLevel,
  FILE_MODE,
  utf8,
} from "./entries.ts";

/** Record signatures (APPNOTE 4.3). */
const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/** Version 2.0 of the format: deflate, folders; what `zipfile` writes. */
const VERSION_NEEDED = 20;
/** "Version made by": Unix (3) in the high byte, so the external attributes are a Unix mode. */
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800;
/** External attributes of a regular file with mode 644, as zip stores Unix modes. */
const FILE_ATTRIBUTES = ((0o100000 | FILE_MODE) << 16) >>> 0;
/** Zip compression methods. */
const STORED = 0;
const DEFLATED = 8;

/**
 * The most entries and bytes a zip holds without Zip64, which we do not write: 0xffff
 * and 0xffffffff themselves tell readers to look for Zip64 records.
 */
const MAX_ENTRIES = 0xfffe;
const MAX_BYTES = 0xfffffffe;

/**
 * Entries smaller than this are stored, not deflated: deflating a few hundred bytes
 * saves little and costs a fixed time per entry.
 */
const STORE_BELOW = 1024;

const deflateRawAsync = promisify(deflateRaw);

/** Raw deflate at {@link deflateLevel}, in the runtime's thread pool. */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const data = await deflateRawAsync(bytes, { level: deflateLevel(bytes.byteLength) });
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** One entry as the central directory records it. */
interface WrittenEntry {
  readonly name: Uint8Array;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

/**
 * Writes a zip (deflated entries, small ones stored) with the entries in the given order,
 * every entry with the same time and mode, so the bytes depend only on the entries and
 * the time stamp. Each entry's local header carries its CRC-32 and sizes; there are no
 * data descriptors, so a streaming reader can read every entry.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeZip } from "./zip.ts";
 * const bytes = await writeZip([{ path: "a.txt", bytes: new TextEncoder().encode("a") }]);
 * assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
 * ```
 *
 * @throws {RangeError} for a time stamp a zip cannot hold (see
 *   {@link assertValidArchiveOptions}), or more entries or bytes than a zip without
 *   Zip64 holds (65,534 entries, 4 GiB).
 */
export async function writeZip(
  entries: readonly ArchiveEntry[],
  options: ArchiveOptions = {},
): Promise<Uint8Array> {
  assertValidArchiveOptions(options);
  if (entries.length > MAX_ENTRIES) {
    throw new RangeError(
      `Cannot write the zip: ${entries.length} entries are more than the ${MAX_ENTRIES} a zip ` +
        "without Zip64 holds",
    );
  }
  const { time, date } = dosDateTime(options.timestamp ?? DEFAULT_TIMESTAMP);
  // Deflated off the main thread, all entries at once.
  const datas = await Promise.all(
    entries.map((entry) =>
      entry.bytes.byteLength < STORE_BELOW ? entry.bytes : deflate(entry.bytes)
    ),
  );
  const chunks: Uint8Array[] = [];
  const written: WrittenEntry[] = [];
  let offset = 0;
  for (const [index, entry] of entries.entries()) {
    const stored = entry.bytes.byteLength < STORE_BELOW;
    const data = datas[index];
    const name = utf8(entry.path);
    const record: WrittenEntry = {
      name,
      flags: isAscii(entry.path) ? 0 : UTF8_NAME,
      method: stored ? STORED : DEFLATED,
      crc: crc32(entry.bytes) >>> 0,
      compressedSize: data.byteLength,
      size: entry.bytes.byteLength,
      offset,
    };
    assertFits(entry.path, record);
    const header = localHeader(record, time, date);
    chunks.push(header, name, data);
    written.push(record);
    offset += header.byteLength + name.byteLength + data.byteLength;
  }
  const directoryOffset = offset;
  for (const record of written) {
    const header = centralHeader(record, time, date);
    chunks.push(header, record.name);
    offset += header.byteLength + record.name.byteLength;
  }
  if (offset > MAX_BYTES) {
    throw new RangeError("Cannot write the zip: it would exceed 4 GiB, the most without Zip64");
  }
  chunks.push(endOfCentralDirectory(written.length, offset - directoryOffset, directoryOffset));
  return concat(chunks);
}

/**
 * The MS-DOS date and time fields of a zip entry (local wall-clock fields, two-second
 * resolution), computed from the UTC fields of the time stamp alone, so no time zone or
 * daylight-saving rule of the machine can change them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dosDateTime } from "./zip.ts";
 * // 2016-01-01T00:00:00Z
 * assert.deepEqual(dosDateTime(1451606400), { date: (36 << 9) | (1 << 5) | 1, time: 0 });
 * ```
 */
export function dosDateTime(timestamp: number): { date: number; time: number } {
  const utc = new Date(timestamp * 1000);
  const date = ((utc.getUTCFullYear() - 1980) << 9) | ((utc.getUTCMonth() + 1) << 5) |
    utc.getUTCDate();
  const time = (utc.getUTCHours() << 11) | (utc.getUTCMinutes() << 5) |
    (utc.getUTCSeconds() >> 1);
  return { date, time };
}

function localHeader(entry: WrittenEntry, time: number, date: number): Uint8Array {
  const header = new Uint8Array(30);
  const view = new DataView(header.buffer);
  view.setUint32(0, LOCAL_FILE_HEADER, true);
  view.setUint16(4, VERSION_NEEDED, true);
  view.setUint16(6, entry.flags, true);
  view.setUint16(8, entry.method, true);
  view.setUint16(10, time, true);
  view.setUint16(12, date, true);
  view.setUint32(14, entry.crc, true);
  view.setUint32(18, entry.compressedSize, true);
  view.setUint32(22, entry.size, true);
  view.setUint16(26, entry.name.byteLength, true);
  view.setUint16(28, 0, true); // no extra field
  return header;
}

function centralHeader(entry: WrittenEntry, time: number, date: number): Uint8Array {
  const header = new Uint8Array(46);
  const view = new DataView(header.buffer);
  view.setUint32(0, CENTRAL_DIRECTORY_HEADER, true);
  view.setUint16(4, VERSION_MADE_BY, true);
  view.setUint16(6, VERSION_NEEDED, true);
  view.setUint16(8, entry.flags, true);
  view.setUint16(10, entry.method, true);
  view.setUint16(12, time, true);
  view.setUint16(14, date, true);
  view.setUint32(16, entry.crc, true);
  view.setUint32(20, entry.compressedSize, true);
  view.setUint32(24, entry.size, true);
  view.setUint16(28, entry.name.byteLength, true);
  // Extra field and comment lengths, disk number and internal attributes stay 0.
  view.setUint32(38, FILE_ATTRIBUTES, true);
  view.setUint32(42, entry.offset, true);
  return header;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Uint8Array {
  const record = new Uint8Array(22);
  const view = new DataView(record.buffer);
  view.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  view.setUint16(8, count, true);
  view.setUint16(10, count, true);
  view.setUint32(12, size, true);
  view.setUint32(16, offset, true);
  return record;
}

function assertFits(path: string, entry: WrittenEntry): void {
  if (entry.name.byteLength > 0xffff) {
    throw new RangeError(`Cannot write the zip: the path of ${path} is longer than 65,535 bytes`);
  }
  if (entry.size > MAX_BYTES || entry.compressedSize > MAX_BYTES || entry.offset > MAX_BYTES) {
    throw new RangeError(
      `Cannot write the zip: ${path} would lie beyond 4 GiB, the most without Zip64`,
    );
  }
}

function isAscii(text: string): boolean {
  // deno-lint-ignore no-control-regex -- every ASCII character, control ones included
  return /^[\x00-\x7f]*$/.test(text);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
