/**
 * Starts the custom runtime: what the container runs (`deno` with {@link RUNTIME_ARGS},
 * `AWS_LAMBDA_RUNTIME_API` set).
 *
 * @module
 */

import { runRuntime, RuntimeApiUnreachableError } from "./runtime_loop.ts";
import { captureConsole } from "./console_capture.ts";
import { preloadStorage } from "../lambda/default_storage.ts";
import { loadHandler } from "./handler_choice.ts";
import { createLogger } from "../log.ts";

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
 * storage. Everything the process prints is a JSON line: `console` output and library
 * warnings go through the logger, and so does a promise rejection nobody handled (logged,
 * not fatal). Exits 1 when initialisation failed or the Runtime API cannot be reached.
 */
export async function startLambdaRuntime(): Promise<void> {
  const env = (name: string) => Deno.env.get(name);
  const api = env("AWS_LAMBDA_RUNTIME_API");
  if (!api) throw new Error("Cannot start the Lambda runtime: AWS_LAMBDA_RUNTIME_API is not set");
  const logger = createLogger();
  captureConsole(logger);
  globalThis.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    logger.error("unhandled promise rejection", { error: event.reason });
  });
  let initialised: boolean;
  try {
    initialised = await runRuntime({
      api,
      logger,
      init: () => loadHandler(env),
      // Started a moment after the first /next request went out, so that loading the SDK
      // (~60 ms of module evaluation) does not hold that request back.
      onReady: () => setTimeout(() => preloadStorage(env), PRELOAD_DELAY_MS),
    });
  } catch (error) {
    if (!(error instanceof RuntimeApiUnreachableError)) throw error;
    logger.error("the Runtime API cannot be reached; the runtime ends", { error });
    Deno.exit(1);
  }
  if (!initialised) Deno.exit(1);
}
