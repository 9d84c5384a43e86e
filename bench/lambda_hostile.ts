/**
 * Time and memory of the worst inputs, which size the template's MemorySize and Timeout:
 * each hostile spec of tests/helpers/hostile_specs.ts, and the largest valid specs the
 * default SPEC_MAX_BYTES allows (generated models with seven columns, minimal one-column
 * models, and models each with a many-to-many relationship to the previous one, filled up
 * to the limit). Each runs in a fresh runtime process
 * (`deno` with RUNTIME_ARGS, as the container runs it) on S3 (moto), three events in a
 * row: the first event's time (event queued → response), its status, and the process's
 * peak RSS (Linux VmHWM) after the three.
 *
 * Needs Linux and the tools environment (`deno task tools`).
 * Run: `deno run --allow-all bench/lambda_hostile.ts [name filter]`
 */

import { fileURLToPath } from "node:url";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { startEmulator } from "../src/runtime/emulator.ts";
import { cacheModules } from "../src/runtime/invoke.ts";
import { RUNTIME_ARGS } from "../src/runtime/main.ts";
import { DEFAULT_LIMITS } from "../src/lambda/limits.ts";
import { HOSTILE_SPECS } from "../tests/helpers/hostile_specs.ts";
import { startMoto } from "../tests/helpers/moto.ts";
import { generatedSpec } from "./generated_spec.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const BUCKET = "hostile-bench";
const EVENTS = 3;

interface Input {
  name: string;
  key: string;
  text: () => string;
}

/** The most models of `make` whose compact JSON fits in the size limit. */
function filled(make: (count: number) => unknown): string {
  let low = 1;
  let high = 200_000;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (JSON.stringify(make(middle)).length <= DEFAULT_LIMITS.specMaxBytes) low = middle;
    else high = middle - 1;
  }
  return JSON.stringify(make(low));
}

function minimalModels(count: number): unknown {
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    schemas[`M${index}`] = {
      type: "object",
      "x-tablename": `t${index}`,
      properties: { id: { type: "integer", "x-primary-key": true } },
    };
  }
  return { openapi: "3.0.3", info: { version: "1" }, components: { schemas } };
}

/** Models each holding a many-to-many relationship to the previous one (association tables). */
function manyToManyChain(count: number): unknown {
  const schemas: Record<string, unknown> = {};
  for (let index = 0; index < count; index++) {
    const properties: Record<string, unknown> = { id: { type: "integer", "x-primary-key": true } };
    if (index > 0) {
      properties.previous = {
        type: "array",
        items: {
          allOf: [{ $ref: `#/components/schemas/M${index - 1}` }, { "x-secondary": `a${index}` }],
        },
      };
    }
    schemas[`M${index}`] = { type: "object", "x-tablename": `t${index}`, properties };
  }
  return { openapi: "3.0.3", info: { version: "1" }, components: { schemas } };
}

const inputs: Input[] = [
  ...HOSTILE_SPECS,
  {
    name: "largest valid spec: generated models (7 columns)",
    key: "bench/generated/1-spec.json",
    text: () => filled(generatedSpec),
  },
  {
    name: "largest valid spec: minimal models (1 column)",
    key: "bench/minimal/1-spec.json",
    text: () => filled(minimalModels),
  },
  {
    name: "largest valid spec: many-to-many chain",
    key: "bench/many_to_many/1-spec.json",
    text: () => filled(manyToManyChain),
  },
];

const filter = Deno.args[0];
await cacheModules();
const moto = await startMoto();
try {
  await moto.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  console.log("| input | size | status | first event | peak RSS (3 events) |");
  console.log("| --- | --- | --- | --- | --- |");
  for (const input of inputs) {
    if (filter && !input.name.includes(filter)) continue;
    const body = input.text();
    await moto.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: input.key, Body: body }));
    const { status, firstMs, peakMb } = await measure(input.key);
    const size = `${(new TextEncoder().encode(body).byteLength / 1048576).toFixed(2)} MiB`;
    console.log(`| ${input.name} | ${size} | ${status} | ${firstMs} ms | ${peakMb} MiB |`);
  }
} finally {
  await moto.stop();
}

async function measure(key: string): Promise<{ status: string; firstMs: number; peakMb: number }> {
  const message = JSON.stringify({
    Records: [{ s3: { bucket: { name: BUCKET }, object: { key } } }],
  });
  const event = { Records: [{ Sns: { Message: message } }] };
  const emulator = startEmulator();
  const child = new Deno.Command(Deno.execPath(), {
    args: [...RUNTIME_ARGS],
    cwd: ROOT,
    env: {
      ...moto.env,
      PACKAGE_STORAGE: "s3",
      AWS_LAMBDA_RUNTIME_API: emulator.address,
      AWS_LAMBDA_FUNCTION_NAME: "bench",
    },
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  try {
    await emulator.firstPoll;
    let status = "";
    let firstMs = 0;
    for (let index = 0; index < EVENTS; index++) {
      const started = performance.now();
      const result = await emulator.invoke(event);
      if (index === 0) firstMs = Math.round(performance.now() - started);
      status = result.ok
        ? (result.response as { objects: { status: string }[] }).objects[0].status
        : `error ${result.error.errorType}`;
    }
    const procStatus = await Deno.readTextFile(`/proc/${child.pid}/status`);
    const peakKb = Number(procStatus.match(/^VmHWM:\s+(\d+) kB$/m)?.[1]);
    return { status, firstMs, peakMb: Math.round(peakKb / 1024) };
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await emulator.close();
  }
}
