import assert from "node:assert/strict";
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { s3ConfigFromEnv, S3Storage } from "../../src/aws/s3_storage.ts";
import { TransientError } from "../../src/errors.ts";

function setup() {
  const client = new S3Client({
    region: "us-east-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
  });
  return { mock: mockClient(client), storage: new S3Storage(client) };
}

Deno.test("GetObject of a missing key (NoSuchKey) reads as null", async () => {
  const { mock, storage } = setup();
  mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: "gone", $metadata: {} }));
  assert.equal(await storage.get("b", "k"), null);
});

Deno.test("other S3 errors are TransientErrors naming the operation, bucket and key", async () => {
  const { mock, storage } = setup();
  mock.on(GetObjectCommand).rejects(Object.assign(new Error("slow down"), { name: "SlowDown" }));
  mock.on(PutObjectCommand).rejects(new Error("socket hang up"));
  mock.on(ListObjectsV2Command).rejects(new Error("503"));
  await assert.rejects(storage.get("b", "k"), (error) => {
    assert.ok(error instanceof TransientError);
    assert.equal(error.message, "Cannot GetObject s3://b/k: SlowDown: slow down");
    return true;
  });
  await assert.rejects(storage.put("b", "k", new Uint8Array(), "text/plain"), TransientError);
  await assert.rejects(storage.list("b", "p"), TransientError);
});

Deno.test("PutObject sends the bytes and content type; ListObjectsV2 uses the prefix", async () => {
  const { mock, storage } = setup();
  mock.on(PutObjectCommand).resolves({});
  mock.on(ListObjectsV2Command).resolves({ Contents: [{ Key: "u/s/1-spec.json" }] });
  await storage.put("b", "u/s/a.whl", new Uint8Array([1, 2]), "application/zip");
  assert.deepEqual(await storage.list("b", "u/s/1-spec.json", 10), ["u/s/1-spec.json"]);
  const put = mock.commandCalls(PutObjectCommand)[0].args[0].input;
  assert.deepEqual([put.Bucket, put.Key, put.ContentType], ["b", "u/s/a.whl", "application/zip"]);
  const list = mock.commandCalls(ListObjectsV2Command)[0].args[0].input;
  assert.deepEqual([list.Prefix, list.MaxKeys], ["u/s/1-spec.json", 10]);
});

Deno.test("DeleteObjects reports per-key failures as a TransientError", async () => {
  const { mock, storage } = setup();
  mock.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: "k1", Code: "AccessDenied" }] });
  await assert.rejects(
    storage.deleteMany("b", ["k1", "k2"]),
    /1 not deleted, first k1: AccessDenied/,
  );
  await storage.deleteMany("b", []);
  assert.equal(mock.commandCalls(DeleteObjectsCommand).length, 1);
});

Deno.test("the client is configured from the standard AWS variables", () => {
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9000",
    AWS_REGION: "eu-west-1",
  };
  assert.deepEqual(s3ConfigFromEnv((name) => env[name]), {
    region: "eu-west-1",
    forcePathStyle: true,
    maxAttempts: 3,
    endpoint: "http://127.0.0.1:9000",
  });
  assert.deepEqual(s3ConfigFromEnv(() => undefined), {
    region: "us-east-1",
    forcePathStyle: false,
    maxAttempts: 3,
  });
});

Deno.test("path style, endpoints and attempts follow the standard variables when given", () => {
  const config = (env: Record<string, string>) => s3ConfigFromEnv((name) => env[name]);
  assert.equal(config({ AWS_S3_FORCE_PATH_STYLE: "true" }).forcePathStyle, true);
  assert.equal(
    config({ AWS_ENDPOINT_URL_S3: "https://s3.example.test", AWS_S3_FORCE_PATH_STYLE: "false" })
      .forcePathStyle,
    false,
  );
  assert.equal(config({ AWS_ENDPOINT_URL: "http://127.0.0.1:1" }).endpoint, "http://127.0.0.1:1");
  assert.equal(
    config({ AWS_ENDPOINT_URL: "http://127.0.0.1:1", AWS_ENDPOINT_URL_S3: "http://127.0.0.1:2" })
      .endpoint,
    "http://127.0.0.1:2",
    "the S3-specific endpoint wins",
  );
  const ignored = config({
    AWS_ENDPOINT_URL_S3: "http://127.0.0.1:2",
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "true",
  });
  assert.deepEqual([ignored.endpoint, ignored.forcePathStyle], [undefined, false]);
  assert.equal(config({ AWS_DEFAULT_REGION: "ap-south-1" }).region, "ap-south-1");
  assert.equal(config({ AWS_MAX_ATTEMPTS: "5" }).maxAttempts, 5);
  assert.equal(config({ AWS_MAX_ATTEMPTS: "many" }).maxAttempts, 3);
});

Deno.test("credentials come from the given variables, with the session token", () => {
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_SESSION_TOKEN: "token",
  };
  assert.deepEqual(s3ConfigFromEnv((name) => env[name]).credentials, {
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "secret",
    sessionToken: "token",
  });
  assert.equal(s3ConfigFromEnv(() => undefined).credentials, undefined);
});

function httpError(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    message: name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status },
  });
}

Deno.test("GetObject gives the bytes with the ETag, version id and size", async () => {
  const { mock, storage } = setup();
  const body = { transformToByteArray: () => Promise.resolve(new Uint8Array([1, 2, 3])) };
  mock.on(GetObjectCommand).resolves({
    Body: body,
    ETag: '"e"',
    VersionId: "v7",
    ContentLength: 3,
  } as never);
  assert.deepEqual(await storage.get("b", "k", { maxBytes: 3 }), {
    version: { eTag: '"e"', versionId: "v7", size: 3 },
    bytes: new Uint8Array([1, 2, 3]),
  });
});

Deno.test("GetObject of an object larger than maxBytes does not read its body", async () => {
  const { mock, storage } = setup();
  let read = false;
  let destroyed = false;
  const body = {
    transformToByteArray: () => {
      read = true;
      return Promise.resolve(new Uint8Array(10));
    },
    destroy: () => destroyed = true,
  };
  mock.on(GetObjectCommand).resolves({ Body: body, ETag: '"e"', ContentLength: 10 } as never);
  assert.deepEqual(await storage.get("b", "k", { maxBytes: 9 }), {
    version: { eTag: '"e"', versionId: null, size: 10 },
    bytes: null,
  });
  assert.deepEqual([read, destroyed], [false, true]);
});

Deno.test("HeadObject sends If-Match; 412 reads as changed, 404 as missing, 5xx is transient", async () => {
  const { mock, storage } = setup();
  mock.on(HeadObjectCommand, { Key: "same" }).resolves({
    ETag: '"e"',
    VersionId: "v1",
    ContentLength: 4,
  });
  mock.on(HeadObjectCommand, { Key: "changed" }).rejects(httpError("PreconditionFailed", 412));
  mock.on(HeadObjectCommand, { Key: "gone" }).rejects(httpError("NotFound", 404));
  mock.on(HeadObjectCommand, { Key: "broken" }).rejects(httpError("InternalError", 500));
  assert.deepEqual(await storage.head("b", "same", { ifMatch: '"e"' }), {
    eTag: '"e"',
    versionId: "v1",
    size: 4,
  });
  assert.deepEqual(mock.commandCalls(HeadObjectCommand)[0].args[0].input, {
    Bucket: "b",
    Key: "same",
    IfMatch: '"e"',
  });
  assert.equal(await storage.head("b", "changed", { ifMatch: '"e"' }), "changed");
  assert.equal(await storage.head("b", "gone"), "missing");
  await assert.rejects(
    storage.head("b", "broken"),
    /^TransientError: Cannot HeadObject s3:\/\/b\/broken/,
  );
});
