/**
 * {@link PackageFiles} on the local storage folder (`deno task serve`): one bucket's
 * subfolder, entity tags from size and modification time, and download URLs on the
 * local server itself (`/_local-files/<key>?expires=…&signature=…`), signed with a
 * random key of this process so that, as with S3's presigned URLs, a download needs no
 * index credentials and stops working after {@link DOWNLOAD_URL_SECONDS} seconds.
 *
 * @module
 */

import { join, relative, resolve, sep } from "node:path";
import { LocalStorage } from "../storage/local_storage.ts";
import { DOWNLOAD_URL_SECONDS, type PackageFiles, type StoredObject } from "./package_files.ts";

/** The path prefix of download URLs. */
export const LOCAL_FILES_PATH = "/_local-files/";

const CONTENT_TYPES: Record<string, string> = {
  ".whl": "application/zip",
  ".tar.gz": "application/gzip",
};

/**
 * A bucket of the local storage folder.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LocalPackageFiles } from "./local_package_files.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/packages/user1/employee`, { recursive: true });
 * await Deno.writeTextFile(`${root}/packages/user1/employee/1-spec.json`, "{}");
 * const files = await LocalPackageFiles.create(root, "packages");
 * const listed = await files.list("user1/employee/");
 * assert.deepEqual(listed.map((object) => object.key), ["user1/employee/1-spec.json"]);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class LocalPackageFiles implements PackageFiles {
  readonly #storage: LocalStorage;
  readonly #bucketDir: string;
  readonly #bucket: string;
  readonly #signingKey: CryptoKey;
  readonly #now: () => number;

  private constructor(root: string, bucket: string, signingKey: CryptoKey, now: () => number) {
    this.#storage = new LocalStorage(root);
    this.#bucketDir = resolve(root, bucket);
    this.#bucket = bucket;
    this.#signingKey = signingKey;
    this.#now = now;
  }

  /** The bucket `bucket` of the local storage folder `root`. */
  static async create(
    root: string,
    bucket: string,
    now: () => number = Date.now,
  ): Promise<LocalPackageFiles> {
    const signingKey = await crypto.subtle.generateKey(
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    return new LocalPackageFiles(root, bucket, signingKey, now);
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: Deno.DirEntry[];
      try {
        entries = await Array.fromAsync(Deno.readDir(dir));
      } catch (error) {
        if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
          return;
        }
        throw error;
      }
      for (const entry of entries) {
        const path = join(dir, entry.name);
        if (entry.isDirectory) {
          await walk(path);
          continue;
        }
        const key = relative(this.#bucketDir, path).split(sep).join("/");
        if (entry.name.endsWith(".partial") || !key.startsWith(prefix)) continue;
        const stat = await Deno.stat(path);
        objects.push({ key, etag: `${stat.size}-${stat.mtime?.getTime() ?? 0}` });
      }
    };
    const folder = prefix.slice(0, prefix.lastIndexOf("/") + 1);
    const start = resolve(this.#bucketDir, folder);
    if (start === this.#bucketDir || start.startsWith(this.#bucketDir + sep)) await walk(start);
    return objects.sort((a, b) => a.key < b.key ? -1 : 1);
  }

  async get(key: string): Promise<Uint8Array | null> {
    return (await this.#storage.get(this.#bucket, key))?.bytes ?? null;
  }

  async downloadUrl(key: string): Promise<string> {
    const expires = Math.floor(this.#now() / 1000) + DOWNLOAD_URL_SECONDS;
    const signature = await this.#sign(key, expires);
    const path = key.split("/").map(encodeURIComponent).join("/");
    return `${LOCAL_FILES_PATH}${path}?expires=${expires}&signature=${signature}`;
  }

  /**
   * Serves a download URL made by {@link downloadUrl}: the file, or 403 when the
   * signature is wrong or expired, 404 when the file is gone.
   */
  async serve(request: Request): Promise<Response> {
    const url = new URL(request.url);
    let key: string;
    try {
      key = url.pathname.slice(LOCAL_FILES_PATH.length).split("/").map(decodeURIComponent)
        .join("/");
    } catch {
      return new Response("Not found\n", { status: 404 });
    }
    const expires = Number(url.searchParams.get("expires"));
    const signature = url.searchParams.get("signature") ?? "";
    const valid = Number.isInteger(expires) && expires >= Math.floor(this.#now() / 1000) &&
      /^[0-9a-f]{64}$/.test(signature) && await this.#verify(key, expires, signature);
    if (!valid) return new Response("Forbidden: invalid or expired link\n", { status: 403 });
    const bytes = await this.get(key);
    if (bytes === null) return new Response("Not found\n", { status: 404 });
    const type = Object.entries(CONTENT_TYPES).find(([suffix]) => key.endsWith(suffix))?.[1];
    return new Response(request.method === "HEAD" ? null : bytes as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": type ?? "application/octet-stream",
        "content-length": String(bytes.byteLength),
      },
    });
  }

  async #sign(key: string, expires: number): Promise<string> {
    const mac = await crypto.subtle.sign("HMAC", this.#signingKey, signed(key, expires));
    return Array.from(new Uint8Array(mac), (byte) => byte.toString(16).padStart(2, "0")).join("");
  }

  /** Checks a signature in constant time (WebCrypto's HMAC verify). */
  #verify(key: string, expires: number, signature: string): Promise<boolean> {
    const mac = Uint8Array.from(signature.match(/../g)!, (pair) => parseInt(pair, 16));
    return crypto.subtle.verify("HMAC", this.#signingKey, mac, signed(key, expires));
  }
}

/** What a download URL's signature covers. */
function signed(key: string, expires: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${key}\n${expires}`);
}
