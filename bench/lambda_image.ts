/**
 * Cold start under the container image's conditions, without Docker: the Dockerfile's
 * final stage replayed into a folder standing for the image (tests/helpers/image.ts),
 * then the runtime started as Lambda starts it: the image's /var/runtime/bootstrap, with
 * only the image's environment, as an unprivileged user (`setpriv` to nobody when run as
 * root), code and `DENO_DIR` read-only, against moto.
 *
 * 1. with the Dockerfile's warm-up step (src/runtime/warm_up.ts), and without it;
 * 2. for each, five fresh runtime processes: ready for the first event, first S3 event,
 *    a warm event, peak RSS.
 *
 * Needs Linux and the tools environment (`deno task tools`). Run:
 * `deno run --allow-all bench/lambda_image.ts`
 */

import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { startEmulator } from "../src/runtime/emulator.ts";
import { type ReplayedImage, replayImage, unlockImage } from "../tests/helpers/image.ts";
import { startMoto } from "../tests/helpers/moto.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ROUNDS = 5;
const BUCKET = "image-packages";
const KEY = "user1/employee/1-spec.json";
const asRoot = Deno.uid() === 0;

const work = await Deno.makeTempDir({ prefix: "oa-lambda-image-" });
const moto = await startMoto();
const images: ReplayedImage[] = [];
try {
  await Deno.chmod(work, 0o755);
  await moto.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const spec = await Deno.readFile(join(ROOT, "examples", "employee-spec.json"));
  await moto.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: spec }));

  console.log("| image | ready for the first event | first S3 event | warm S3 event | peak RSS |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const warmUp of [true, false]) {
    const dir = join(work, warmUp ? "warm" : "cold");
    await Deno.mkdir(dir);
    const image = await replayImage({ dir, warmUp });
    images.push(image);
    const rounds: Round[] = [];
    for (let index = 0; index < ROUNDS; index++) rounds.push(await coldStart(image));
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
  for (const image of images) await unlockImage(image);
  await Deno.remove(work, { recursive: true });
}

interface Round {
  readyMs: number;
  firstMs: number;
  warmMs: number;
  peakMb: number;
}

/** A fresh runtime process as Lambda starts it: ready, first event, a warm event, peak RSS. */
async function coldStart(image: ReplayedImage): Promise<Round> {
  const emulator = startEmulator();
  const message = JSON.stringify({
    Records: [{ s3: { bucket: { name: BUCKET }, object: { key: KEY } } }],
  });
  const event = { Records: [{ Sns: { Message: message } }] };
  const bootstrap = image.path("/var/runtime/bootstrap");
  const command = asRoot
    ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", bootstrap]
    : [bootstrap];
  const started = performance.now();
  const child = new Deno.Command(command[0], {
    args: command.slice(1),
    cwd: image.workdir,
    clearEnv: true,
    env: {
      ...image.env,
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
