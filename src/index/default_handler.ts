/**
 * The index function's Lambda handler (`FUNCTION_HANDLER=index`): HTTP events from the
 * function URL, answered by the index the environment configures (index_from_env.ts).
 * The index and its SDK clients are created on the first event and kept while the
 * process is warm.
 *
 * @module
 */

import type { LambdaContext } from "../lambda/context.ts";
import { createLogger } from "../log.ts";
import { indexFromEnv, type IndexSetup } from "./index_from_env.ts";
import { type HttpResult, requestOf, resultOf } from "./lambda_http.ts";

const logger = createLogger();
let setup: Promise<IndexSetup> | null = null;

/**
 * Answers one HTTP event.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { handler } from "./default_handler.ts";
 * import { localContext } from "../lambda/context.ts";
 * // An event that is not a function URL event is refused before anything is set up.
 * await assert.rejects(handler({ Records: [] }, localContext()), /version is not 2.0/);
 * ```
 */
export async function handler(event: unknown, context: LambdaContext): Promise<HttpResult> {
  const request = requestOf(event);
  setup ??= indexFromEnv((name) => Deno.env.get(name), logger).catch((error) => {
    setup = null;
    throw error;
  });
  const { app } = await setup;
  request.headers.set("x-request-id", context.awsRequestId);
  return await resultOf(await app(request));
}
