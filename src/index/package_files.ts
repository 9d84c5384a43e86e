/**
 * The stored archives as the index reads them: list a folder with each object's entity
 * tag (so facts read from an archive are cached until it changes), read an object, and
 * hand out a short-lived download URL. On S3 (s3_package_files.ts) the URL is
 * presigned; on the local folder (local_package_files.ts) the local server signs it.
 *
 * @module
 */

/** An object under a prefix. */
export interface StoredObject {
  /** Its key. */
  key: string;
  /** Changes whenever its content changes (S3's ETag). */
  etag: string;
}

/** Read access to the package bucket. */
export interface PackageFiles {
  /** Every object whose key starts with `prefix` (all pages). */
  list(prefix: string): Promise<StoredObject[]>;
  /** An object's bytes, or `null` when it is gone. */
  get(key: string): Promise<Uint8Array | null>;
  /** A URL that downloads the object without other credentials, for a short time. */
  downloadUrl(key: string): Promise<string>;
}

/** How long download URLs are valid, in seconds (pip follows them at once). */
export const DOWNLOAD_URL_SECONDS = 60;
