/**
 * The Lambda Runtime API loop (custom runtime): ask for the next event, call the
 * handler, post its result or its error; report a failed initialisation through its
 * own endpoint. Transport details (headers, deadline, trace id) live here alone; the
 * handler is an ordinary async function of (event, context).
 *
 * @module
 */

import type { LambdaContext } from "../lambda/context.ts";
import { InputError } from "../errors.ts";
import { createLogger, type Logger } from "../log.ts";

/** Any handler of (event, context). */
export type AnyHandler = (event: unknown, context: LambdaContext) => Promise<unknown>;

/** Options of {@link runRuntime}. */
export interface RuntimeOptions {
  /** `AWS_LAMBDA_RUNTIME_API`: host and port of the Runtime API. */
  api: string;
  /** Creates the handler; a throw here is an init error. */
  init: () => Promise<AnyHandler> | AnyHandler;
  /** Environment variable reader. @default Deno.env.get */
  env?: (name: string) => string | undefined;
  /** Sets `_X_AMZN_TRACE_ID` for each invocation. @default sets it in Deno.env */
  setTraceId?: (traceId: string | null) => void;
  /** Stop after this many invocations (tests). @default unlimited */
  maxInvocations?: number;
  /** Called once, when the loop asks for its first event (cold-start measurement). */
  onReady?: () => void;
  /** Where failed invocations and init errors are logged. @default JSON lines on stdout */
  logger?: Logger;
}

/** The error body the Runtime API expects. */
export interface RuntimeErrorBody {
  errorMessage: string;
  errorType: string;
  stackTrace: string[];
}

const API_VERSION = "2018-06-01";

/** The error body for a thrown value; input errors carry no stack (they are not bugs). */
export function errorBody(error: unknown): RuntimeErrorBody {
  if (error instanceof Error) {
    const stack = error instanceof InputError
      ? []
      : (error.stack ?? "").split("\n").slice(1).map((line) => line.trim()).filter(Boolean);
    return { errorMessage: error.message, errorType: error.name, stackTrace: stack };
  }
  return { errorMessage: String(error), errorType: "Error", stackTrace: [] };
}

/**
 * Runs the loop until `maxInvocations` (or forever). Returns `false` when
 * initialisation failed (after reporting it), `true` otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runRuntime } from "./runtime_loop.ts";
 * import { startEmulator } from "./emulator.ts";
 * const emulator = startEmulator(); // AWS_LAMBDA_RUNTIME_API in Lambda
 * const runtime = runRuntime({
 *   api: emulator.address,
 *   init: () => (event) => Promise.resolve({ echo: event }),
 *   maxInvocations: 1,
 * });
 * const result = await emulator.invoke({ hello: "world" });
 * assert.equal(result.ok, true);
 * assert.equal(await runtime, true);
 * await emulator.close();
 * ```
 */
export async function runRuntime(options: RuntimeOptions): Promise<boolean> {
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const setTraceId = options.setTraceId ?? defaultSetTraceId;
  const base = `http://${options.api}/${API_VERSION}/runtime`;
  const logger = options.logger ?? createLogger();

  let handler: AnyHandler;
  try {
    handler = await options.init();
  } catch (error) {
    const body = errorBody(error);
    logger.error("initialisation failed", {
      errorType: body.errorType,
      errorMessage: body.errorMessage,
    });
    await post(`${base}/init/error`, body);
    return false;
  }

  let count = 0;
  let ready = false;
  while (options.maxInvocations === undefined || count < options.maxInvocations) {
    const nextRequest = fetch(`${base}/invocation/next`);
    if (!ready) {
      ready = true;
      options.onReady?.();
    }
    const next = await nextRequest;
    const requestId = next.headers.get("lambda-runtime-aws-request-id") ?? "";
    setTraceId(next.headers.get("lambda-runtime-trace-id"));
    const context = contextOf(next.headers, env);
    const invocation = `${base}/invocation/${encodeURIComponent(requestId)}`;
    try {
      const event = await next.json();
      const result = await handler(event, context);
      await post(`${invocation}/response`, result ?? null);
    } catch (error) {
      const body = errorBody(error);
      logger.error("invocation failed", {
        requestId,
        errorType: body.errorType,
        errorMessage: body.errorMessage,
      });
      await post(`${invocation}/error`, body);
    }
    count++;
  }
  return true;
}

/** The handler's context, from the `/next` response headers and the environment. */
function contextOf(headers: Headers, env: (name: string) => string | undefined): LambdaContext {
  const deadlineMs = Number(headers.get("lambda-runtime-deadline-ms") ?? Date.now() + 900_000);
  return {
    awsRequestId: headers.get("lambda-runtime-aws-request-id") ?? "",
    invokedFunctionArn: headers.get("lambda-runtime-invoked-function-arn") ?? "",
    functionName: env("AWS_LAMBDA_FUNCTION_NAME") ?? "",
    functionVersion: env("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST",
    memoryLimitInMB: env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE") ?? "",
    logGroupName: env("AWS_LAMBDA_LOG_GROUP_NAME") ?? "",
    logStreamName: env("AWS_LAMBDA_LOG_STREAM_NAME") ?? "",
    clientContext: jsonHeader(headers, "lambda-runtime-client-context"),
    identity: jsonHeader(headers, "lambda-runtime-cognito-identity"),
    deadlineMs,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}

/** A header holding JSON, parsed; `undefined` when absent or not JSON. */
function jsonHeader(headers: Headers, name: string): unknown {
  const text = headers.get(name);
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function post(url: string, body: unknown): Promise<void> {
  const isError = typeof body === "object" && body !== null && "errorType" in body;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (isError) headers["lambda-runtime-function-error-type"] = (body as RuntimeErrorBody).errorType;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  await response.body?.cancel();
  if (!response.ok) {
    throw new Error(`Cannot post to the Runtime API ${url}: HTTP ${response.status}`);
  }
}

function defaultSetTraceId(traceId: string | null): void {
  if (traceId) Deno.env.set("_X_AMZN_TRACE_ID", traceId);
  else Deno.env.delete("_X_AMZN_TRACE_ID");
}
