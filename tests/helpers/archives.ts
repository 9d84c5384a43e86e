/**
 * Test helpers that read back the archives we write, with the same well-kept libraries.
 *
 * @module
 */

import { gunzipSync, unzipSync } from "fflate";
import { unpackTar } from "modern-tar";

/** One entry read back from a tar archive. */
export interface TarMember {
  name: string;
  mode: number | undefined;
  uid: number | undefined;
  gid: number | undefined;
  uname: string | undefined;
  gname: string | undefined;
  mtime: number | undefined;
  text: string;
}

const decoder = new TextDecoder();

/** Reads a `.tar.gz` back into its members, in archive order. */
export async function readTarGz(bytes: Uint8Array): Promise<TarMember[]> {
  const entries = await unpackTar(gunzipSync(bytes));
  return entries.map((entry) => ({
    name: entry.header.name,
    mode: entry.header.mode,
    uid: entry.header.uid,
    gid: entry.header.gid,
    uname: entry.header.uname,
    gname: entry.header.gname,
    mtime: entry.header.mtime ? entry.header.mtime.getTime() / 1000 : undefined,
    text: decoder.decode(entry.data ?? new Uint8Array()),
  }));
}

/** Reads a zip back into `path → bytes`, in archive order. */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

/** UTF-8 text of bytes. */
export function textOf(bytes: Uint8Array | undefined): string {
  return decoder.decode(bytes ?? new Uint8Array());
}

/** Hex sha256 of bytes. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
