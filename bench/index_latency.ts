/**
 * Index request latency, per request, on the Lambda path and on `deno task serve`.
 *
 * Lambda path: the runtime process started as the container starts it (`deno` with
 * RUNTIME_ARGS, `--cached-only`, FUNCTION_HANDLER=index) behind the local Function URL
 * stand-in (tests/helpers/function_url.ts), on S3 and DynamoDB served by moto, with the
 * example built by the builder (packages and spec record) and credentials created:
 * - cold: process start → ready for the first event, then the first request
 *   (`GET /simple/employee/`, which loads the SDKs, verifies the secret with PBKDF2,
 *   reads the record, lists the folder and reads both archives);
 * - warm: the project page, a wheel's `.metadata`, a file redirect (median of 30 each);
 * - new credentials on a warm process (one more PBKDF2);
 * each as seen by the client (through the emulator) and as the handler logged it, and
 * for cold runs the CPU time the runtime process used (all threads, Linux schedstat),
 * which other work on a shared machine disturbs much less than wall time.
 * Cold runs (7 of each; the minimum and the median are printed, the minimum being the
 * least disturbed by other work on a shared machine) each use a fresh copy of a DENO_DIR as the image build leaves
 * it, with and without its warm-up step (V8 code cache of the modules).
 *
 * `deno task serve` path: the same requests to the in-process server on local storage
 * and the local database (median of 30).
 *
 * Run: `deno run --allow-all bench/index_latency.ts` (needs the tools venv: moto_server).
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { S3Storage } from "../src/aws/s3_storage.ts";
import { Credentials } from "../src/db/credentials.ts";
import { DynamoDbTableStore } from "../src/db/dynamodb_table_store.ts";
import { specRecordsFromEnv } from "../src/db/spec_records.ts";
import { LocalTableStore } from "../src/db/local_table_store.ts";
import { Specs } from "../src/db/specs.ts";
import { buildPackageSet } from "../src/build_packages.ts";
import { serveIndex } from "../src/index/serve.ts";
import { createHandler } from "../src/lambda/handler.ts";
import { localContext } from "../src/lambda/context.ts";
import { createLogger } from "../src/log.ts";
import { CACHE_ARGS } from "../src/runtime/main.ts";
import { createTables, dynamoDbEnv, rawClient } from "../tests/helpers/dynamodb.ts";
import { startFunctionUrl } from "../tests/helpers/function_url.ts";
import { snsEvent } from "../tests/helpers/memory_storage.ts";
import { startMoto } from "../tests/helpers/moto.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const EXAMPLE = join(ROOT, "examples", "employee-spec.json");
const BUCKET = "bench-packages";
const ROUNDS = 30;
const COLD_RUNS = 7;
const WHEEL = "employee-1.0.0-py3-none-any.whl";
const JSON_ACCEPT = { accept: "application/vnd.pypi.simple.v1+json" };

const minimum = (values: number[]) => Math.min(...values);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const round = (value: number) => Math.round(value * 10) / 10;

/** Times one request (body read), returns [ms, status]. */
async function timed(url: string, headers: Record<string, string>): Promise<[number, number]> {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: "manual" });
  await response.arrayBuffer();
  return [performance.now() - started, response.status];
}

/** CPU time a process's threads have used so far, in ms (Linux schedstat). */
async function cpuMs(pid: number): Promise<number> {
  let total = 0;
  for await (const task of Deno.readDir(`/proc/${pid}/task`)) {
    const text = await Deno.readTextFile(`/proc/${pid}/task/${task.name}/schedstat`).catch(() =>
      "0"
    );
    total += Number(text.split(" ")[0]) / 1e6;
  }
  return total;
}

/** Runs a command to completion; throws when it fails. */
async function command(name: string, args: string[], env: Record<string, string>): Promise<void> {
  const output = await new Deno.Command(name, {
    args,
    cwd: ROOT,
    env,
    stdout: "null",
    stderr: "piped",
  })
    .output();
  if (!output.success) {
    throw new Error(`${name} ${args.join(" ")} failed: ${new TextDecoder().decode(output.stderr)}`);
  }
}

/** The handler's own durationMs of its last `index request` log line. */
function loggedMs(output: string): number {
  const lines = output.trim().split("\n").filter((line) => line.includes('"index request"'));
  return JSON.parse(lines.at(-1)!).durationMs;
}

const work = await Deno.makeTempDir({ prefix: "oa-index-bench-" });
const moto = await startMoto();
const raw = rawClient(moto.endpoint);
const results: Record<string, string | number> = {};
try {
  // --- S3 + DynamoDB (moto): build, record, credentials.
  await moto.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const tables = await createTables(raw);
  const env: Record<string, string> = {
    ...moto.env,
    ...dynamoDbEnv(moto.endpoint),
    PACKAGE_STORAGE: "s3",
    PACKAGE_BUCKET: BUCKET,
    SPECS_TABLE: tables.specsTable,
    CREDENTIALS_TABLE: tables.credentialsTable,
    FUNCTION_HANDLER: "index",
  };
  const read = (name: string) => env[name];
  const key = "user1/employee/1-spec.json";
  await moto.client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: await Deno.readFile(EXAMPLE) }),
  );
  await createHandler({
    storage: S3Storage.fromEnv(read),
    logger: createLogger(() => {}),
    specRecords: specRecordsFromEnv(read),
  })(snsEvent(BUCKET, key), localContext());
  const store = DynamoDbTableStore.fromEnv(read);
  const credentials = new Credentials(store, { tableName: tables.credentialsTable });
  const authOf = async () => {
    const created = await credentials.create("user1");
    return { authorization: `Basic ${btoa(`${created.publicKey}:${created.secretKey}`)}` };
  };

  // DENO_DIRs as the image build leaves them: filled by its cache step, and then warmed
  // by its warm-up step (src/runtime/warm_up.ts, which runs the index too). Each cold
  // run gets a fresh copy, so what one process writes does not help the next.
  const baseDir = join(work, "deno-cached");
  const warmedDir = join(work, "deno-warmed");
  await command(Deno.execPath(), [...CACHE_ARGS], { DENO_DIR: baseDir });
  await command("cp", ["-a", baseDir, warmedDir], {});
  await command(
    Deno.execPath(),
    ["run", "--cached-only", "--allow-all", "src/runtime/warm_up.ts"],
    { DENO_DIR: warmedDir },
  );

  const cold: Record<
    string,
    { ready: number; first: number; firstLogged: number; cpu: number }[]
  > = {
    without: [],
    with: [],
  };
  const warm: Record<string, number[]> = { page: [], metadata: [], file: [], pageLogged: [] };
  const fresh: number[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    for (const [label, source] of [["without", baseDir], ["with", warmedDir]] as const) {
      const denoDir = join(work, `deno-run-${run}-${label}`);
      await command("cp", ["-a", source, denoDir], {});
      const auth = await authOf();
      const index = await startFunctionUrl({ ...env, DENO_DIR: denoDir });
      try {
        const page = `${index.origin}/simple/employee/`;
        const [first, status] = await timed(page, { ...auth, ...JSON_ACCEPT });
        if (status !== 200) throw new Error(`first request answered ${status}:\n${index.output()}`);
        cold[label].push({
          ready: index.readyMs,
          first,
          firstLogged: loggedMs(index.output()),
          cpu: await cpuMs(index.pid),
        });
        if (run > 0 || label === "without") continue;
        for (let round_ = 0; round_ < ROUNDS; round_++) {
          warm.page.push((await timed(page, { ...auth, ...JSON_ACCEPT }))[0]);
          warm.pageLogged.push(loggedMs(index.output()));
          warm.metadata.push((await timed(`${page}${WHEEL}.metadata`, auth))[0]);
          warm.file.push((await timed(`${page}${WHEEL}`, auth))[0]);
        }
        for (let round_ = 0; round_ < 3; round_++) {
          fresh.push((await timed(page, { ...(await authOf()), ...JSON_ACCEPT }))[0]);
        }
      } finally {
        await index.stop();
        await Deno.remove(denoDir, { recursive: true });
      }
    }
  }
  const spread = (values: number[]) =>
    `${round(minimum(values))} (median ${round(median(values))})`;
  for (const label of ["with", "without"] as const) {
    const runs = cold[label];
    const prefix = `lambda cold, ${label} the warm-up step`;
    results[`${prefix}: process start → ready`] = spread(runs.map((c) => c.ready));
    results[`${prefix}: first request after ready`] = spread(runs.map((c) => c.first));
    results[`${prefix}: process start → first response`] = spread(
      runs.map((c) => c.ready + c.first),
    );
    results[`${prefix}: first request, in the handler`] = spread(runs.map((c) => c.firstLogged));
    results[`${prefix}: CPU time of the process to its first response`] = spread(
      runs.map((c) => c.cpu),
    );
  }
  results["lambda: warm project page (median)"] = round(median(warm.page));
  results["lambda: warm project page, in the handler"] = median(warm.pageLogged);
  results["lambda: warm .metadata (median)"] = round(median(warm.metadata));
  results["lambda: warm file redirect (median)"] = round(median(warm.file));
  results["lambda: warm process, new credentials (PBKDF2)"] = round(median(fresh));
  store.destroy();

  // --- deno task serve: local storage and local database.
  const storage = join(work, "storage");
  const outcome = await buildPackageSet({
    specKey: key,
    specPath: EXAMPLE,
    outDir: join(storage, BUCKET, "user1", "employee"),
  });
  const local = new LocalTableStore(join(storage, "package-database.json"));
  await new Specs(local).put({
    sub: "user1",
    name: "employee",
    version: outcome.version,
    modelCount: outcome.modelCount,
    title: outcome.title,
    description: outcome.description,
    updatedAt: Math.floor(Date.now() / 1000),
  });
  const created = await new Credentials(local).create("user1");
  const auth = { authorization: `Basic ${btoa(`${created.publicKey}:${created.secretKey}`)}` };
  const localEnv: Record<string, string> = { LOCAL_STORAGE_DIR: storage, PACKAGE_BUCKET: BUCKET };
  const server = await serveIndex({ port: 0, log: false, env: (name) => localEnv[name] });
  try {
    const page = `${server.origin}/simple/employee/`;
    results["serve: first request (PBKDF2, archives read)"] = round(
      (await timed(page, { ...auth, ...JSON_ACCEPT }))[0],
    );
    const times: Record<string, number[]> = { page: [], metadata: [], file: [] };
    for (let index = 0; index < ROUNDS; index++) {
      times.page.push((await timed(page, { ...auth, ...JSON_ACCEPT }))[0]);
      times.metadata.push((await timed(`${page}${WHEEL}.metadata`, auth))[0]);
      times.file.push((await timed(`${page}${WHEEL}`, auth))[0]);
    }
    results["serve: warm project page (median)"] = round(median(times.page));
    results["serve: warm .metadata (median)"] = round(median(times.metadata));
    results["serve: warm file redirect (median)"] = round(median(times.file));
  } finally {
    await server.stop();
  }
} finally {
  raw.destroy();
  await moto.stop();
  await Deno.remove(work, { recursive: true });
}
for (const [name, value] of Object.entries(results)) console.log(`${name}: ${value} ms`);
