/**
 * Hostile specs against S3's wire protocol (moto_server): each one gets a build report
 * saying what is wrong, the invocation succeeds (a retry could not help), and the report
 * and the handler's result stay small. Time and memory of the same inputs in the runtime
 * process are measured by bench/lambda_hostile.ts (figures in the README).
 */

import assert from "node:assert/strict";
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { S3Storage } from "../../src/aws/s3_storage.ts";
import { createHandler } from "../../src/lambda/handler.ts";
import { localContext } from "../../src/lambda/context.ts";
import { DEFAULT_LIMITS } from "../../src/lambda/limits.ts";
import { createLogger } from "../../src/log.ts";
import { snsEvent } from "../helpers/memory_storage.ts";
import { startMoto } from "../helpers/moto.ts";
import { HOSTILE_SPECS } from "../helpers/hostile_specs.ts";

const BUCKET = "hostile";

Deno.test({
  name: "every hostile spec gets a report naming what is wrong, and the invocation succeeds",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const moto = await startMoto();
    try {
      await moto.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const handler = createHandler({
        storage: S3Storage.fromEnv((name) => moto.env[name]),
        logger: createLogger(() => {}),
      });
      for (const hostile of HOSTILE_SPECS) {
        await t.step(hostile.name, async () => {
          const body = hostile.text();
          await moto.client.send(
            new PutObjectCommand({ Bucket: BUCKET, Key: hostile.key, Body: body }),
          );
          const result = await handler(snsEvent(BUCKET, hostile.key), localContext());
          const [outcome] = result.objects;
          const why = JSON.stringify(outcome.report?.error);
          assert.ok(hostile.status.includes(outcome.status as never), `${outcome.status}: ${why}`);
          const stored = await moto.client.send(
            new GetObjectCommand({ Bucket: BUCKET, Key: hostile.reportKey }),
          );
          const text = await stored.Body!.transformToString();
          assert.deepEqual(JSON.parse(text), outcome.report, "the result carries the report");
          if (hostile.limit !== undefined) {
            assert.equal(outcome.report?.error?.limit?.name, hostile.limit);
            assert.match(outcome.report!.error!.message, new RegExp(`\\(${hostile.limit}\\)$`));
          }
          if (hostile.mentions !== undefined) {
            assert.match(outcome.report!.error!.message, hostile.mentions);
          }
          if (hostile.truncated !== undefined) {
            assert.deepEqual(outcome.report?.truncated, hostile.truncated);
          }
          const bound = 50 * DEFAULT_LIMITS.reportTextMaxLength * 3;
          assert.ok(text.length < bound, `the report is ${text.length} characters`);
          assert.ok(JSON.stringify(result).length < bound, "the handler's result stays small");
        });
      }
    } finally {
      await moto.stop();
    }
  },
});
