/**
 * Storage on a local folder: one subfolder per bucket, keys as relative paths. The
 * default for local runs (`deno task invoke` without an S3 endpoint).
 *
 * Objects are replaced atomically (written to a temporary file, then renamed), and their
 * ETag is the quoted MD5 of their bytes, as S3 gives for a single-part upload; there are
 * no version ids.
 *
 * @module
 */

import { createHash } from "node:crypto";
import { dirname, join, relative, resolve, sep } from "node:path";
import type {
  GetOptions,
  HeadOptions,
  HeadResult,
  ObjectVersion,
  Storage,
  StoredObject,
} from "./storage.ts";

/**
 * A {@link Storage} on the folder `root`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LocalStorage } from "./local_storage.ts";
 * const root = await Deno.makeTempDir();
 * try {
 *   const storage = new LocalStorage(root);
 *   await storage.put("packages", "u/s/1-spec.json", new TextEncoder().encode("{}"), "application/json");
 *   const head = await storage.head("packages", "u/s/1-spec.json");
 *   assert.deepEqual(head, { eTag: '"99914b932bd37a50b983c5e7c90ae93b"', versionId: null, size: 2 });
 * } finally {
 *   await Deno.remove(root, { recursive: true });
 * }
 * ```
 */
export class LocalStorage implements Storage {
  readonly #root: string;

  /**
   * Creates a storage in a local folder.
   *
   * @param root The folder holding one subfolder per bucket.
   */
  constructor(root: string) {
    this.#root = resolve(root);
  }

  async get(bucket: string, key: string, options: GetOptions = {}): Promise<StoredObject | null> {
    const path = this.#path(bucket, key);
    const file = await openIfExists(path);
    if (file === null) return null;
    try {
      const { size } = await file.stat();
      if (options.maxBytes !== undefined && size > options.maxBytes) {
        // Not read into memory: the digest is computed while streaming.
        return { version: { eTag: await streamDigest(file), versionId: null, size }, bytes: null };
      }
      const bytes = new Uint8Array(await new Response(file.readable).arrayBuffer());
      return { version: versionOf(bytes), bytes };
    } finally {
      try {
        file.close();
      } catch {
        // already closed by its readable stream
      }
    }
  }

  async head(bucket: string, key: string, options: HeadOptions = {}): Promise<HeadResult> {
    const path = this.#path(bucket, key);
    const file = await openIfExists(path);
    if (file === null) return "missing";
    let version: ObjectVersion;
    try {
      const { size } = await file.stat();
      version = { eTag: await streamDigest(file), versionId: null, size };
    } finally {
      try {
        file.close();
      } catch {
        // already closed by its readable stream
      }
    }
    if (options.ifMatch !== undefined && options.ifMatch !== version.eTag) return "changed";
    return version;
  }

  async put(bucket: string, key: string, body: Uint8Array, _contentType?: string): Promise<void> {
    const path = this.#path(bucket, key);
    await Deno.mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${crypto.randomUUID()}.partial`;
    try {
      await Deno.writeFile(temporary, body);
      await Deno.rename(temporary, path);
    } catch (error) {
      await Deno.remove(temporary).catch(() => {});
      throw error;
    }
  }

  async list(bucket: string, prefix: string, limit = 1000): Promise<string[]> {
    const bucketDir = this.#path(bucket, "");
    const keys: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: Deno.DirEntry[];
      try {
        entries = await Array.fromAsync(Deno.readDir(dir));
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return;
        throw error;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory) await walk(path);
        else if (!entry.name.endsWith(".partial")) {
          const key = relative(bucketDir, path).split(sep).join("/");
          if (key.startsWith(prefix)) keys.push(key);
        }
      }
    };
    await walk(bucketDir);
    return keys.sort().slice(0, limit);
  }

  async deleteMany(bucket: string, keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await Deno.remove(this.#path(bucket, key)).catch((error) => {
        if (!(error instanceof Deno.errors.NotFound)) throw error;
      });
    }
  }

  /** The file of a key; refuses keys that would leave the bucket's folder. */
  #path(bucket: string, key: string): string {
    if (bucket.length === 0 || bucket.includes("/") || bucket.startsWith(".")) {
      throw new RangeError(
        `Cannot use local storage: invalid bucket name ${JSON.stringify(bucket)}`,
      );
    }
    const bucketDir = join(this.#root, bucket);
    const path = resolve(bucketDir, key);
    if (path !== bucketDir && !path.startsWith(bucketDir + sep)) {
      throw new RangeError(
        `Cannot use local storage: key ${JSON.stringify(key)} leaves the bucket`,
      );
    }
    return path;
  }
}

/** The file opened for reading, or `null` when there is none (or it is a folder). */
async function openIfExists(path: string): Promise<Deno.FsFile | null> {
  try {
    const file = await Deno.open(path, { read: true });
    if ((await file.stat()).isDirectory) {
      file.close();
      return null;
    }
    return file;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.IsADirectory) {
      return null;
    }
    throw error;
  }
}

function versionOf(bytes: Uint8Array): ObjectVersion {
  const eTag = `"${createHash("md5").update(bytes).digest("hex")}"`;
  return { eTag, versionId: null, size: bytes.byteLength };
}

async function streamDigest(file: Deno.FsFile): Promise<string> {
  const hash = createHash("md5");
  for await (const chunk of file.readable) hash.update(chunk);
  return `"${hash.digest("hex")}"`;
}
