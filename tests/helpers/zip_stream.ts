/**
 * Streaming zip readers for tests: they read a zip from its first byte on, one local
 * header after the other, as `ZipInputStream` in Java and the readers built on such
 * streams do, never looking at the central directory to find an entry.
 *
 * @module
 */

import { crc32, inflateRawSync } from "node:zlib";
import { Unzip, UnzipInflate } from "fflate";
import { run } from "./python.ts";

/** One entry read from a zip as it streams by. */
export interface StreamedEntry {
  /** Path inside the zip. */
  readonly name: string;
  /** Compression method: 0 stored, 8 deflated. */
  readonly method: number;
  /** General purpose flags of the local header. */
  readonly flags: number;
  /** The entry's bytes, inflated. */
  readonly bytes: Uint8Array;
}

const LOCAL_FILE_HEADER = 0x04034b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const DATA_DESCRIPTOR_FLAG = 0x0008;

/**
 * Reads a zip strictly from its local headers: each must carry the entry's CRC-32 and
 * sizes (no data descriptor), the data must inflate to that size and CRC, and the entries
 * must be followed directly by the central directory, which must list the same names.
 *
 * @throws {Error} saying which entry breaks which rule.
 */
export function readZipStreaming(zip: Uint8Array): StreamedEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const entries: StreamedEntry[] = [];
  let offset = 0;
  while (view.getUint32(offset, true) === LOCAL_FILE_HEADER) {
    const flags = view.getUint16(offset + 6, true);
    const method = view.getUint16(offset + 8, true);
    const crc = view.getUint32(offset + 14, true);
    const compressedSize = view.getUint32(offset + 18, true);
    const size = view.getUint32(offset + 22, true);
    const nameLength = view.getUint16(offset + 26, true);
    const extraLength = view.getUint16(offset + 28, true);
    const name = decoder.decode(zip.subarray(offset + 30, offset + 30 + nameLength));
    if (flags & DATA_DESCRIPTOR_FLAG) {
      throw new Error(`${name}: the local header defers its CRC and sizes to a data descriptor`);
    }
    const start = offset + 30 + nameLength + extraLength;
    const data = zip.subarray(start, start + compressedSize);
    let bytes: Uint8Array;
    if (method === 0) bytes = data;
    else if (method === 8) bytes = new Uint8Array(inflateRawSync(data));
    else throw new Error(`${name}: unknown compression method ${method}`);
    if (bytes.byteLength !== size) {
      throw new Error(`${name}: ${bytes.byteLength} bytes, the local header says ${size}`);
    }
    if ((crc32(bytes) >>> 0) !== crc) throw new Error(`${name}: CRC-32 differs from the header`);
    entries.push({ name, method, flags, bytes });
    offset = start + compressedSize;
  }
  if (view.getUint32(offset, true) !== CENTRAL_DIRECTORY_HEADER) {
    throw new Error(`offset ${offset}: neither a local header nor the central directory`);
  }
  const centralNames = centralDirectoryNames(zip, offset);
  const streamedNames = entries.map((entry) => entry.name);
  if (JSON.stringify(centralNames) !== JSON.stringify(streamedNames)) {
    throw new Error(
      `the central directory lists ${JSON.stringify(centralNames)}, the stream held ` +
        JSON.stringify(streamedNames),
    );
  }
  return entries;
}

function centralDirectoryNames(zip: Uint8Array, offset: number): string[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const names: string[] = [];
  while (view.getUint32(offset, true) === CENTRAL_DIRECTORY_HEADER) {
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    names.push(new TextDecoder().decode(zip.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * Reads a zip with fflate's streaming `Unzip`, fed in small chunks; returns each entry's
 * name and bytes, or throws what the stream reported.
 */
export function readZipWithFflateStream(zip: Uint8Array, chunkSize = 64): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const pending: string[] = [];
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    const parts: Uint8Array[] = [];
    pending.push(file.name);
    file.ondata = (error, data, final) => {
      if (error) throw error;
      parts.push(data);
      if (final) {
        files.set(file.name, concat(parts));
        pending.splice(pending.indexOf(file.name), 1);
      }
    };
    file.start();
  };
  for (let offset = 0; offset < zip.byteLength; offset += chunkSize) {
    const end = Math.min(offset + chunkSize, zip.byteLength);
    unzip.push(zip.subarray(offset, end), end === zip.byteLength);
  }
  if (pending.length > 0) throw new Error(`entries never finished: ${pending.join(", ")}`);
  return files;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

/** Java's `ZipInputStream` reading every entry of each file, printing `name size` lines. */
const JAVA_READER = `
import java.io.*;
import java.util.zip.*;
public class ReadZip {
  public static void main(String[] args) throws Exception {
    for (String path : args) {
      try (ZipInputStream in = new ZipInputStream(new FileInputStream(path))) {
        ZipEntry entry;
        while ((entry = in.getNextEntry()) != null) {
          long size = in.readAllBytes().length;
          System.out.println(path + " " + entry.getName() + " " + size);
        }
      }
    }
  }
}
`;

/** Whether a `java` launcher is on the PATH (Java is not among the machine's requirements). */
export async function javaAvailable(): Promise<boolean> {
  try {
    return (await run("java", ["-version"])).code === 0;
  } catch {
    return false;
  }
}

/**
 * Reads zip files with Java's `ZipInputStream` (a single-file source program run by
 * `java`), returning `path name size` lines.
 */
export async function readZipsWithJava(paths: readonly string[]): Promise<string[]> {
  const dir = await Deno.makeTempDir({ prefix: "oa-java-zip-" });
  try {
    const source = `${dir}/ReadZip.java`;
    await Deno.writeTextFile(source, JAVA_READER);
    const output = await run("java", [source, ...paths]);
    if (output.code !== 0) throw new Error(`ZipInputStream failed:\n${output.stderr}`);
    return output.stdout.trimEnd().split("\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
