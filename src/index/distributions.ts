/**
 * What the index says about each stored archive, read from the archive itself: its
 * sha256 and size, `Requires-Python`, and for a wheel its core metadata (the
 * `.dist-info/METADATA` file, served per PEP 658). Reads zips with fflate and tars with
 * modern-tar, as the tests read the archives the builder writes.
 *
 * @module
 */

import { gunzipSync, unzipSync } from "fflate";
import { unpackTar } from "modern-tar";

/** A distribution file name, parsed. */
export interface DistributionName {
  /** `wheel` (`.whl`) or `sdist` (`.tar.gz`). */
  kind: "wheel" | "sdist";
  /** The distribution name as the file spells it. */
  name: string;
  /** The version as the file spells it. */
  version: string;
}

/**
 * Parses a wheel (`{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl`) or sdist
 * (`{name}-{version}.tar.gz`) file name; `null` for anything else.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseDistributionName } from "./distributions.ts";
 * assert.deepEqual(parseDistributionName("employee_db-1.0.0-py3-none-any.whl"), {
 *   kind: "wheel", name: "employee_db", version: "1.0.0",
 * });
 * assert.equal(parseDistributionName("1-build.json"), null);
 * ```
 */
export function parseDistributionName(fileName: string): DistributionName | null {
  if (fileName.endsWith(".whl")) {
    const parts = fileName.slice(0, -".whl".length).split("-");
    if (parts.length !== 5 && parts.length !== 6) return null;
    if (parts.some((part) => part.length === 0)) return null;
    return { kind: "wheel", name: parts[0], version: parts[1] };
  }
  if (fileName.endsWith(".tar.gz")) {
    const parts = fileName.slice(0, -".tar.gz".length).split("-");
    if (parts.length !== 2 || parts.some((part) => part.length === 0)) return null;
    return { kind: "sdist", name: parts[0], version: parts[1] };
  }
  return null;
}

/** What the index lists about one archive. */
export interface DistributionFacts {
  /** Hex sha256 of the archive. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** The `Requires-Python` of its core metadata, if any. */
  requiresPython: string | null;
  /** A wheel's `.dist-info/METADATA` bytes, served as they are (PEP 658); `null` for an sdist. */
  coreMetadata: Uint8Array | null;
}

/** Core metadata larger than this is not read (ours are a few hundred bytes). */
const MAX_METADATA_BYTES = 1_000_000;

/**
 * Reads the facts of an archive.
 *
 * @throws {Error} when the archive cannot be read or has no core metadata.
 */
export async function distributionFacts(
  kind: "wheel" | "sdist",
  bytes: Uint8Array,
): Promise<DistributionFacts> {
  const coreMetadata = kind === "wheel" ? wheelMetadata(bytes) : null;
  const headers = new TextDecoder().decode(coreMetadata ?? await sdistPkgInfo(bytes));
  return {
    sha256: await sha256Hex(bytes),
    size: bytes.byteLength,
    requiresPython: metadataField(headers, "Requires-Python"),
    coreMetadata,
  };
}

/** The bytes of the wheel's one top-level `*.dist-info/METADATA`. */
function wheelMetadata(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes, {
    filter: (file) =>
      /^[^/]+\.dist-info\/METADATA$/.test(file.name) && file.originalSize <= MAX_METADATA_BYTES,
  });
  const found = Object.values(files);
  if (found.length !== 1) {
    throw new Error(`Cannot read the wheel: ${found.length} .dist-info/METADATA files`);
  }
  return found[0];
}

/** The bytes of the sdist's top-level `PKG-INFO`. */
async function sdistPkgInfo(bytes: Uint8Array): Promise<Uint8Array> {
  const entries = await unpackTar(gunzipSync(bytes), {
    filter: (header) => /^[^/]+\/PKG-INFO$/.test(header.name),
  });
  if (entries.length !== 1 || entries[0].data === undefined) {
    throw new Error(`Cannot read the sdist: ${entries.length} PKG-INFO files`);
  }
  return entries[0].data;
}

/**
 * The first value of a field in the header section of core metadata (RFC 822 style:
 * the headers end at the first empty line), or `null`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { metadataField } from "./distributions.ts";
 * const text = "Metadata-Version: 2.1\nName: a\nRequires-Python: >=3.8\n\nbody";
 * assert.equal(metadataField(text, "Requires-Python"), ">=3.8");
 * assert.equal(metadataField(text, "Summary"), null);
 * ```
 */
export function metadataField(text: string, field: string): string | null {
  const wanted = field.toLowerCase();
  for (const line of text.split(/\r?\n/)) {
    if (line === "") break;
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) {
      return line.slice(colon + 1).trim();
    }
  }
  return null;
}

/** Hex sha256 of bytes or text. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
