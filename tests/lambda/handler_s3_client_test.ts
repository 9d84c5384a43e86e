/**
 * The handler on S3 storage whose SDK client is stubbed with aws-sdk-client-mock: every
 * S3 request of every step, with the exact bucket, key, condition and content type.
 */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
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
import { DEFAULT_LIMITS } from "../../src/lambda/limits.ts";
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
const ETAG = '"0123456789abcdef0123456789abcdef"';

function setup(options: Partial<HandlerOptions> = {}) {
  const client = new S3Client({
    region: "us-east-1",
    credentials: { accessKeyId: "stub", secretAccessKey: "stub" },
  });
  const s3 = mockClient(client);
  const logs: Record<string, unknown>[] = [];
  const handler = createHandler({
    storage: new S3Storage(client),
    logger: createLogger((line) => logs.push(JSON.parse(line))),
    ...options,
  });
  return { s3, logs, handler };
}

/** A GetObject answer whose body is `bytes` (the SDK's stream mixin, reduced to what we use). */
function objectBody(
  bytes: Uint8Array,
  extra: Partial<GetObjectCommandOutput> = {},
): GetObjectCommandOutput & { read: () => boolean; destroyed: () => boolean } {
  let read = false;
  let destroyed = false;
  const body = {
    transformToByteArray: () => {
      read = true;
      return Promise.resolve(bytes);
    },
    destroy: () => destroyed = true,
  };
  return {
    Body: body,
    ETag: ETAG,
    VersionId: "v1",
    ContentLength: bytes.byteLength,
    $metadata: {},
    ...extra,
    read: () => read,
    destroyed: () => destroyed,
  } as unknown as GetObjectCommandOutput & { read: () => boolean; destroyed: () => boolean };
}

function httpError(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    message: name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status },
  });
}

function noSuchKey(): NoSuchKey {
  return new NoSuchKey({ message: "The key does not exist", $metadata: {} });
}

function putInputs(s3: ReturnType<typeof mockClient>): PutObjectCommandInput[] {
  return s3.commandCalls(PutObjectCommand).map((call) =>
    call.args[0].input as PutObjectCommandInput
  );
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

Deno.test("each step sends its S3 request: GetObject, PutObject ×3, HeadObject If-Match", async () => {
  const { s3, handler } = setup();
  s3.on(GetObjectCommand).resolves(objectBody(EXAMPLE));
  s3.on(PutObjectCommand).resolves({});
  s3.on(HeadObjectCommand).resolves({ ETag: ETAG, VersionId: "v1", ContentLength: 1 });

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
  assert.deepEqual(report.spec, { eTag: ETAG, versionId: "v1", size: EXAMPLE.byteLength });
  for (const [index, item] of report.packages.entries()) {
    const body = puts[index].Body as Uint8Array;
    assert.equal(item.sha256, sha256(body), `${item.storageLocation} digest`);
    assert.equal(item.size, body.byteLength);
  }
  const heads = s3.commandCalls(HeadObjectCommand).map((call) => call.args[0].input);
  assert.deepEqual(heads, [{ Bucket: BUCKET, Key: KEY, IfMatch: ETAG }]);
  assert.equal(s3.commandCalls(DeleteObjectsCommand).length, 0);
  assert.equal(s3.commandCalls(ListObjectsV2Command).length, 0);
});

Deno.test("a spec larger than SPEC_MAX_BYTES is not read: its report names the limit", async () => {
  const { s3, handler } = setup();
  const answer = objectBody(new Uint8Array(), { ContentLength: 60 * 1024 * 1024 });
  s3.on(GetObjectCommand).resolves(answer);
  s3.on(PutObjectCommand).resolves({});
  s3.on(HeadObjectCommand).resolves({ ETag: ETAG, VersionId: "v1" });
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "invalid");
  assert.equal(answer.read(), false, "the body is not read");
  assert.equal(answer.destroyed(), true, "the body's connection is released");
  const report = result.objects[0].report!;
  assert.deepEqual(report.error?.limit, {
    name: "SPEC_MAX_BYTES",
    maximum: DEFAULT_LIMITS.specMaxBytes,
    actual: 60 * 1024 * 1024,
  });
  assert.match(
    report.error!.message,
    /62914560 bytes, more than the limit of 5242880 \(SPEC_MAX_BYTES\)/,
  );
  assert.deepEqual(putInputs(s3).map((input) => input.Key), [REPORT]);
});

Deno.test("a spec gone from the bucket (NoSuchKey) with no report ends the invocation normally", async () => {
  const { s3, handler, logs } = setup();
  s3.on(GetObjectCommand).rejects(noSuchKey());
  s3.on(HeadObjectCommand).rejects(httpError("NotFound", 404));
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "missing");
  assert.deepEqual(
    s3.commandCalls(GetObjectCommand).map((call) => call.args[0].input.Key),
    [KEY, REPORT],
    "the report is looked for, to remove what it lists",
  );
  assert.equal(s3.commandCalls(PutObjectCommand).length, 0);
  assert.equal(s3.commandCalls(DeleteObjectsCommand).length, 0);
  assert.ok(logs.some((line) => line.message === "spec no longer exists; nothing to build"));
});

Deno.test("a spec gone with a report: DeleteObjects removes the archives it lists and the report", async () => {
  const { s3, handler } = setup();
  const stored = {
    packages: [
      { storageLocation: SDIST },
      { storageLocation: WHEEL },
      { storageLocation: "user 1/other-spec/x.whl" },
      { storageLocation: "user 1/employee-db/2-spec.json" },
    ],
  };
  s3.on(GetObjectCommand, { Key: KEY }).rejects(noSuchKey());
  s3.on(GetObjectCommand, { Key: REPORT }).resolves(
    objectBody(new TextEncoder().encode(JSON.stringify(stored))),
  );
  s3.on(HeadObjectCommand).rejects(httpError("NotFound", 404));
  s3.on(DeleteObjectsCommand).resolves({});
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "deleted");
  const deletes = s3.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input);
  assert.deepEqual(deletes, [{
    Bucket: BUCKET,
    Delete: { Objects: [{ Key: SDIST }, { Key: WHEEL }, { Key: REPORT }], Quiet: true },
  }], "only archives beside the spec, never the spec or another spec's files");
});

Deno.test("a spec deleted during the build: DeleteObjects removes what was stored", async () => {
  const { s3, handler } = setup();
  s3.on(GetObjectCommand, { Key: KEY }).resolvesOnce(objectBody(EXAMPLE)).rejects(noSuchKey());
  s3.on(GetObjectCommand, { Key: REPORT }).rejects(noSuchKey());
  s3.on(PutObjectCommand).resolves({});
  s3.on(HeadObjectCommand).rejects(httpError("NotFound", 404));
  s3.on(DeleteObjectsCommand).resolves({ Deleted: [] });
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "deleted");
  const deletes = s3.commandCalls(DeleteObjectsCommand).map((call) => call.args[0].input);
  assert.deepEqual(deletes, [{
    Bucket: BUCKET,
    Delete: { Objects: [{ Key: SDIST }, { Key: WHEEL }, { Key: REPORT }], Quiet: true },
  }]);
});

Deno.test("412 on the check (the spec changed) builds again from the current content", async () => {
  const { s3, handler } = setup();
  const second = '"fedcba9876543210fedcba9876543210"';
  s3.on(GetObjectCommand)
    .resolvesOnce(objectBody(EXAMPLE))
    .resolves(objectBody(EXAMPLE, { ETag: second, VersionId: "v2" }));
  s3.on(PutObjectCommand).resolves({});
  s3.on(HeadObjectCommand, { IfMatch: ETAG }).rejects(httpError("PreconditionFailed", 412));
  s3.on(HeadObjectCommand, { IfMatch: second }).resolves({ ETag: second, VersionId: "v2" });
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].rounds, 2);
  assert.deepEqual(result.objects[0].report?.spec, {
    eTag: second,
    versionId: "v2",
    size: EXAMPLE.byteLength,
  });
  assert.equal(putInputs(s3).length, 6);
});

Deno.test("the same content under a new version id is built again for that version", async () => {
  const { s3, handler } = setup();
  s3.on(GetObjectCommand)
    .resolvesOnce(objectBody(EXAMPLE))
    .resolves(objectBody(EXAMPLE, { VersionId: "v2" }));
  s3.on(PutObjectCommand).resolves({});
  s3.on(HeadObjectCommand).resolves({ ETag: ETAG, VersionId: "v2" });
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].rounds, 2);
  assert.equal(result.objects[0].report?.spec.versionId, "v2");
});

Deno.test("S3 throttling on PutObject fails the invocation and writes no report", async () => {
  const { s3, handler } = setup();
  s3.on(GetObjectCommand).resolves(objectBody(EXAMPLE));
  s3.on(PutObjectCommand).rejects(httpError("SlowDown", 503));
  await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), (error) => {
    assert.ok(error instanceof TransientError);
    assert.match(error.message, /^Cannot PutObject s3:\/\/package-bucket\/user 1\/employee-db\//);
    return true;
  });
  assert.deepEqual(putInputs(s3).map((input) => input.Key), [SDIST]);
  assert.equal(s3.commandCalls(HeadObjectCommand).length, 0);
});

Deno.test("a server error on GetObject or HeadObject fails the invocation", async () => {
  for (const failing of ["get", "head"]) {
    const { s3, handler } = setup();
    if (failing === "get") s3.on(GetObjectCommand).rejects(httpError("SlowDown", 503));
    else s3.on(GetObjectCommand).resolves(objectBody(EXAMPLE));
    s3.on(PutObjectCommand).resolves({});
    if (failing === "head") s3.on(HeadObjectCommand).rejects(httpError("InternalError", 500));
    await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), TransientError);
  }
});

Deno.test("the S3 test notification sends no S3 request", async () => {
  const { s3, handler } = setup();
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
  const { s3, handler } = setup();
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

Deno.test("the builder gets the parsed key, the spec's bytes and the limits", async () => {
  const seen: unknown[] = [];
  const { s3, handler } = setup({
    build: (input) => {
      seen.push([input.key.key, new TextDecoder().decode(input.bytes), input.limits]);
      return Promise.resolve({
        name: "employee_db",
        version: "1.0.0",
        title: null,
        description: null,
        modelCount: 0,
        archives: [],
      });
    },
  });
  s3.on(GetObjectCommand).resolves(objectBody(new TextEncoder().encode("spec text")));
  s3.on(PutObjectCommand).resolves({});
  s3.on(HeadObjectCommand).resolves({ ETag: ETAG, VersionId: "v1" });
  await handler(snsEvent(BUCKET, KEY), localContext());
  assert.deepEqual(seen, [[KEY, "spec text", DEFAULT_LIMITS]]);
});
