/**
 * The handler against a real S3 wire protocol: moto_server on a loopback port.
 */

import assert from "node:assert/strict";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { S3Storage } from "../../src/aws/s3_storage.ts";
import { createHandler } from "../../src/lambda/handler.ts";
import { buildSpec } from "../../src/lambda/build_spec.ts";
import { localContext } from "../../src/lambda/context.ts";
import { createLogger } from "../../src/log.ts";
import { TransientError } from "../../src/errors.ts";
import { invokeLocally } from "../../src/runtime/invoke.ts";
import { snsEvent } from "../helpers/memory_storage.ts";
import { type Moto, s3Env, startFaultProxy, startMoto } from "../helpers/moto.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

const EXAMPLE = await Deno.readTextFile(PROJECT_EXAMPLE);
const KEY = "user1/employee/3-spec.json";

async function keys(moto: Moto, bucket: string): Promise<string[]> {
  const response = await moto.client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (response.Contents ?? []).map((item) => item.Key!).sort();
}

async function putSpec(moto: Moto, bucket: string, key: string, text: string): Promise<void> {
  await moto.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }));
}

function handlerFor(env: Record<string, string>) {
  return createHandler({
    storage: S3Storage.fromEnv((name) => env[name]),
    logger: createLogger(() => {}),
  });
}

Deno.test({
  name: "the handler builds against S3 (moto) for every outcome",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const moto = await startMoto();
    let bucketCount = 0;
    const newBucket = async () => {
      const bucket = `packages-${++bucketCount}`;
      await moto.client.send(new CreateBucketCommand({ Bucket: bucket }));
      return bucket;
    };
    try {
      await t.step("success: wheel, sdist and report stored beside the spec", async () => {
        const bucket = await newBucket();
        await putSpec(moto, bucket, KEY, EXAMPLE);
        const result = await handlerFor(moto.env)(snsEvent(bucket, KEY), localContext());
        assert.equal(result.objects[0].status, "built");
        assert.deepEqual(await keys(moto, bucket), [
          "user1/employee/3-build.json",
          KEY,
          "user1/employee/employee-1.0.0-py3-none-any.whl",
          "user1/employee/employee-1.0.0.tar.gz",
        ]);
        const wheel = await moto.client.send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: "user1/employee/employee-1.0.0-py3-none-any.whl",
          }),
        );
        assert.equal(wheel.ContentType, "application/zip");
      });

      await t.step("redelivery writes the same bytes again", async () => {
        const bucket = await newBucket();
        await putSpec(moto, bucket, KEY, EXAMPLE);
        const handler = handlerFor(moto.env);
        const digests = async () => {
          const out: string[] = [];
          for (const key of await keys(moto, bucket)) {
            const object = await moto.client.send(
              new GetObjectCommand({ Bucket: bucket, Key: key }),
            );
            out.push(`${key} ${object.ETag}`);
          }
          return out;
        };
        await handler(snsEvent(bucket, KEY), localContext());
        const first = await digests();
        await handler(snsEvent(bucket, KEY), localContext());
        assert.deepEqual(await digests(), first);
      });

      await t.step("spec deleted during the build: nothing is left behind", async () => {
        const bucket = await newBucket();
        await putSpec(moto, bucket, KEY, EXAMPLE);
        const storage = S3Storage.fromEnv((name) => moto.env[name]);
        const handler = createHandler({
          storage,
          logger: createLogger(() => {}),
          build: async (input) => {
            const built = await buildSpec(input);
            await moto.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: KEY }));
            return built;
          },
        });
        const result = await handler(snsEvent(bucket, KEY), localContext());
        assert.equal(result.objects[0].status, "deleted");
        assert.deepEqual(await keys(moto, bucket), []);
      });

      await t.step("spec missing (NoSuchKey): logged, nothing built, no error", async () => {
        const bucket = await newBucket();
        const result = await handlerFor(moto.env)(snsEvent(bucket, KEY), localContext());
        assert.equal(result.objects[0].status, "missing");
        assert.deepEqual(await keys(moto, bucket), []);
      });

      await t.step("invalid spec: report written, no packages, no throw", async () => {
        const bucket = await newBucket();
        await putSpec(moto, bucket, KEY, '{"components": {"schemas": {"A": {"type": "object"}}}}');
        const result = await handlerFor(moto.env)(snsEvent(bucket, KEY), localContext());
        assert.equal(result.objects[0].status, "invalid");
        assert.deepEqual(await keys(moto, bucket), ["user1/employee/3-build.json", KEY]);
        const report = await moto.client.send(
          new GetObjectCommand({ Bucket: bucket, Key: "user1/employee/3-build.json" }),
        );
        const body = JSON.parse(await report.Body!.transformToString());
        assert.equal(body.status, "invalid");
        assert.match(body.error.message, /x-tablename/);
      });

      await t.step("S3 fault: a failing PutObject makes the invocation fail", async () => {
        const bucket = await newBucket();
        await putSpec(moto, bucket, KEY, EXAMPLE);
        const proxy = startFaultProxy(moto.endpoint, (request) => request.method === "PUT");
        try {
          const handler = handlerFor(s3Env(proxy.endpoint));
          await assert.rejects(handler(snsEvent(bucket, KEY), localContext()), (error) => {
            assert.ok(error instanceof TransientError);
            assert.match(error.message, /^Cannot PutObject s3:\/\/packages-\d+\/user1\/employee\//);
            return true;
          });
        } finally {
          await proxy.stop();
        }
        assert.deepEqual(await keys(moto, bucket), [KEY], "no report claims success");
      });

      await t.step("the whole Lambda path: runtime process → handler → S3", async () => {
        const bucket = await newBucket();
        await putSpec(moto, bucket, KEY, EXAMPLE);
        const [outcome] = await invokeLocally({
          event: snsEvent(bucket, KEY),
          env: moto.env,
        });
        assert.equal(outcome.result.ok, true, JSON.stringify(outcome.result));
        assert.equal((await keys(moto, bucket)).length, 4);
      });
    } finally {
      await moto.stop();
    }
  },
});
