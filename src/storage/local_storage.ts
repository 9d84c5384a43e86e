/**
 * Storage on a local folder: one subfolder per bucket, keys as relative paths. The
 * default for local runs (`deno task invoke` without an S3 endpoint).
 *
 * @module
 */

import { dirname, join, relative, resolve, sep } from "node:path";
import type { Storage } from "./storage.ts";

/**
 * A {@link Storage} on the folder `root`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LocalStorage } from "./local_storage.ts";
 * const dir = await Deno.makeTempDir();
 * const storage = new LocalStorage(dir);
 * const bytes = new TextEncoder().encode("{}");
 * await storage.put("packages", "u/s/1-spec.json", bytes, "application/json");
 * assert.deepEqual(await storage.get("packages", "u/s/1-spec.json"), bytes);
 * await Deno.remove(dir, { recursive: true });
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

  async get(bucket: string, key: string): Promise<Uint8Array | null> {
    try {
      return await Deno.readFile(this.#path(bucket, key));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.IsADirectory) {
        return null;
      }
      throw error;
    }
  }

  async put(bucket: string, key: string, body: Uint8Array, _contentType?: string): Promise<void> {
    const path = this.#path(bucket, key);
    await Deno.mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${crypto.randomUUID()}.partial`;
    await Deno.writeFile(temporary, body);
    await Deno.rename(temporary, path);
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
