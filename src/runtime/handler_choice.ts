/**
 * Which handler the runtime serves, from `FUNCTION_HANDLER`: the same image runs both
 * functions of template.yaml.
 * - `builder` (the default): SNS/S3 events → packages (src/lambda/default_handler.ts);
 * - `index`: Function URL HTTP events → the package index (src/index/default_handler.ts).
 *
 * @module
 */

import type { AnyHandler } from "./runtime_loop.ts";

/** The handler names `FUNCTION_HANDLER` accepts. */
export const HANDLERS = ["builder", "index"] as const;

/**
 * Imports the chosen handler. A throw here is reported as an init error.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadHandler } from "./handler_choice.ts";
 * await assert.rejects(loadHandler(() => "other"), /FUNCTION_HANDLER/);
 * ```
 */
export async function loadHandler(env: (name: string) => string | undefined): Promise<AnyHandler> {
  const choice = env("FUNCTION_HANDLER") || "builder";
  if (choice === "builder") return (await import("../lambda/default_handler.ts")).handler;
  if (choice === "index") return (await import("../index/default_handler.ts")).handler;
  throw new Error(
    `Cannot start the runtime: FUNCTION_HANDLER is ${JSON.stringify(choice)}, expected one of ` +
      HANDLERS.join(", "),
  );
}
