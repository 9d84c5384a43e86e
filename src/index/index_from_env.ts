/**
 * The index as configured by the environment, for the Lambda function and for
 * `deno task serve`:
 * - the package database of src/db/database.ts (DynamoDB with `SPECS_TABLE` and
 *   `CREDENTIALS_TABLE`, else the local file beside local storage);
 * - the package bucket `PACKAGE_BUCKET` (default `openalchemy-packages` on local
 *   storage; required on S3), on S3 or in the local storage folder as
 *   src/lambda/default_storage.ts decides.
 * SDK modules are imported only when S3 or DynamoDB is used.
 *
 * @module
 */

import { databaseFromEnv } from "../db/database.ts";
import { usesS3 } from "../lambda/default_storage.ts";
import type { Logger } from "../log.ts";
import { createIndexApp, type IndexApp } from "./app.ts";
import { Authenticator } from "./auth.ts";
import type { LocalPackageFiles } from "./local_package_files.ts";
import type { PackageFiles } from "./package_files.ts";
import { ProjectFiles } from "./project_files.ts";
import { type Environment, nonEmpty } from "../environment.ts";

/** The bucket of local runs (the one `deno task invoke`'s sample event names). */
export const LOCAL_BUCKET = "openalchemy-packages";

/** A configured index. */
export interface IndexSetup {
  /** The fetch handler. */
  app: IndexApp;
  /** Where packages are read from, for messages. */
  describe: { bucket: string; storage: string; database: string };
  /** The local bucket, whose download URLs the local server must serve; else `null`. */
  localFiles: LocalPackageFiles | null;
  /** Releases the clients. */
  close(): void;
}

/**
 * Builds the index the environment describes.
 *
 * @throws {Error} when the environment names no database or, on S3, no bucket.
 */
export async function indexFromEnv(env: Environment, logger?: Logger): Promise<IndexSetup> {
  const database = await databaseFromEnv(env);
  if (database === null) {
    throw new Error(
      "Cannot start the index: no package database; set SPECS_TABLE and CREDENTIALS_TABLE " +
        "(DynamoDB) or PACKAGE_DATABASE=local",
    );
  }
  const s3 = usesS3(env);
  const bucket = nonEmpty(env("PACKAGE_BUCKET")) ?? (s3 ? undefined : LOCAL_BUCKET);
  if (bucket === undefined) {
    database.close();
    throw new Error("Cannot start the index: PACKAGE_BUCKET is not set");
  }
  let files: PackageFiles;
  let localFiles: LocalPackageFiles | null = null;
  let closeFiles = () => {};
  let storage: string;
  if (s3) {
    const { S3PackageFiles } = await import("./s3_package_files.ts");
    const s3Files = S3PackageFiles.fromEnv(bucket, env);
    files = s3Files;
    closeFiles = () => s3Files.destroy();
    storage = "s3";
  } else {
    const { LocalPackageFiles } = await import("./local_package_files.ts");
    storage = nonEmpty(env("LOCAL_STORAGE_DIR")) ?? ".storage";
    localFiles = await LocalPackageFiles.create(storage, bucket);
    files = localFiles;
  }
  const app = createIndexApp({
    authenticator: new Authenticator(database.credentials),
    specs: database.specs,
    files,
    projectFiles: new ProjectFiles(files, { logger }),
    logger,
  });
  const location = database.location;
  return {
    app,
    describe: {
      bucket,
      storage,
      database: location.kind === "local"
        ? location.path
        : `DynamoDB ${location.specsTable}, ${location.credentialsTable}`,
    },
    localFiles,
    close: () => {
      closeFiles();
      database.close();
    },
  };
}
