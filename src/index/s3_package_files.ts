/**
 * {@link PackageFiles} on the S3 package bucket, with download URLs presigned by
 * npm:@aws-sdk/s3-request-presigner (valid {@link DOWNLOAD_URL_SECONDS} seconds, signed
 * with the function's own credentials, so its role needs `s3:GetObject` on archives).
 * Client settings come from the environment, as for the builder's storage.
 *
 * @module
 */

import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { s3ConfigFromEnv } from "../aws/s3_storage.ts";
import type { Environment } from "../environment.ts";
import { TransientError } from "../errors.ts";
import { DOWNLOAD_URL_SECONDS, type PackageFiles, type StoredObject } from "./package_files.ts";

/**
 * The package bucket on S3.
 *
 * @example
 * ```ts
 * import { S3PackageFiles } from "./s3_package_files.ts";
 * const env: Record<string, string> = { AWS_REGION: "eu-west-1" };
 * const files = S3PackageFiles.fromEnv("openalchemy-packages", (name) => env[name]);
 * files.destroy();
 * ```
 */
export class S3PackageFiles implements PackageFiles {
  readonly #client: S3Client;
  readonly #bucket: string;

  /** @param client The SDK client. @param bucket The package bucket. */
  constructor(client: S3Client, bucket: string) {
    this.#client = client;
    this.#bucket = bucket;
  }

  /** The bucket with a client configured from the environment. */
  static fromEnv(bucket: string, env: Environment): S3PackageFiles {
    return new S3PackageFiles(new S3Client(s3ConfigFromEnv(env)), bucket);
  }

  /** Closes the client's connections. */
  destroy(): void {
    this.#client.destroy();
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    try {
      let token: string | undefined;
      do {
        const response = await this.#client.send(
          new ListObjectsV2Command({
            Bucket: this.#bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        );
        for (const item of response.Contents ?? []) {
          if (item.Key) objects.push({ key: item.Key, etag: item.ETag ?? "" });
        }
        token = response.IsTruncated ? response.NextContinuationToken : undefined;
      } while (token !== undefined);
    } catch (error) {
      throw transient("ListObjectsV2", `${this.#bucket}/${prefix}`, error);
    }
    return objects;
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const response = await this.#client.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: key }),
      );
      return response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
    } catch (error) {
      if ((error as Error)?.name === "NoSuchKey") return null;
      throw transient("GetObject", `${this.#bucket}/${key}`, error);
    }
  }

  downloadUrl(key: string): Promise<string> {
    return getSignedUrl(this.#client, new GetObjectCommand({ Bucket: this.#bucket, Key: key }), {
      expiresIn: DOWNLOAD_URL_SECONDS,
    });
  }
}

function transient(operation: string, where: string, error: unknown): TransientError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new TransientError(`Cannot ${operation} s3://${where}: ${reason}`, { cause: error });
}
