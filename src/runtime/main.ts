/**
 * Starts the custom runtime: what the container runs (`deno` with {@link RUNTIME_ARGS},
 * `AWS_LAMBDA_RUNTIME_API` set).
 *
 * @module
 */

import { runRuntime } from "./runtime_loop.ts";
import { preloadStorage } from "../lambda/default_storage.ts";
import { loadHandler } from "./handler_choice.ts";

/** Delay between asking for the first event and starting to load the AWS SDK. */
const PRELOAD_DELAY_MS = 20;

/**
 * The command the container runs and `deno task invoke` starts, after the deno
 * executable. `--cached-only`: nothing is fetched at run time (every module is cached
 * by {@link CACHE_ARGS} first); permissions are what the function uses, no more (no
 * subprocesses, no FFI).
 */
export const RUNTIME_ARGS = [
  "run",
  "--cached-only",
  "--allow-env",
  "--allow-net",
  "--allow-read",
  "--allow-write",
  "--allow-sys",
  "mod.ts",
] as const;

/**
 * What the image build (and `deno task invoke`, before it starts the runtime) caches,
 * after the deno executable: every module the functions can load, the lazily imported
 * AWS SDK clients (S3, DynamoDB, the presigner) included, at the versions deno.lock pins.
 */
export const CACHE_ARGS = [
  "cache",
  "--frozen",
  "mod.ts",
  "src/aws/s3_storage.ts",
  "src/db/dynamodb_table_store.ts",
  "src/index/s3_package_files.ts",
] as const;

/**
 * Runs the Runtime API loop with the deployed handler. The handler module (builder,
 * parsers) loads during init; the AWS SDK starts loading once the first event has been
 * asked for (while the runtime waits for it), and is awaited only when the event needs
 * storage.
 */
export async function startLambdaRuntime(): Promise<void> {
  const env = (name: string) => Deno.env.get(name);
  const api = env("AWS_LAMBDA_RUNTIME_API");
  if (!api) throw new Error("Cannot start the Lambda runtime: AWS_LAMBDA_RUNTIME_API is not set");
  const initialised = await runRuntime({
    api,
    init: () => loadHandler(env),
    // Started a moment after the first /next request went out, so that loading the SDK
    // (~60 ms of module evaluation) does not hold that request back.
    onReady: () => setTimeout(() => preloadStorage(env), PRELOAD_DELAY_MS),
  });
  if (!initialised) Deno.exit(1);
}
