/**
 * `deno task invoke [event.json]`: the full Lambda path on a laptop. Starts the local
 * Runtime API emulator, caches the modules as the image build does (`deno` with
 * `CACHE_ARGS`), runs the runtime exactly as the container does (`deno` with
 * `RUNTIME_ARGS`), feeds it the event and prints what the handler returned (with the
 * build reports) or the error it posted, the cold start and the invocation time.
 *
 * Storage: with `AWS_ENDPOINT_URL_S3` set, that S3 endpoint; otherwise the local folder
 * `LOCAL_STORAGE_DIR` (default `.storage`), seeded with the bundled example spec when no
 * event is given.
 *
 * Exit status: 0 when the handler returned (an invalid spec is a handled outcome),
 * 1 when it threw (malformed event, storage fault) or the runtime failed to start, 2 when
 * the event file cannot be read or is not JSON.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "./emulator.ts";
import { CACHE_ARGS, RUNTIME_ARGS } from "./main.ts";
import { parseSnsEvent } from "../lambda/event.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DEFAULT_EVENT = join(ROOT, "events", "sns-spec-created.json");
const EXAMPLE_SPEC = join(ROOT, "examples", "employee-spec.json");

/** What one local invocation produced. */
export interface InvokeOutcome {
  /** The handler's result or the posted error. */
  result: Awaited<ReturnType<ReturnType<typeof startEmulator>["invoke"]>> | {
    ok: false;
    initError: unknown;
  };
  /** Process start → first `/next` poll, in ms. */
  coldStartMs: number;
  /** Event queued → response posted, in ms. */
  invocationMs: number;
}

/** Options of {@link invokeLocally}. */
export interface InvokeOptions {
  /** The event to send. */
  event: unknown;
  /** Extra environment for the runtime process. */
  env?: Record<string, string>;
  /** Invoke this many times (the first is cold, the rest warm). @default 1 */
  times?: number;
}

/**
 * Runs the runtime in a child process against the emulator and sends the event.
 * Returns the outcome of each invocation.
 */
export async function invokeLocally(options: InvokeOptions): Promise<InvokeOutcome[]> {
  await cacheModules();
  const emulator = startEmulator();
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: [...RUNTIME_ARGS],
    cwd: ROOT,
    env: {
      AWS_LAMBDA_RUNTIME_API: emulator.address,
      AWS_LAMBDA_FUNCTION_NAME: "openalchemy-package-builder",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "512",
      ...options.env,
    },
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const exited = child.status.then((status) => ({ exited: status }));
  const outcomes: InvokeOutcome[] = [];
  try {
    const first = await Promise.race([
      emulator.firstPoll.then((time) => ({ time })),
      emulator.initError.then((initError) => ({ initError })),
      exited,
    ]);
    if (!("time" in first)) {
      const initError = "initError" in first
        ? first.initError
        : `runtime exited with ${first.exited.code}`;
      return [{ result: { ok: false, initError }, coldStartMs: NaN, invocationMs: NaN }];
    }
    const coldStartMs = first.time - started;
    for (let index = 0; index < (options.times ?? 1); index++) {
      const queued = performance.now();
      const result = await Promise.race([emulator.invoke(options.event), exited]);
      if ("exited" in result) {
        outcomes.push({
          result: { ok: false, initError: `runtime exited with ${result.exited.code}` },
          coldStartMs,
          invocationMs: NaN,
        });
        break;
      }
      outcomes.push({ result, coldStartMs, invocationMs: performance.now() - queued });
    }
    return outcomes;
  } finally {
    try {
      child.kill("SIGTERM");
    } catch {
      // already exited
    }
    await child.status;
    await emulator.close();
  }
}

let cached: Promise<void> | null = null;

/**
 * Caches every module the runtime can load, once per process, as the image build does:
 * the runtime runs with `--cached-only`.
 */
export function cacheModules(): Promise<void> {
  cached ??= (async () => {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [...CACHE_ARGS],
      cwd: ROOT,
      stdout: "inherit",
      stderr: "piped",
    }).output();
    if (!output.success) {
      const reason = new TextDecoder().decode(output.stderr).trim();
      throw new Error(
        `Cannot cache the function's modules (deno ${CACHE_ARGS.join(" ")}): ${reason}`,
      );
    }
  })();
  return cached;
}

/** Copies the bundled example spec into local storage at the event's first object. */
async function seedLocalStorage(storageDir: string, event: unknown): Promise<void> {
  const [first] = parseSnsEvent(event).objects;
  if (!first) return;
  const target = join(storageDir, first.bucket, ...first.key.split("/"));
  await Deno.mkdir(dirname(target), { recursive: true });
  await Deno.copyFile(EXAMPLE_SPEC, target);
}

/**
 * Reads an event file.
 *
 * @throws {Error} saying which file could not be read or is not JSON (no stack is
 *   printed for it: it is the user's input).
 */
export async function readEventFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    throw new Error(`Cannot read the event file ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Cannot read the event file ${path}: it is not JSON: ${(error as Error).message}`,
    );
  }
}

if (import.meta.main) {
  const eventPath = Deno.args[0] ?? DEFAULT_EVENT;
  let event: unknown;
  try {
    event = await readEventFile(eventPath);
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(2);
  }
  const env: Record<string, string> = {};
  if (!Deno.env.get("AWS_ENDPOINT_URL_S3")) {
    const storageDir = Deno.env.get("LOCAL_STORAGE_DIR") ?? join(ROOT, ".storage");
    env.LOCAL_STORAGE_DIR = storageDir;
    env.PACKAGE_STORAGE = "local";
    if (Deno.args[0] === undefined) await seedLocalStorage(storageDir, event);
  }
  const [outcome] = await invokeLocally({ event, env });
  const summary = {
    ...outcome.result,
    coldStartMs: Math.round(outcome.coldStartMs),
    invocationMs: Math.round(outcome.invocationMs),
  };
  console.log(JSON.stringify(summary, null, 2));
  Deno.exit(outcome.result.ok ? 0 : 1);
}
