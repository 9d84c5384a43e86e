/**
 * An in-memory {@link Storage} for handler tests, recording every call, with injectable
 * faults and hooks.
 *
 * @module
 */

import type { Storage } from "../../src/storage/storage.ts";
import { TransientError } from "../../src/errors.ts";

/** A call made to the storage. */
export type StorageCall = [operation: string, bucket: string, key: string];

/** In-memory storage: `objects` maps `bucket/key` to bytes. */
export class MemoryStorage implements Storage {
  readonly objects = new Map<string, Uint8Array>();
  readonly calls: StorageCall[] = [];
  /** Operations (`get`, `put`, `list`, `deleteMany`) that fail with a TransientError. */
  failing = new Set<string>();
  /** Runs before each operation (e.g. to delete the spec "during" the build). */
  beforeOperation: (operation: string, key: string) => void = () => {};

  seed(bucket: string, key: string, text: string): void {
    this.objects.set(`${bucket}/${key}`, new TextEncoder().encode(text));
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

  #enter(operation: string, bucket: string, key: string): void {
    this.calls.push([operation, bucket, key]);
    this.beforeOperation(operation, key);
    if (this.failing.has(operation)) {
      throw new TransientError(`Cannot ${operation} ${bucket}/${key}: injected fault`);
    }
  }

  get(bucket: string, key: string): Promise<Uint8Array | null> {
    this.#enter("get", bucket, key);
    return Promise.resolve(this.objects.get(`${bucket}/${key}`) ?? null);
  }

  put(bucket: string, key: string, body: Uint8Array): Promise<void> {
    this.#enter("put", bucket, key);
    this.objects.set(`${bucket}/${key}`, body);
    return Promise.resolve();
  }

  list(bucket: string, prefix: string): Promise<string[]> {
    this.#enter("list", bucket, prefix);
    return Promise.resolve(this.keys(bucket).filter((key) => key.startsWith(prefix)));
  }

  deleteMany(bucket: string, keys: readonly string[]): Promise<void> {
    this.#enter("deleteMany", bucket, keys.join(","));
    for (const key of keys) this.objects.delete(`${bucket}/${key}`);
    return Promise.resolve();
  }
}

/** An SNS event carrying S3 notifications for `keys` in `bucket` (keys URL-encoded). */
export function snsEvent(bucket: string, ...keys: string[]): unknown {
  const message = {
    Records: keys.map((key) => ({
      eventSource: "aws:s3",
      eventName: "ObjectCreated:Put",
      s3: {
        bucket: { name: bucket },
        object: { key: encodeURIComponent(key).replaceAll("%2F", "/").replaceAll("%20", "+") },
      },
    })),
  };
  return { Records: [{ EventSource: "aws:sns", Sns: { Message: JSON.stringify(message) } }] };
}
