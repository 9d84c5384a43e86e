/**
 * An in-memory {@link Storage} for handler tests, recording every call, with injectable
 * faults and hooks. Objects have an ETag (quoted MD5, as S3 gives for a single-part
 * upload) and, when `versioned`, a version id that changes on every write.
 *
 * @module
 */

import { createHash } from "node:crypto";
import type {
  GetOptions,
  HeadOptions,
  HeadResult,
  ObjectVersion,
  Storage,
  StoredObject,
} from "../../src/storage/storage.ts";
import { TransientError } from "../../src/errors.ts";

/** A call made to the storage. */
export type StorageCall = [operation: string, bucket: string, key: string];

/** In-memory storage: `objects` maps `bucket/key` to bytes. */
export class MemoryStorage implements Storage {
  readonly objects = new Map<string, Uint8Array>();
  readonly #versions = new Map<string, string>();
  readonly calls: StorageCall[] = [];
  /** Whether writes get version ids (a versioned bucket). */
  versioned = false;
  #counter = 0;
  /** Operations (`get`, `head`, `put`, `list`, `deleteMany`) that fail with a TransientError. */
  failing = new Set<string>();
  /** Runs before each operation (e.g. to delete the spec "during" the build). */
  beforeOperation: (operation: string, key: string) => void | Promise<void> = () => {};

  seed(bucket: string, key: string, text: string): void {
    this.#write(`${bucket}/${key}`, new TextEncoder().encode(text));
  }

  text(bucket: string, key: string): string | undefined {
    const bytes = this.objects.get(`${bucket}/${key}`);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  keys(bucket: string): string[] {
    return [...this.objects.keys()]
      .filter((name) => name.startsWith(`${bucket}/`))
      .map((name) => name.slice(bucket.length + 1))
      .sort();
  }

  /** The current version of an object (for expectations). */
  versionOf(bucket: string, key: string): ObjectVersion | null {
    const name = `${bucket}/${key}`;
    const bytes = this.objects.get(name);
    if (bytes === undefined) return null;
    return { eTag: eTagOf(bytes), versionId: this.#versions.get(name) ?? null, size: bytes.length };
  }

  async #enter(operation: string, bucket: string, key: string): Promise<void> {
    this.calls.push([operation, bucket, key]);
    await this.beforeOperation(operation, key);
    if (this.failing.has(operation)) {
      throw new TransientError(`Cannot ${operation} ${bucket}/${key}: injected fault`);
    }
  }

  #write(name: string, bytes: Uint8Array): void {
    this.objects.set(name, bytes);
    if (this.versioned) this.#versions.set(name, `v${++this.#counter}`);
  }

  async get(bucket: string, key: string, options: GetOptions = {}): Promise<StoredObject | null> {
    await this.#enter("get", bucket, key);
    const version = this.versionOf(bucket, key);
    if (version === null) return null;
    const bytes = this.objects.get(`${bucket}/${key}`)!;
    const tooLarge = options.maxBytes !== undefined && bytes.length > options.maxBytes;
    return { version, bytes: tooLarge ? null : bytes };
  }

  async head(bucket: string, key: string, options: HeadOptions = {}): Promise<HeadResult> {
    await this.#enter("head", bucket, key);
    const version = this.versionOf(bucket, key);
    if (version === null) return "missing";
    if (options.ifMatch !== undefined && options.ifMatch !== version.eTag) return "changed";
    return version;
  }

  async put(bucket: string, key: string, body: Uint8Array): Promise<void> {
    await this.#enter("put", bucket, key);
    this.#write(`${bucket}/${key}`, body);
  }

  async list(bucket: string, prefix: string): Promise<string[]> {
    await this.#enter("list", bucket, prefix);
    return this.keys(bucket).filter((key) => key.startsWith(prefix));
  }

  async deleteMany(bucket: string, keys: readonly string[]): Promise<void> {
    await this.#enter("deleteMany", bucket, keys.join(","));
    for (const key of keys) this.objects.delete(`${bucket}/${key}`);
  }
}

/** The quoted MD5 of the bytes, as S3's ETag of a single-part upload. */
export function eTagOf(bytes: Uint8Array): string {
  return `"${createHash("md5").update(bytes).digest("hex")}"`;
}

/** What an S3 notification record says about its object, beside the key. */
export interface ObjectFacts {
  eTag?: string;
  versionId?: string;
  sequencer?: string;
  eventName?: string;
}

/** An SNS event carrying S3 notifications for `keys` in `bucket` (keys URL-encoded). */
export function snsEvent(bucket: string, ...keys: (string | [string, ObjectFacts])[]): unknown {
  const message = {
    Records: keys.map((item) => {
      const [key, facts] = typeof item === "string" ? [item, {}] : item;
      const object: Record<string, unknown> = {
        key: encodeURIComponent(key).replaceAll("%2F", "/").replaceAll("%20", "+"),
      };
      if (facts.eTag !== undefined) object.eTag = facts.eTag.replaceAll('"', "");
      if (facts.versionId !== undefined) object.versionId = facts.versionId;
      if (facts.sequencer !== undefined) object.sequencer = facts.sequencer;
      return {
        eventSource: "aws:s3",
        eventName: facts.eventName ?? "ObjectCreated:Put",
        s3: { bucket: { name: bucket }, object },
      };
    }),
  };
  return { Records: [{ EventSource: "aws:sns", Sns: { Message: JSON.stringify(message) } }] };
}
