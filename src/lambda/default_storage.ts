/**
 * Which storage the deployed or locally run function uses, from its environment:
 * - `PACKAGE_STORAGE=s3`, or an S3 endpoint (`AWS_ENDPOINT_URL_S3`), or running in
 *   Lambda (`AWS_LAMBDA_FUNCTION_NAME`) without `LOCAL_STORAGE_DIR`: S3;
 * - otherwise a local folder, `LOCAL_STORAGE_DIR` (default `.storage`).
 *
 * The S3 module (and the AWS SDK) is imported only when S3 is chosen.
 *
 * @module
 */

import type { Storage } from "../storage/storage.ts";
import { LocalStorage } from "../storage/local_storage.ts";
import type { Environment } from "../environment.ts";

/** Whether the environment asks for S3. */
export function usesS3(env: Environment): boolean {
  const choice = env("PACKAGE_STORAGE");
  if (choice === "s3") return true;
  if (choice === "local") return false;
  if (env("AWS_ENDPOINT_URL_S3") !== undefined) return true;
  return env("AWS_LAMBDA_FUNCTION_NAME") !== undefined && env("LOCAL_STORAGE_DIR") === undefined;
}

/** Creates the storage the environment asks for. */
export async function storageFromEnv(env: Environment): Promise<Storage> {
  if (usesS3(env)) {
    const { S3Storage } = await import("../aws/s3_storage.ts");
    return S3Storage.fromEnv(env);
  }
  return new LocalStorage(env("LOCAL_STORAGE_DIR") ?? ".storage");
}

/** Starts loading the S3 module in the background when it will be needed. */
export function preloadStorage(env: Environment): void {
  if (usesS3(env)) import("../aws/s3_storage.ts").catch(() => {});
}
