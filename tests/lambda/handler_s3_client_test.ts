/**
 * The handler on S3 storage whose SDK client is stubbed with aws-sdk-client-mock: every
 * S3 request of every step, with the exact bucket, key, prefix and content type.
 */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { S3Storage } from "../../src/aws/s3_storage.ts";
import { createHandler, type HandlerOptions } from "../../src/lambda/handler.ts";
import { localContext } from "../../src/lambda/context.ts";
import { createLogger } from "../../src/log.ts";
import { EventError, TransientError } from "../../src/errors.ts";
import { snsEvent } from "../helpers/memory_storage.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

const BUCKET = "package-bucket";
const KEY = "user 1/employee-db/2-spec.json";
const EXAMPLE = await Deno.readFile(PROJECT_EXAMPLE);
const SDIST = "user 1/employee-db/employee_db-1.0.0.tar.gz";
const WHEEL = "user 1/employee-db/employee_db-1.0.0-py3-none-any.whl";
const REPORT = "user 1/employee-db/2-build.json";

async function setup(options: Partial<HandlerOptions> = {}) {
  const client = new S3Client({
    region: "us-east-1",
    credentials: { accessKeyId: "stub", secretAccessKey: "stub" },
  });
  const s3 = mockClient(client);
  const logs: Record<string, unknown>[] = [];
  const scratch = await Deno.makeTempDir({ prefix: "oa-handler-s3-" });
  const buildDir = join(scratch, "build");
  const handler = createHandler({
    storage: new S3Storage(client),
    buildDir,
    logger: createLogger((line) => logs.push(JSON.parse(line))),
    ...options,
  });
  const dispose = () => Deno.remove(scratch, { recursive: true });
  return { s3, logs, buildDir, handler, [Symbol.asyncDispose]: dispose };
}

/** A GetObject answer whose body is `bytes` (the SDK's stream mixin, reduced to what we use). */
function objectBody(bytes: Uint8Array): GetObjectCommandOutput {
  const body = { transformToByteArray: () => Promise.resolve(bytes) };
  return { Body: body, $metadata: {} } as unknown as GetObjectCommandOutput;
}

function slowDown(): S3ServiceException {
  return new S3ServiceException({
    name: "SlowDown",
    message: "Please reduce your request rate.",
    $fault: "server",
    $metadata: { httpStatusCode: 503 },
  });
}

function putInputs(s3: ReturnType<typeof mockClient>): PutObjectCommandInput[] {
  return s3.commandCalls(PutObjectCommand).map((call) =>
    call.args[0].input as PutObjectCommandInput
  );
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

Deno.test("each step sends its S3 request: GetObject, PutObject ×3, ListObjectsV2", async () => {
  await using context = await setup();
  const { s3, handler } = context;
  s3.on(GetObjectCommand).resolves(objectBody(EXAMPLE));
  s3.on(PutObjectCommand).resolves({});
  s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: KEY }], KeyCount: 1 });

  const result = await handler(snsEvent(BUCKET, KEY), localContext());

  assert.equal(result.objects[0].status, "built");
  const get = s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input);
  assert.deepEqual(get, [{ Bucket: BUCKET, Key: KEY }], "the decoded key is fetched");
  const puts = putInputs(s3);
  assert.deepEqual(puts.map((input) => [input.Bucket, input.Key, input.ContentType]), [
    [BUCKET, SDIST, "application/gzip"],
    [BUCKET, WHEEL, "application/zip"],
    [BUCKET, REPORT, "application/json"],
  ]);
  const report = JSON.parse(new TextDecoder().decode(puts[2].Body as Uint8Array));
  for (const [index, item] of report.packages.entries()) {
    const body = puts[index].Body as Uint8Array;
    assert.equal(item.sha256, sha256(body), `${item.storageLocation} digest`);
    assert.equal(item.size, body.byteLength);
  }
  const list = s3.commandCalls(ListObjectsV2Command).map((call) => call.args[0].input);
  assert.deepEqual(list, [{ Bucket: BUCKET, Prefix: KEY, MaxKeys: 10 }]);
  assert.equal(s3.commandCalls(DeleteObjectsCommand).length, 0);
});

Deno.test("a spec gone from the bucket (NoSuchKey) ends the invocation normally", async () => {
  await using context = await setup();
  const { s3, handler, logs } = context;
  s3.on(GetObjectCommand).rejects(
    new NoSuchKey({ message: "The key does not exist", $metadata: {} }),
  );
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "missing");
  assert.equal(s3.commandCalls(PutObjectCommand).length, 0);
  assert.ok(logs.some((line) => line.message === "spec no longer exists; nothing to build"));
});

Deno.test("a spec deleted during the build: DeleteObjects removes the packages and report", async () => {
  await using context = await setup();
  const { s3, handler } = context;
  s3.on(GetObjectCommand).resolves(objectBody(EXAMPLE));
  s3.on(PutObjectCommand).resolves({});
  s3.on(ListObjectsV2Command).resolves({ KeyCount: 0 });
  s3.on(DeleteObjectsCommand).resolves({ Deleted: [] });
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "deleted");
  const deletes = s3.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input);
  assert.deepEqual(deletes, [{
    Bucket: BUCKET,
    Delete: { Objects: [{ Key: SDIST }, { Key: WHEEL }, { Key: REPORT }], Quiet: true },
  }]);
});

Deno.test("another spec sharing the prefix does not count as the spec still existing", async () => {
  await using context = await setup();
  const { s3, handler } = context;
  s3.on(GetObjectCommand).resolves(objectBody(EXAMPLE));
  s3.on(PutObjectCommand).resolves({});
  s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: `${KEY}.bak` }], KeyCount: 1 });
  s3.on(DeleteObjectsCommand).resolves({});
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "deleted");
});

Deno.test("an invalid spec: the report is the only PutObject, and the handler returns", async () => {
  await using context = await setup();
  const { s3, handler } = context;
  s3.on(GetObjectCommand).resolves(objectBody(new TextEncoder().encode("{components: [")));
  s3.on(PutObjectCommand).resolves({});
  s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: KEY }] });
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "invalid");
  assert.deepEqual(putInputs(s3).map((input) => input.Key), [REPORT]);
  assert.equal(result.objects[0].report?.error?.type, "SpecParseError");
});

Deno.test("S3 throttling on PutObject fails the invocation and writes no report", async () => {
  await using context = await setup();
  const { s3, handler, buildDir } = context;
  s3.on(GetObjectCommand).resolves(objectBody(EXAMPLE));
  s3.on(PutObjectCommand).rejects(slowDown());
  await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), (error) => {
    assert.ok(error instanceof TransientError);
    assert.match(error.message, /^Cannot PutObject s3:\/\/package-bucket\/user 1\/employee-db\//);
    return true;
  });
  assert.deepEqual(putInputs(s3).map((input) => input.Key), [SDIST]);
  assert.equal(s3.commandCalls(ListObjectsV2Command).length, 0);
  assert.equal(await Deno.stat(buildDir).then(() => true, () => false), false);
});

Deno.test("a server error on GetObject or ListObjectsV2 fails the invocation", async () => {
  for (const failing of ["get", "list"]) {
    await using context = await setup();
    const { s3, handler } = context;
    if (failing === "get") s3.on(GetObjectCommand).rejects(slowDown());
    else s3.on(GetObjectCommand).resolves(objectBody(EXAMPLE));
    s3.on(PutObjectCommand).resolves({});
    if (failing === "list") s3.on(ListObjectsV2Command).rejects(slowDown());
    await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), TransientError);
  }
});

Deno.test("the S3 test notification sends no S3 request", async () => {
  await using context = await setup();
  const { s3, handler } = context;
  const message = JSON.stringify({
    Service: "Amazon S3",
    Event: "s3:TestEvent",
    Time: "2026-11-23T10:00:00.000Z",
    Bucket: BUCKET,
    RequestId: "5582815E1AEA5ADF",
    HostId: "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE",
  });
  const result = await handler({ Records: [{ Sns: { Message: message } }] }, localContext());
  assert.deepEqual(result, { objects: [], testEvents: 1 });
  assert.equal(s3.calls().length, 0);
});

Deno.test("a malformed event sends no S3 request", async () => {
  await using context = await setup();
  const { s3, handler } = context;
  const message = JSON.stringify({ Records: [{ s3: { bucket: { name: BUCKET }, object: {} } }] });
  await assert.rejects(
    handler({ Records: [{ Sns: { Message: message } }] }, localContext()),
    (error) => {
      assert.ok(error instanceof EventError);
      assert.deepEqual(error.path, ["Records[0].Sns.Message.Records[0].s3.object.key"]);
      return true;
    },
  );
  assert.equal(s3.calls().length, 0);
});

Deno.test("a builder fault that is not an input error propagates (no report)", async () => {
  await using context = await setup({
    build: () => Promise.reject(new Error("disk full")),
  });
  const { s3, handler } = context;
  s3.on(GetObjectCommand).resolves(objectBody(EXAMPLE));
  await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), /disk full/);
  assert.equal(s3.commandCalls(PutObjectCommand).length, 0);
});

Deno.test("the builder gets the decoded key and the spec written into the build folder", async () => {
  const seen: { specKey: string; specPath: string; text: string }[] = [];
  await using context = await setup({
    build: async (options) => {
      seen.push({ ...options, text: await Deno.readTextFile(options.specPath) });
      return {
        name: "employee_db",
        version: "1.0.0",
        title: null,
        description: null,
        modelCount: 0,
        packages: [],
      };
    },
  });
  const { s3, handler, buildDir } = context;
  s3.on(GetObjectCommand).resolves(objectBody(new TextEncoder().encode("spec text")));
  s3.on(PutObjectCommand).resolves({});
  s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: KEY }] });
  await handler(snsEvent(BUCKET, KEY), localContext());
  assert.deepEqual(seen, [{
    specKey: KEY,
    specPath: join(buildDir, "spec.json"),
    text: "spec text",
  }]);
});
