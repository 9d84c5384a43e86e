/**
 * Cold start under the container image's conditions, without Docker: the Dockerfile's
 * steps replayed in a scratch folder, then the runtime run as Lambda runs it.
 *
 * 1. copy what the Dockerfile copies (deno.json, deno.lock, mod.ts, src/, examples/) and
 *    fill a fresh `DENO_DIR` with the Dockerfile's cache step (`deno` CACHE_ARGS; npm
 *    tarballs are copied from this machine's cache, so no network is needed);
 * 2. with the Dockerfile's warm-up step (src/runtime/warm_up.ts), and without it;
 * 3. make `DENO_DIR` and the code read-only, and start the runtime (`deno` RUNTIME_ARGS)
 *    as an unprivileged user (`setpriv` to nobody when run as root), with only the
 *    image's environment, against moto: ready for the first event, first S3 event,
 *    two warm events, peak RSS.
 *
 * Needs Linux and the tools environment (`deno task tools`). Run: `deno run --allow-all bench/lambda_image.ts`
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startEmulator } from "../src/runtime/emulator.ts";
import { CACHE_ARGS, RUNTIME_ARGS } from "../src/runtime/main.ts";
import { startMoto } from "../tests/helpers/moto.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ROUNDS = 5;
const BUCKET = "image-packages";
const KEY = "user1/employee/1-spec.json";
const asRoot = Deno.uid() === 0;

const work = await Deno.makeTempDir({ prefix: "oa-lambda-image-" });
const moto = await startMoto();
try {
  await Deno.chmod(work, 0o755);
  const deno = join(work, "deno");
  await Deno.copyFile(Deno.execPath(), deno);
  await Deno.chmod(deno, 0o755);
  await moto.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const spec = await Deno.readFile(join(ROOT, "examples", "employee-spec.json"));
  await moto.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: spec }));

  console.log("| image | ready for the first event | first S3 event | warm S3 event | peak RSS |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const warmUp of [true, false]) {
    const image = await buildImage(join(work, warmUp ? "warm" : "cold"), deno, warmUp);
    const rounds: Round[] = [];
    for (let index = 0; index < ROUNDS; index++) rounds.push(await coldStart(image, deno));
    const median = (pick: (round: Round) => number) =>
      rounds.map(pick).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
    console.log(
      `| ${warmUp ? "with" : "without"} the warm-up step | ${median((r) => r.readyMs)} ms | ` +
        `${median((r) => r.firstMs)} ms | ${median((r) => r.warmMs)} ms | ` +
        `${median((r) => r.peakMb)} MB |`,
    );
  }
  console.log(`\nMedians of ${ROUNDS} fresh runtime processes each.`);
} finally {
  await moto.stop();
  await new Deno.Command("chmod", { args: ["-R", "u+w", work] }).output();
  await Deno.remove(work, { recursive: true });
}

interface Image {
  task: string;
  denoDir: string;
  tmp: string;
}

interface Round {
  readyMs: number;
  firstMs: number;
  warmMs: number;
  peakMb: number;
}

/** The Dockerfile's COPY, cache and (optionally) warm-up steps, then everything read-only. */
async function buildImage(dir: string, deno: string, warmUp: boolean): Promise<Image> {
  const task = join(dir, "task");
  const denoDir = join(dir, "deno-dir");
  const tmp = join(dir, "tmp");
  await Deno.mkdir(task, { recursive: true });
  await Deno.mkdir(tmp, { mode: 0o777 });
  await Deno.chmod(tmp, 0o1777);
  for (const path of ["deno.json", "deno.lock", "mod.ts", "src", "examples"]) {
    await run("cp", ["-r", join(ROOT, path), task]);
  }
  const info = JSON.parse(await capture(deno, ["info", "--json"], ROOT));
  await Deno.mkdir(denoDir);
  await run("cp", ["-r", info.npmCache, join(denoDir, "npm")]);
  const env = { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
  await run(deno, [...CACHE_ARGS], task, env);
  if (warmUp) {
    const args = ["run", "--cached-only", "--allow-all", "src/runtime/warm_up.ts"];
    await run(deno, args, task, { ...env, TMPDIR: tmp });
  }
  await run("chmod", ["-R", "a-w,a+rX", denoDir, task]);
  return { task, denoDir, tmp };
}

/** A fresh runtime process as Lambda starts it: ready, first event, a warm event, peak RSS. */
async function coldStart(image: Image, deno: string): Promise<Round> {
  const emulator = startEmulator();
  const message = JSON.stringify({
    Records: [{ s3: { bucket: { name: BUCKET }, object: { key: KEY } } }],
  });
  const event = { Records: [{ Sns: { Message: message } }] };
  const command = asRoot
    ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", deno]
    : [deno];
  const started = performance.now();
  const child = new Deno.Command(command[0], {
    args: [...command.slice(1), ...RUNTIME_ARGS],
    cwd: image.task,
    clearEnv: true,
    env: {
      PATH: "/usr/bin:/bin",
      DENO_DIR: image.denoDir,
      DENO_NO_UPDATE_CHECK: "1",
      DENO_NO_PROMPT: "1",
      NO_COLOR: "1",
      TMPDIR: image.tmp,
      PACKAGE_STORAGE: "s3",
      AWS_LAMBDA_RUNTIME_API: emulator.address,
      AWS_LAMBDA_FUNCTION_NAME: "openalchemy-package-builder",
      ...moto.env,
    },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    const ready = await emulator.firstPoll;
    const first = await emulator.invoke(event);
    const firstDone = performance.now();
    if (!first.ok) throw new Error(`Cannot measure: ${JSON.stringify(first.error)}`);
    await emulator.invoke(event);
    const warmStart = performance.now();
    await emulator.invoke(event);
    const warmMs = performance.now() - warmStart;
    const status = await Deno.readTextFile(`/proc/${child.pid}/status`);
    const peakKb = Number(status.match(/^VmHWM:\s+(\d+) kB$/m)?.[1]);
    return {
      readyMs: Math.round(ready - started),
      firstMs: Math.round(firstDone - ready),
      warmMs: Math.round(warmMs),
      peakMb: Math.round(peakKb / 1024),
    };
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await emulator.close();
  }
}

async function run(
  command: string,
  args: string[],
  cwd = ROOT,
  env: Record<string, string> = {},
): Promise<void> {
  const output = await new Deno.Command(command, {
    args,
    cwd,
    env,
    stdout: "null",
    stderr: "piped",
  })
    .output();
  if (!output.success) {
    const reason = new TextDecoder().decode(output.stderr);
    throw new Error(`Cannot replay the image build: ${command} ${args.join(" ")}: ${reason}`);
  }
}

async function capture(command: string, args: string[], cwd: string): Promise<string> {
  const output = await new Deno.Command(command, { args, cwd, stdout: "piped" }).output();
  return new TextDecoder().decode(output.stdout);
}
