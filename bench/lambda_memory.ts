/**
 * Peak RSS of the runtime process (Linux `VmHWM`), which sizes the template's
 * MemorySize: a fresh runtime (`deno` with RUNTIME_ARGS, as `deno task invoke` starts it)
 * serves 20 events for one spec, then its high-water mark is read. Specs: the bundled
 * example and a generated 1,000-model spec; storage: local folder, and S3 (moto) when the tools
 * environment exists.
 *
 * Run: `deno run --allow-all bench/lambda_memory.ts`
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startEmulator } from "../src/runtime/emulator.ts";
import { cacheModules } from "../src/runtime/invoke.ts";
import { RUNTIME_ARGS } from "../src/runtime/main.ts";
import { generatedSpec } from "./generated_spec.ts";
import { type Moto, startMoto } from "../tests/helpers/moto.ts";
import { TOOLS_PYTHON } from "../tests/helpers/tools.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BUCKET = "memory-packages";
const INVOCATIONS = 20;

/** Spec id → [label, text]. */
const specs: Record<string, [string, string]> = {
  example: ["example spec", await Deno.readTextFile(join(ROOT, "examples", "employee-spec.json"))],
  generated: ["1,000-model spec", JSON.stringify(generatedSpec(1000))],
};

await cacheModules();
const work = await Deno.makeTempDir({ prefix: "oa-lambda-memory-" });
const moto = await startMotoIfPresent();
try {
  const rows: string[] = [];
  for (const [specId, [name, text]] of Object.entries(specs)) {
    const key = `user1/${specId}/1-spec.json`;
    await Deno.mkdir(join(work, BUCKET, ...key.split("/").slice(0, -1)), { recursive: true });
    await Deno.writeTextFile(join(work, BUCKET, key), text);
    const local = { PACKAGE_STORAGE: "local", LOCAL_STORAGE_DIR: work };
    rows.push(`| ${name} | local folder | ${await peakRssMb(key, local)} MB |`);
    if (moto) {
      await moto.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: text }));
      const s3 = { ...moto.env, PACKAGE_STORAGE: "s3" };
      rows.push(`| ${name} | S3 (moto) | ${await peakRssMb(key, s3)} MB |`);
    }
  }
  console.log(`Peak RSS of the runtime process after ${INVOCATIONS} events:\n`);
  console.log("| spec | storage | peak RSS |\n| --- | --- | --- |");
  console.log(rows.join("\n"));
} finally {
  await moto?.stop();
  await Deno.remove(work, { recursive: true });
}

/** Runs a fresh runtime for `INVOCATIONS` events of `key`; its VmHWM in MB. */
async function peakRssMb(key: string, env: Record<string, string>): Promise<number> {
  const message = JSON.stringify({
    Records: [{ s3: { bucket: { name: BUCKET }, object: { key } } }],
  });
  const emulator = startEmulator();
  const child = new Deno.Command(Deno.execPath(), {
    args: [...RUNTIME_ARGS],
    cwd: ROOT,
    env: { ...env, AWS_LAMBDA_RUNTIME_API: emulator.address },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    for (let index = 0; index < INVOCATIONS; index++) {
      const result = await emulator.invoke({ Records: [{ Sns: { Message: message } }] });
      const status = result.ok
        ? (result.response as { objects: { status: string }[] }).objects[0].status
        : JSON.stringify(result.error);
      if (status !== "built") throw new Error(`Cannot measure memory: ${key} ended ${status}`);
    }
    const status = await Deno.readTextFile(`/proc/${child.pid}/status`);
    const kilobytes = Number(status.match(/^VmHWM:\s+(\d+) kB$/m)?.[1]);
    return Math.round(kilobytes / 1024);
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await emulator.close();
  }
}

/** moto with an empty bucket, or null without the tools environment. */
async function startMotoIfPresent(): Promise<Moto | null> {
  const present = await Deno.stat(TOOLS_PYTHON).then(() => true, () => false);
  if (!present) return null;
  const started = await startMoto();
  await started.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  return started;
}
