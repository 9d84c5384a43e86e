/**
 * The storage the Lambda function reads specs from and writes packages to: S3 in
 * production (src/aws/s3_storage.ts), a local folder for local runs
 * (local_storage.ts), anything else in tests.
 *
 * Implementations throw {@link TransientError} for faults a retry may fix.
 *
 * @module
 */

/** Object storage, as much of it as the build flow needs. */
export interface Storage {
  /** The object's bytes, or `null` when there is no such key (NoSuchKey). */
  get(bucket: string, key: string): Promise<Uint8Array | null>;
  /** Writes (or overwrites) an object. */
  put(bucket: string, key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Keys that start with `prefix` (at most `limit`, default 1000). */
  list(bucket: string, prefix: string, limit?: number): Promise<string[]>;
  /** Deletes the objects; missing keys are not an error. */
  deleteMany(bucket: string, keys: readonly string[]): Promise<void>;
}
