/**
 * {@link Storage} on Amazon S3 (or any S3-compatible server) through
 * npm:@aws-sdk/client-s3, the one module that imports it. Endpoint, region and
 * credentials come from the standard AWS environment (`AWS_REGION`,
 * `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`, `AWS_ACCESS_KEY_ID`…); path-style
 * addressing is used with a custom endpoint or when `AWS_S3_FORCE_PATH_STYLE=true`.
 *
 * @module
 */

import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { TransientError } from "../errors.ts";
import type { Environment } from "../environment.ts";
import { awsClientSettingsFromEnv } from "./client_config.ts";
import type {
  GetOptions,
  HeadOptions,
  HeadResult,
  ObjectVersion,
  Storage,
  StoredObject,
} from "../storage/storage.ts";

/**
 * Client settings from the environment: those of {@link awsClientSettingsFromEnv} (with
 * `AWS_ENDPOINT_URL_S3`) and path-style addressing: `AWS_S3_FORCE_PATH_STYLE`
 * (`true`/`false`), by default on exactly when a custom endpoint is set (moto, MinIO…).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { s3ConfigFromEnv } from "./s3_storage.ts";
 * const env: Record<string, string> = { AWS_ENDPOINT_URL_S3: "http://127.0.0.1:5000" };
 * const config = s3ConfigFromEnv((name) => env[name]);
 * assert.equal(config.endpoint, "http://127.0.0.1:5000");
 * assert.equal(config.forcePathStyle, true);
 * ```
 */
export function s3ConfigFromEnv(env: Environment): S3ClientConfig {
  const settings = awsClientSettingsFromEnv(env, "S3");
  const pathStyle = env("AWS_S3_FORCE_PATH_STYLE");
  const forcePathStyle = pathStyle === undefined
    ? settings.endpoint !== undefined
    : pathStyle === "true";
  return { ...settings, forcePathStyle };
}

/**
 * S3 storage. `NoSuchKey` reads as `null` (GetObject) or `"missing"` (HeadObject, which
 * sends `If-Match` when asked and reads 412 as `"changed"`); every other failure is a
 * {@link TransientError} naming the operation, bucket and key, so the invocation fails
 * and Lambda retries it. A GetObject whose `Content-Length` exceeds `maxBytes` is not
 * read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { S3Storage } from "./s3_storage.ts";
 * const env: Record<string, string> = { AWS_REGION: "eu-west-1" };
 * const storage = S3Storage.fromEnv((name) => env[name]);
 * assert.ok(storage instanceof S3Storage);
 * ```
 */
export class S3Storage implements Storage {
  readonly #client: S3Client;

  /** @param client The SDK client (tests pass a mocked one). */
  constructor(client: S3Client) {
    this.#client = client;
  }

  /** A storage whose client is configured from the environment. */
  static fromEnv(env: Environment): S3Storage {
    return new S3Storage(new S3Client(s3ConfigFromEnv(env)));
  }

  async get(bucket: string, key: string, options: GetOptions = {}): Promise<StoredObject | null> {
    try {
      const response = await this.#client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const size = response.ContentLength;
      const versionOf = (bytes: number): ObjectVersion => ({
        eTag: response.ETag ?? "",
        versionId: response.VersionId ?? null,
        size: bytes,
      });
      if (!response.Body) return { version: versionOf(0), bytes: new Uint8Array() };
      if (options.maxBytes !== undefined && size !== undefined && size > options.maxBytes) {
        // The body is not read: its size alone decides.
        discard(response.Body);
        return { version: versionOf(size), bytes: null };
      }
      const bytes = await response.Body.transformToByteArray();
      if (options.maxBytes !== undefined && bytes.byteLength > options.maxBytes) {
        return { version: versionOf(bytes.byteLength), bytes: null };
      }
      return { version: versionOf(bytes.byteLength), bytes };
    } catch (error) {
      if (isNoSuchKey(error)) return null;
      throw transient("GetObject", bucket, key, error);
    }
  }

  async head(bucket: string, key: string, options: HeadOptions = {}): Promise<HeadResult> {
    try {
      const response = await this.#client.send(
        new HeadObjectCommand({ Bucket: bucket, Key: key, IfMatch: options.ifMatch }),
      );
      return {
        eTag: response.ETag ?? "",
        versionId: response.VersionId ?? null,
        size: response.ContentLength ?? 0,
      };
    } catch (error) {
      const status = statusOf(error);
      if (status === 404 || isNoSuchKey(error)) return "missing";
      if (status === 412) return "changed";
      throw transient("HeadObject", bucket, key, error);
    }
  }

  async put(bucket: string, key: string, body: Uint8Array, contentType: string): Promise<void> {
    try {
      await this.#client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    } catch (error) {
      throw transient("PutObject", bucket, key, error);
    }
  }

  async list(bucket: string, prefix: string, limit = 1000): Promise<string[]> {
    try {
      const response = await this.#client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: limit }),
      );
      return (response.Contents ?? []).map((item) => item.Key ?? "").filter((key) => key !== "");
    } catch (error) {
      throw transient("ListObjectsV2", bucket, prefix, error);
    }
  }

  async deleteMany(bucket: string, keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      const response = await this.#client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: keys.map((key) => ({ Key: key })), Quiet: true },
        }),
      );
      const failed = response.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0];
        throw new Error(`${failed.length} not deleted, first ${first.Key}: ${first.Code}`);
      }
    } catch (error) {
      throw transient("DeleteObjects", bucket, keys.join(", "), error);
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function isNoSuchKey(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  return name === "NoSuchKey" || (name === "NotFound" && statusOf(error) === 404);
}

/** Closes a response body that will not be read (frees the connection). */
function discard(body: unknown): void {
  const stream = body as { destroy?: () => void; cancel?: () => Promise<void> };
  if (typeof stream.destroy === "function") stream.destroy();
  else if (typeof stream.cancel === "function") stream.cancel().catch(() => {});
}

function transient(operation: string, bucket: string, key: string, error: unknown): TransientError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new TransientError(`Cannot ${operation} s3://${bucket}/${key}: ${reason}`, {
    cause: error,
  });
}
