/**
 * The Lambda path as `deno task invoke` runs it: modules cached first, then the runtime
 * process (`deno` with RUNTIME_ARGS, `--cached-only`) against the local Runtime API
 * emulator.
 *
 * - cold start: process start → the runtime asks for its first event;
 * - first event (S3): process start → the first event's response posted, on S3 (moto),
 *   i.e. what an event pays when it lands on a new container, AWS SDK load included;
 * - warm invocation: event queued → response posted, same process, bundled example spec,
 *   on local-folder storage and on S3 (moto).
 *
 * The S3 cases need the tools environment (`deno task tools` creates it); they are
 * skipped without it. Peak RSS: bench/lambda_memory.ts.
 *
 * Run: `deno bench --allow-all bench/lambda_bench.ts` (or `deno task bench`)
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startEmulator } from "../src/runtime/emulator.ts";
import { cacheModules } from "../src/runtime/invoke.ts";
import { RUNTIME_ARGS } from "../src/runtime/main.ts";
import { type Moto, startMoto } from "../tests/helpers/moto.ts";
import { TOOLS_PYTHON } from "../tests/helpers/tools.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const EXAMPLE = join(ROOT, "examples", "employee-spec.json");
const BUCKET = "bench-packages";
const KEY = "user1/employee/1-spec.json";

await cacheModules();
const work = await Deno.makeTempDir({ prefix: "oa-lambda-bench-" });
await Deno.mkdir(join(work, BUCKET, "user1", "employee"), { recursive: true });
await Deno.copyFile(EXAMPLE, join(work, BUCKET, KEY));
const message = JSON.stringify({
  Records: [{ s3: { bucket: { name: BUCKET }, object: { key: KEY } } }],
});
const event = { Records: [{ Sns: { Message: message } }] };
const localEnv = {
  PACKAGE_STORAGE: "local",
  LOCAL_STORAGE_DIR: work,
};

const moto = await startMotoIfPresent();
const s3Env = moto ? { ...moto.env, PACKAGE_STORAGE: "s3" } : {};

function spawnRuntime(address: string, env: Record<string, string>): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: [...RUNTIME_ARGS],
    cwd: ROOT,
    env: { ...env, AWS_LAMBDA_RUNTIME_API: address, AWS_LAMBDA_FUNCTION_NAME: "bench" },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
}

async function stop(child: Deno.ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  await child.status;
}

Deno.bench({
  name: "cold start: process start → ready for the first event",
  group: "cold",
  baseline: true,
  n: 20,
  warmup: 2,
  async fn(b) {
    const emulator = startEmulator();
    b.start();
    const child = spawnRuntime(emulator.address, localEnv);
    await emulator.firstPoll;
    b.end();
    await stop(child);
    await emulator.close();
  },
});

Deno.bench({
  name: "first event on a new process, S3 (moto): process start → response posted",
  group: "cold",
  ignore: moto === null,
  n: 20,
  warmup: 2,
  async fn(b) {
    const emulator = startEmulator();
    b.start();
    const child = spawnRuntime(emulator.address, s3Env);
    const result = await emulator.invoke(event);
    b.end();
    await stop(child);
    await emulator.close();
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  },
});

const warmLocal = await startWarm(localEnv);
const warmS3 = moto ? await startWarm(s3Env) : null;

Deno.bench({
  name: "warm invocation: example spec on local storage",
  group: "warm",
  baseline: true,
  n: 100,
  warmup: 5,
  async fn() {
    const result = await warmLocal.emulator.invoke(event);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  },
});

Deno.bench({
  name: "warm invocation: example spec on S3 (moto)",
  group: "warm",
  ignore: warmS3 === null,
  n: 100,
  warmup: 5,
  async fn() {
    const result = await warmS3!.emulator.invoke(event);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  },
});

globalThis.addEventListener("unload", () => {
  for (const warm of [warmLocal, warmS3]) {
    if (warm) warm.child.kill("SIGTERM");
  }
  moto?.kill();
  Deno.removeSync(work, { recursive: true });
});

async function startWarm(env: Record<string, string>) {
  const emulator = startEmulator();
  const child = spawnRuntime(emulator.address, env);
  await emulator.firstPoll;
  return { emulator, child };
}

/** moto with the example spec in a bucket, or null without the tools environment. */
async function startMotoIfPresent(): Promise<(Moto & { kill: () => void }) | null> {
  const present = await Deno.stat(TOOLS_PYTHON).then(() => true, () => false);
  if (!present) return null;
  const started = await startMoto();
  await started.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await started.client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: await Deno.readFile(EXAMPLE) }),
  );
  // The unload handler cannot await: stop the server by its pid synchronously.
  return { ...started, kill: () => started.stopSync() };
}
