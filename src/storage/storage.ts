/**
 * The storage the Lambda function reads specs from and writes packages to: S3 in
 * production (src/aws/s3_storage.ts), a local folder for local runs
 * (local_storage.ts), anything else in tests.
 *
 * Every object has an identity that changes whenever its content is replaced: its ETag
 * (S3's, or a digest of the bytes) and, in a versioned bucket, its version id. The
 * handler builds one identity of a spec and then asks whether that identity is still
 * the current one ({@link Storage.head} with `ifMatch`).
 *
 * Implementations throw {@link TransientError} for faults a retry may fix.
 *
 * @module
 */

/** Which content of a key was read. */
export interface ObjectVersion {
  /** The entity tag, as S3 sends it (with its quotes). */
  readonly eTag: string;
  /** The version id in a versioned bucket, else `null`. */
  readonly versionId: string | null;
  /** Size in bytes. */
  readonly size: number;
}

/** An object read by {@link Storage.get}. */
export interface StoredObject {
  /** Which content this is. */
  readonly version: ObjectVersion;
  /**
   * The bytes, or `null` when the object is larger than the `maxBytes` the caller gave
   * (then its body was not read).
   */
  readonly bytes: Uint8Array | null;
}

/** Options of {@link Storage.get}. */
export interface GetOptions {
  /** Do not read a body larger than this many bytes. @default unlimited */
  readonly maxBytes?: number;
}

/** Options of {@link Storage.head}. */
export interface HeadOptions {
  /** Answer `"changed"` unless the current ETag is this one (S3's `If-Match`). */
  readonly ifMatch?: string;
}

/**
 * What {@link Storage.head} found: the current version, `"missing"` (no such key, or a
 * delete marker), or `"changed"` (the ETag is not the one given in `ifMatch`).
 */
export type HeadResult = ObjectVersion | "missing" | "changed";

/** Object storage, as much of it as the build flow needs. */
export interface Storage {
  /** The object's current version and bytes, or `null` when there is no such key. */
  get(bucket: string, key: string, options?: GetOptions): Promise<StoredObject | null>;
  /** The object's current version without its body, optionally conditional on its ETag. */
  head(bucket: string, key: string, options?: HeadOptions): Promise<HeadResult>;
  /** Writes (or overwrites) an object. */
  put(bucket: string, key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Keys that start with `prefix` (at most `limit`, default 1000). */
  list(bucket: string, prefix: string, limit?: number): Promise<string[]>;
  /** Deletes the objects; missing keys are not an error. */
  deleteMany(bucket: string, keys: readonly string[]): Promise<void>;
}
