/**
 * The Lambda Runtime API loop (custom runtime): ask for the next event, call the
 * handler, post its result or its error; report a failed initialisation through its
 * own endpoint. Transport details (headers, deadline, trace id, payload size) live here
 * alone; the handler is an ordinary async function of (event, context).
 *
 * The loop outlives every Runtime API failure it can: an answer to `/next` that is not
 * 2xx (or has no request id) is retried with backoff; a result that cannot be posted
 * (over Lambda's 6 MB, not serialisable, or refused by the API) is reported through
 * `/error`; a refused `/error` is logged and the loop asks for the next event. Only a
 * failed `/init/error` or a Runtime API that cannot be reached ends it.
 *
 * @module
 */

import type { LambdaContext } from "../lambda/context.ts";
import { InputError } from "../errors.ts";
import { createLogger, type Logger, setInvocationLogFields, xrayTraceId } from "../log.ts";

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
  /** Largest response posted, in bytes. @default MAX_RESPONSE_BYTES */
  maxResponseBytes?: number;
  /** Backoff of `/next` retries: first delay and cap, in ms. @default { firstMs: 50, maxMs: 2000 } */
  backoff?: { firstMs: number; maxMs: number };
  /** Attempts to reach the API (network errors in a row) before giving up. @default 6 */
  connectAttempts?: number;
}

/** The error body the Runtime API expects. */
export interface RuntimeErrorBody {
  errorMessage: string;
  errorType: string;
  stackTrace: string[];
}

/** Lambda's limit on a synchronous response payload: 6 MB (6 × 1,048,576 bytes). */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

/** The Runtime API cannot be reached (the process should end). */
export class RuntimeApiUnreachableError extends Error {
  /** @param message What was tried. */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
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
 * The `Lambda-Runtime-Function-Error-Type` header for an error type. Lambda (and its
 * Runtime Interface Emulator) keeps a type of the form `Function.Xxx` or `Runtime.Xxx`
 * and replaces anything else with `Runtime.Unknown`; so a JavaScript error name becomes
 * `Function.<name>` (`TransientError` → `Function.TransientError`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { errorTypeHeader } from "./runtime_loop.ts";
 * assert.equal(errorTypeHeader("TransientError"), "Function.TransientError");
 * assert.equal(errorTypeHeader("Function.ResponseSizeTooLarge"), "Function.ResponseSizeTooLarge");
 * assert.equal(errorTypeHeader("weird name!"), "Function.Unknown");
 * ```
 */
export function errorTypeHeader(errorType: string): string {
  if (/^(Runtime|Function)\.[A-Z][A-Za-z]+$/.test(errorType)) return errorType;
  if (/^[A-Z][A-Za-z]+$/.test(errorType)) return `Function.${errorType}`;
  return "Function.Unknown";
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
 *
 * @throws {RuntimeApiUnreachableError} when the API cannot be reached or refuses `/init/error`.
 */
export async function runRuntime(options: RuntimeOptions): Promise<boolean> {
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const setTraceId = options.setTraceId ?? defaultSetTraceId;
  const base = `http://${options.api}/${API_VERSION}/runtime`;
  const logger = options.logger ?? createLogger();
  const maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const api = new ApiClient(base, logger, options);

  let handler: AnyHandler;
  try {
    handler = await options.init();
  } catch (error) {
    const body = errorBody(error);
    logger.error("initialisation failed", { error });
    const posted = await api.post("/init/error", body);
    if (!posted.ok) {
      throw new RuntimeApiUnreachableError(
        `Cannot report the init error to the Runtime API: ${posted.reason}`,
      );
    }
    return false;
  }

  let count = 0;
  let ready = false;
  while (options.maxInvocations === undefined || count < options.maxInvocations) {
    const nextRequest = api.next();
    if (!ready) {
      ready = true;
      options.onReady?.();
    }
    const next = await nextRequest;
    const traceHeader = next.headers.get("lambda-runtime-trace-id");
    setTraceId(traceHeader);
    const context = contextOf(next.requestId, next.headers, env);
    setInvocationLogFields({
      cold_start: count === 0,
      function_name: context.functionName,
      function_arn: context.invokedFunctionArn,
      function_memory_size: Number(context.memoryLimitInMB) || 0,
      function_request_id: next.requestId,
      xray_trace_id: xrayTraceId(traceHeader),
    });
    try {
      await invoke(api, handler, next, context, { logger, maxResponseBytes });
    } finally {
      setInvocationLogFields(null);
    }
    count++;
  }
  return true;
}

/** One invocation: the handler's result posted to `/response`, or its error to `/error`. */
async function invoke(
  api: ApiClient,
  handler: AnyHandler,
  next: NextEvent,
  context: LambdaContext,
  options: { logger: Logger; maxResponseBytes: number },
): Promise<void> {
  const invocation = `/invocation/${encodeURIComponent(next.requestId)}`;
  let payload: string;
  try {
    const event = JSON.parse(next.body);
    const result = await handler(event, context);
    payload = serialise(result, options.maxResponseBytes);
  } catch (error) {
    await postError(api, invocation, error, options.logger);
    return;
  }
  const posted = await api.post(`${invocation}/response`, payload);
  if (!posted.ok) {
    options.logger.error("the Runtime API refused the response; reporting it as an error", {
      reason: posted.reason,
    });
    const failure = new ResponseNotPostedError(`Cannot post the response: ${posted.reason}`);
    await postError(api, invocation, failure, options.logger);
  }
}

/** The response could not be posted (refused by the API). */
class ResponseNotPostedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Runtime.ResponseNotPosted";
  }
}

/** The handler's result is larger than Lambda's response limit. */
class ResponseSizeTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Function.ResponseSizeTooLarge";
  }
}

/** JSON of the result, refusing one Lambda would not accept. */
function serialise(result: unknown, maxBytes: number): string {
  const payload = JSON.stringify(result ?? null);
  // UTF-8 is at most 3 bytes per UTF-16 unit: measure exactly only when it may matter.
  if (payload.length * 3 > maxBytes) {
    const bytes = new TextEncoder().encode(payload).byteLength;
    if (bytes > maxBytes) {
      throw new ResponseSizeTooLargeError(
        `Cannot return the result: it is ${bytes} bytes of JSON, more than the ` +
          `${maxBytes} bytes Lambda accepts`,
      );
    }
  }
  return payload;
}

async function postError(
  api: ApiClient,
  invocation: string,
  error: unknown,
  logger: Logger,
): Promise<void> {
  const body = errorBody(error);
  logger.error("invocation failed", { error });
  const posted = await api.post(`${invocation}/error`, body);
  if (!posted.ok) {
    logger.error("the Runtime API refused the error report", { reason: posted.reason });
  }
}

interface NextEvent {
  requestId: string;
  headers: Headers;
  body: string;
}

/** The Runtime API over HTTP, with its retry policy. */
class ApiClient {
  readonly #base: string;
  readonly #logger: Logger;
  readonly #backoff: { firstMs: number; maxMs: number };
  readonly #connectAttempts: number;

  constructor(base: string, logger: Logger, options: RuntimeOptions) {
    this.#base = base;
    this.#logger = logger;
    this.#backoff = options.backoff ?? { firstMs: 50, maxMs: 2000 };
    this.#connectAttempts = options.connectAttempts ?? 6;
  }

  /** The next event; retries answers that are not 2xx or lack a request id. */
  async next(): Promise<NextEvent> {
    let delay = this.#backoff.firstMs;
    for (let attempt = 1;; attempt++) {
      const response = await this.#fetch(`${this.#base}/invocation/next`);
      const requestId = response.headers.get("lambda-runtime-aws-request-id");
      if (response.ok && requestId) {
        return { requestId, headers: response.headers, body: await response.text() };
      }
      const detail = (await response.text().catch(() => "")).slice(0, 500);
      this.#logger.warn("the Runtime API did not give an event; asking again", {
        status: response.status,
        requestId,
        detail,
        attempt,
        retryInMs: delay,
      });
      await sleep(delay);
      delay = Math.min(delay * 2, this.#backoff.maxMs);
    }
  }

  /** Posts a body (a JSON string, or a value to serialise); never throws for HTTP errors. */
  async post(path: string, body: unknown): Promise<{ ok: true } | { ok: false; reason: string }> {
    const isError = typeof body === "object" && body !== null && "errorType" in body;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (isError) {
      headers["lambda-runtime-function-error-type"] = errorTypeHeader(
        (body as RuntimeErrorBody).errorType,
      );
    }
    const text = typeof body === "string" ? body : JSON.stringify(body);
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, { method: "POST", headers, body: text });
    } catch (error) {
      return { ok: false, reason: `${(error as Error).name}: ${(error as Error).message}` };
    }
    const detail = (await response.text().catch(() => "")).slice(0, 500);
    if (response.ok) return { ok: true };
    return { ok: false, reason: `HTTP ${response.status} ${detail}`.trim() };
  }

  /** A GET that retries network errors, then gives up: the API is unreachable. */
  async #fetch(url: string): Promise<Response> {
    let delay = this.#backoff.firstMs;
    for (let attempt = 1;; attempt++) {
      try {
        return await fetch(url);
      } catch (error) {
        if (attempt >= this.#connectAttempts) {
          throw new RuntimeApiUnreachableError(
            `Cannot reach the Runtime API at ${url} after ${attempt} attempts: ` +
              `${(error as Error).message}`,
            { cause: error },
          );
        }
        this.#logger.warn("the Runtime API cannot be reached; trying again", {
          attempt,
          retryInMs: delay,
          error,
        });
        await sleep(delay);
        delay = Math.min(delay * 2, this.#backoff.maxMs);
      }
    }
  }
}

/** The handler's context, from the `/next` response headers and the environment. */
function contextOf(
  requestId: string,
  headers: Headers,
  env: (name: string) => string | undefined,
): LambdaContext {
  const deadlineHeader = Number(headers.get("lambda-runtime-deadline-ms"));
  const deadlineMs = Number.isFinite(deadlineHeader) && deadlineHeader > 0
    ? deadlineHeader
    : Date.now() + 900_000;
  return {
    awsRequestId: requestId,
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function defaultSetTraceId(traceId: string | null): void {
  if (traceId) Deno.env.set("_X_AMZN_TRACE_ID", traceId);
  else Deno.env.delete("_X_AMZN_TRACE_ID");
}
