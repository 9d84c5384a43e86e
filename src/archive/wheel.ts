/**
 * Wheels (the binary distribution format, PEP 427): `{name}-{version}-py3-none-any.whl`
 * with the package files, then `METADATA`, `WHEEL` and `RECORD` in `.dist-info`.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { type ArchiveEntry, type ArchiveOptions, utf8 } from "./entries.ts";
import { coreMetadata, type DistributionMetadata } from "./metadata.ts";
import { writeZip } from "./zip.ts";

/** A package file to put in an archive, relative to the package folder. */
export interface SourceFile {
  /** Name relative to the package folder. */
  readonly name: string;
  /** Contents. */
  readonly bytes: Uint8Array;
}

/** A written archive. */
export interface Archive {
  /** File name, e.g. `employee-1.0-py3-none-any.whl`. */
  readonly fileName: string;
  /** The archive's bytes. */
  readonly bytes: Uint8Array;
}

/** Our generator line in `WHEEL`. */
export const WHEEL_GENERATOR = "openalchemy-package-builder (deno)";

/** The tag of pure-Python packages for any Python 3. */
const WHEEL_TAG = "py3-none-any";

/**
 * Builds a wheel. `metadata.name` must already be the import name; file names use the
 * normalised distribution name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildWheel } from "./wheel.ts";
 * const wheel = await buildWheel(
 *   { name: "employee", version: "1.0", summary: null },
 *   [{ name: "__init__.py", bytes: new Uint8Array() }],
 * );
 * assert.equal(wheel.fileName, "employee-1.0-py3-none-any.whl");
 * ```
 */
export async function buildWheel(
  metadata: DistributionMetadata,
  files: readonly SourceFile[],
  options: ArchiveOptions = {},
): Promise<Archive> {
  const stem = `${fileNameComponent(metadata.name)}-${fileNameComponent(metadata.version)}`;
  const distInfo = `${stem}.dist-info`;
  const entries: ArchiveEntry[] = files.map((file) => ({
    path: `${metadata.name}/${file.name}`,
    bytes: file.bytes,
  }));
  entries.push(
    { path: `${distInfo}/METADATA`, bytes: utf8(coreMetadata(metadata)) },
    { path: `${distInfo}/WHEEL`, bytes: utf8(wheelFile()) },
    { path: `${distInfo}/top_level.txt`, bytes: utf8(`${metadata.name}\n`) },
  );
  const recordPath = `${distInfo}/RECORD`;
  entries.push({ path: recordPath, bytes: utf8(recordFile(entries, recordPath)) });
  return { fileName: `${stem}-${WHEEL_TAG}.whl`, bytes: await writeZip(entries, options) };
}

/**
 * A name or version as it appears in archive file names: runs of `-_.` in names become
 * `_` and letters are lower-cased; versions (already normalised) keep their dots.
 */
export function fileNameComponent(text: string): string {
  if (/^[0-9]/.test(text)) return text.replaceAll("-", "_");
  return text.replace(/[-_.]+/g, "_").toLowerCase();
}

function wheelFile(): string {
  return [
    "Wheel-Version: 1.0",
    `Generator: ${WHEEL_GENERATOR}`,
    "Root-Is-Purelib: true",
    `Tag: ${WHEEL_TAG}`,
  ].join("\n") + "\n";
}

/**
 * `RECORD`: one `path,sha256=<urlsafe base64 without padding>,size` line per entry,
 * computed on the bytes that go into the archive, then RECORD itself without a hash.
 */
export function recordFile(entries: readonly ArchiveEntry[], recordPath: string): string {
  const lines = entries.map((entry) => {
    const digest = createHash("sha256").update(entry.bytes).digest("base64url");
    return `${csvField(entry.path)},sha256=${digest},${entry.bytes.byteLength}`;
  });
  lines.push(`${csvField(recordPath)},,`);
  return `${lines.join("\n")}\n`;
}

/** A CSV field, quoted when it holds a comma, quote or line break. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
