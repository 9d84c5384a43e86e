/**
 * The index's part of the image build's warm-up (src/runtime/warm_up.ts): the runtime,
 * started with FUNCTION_HANDLER=index, serves a project page once from local storage
 * (credentials, PBKDF2, the local database, both archives read, JSON rendered) and once
 * against the loopback stub standing in for AWS (the DynamoDB and S3 clients and the
 * presigner load, the stub's 404 makes the page a 503). Deno then holds the V8 code
 * cache of the index's modules, which the function's read-only file system could not
 * store at run time.
 *
 * @module
 */

import { join } from "node:path";
import { Credentials } from "../db/credentials.ts";
import { LOCAL_DATABASE_FILE } from "../db/database.ts";
import { LocalTableStore } from "../db/local_table_store.ts";
import { invokeLocally } from "../runtime/invoke.ts";
import type { HttpResult } from "./lambda_http.ts";

/** Options of {@link warmUpIndex}. */
export interface IndexWarmUpOptions {
  /** The local storage folder the builder's warm-up built into (with its database). */
  storageDir: string;
  /** The bucket it built into. */
  bucket: string;
  /** The user and spec id of a spec it built. */
  sub: string;
  specId: string;
  /** A loopback endpoint answering every request 404 (the S3 stub). */
  stubEndpoint: string;
}

/** HTTP statuses of the two index invocations (expected: local 200, s3 503). */
export interface IndexWarmUpResult {
  local: number;
  s3: number;
}

/** Runs both index invocations; throws when one does not answer at all. */
export async function warmUpIndex(options: IndexWarmUpOptions): Promise<IndexWarmUpResult> {
  const store = new LocalTableStore(join(options.storageDir, LOCAL_DATABASE_FILE));
  const created = await new Credentials(store).create(options.sub, { id: "warm-up" });
  const event = {
    version: "2.0",
    rawPath: `/simple/${options.specId}/`,
    rawQueryString: "",
    headers: {
      accept: "application/vnd.pypi.simple.v1+json",
      authorization: `Basic ${btoa(`${created.publicKey}:${created.secretKey}`)}`,
    },
    requestContext: { domainName: "warm-up.invalid", http: { method: "GET" } },
    isBase64Encoded: false,
  };
  const [local] = await invokeLocally({
    event,
    env: {
      FUNCTION_HANDLER: "index",
      PACKAGE_STORAGE: "local",
      LOCAL_STORAGE_DIR: options.storageDir,
      PACKAGE_BUCKET: options.bucket,
    },
  });
  const [s3] = await invokeLocally({
    event,
    env: {
      FUNCTION_HANDLER: "index",
      PACKAGE_STORAGE: "s3",
      PACKAGE_BUCKET: options.bucket,
      SPECS_TABLE: "warm-up-specs",
      CREDENTIALS_TABLE: "warm-up-credentials",
      AWS_ENDPOINT_URL: options.stubEndpoint,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "warm-up",
      AWS_SECRET_ACCESS_KEY: "warm-up",
      AWS_MAX_ATTEMPTS: "1",
    },
  });
  const status = (outcome: typeof local): number => {
    if (!outcome?.result.ok) {
      throw new Error(
        `Cannot warm up the index: the invocation failed: ${JSON.stringify(outcome?.result)}`,
      );
    }
    return (outcome.result.response as HttpResult).statusCode;
  };
  return { local: status(local), s3: status(s3) };
}
