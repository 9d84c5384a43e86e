/**
 * Run once while the container image is built
 * (`deno run --cached-only --allow-all src/runtime/warm_up.ts`): drives the real runtime
 * through what invocations execute, so that Deno stores the V8 code cache of every
 * module in `DENO_DIR`. The function's file system is read-only, so that cache cannot be
 * written at run time; read at cold start it makes init and the first event faster.
 *
 * Local invocations (see invoke.ts), each in a fresh runtime process:
 * 1. local-folder storage, a JSON and a YAML copy of the bundled example spec: the
 *    builder, both parsers, the archive writers;
 * 2. S3 storage against a loopback stub answering every request with `NoSuchKey`: the
 *    AWS SDK's client, signer, HTTP handler and error parser;
 * 3. the index function (FUNCTION_HANDLER=index) on the first one's local storage and
 *    against the stub (src/index/warm_up.ts).
 *
 * Exits 1 (failing the image build) unless all end as expected: a runtime that cannot
 * serve an event never becomes an image.
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { invokeLocally, type InvokeOutcome } from "./invoke.ts";
import { type IndexWarmUpResult, warmUpIndex } from "../index/warm_up.ts";

const EXAMPLE_SPEC = fileURLToPath(new URL("../../examples/employee-spec.json", import.meta.url));
const BUCKET = "warm-up";
const JSON_KEY = "warm-up/example/1-spec.json";
const YAML_KEY = "warm-up/example-yaml/1-spec.json";

/** What {@link warmUp} observed, one status per object of each invocation. */
export interface WarmUpResult {
  /** Statuses of the local-storage invocation (expected: built, built). */
  local: string[];
  /** Statuses of the S3 invocation (expected: missing). */
  s3: string[];
  /** HTTP statuses of the index's invocations (expected: local 200, s3 503). */
  index: IndexWarmUpResult;
}

/**
 * Runs both warm-up invocations in a scratch folder under `tempDir`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { warmUp } from "./warm_up.ts";
 * const result = await warmUp();
 * assert.deepEqual(result, {
 *   local: ["built", "built"],
 *   s3: ["missing"],
 *   index: { local: 200, s3: 503 },
 * });
 * ```
 */
export async function warmUp(tempDir?: string): Promise<WarmUpResult> {
  const work = await Deno.makeTempDir({ dir: tempDir, prefix: "oa-warm-up-" });
  const stub = startNoSuchKeyStub();
  try {
    const example = await Deno.readTextFile(EXAMPLE_SPEC);
    await writeObject(work, JSON_KEY, example);
    // Not starting with "{", so it is read as YAML (JSON is YAML).
    await writeObject(work, YAML_KEY, `# the example spec, read as YAML\n${example}`);
    const [local] = await invokeLocally({
      event: snsEvent([JSON_KEY, YAML_KEY]),
      env: {
        PACKAGE_STORAGE: "local",
        LOCAL_STORAGE_DIR: work,
      },
    });
    const [s3] = await invokeLocally({
      event: snsEvent([JSON_KEY]),
      env: {
        PACKAGE_STORAGE: "s3",
        AWS_ENDPOINT_URL_S3: stub.endpoint,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "warm-up",
        AWS_SECRET_ACCESS_KEY: "warm-up",
      },
    });
    const index = await warmUpIndex({
      storageDir: work,
      bucket: BUCKET,
      sub: "warm-up",
      specId: "example",
      stubEndpoint: stub.endpoint,
    });
    return { local: statusesOf(local), s3: statusesOf(s3), index };
  } finally {
    await stub.close();
    await Deno.remove(work, { recursive: true });
  }
}

function statusesOf(outcome: InvokeOutcome | undefined): string[] {
  const result = outcome?.result;
  if (!result?.ok) {
    throw new Error(`Cannot warm up the runtime: the invocation failed: ${JSON.stringify(result)}`);
  }
  const response = result.response as { objects: { status: string }[] };
  return response.objects.map((object) => object.status);
}

async function writeObject(root: string, key: string, text: string): Promise<void> {
  const path = join(root, BUCKET, ...key.split("/"));
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await Deno.writeTextFile(path, text);
}

function snsEvent(keys: string[]): unknown {
  const records = keys.map((key) => ({ s3: { bucket: { name: BUCKET }, object: { key } } }));
  return { Records: [{ Sns: { Message: JSON.stringify({ Records: records }) } }] };
}

/** A loopback S3 stand-in: every request is answered `404 NoSuchKey`. */
function startNoSuchKeyStub(): { endpoint: string; close: () => Promise<void> } {
  const body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>' +
    "<Message>The specified key does not exist.</Message></Error>";
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      await request.body?.cancel();
      return new Response(body, { status: 404, headers: { "content-type": "application/xml" } });
    },
  );
  return { endpoint: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
}

if (import.meta.main) {
  const result = await warmUp();
  const expected = JSON.stringify({
    local: ["built", "built"],
    s3: ["missing"],
    index: { local: 200, s3: 503 },
  });
  console.log(JSON.stringify({ warmUp: result }));
  if (JSON.stringify(result) !== expected) {
    console.error(`Cannot warm up the runtime: expected ${expected}`);
    Deno.exit(1);
  }
}
