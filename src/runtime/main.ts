/**
 * Starts the custom runtime: what the container runs (`deno run --allow-all mod.ts` with
 * `AWS_LAMBDA_RUNTIME_API` set).
 *
 * @module
 */

import { runRuntime } from "./runtime_loop.ts";
import { preloadStorage } from "../lambda/default_storage.ts";

/** The command the container and `deno task invoke` run (after the deno executable). */
export const RUNTIME_ARGS = ["run", "--allow-all", "mod.ts"] as const;

/**
 * Runs the Runtime API loop with the deployed handler. The handler module (builder,
 * parsers) loads during init; the AWS SDK starts loading in the background and is
 * awaited only when the first event needs storage.
 */
export async function startLambdaRuntime(): Promise<void> {
  const env = (name: string) => Deno.env.get(name);
  const api = env("AWS_LAMBDA_RUNTIME_API");
  if (!api) throw new Error("Cannot start the Lambda runtime: AWS_LAMBDA_RUNTIME_API is not set");
  preloadStorage(env);
  const initialised = await runRuntime({
    api,
    init: async () => (await import("../lambda/default_handler.ts")).handler,
  });
  if (!initialised) Deno.exit(1);
}
