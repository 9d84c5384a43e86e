/**
 * The handler under overlap and load, against S3's wire protocol (moto_server on a
 * loopback port, versioned buckets): overlapping events for one key, a spec deleted at
 * each step, and 20 concurrent invocations in one process and across 20 processes.
 * A proxy between handler and moto holds or interleaves requests.
 */

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { S3Storage } from "../../src/aws/s3_storage.ts";
import { createHandler, type HandlerResult } from "../../src/lambda/handler.ts";
import { localContext } from "../../src/lambda/context.ts";
import { createLogger } from "../../src/log.ts";
import { startEmulator } from "../../src/runtime/emulator.ts";
import { cacheModules } from "../../src/runtime/invoke.ts";
import { RUNTIME_ARGS } from "../../src/runtime/main.ts";
import { readZip, textOf } from "../helpers/archives.ts";
import { snsEvent } from "../helpers/memory_storage.ts";
import { type Moto, s3Env, startMoto } from "../helpers/moto.ts";
import { gate, type ProxiedRequest, startS3Proxy } from "../helpers/s3_proxy.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLE = JSON.parse(await Deno.readTextFile(PROJECT_EXAMPLE));
const KEY = "user1/employee/3-spec.json";
const REPORT = "user1/employee/3-build.json";

/** The example spec with its own title (and, if given, version). */
function specText(title: string, version = "1.0.0"): string {
  return JSON.stringify({ ...EXAMPLE, info: { ...EXAMPLE.info, title, version } });
}

interface Put {
  key: string;
  eTag: string;
  versionId: string;
}

function handlerFor(env: Record<string, string>) {
  return createHandler({
    storage: S3Storage.fromEnv((name) => env[name]),
    logger: createLogger(() => {}),
  });
}

class Bucket {
  constructor(readonly moto: Moto, readonly name: string) {}

  async put(key: string, text: string): Promise<Put> {
    const response = await this.moto.client.send(
      new PutObjectCommand({ Bucket: this.name, Key: key, Body: text }),
    );
    return { key, eTag: response.ETag!, versionId: response.VersionId! };
  }

  async delete(key: string): Promise<void> {
    await this.moto.client.send(new DeleteObjectCommand({ Bucket: this.name, Key: key }));
  }

  async keys(prefix = ""): Promise<string[]> {
    const response = await this.moto.client.send(
      new ListObjectsV2Command({ Bucket: this.name, Prefix: prefix }),
    );
    return (response.Contents ?? []).map((item) => item.Key!).sort();
  }

  async bytes(key: string): Promise<Uint8Array> {
    const response = await this.moto.client.send(
      new GetObjectCommand({ Bucket: this.name, Key: key }),
    );
    return await response.Body!.transformToByteArray();
  }

  async json(key: string) {
    return JSON.parse(textOf(await this.bytes(key)));
  }

  event(put: Put, eventName = "ObjectCreated:Put"): unknown {
    return snsEvent(this.name, [put.key, { eTag: put.eTag, versionId: put.versionId, eventName }]);
  }

  /**
   * Asserts the key's report is the spec's `put` with `title`, that the wheel it lists is
   * stored with its digest and holds that spec, and that nothing else is stored beside.
   */
  async assertResultOf(put: Put, title: string, reportKey: string): Promise<void> {
    const report = await this.json(reportKey);
    assert.equal(report.status, "success", JSON.stringify(report));
    assert.deepEqual([report.spec.eTag, report.spec.versionId], [put.eTag, put.versionId]);
    assert.equal(report.package.title, title);
    const folder = put.key.slice(0, put.key.lastIndexOf("/") + 1);
    const wheel = report.packages.find((item: { format: string }) => item.format === "wheel");
    const bytes = await this.bytes(wheel.storageLocation);
    assert.equal(createHash("sha256").update(bytes).digest("hex"), wheel.sha256);
    const specJson = [...readZip(bytes)].find(([name]) => name.endsWith("/spec.json"))!;
    assert.equal(JSON.parse(textOf(specJson[1])).info.title, title, "the wheel holds the spec");
    const expected = [
      put.key,
      reportKey,
      ...report.packages.map((item: { storageLocation: string }) => item.storageLocation),
    ];
    const stored = await this.keys(folder);
    for (const key of expected) assert.ok(stored.includes(key), `${key} is stored`);
  }
}

Deno.test({
  name: "under overlap, deletion and load the bucket ends with each current spec's result",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const moto = await startMoto();
    let count = 0;
    const newBucket = async (): Promise<Bucket> => {
      const name = `overlap-${++count}`;
      await moto.client.send(new CreateBucketCommand({ Bucket: name }));
      await moto.client.send(
        new PutBucketVersioningCommand({
          Bucket: name,
          VersioningConfiguration: { Status: "Enabled" },
        }),
      );
      return new Bucket(moto, name);
    };
    try {
      const holds: [string, (request: ProxiedRequest) => boolean][] = [
        [
          "its sdist upload",
          (request) => request.method === "PUT" && request.key.endsWith(".tar.gz"),
        ],
        ["its wheel upload", (request) => request.method === "PUT" && request.key.endsWith(".whl")],
        ["its report upload", (request) => request.method === "PUT" && request.key === REPORT],
        ["its final check", (request) => request.method === "HEAD"],
      ];
      for (const [step, matches] of holds) {
        await t.step(
          `two events for one key, the older held at ${step}: the newer spec wins`,
          async () => {
            const bucket = await newBucket();
            const first = await bucket.put(KEY, specText("first"));
            const arrived = gate();
            const release = gate();
            let held = false;
            const proxy = startS3Proxy(moto.endpoint, async (request) => {
              if (held || !matches(request)) return;
              held = true;
              arrived.open();
              await release.promise;
            });
            try {
              const older = handlerFor(s3Env(proxy.endpoint))(
                bucket.event(first),
                localContext("old"),
              );
              await arrived.promise;
              const second = await bucket.put(KEY, specText("second"));
              const newer = await handlerFor(moto.env)(bucket.event(second), localContext("new"));
              assert.equal(newer.objects[0].status, "built");
              await bucket.assertResultOf(second, "second", REPORT);
              release.open();
              const olderResult: HandlerResult = await older;
              assert.equal(olderResult.objects[0].status, "built");
              assert.equal(olderResult.objects[0].rounds, 2, "the older event built again");
              assert.equal(olderResult.objects[0].spec?.versionId, second.versionId);
              await bucket.assertResultOf(second, "second", REPORT);
            } finally {
              release.open();
              await proxy.stop();
            }
          },
        );
      }

      await t.step(
        "the newer spec with another package version: its report lists its own archives",
        async () => {
          const bucket = await newBucket();
          const first = await bucket.put(KEY, specText("first", "1.0.0"));
          const arrived = gate();
          const release = gate();
          const proxy = startS3Proxy(moto.endpoint, async (request) => {
            if (request.method !== "PUT" || !request.key.endsWith(".whl")) return;
            arrived.open();
            await release.promise;
          });
          try {
            const older = handlerFor(s3Env(proxy.endpoint))(bucket.event(first), localContext());
            await arrived.promise;
            const second = await bucket.put(KEY, specText("second", "2.0.0"));
            await handlerFor(moto.env)(bucket.event(second), localContext());
            release.open();
            await older;
            await bucket.assertResultOf(second, "second", REPORT);
            assert.equal((await bucket.json(REPORT)).package.version, "2.0.0");
          } finally {
            release.open();
            await proxy.stop();
          }
        },
      );

      const steps = [
        "GetObject",
        "PutObject sdist",
        "PutObject wheel",
        "PutObject report",
        "HeadObject",
        "after the handler returned",
      ];
      for (const [index, step] of steps.entries()) {
        await t.step(`a spec deleted before ${step}: nothing of it is left`, async () => {
          const bucket = await newBucket();
          const put = await bucket.put(KEY, specText("doomed"));
          const proxy = startS3Proxy(moto.endpoint, async (_request, seen) => {
            if (seen === index) await bucket.delete(KEY);
          });
          try {
            const result = await handlerFor(s3Env(proxy.endpoint))(
              bucket.event(put),
              localContext(),
            );
            if (index < steps.length - 1) {
              assert.ok(
                ["deleted", "missing"].includes(result.objects[0].status),
                result.objects[0].status,
              );
              assert.deepEqual(await bucket.keys(), [], "the handler alone removed everything");
            } else {
              assert.equal(result.objects[0].status, "built");
              await bucket.delete(KEY);
            }
            // S3 then sends the removal notification (the template subscribes to it).
            const removal = snsEvent(bucket.name, [KEY, {
              eventName: "ObjectRemoved:DeleteMarkerCreated",
            }]);
            await handlerFor(moto.env)(removal, localContext());
            assert.deepEqual(await bucket.keys(), []);
          } finally {
            await proxy.stop();
          }
        });
      }

      const ids = Array.from({ length: 20 }, (_, index) => `spec_${index}`);
      await t.step(
        "20 concurrent invocations in one process: each spec gets its own result",
        async () => {
          const bucket = await newBucket();
          const puts = await Promise.all(
            ids.map((id) => bucket.put(`u/${id}/1-spec.json`, specText(id))),
          );
          const handler = handlerFor(moto.env);
          const results = await Promise.all(
            puts.map((put) => handler(bucket.event(put), localContext())),
          );
          for (const [index, id] of ids.entries()) {
            assert.equal(results[index].objects[0].status, "built");
            await bucket.assertResultOf(puts[index], id, `u/${id}/1-build.json`);
            assert.equal((await bucket.keys(`u/${id}/`)).length, 4);
          }
        },
      );

      await t.step(
        "20 concurrent invocations across 20 runtime processes: each its own result",
        async () => {
          const bucket = await newBucket();
          const puts = await Promise.all(
            ids.map((id) => bucket.put(`u/${id}/1-spec.json`, specText(id))),
          );
          await cacheModules();
          const emulator = startEmulator();
          const children = ids.map(() =>
            new Deno.Command(Deno.execPath(), {
              args: [...RUNTIME_ARGS],
              cwd: ROOT,
              env: { ...moto.env, PACKAGE_STORAGE: "s3", AWS_LAMBDA_RUNTIME_API: emulator.address },
              stdout: "null",
              stderr: "inherit",
            }).spawn()
          );
          try {
            while (emulator.polling < ids.length) {
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
            const results = await Promise.all(
              puts.map((put) => emulator.invoke(bucket.event(put))),
            );
            for (const [index, id] of ids.entries()) {
              assert.equal(results[index].ok, true, JSON.stringify(results[index]));
              await bucket.assertResultOf(puts[index], id, `u/${id}/1-build.json`);
              assert.equal((await bucket.keys(`u/${id}/`)).length, 4);
            }
          } finally {
            for (const child of children) child.kill("SIGTERM");
            await Promise.all(children.map((child) => child.status));
            await emulator.close();
          }
        },
      );
    } finally {
      await moto.stop();
    }
  },
});
