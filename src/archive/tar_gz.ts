/**
 * Gzipped tar writing (for sdists), wrapping npm:modern-tar (ustar with PAX headers for
 * long names) and npm:fflate (gzip).
 *
 * @module
 */

import { packTar, type TarEntry } from "modern-tar";
import { gzipSync } from "fflate";
import {
  type ArchiveEntry,
  type ArchiveOptions,
  assertValidArchiveOptions,
  DEFAULT_TIMESTAMP,
  FILE_MODE,
} from "./entries.ts";

/**
 * Writes a `.tar.gz` with the entries in the given order, owned by 0:0 with empty user
 * and group names, mode 644 and the same modification time, so the bytes depend only on
 * the entries.
 *
 * @example
 * ```ts
 * import { writeTarGz } from "./tar_gz.ts";
 * const bytes = await writeTarGz([{ path: "a/b.txt", bytes: new TextEncoder().encode("b") }]);
 * ```
 */
export async function writeTarGz(
  entries: readonly ArchiveEntry[],
  options: ArchiveOptions = {},
): Promise<Uint8Array> {
  assertValidArchiveOptions(options);
  const timestamp = options.timestamp ?? DEFAULT_TIMESTAMP;
  const mtime = new Date(timestamp * 1000);
  const tarEntries: TarEntry[] = entries.map((entry) => ({
    header: {
      name: entry.path,
      size: entry.bytes.byteLength,
      type: "file",
      mode: FILE_MODE,
      mtime,
      uid: 0,
      gid: 0,
      uname: "",
      gname: "",
    },
    body: entry.bytes,
  }));
  const tar = await packTar(tarEntries);
  return gzipSync(tar, { level: 6, mtime: timestamp * 1000 });
}
