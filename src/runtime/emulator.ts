/**
 * A local emulator of the Lambda Runtime API (loopback only), so the real runtime loop
 * can be driven without Docker or AWS: `deno task invoke` and the tests use it.
 *
 * @module
 */

import type { RuntimeErrorBody } from "./runtime_loop.ts";

/** The outcome of one emulated invocation. */
export type InvocationResult =
  | { requestId: string; ok: true; response: unknown }
  | {
    requestId: string;
    ok: false;
    error: RuntimeErrorBody;
    /** The `Lambda-Runtime-Function-Error-Type` header the runtime sent. */
    errorTypeHeader: string | null;
  };

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** ARN handed to the runtime. @default a local ARN */
  functionArn?: string;
  /** Invocation timeout, for the deadline header. @default 60000 */
  timeoutMs?: number;
}

/** Per-invocation extras of {@link Emulator.invoke}. */
export interface InvocationOptions {
  /** `Lambda-Runtime-Trace-Id`. @default a fresh X-Ray style id */
  traceId?: string;
  /** Sent JSON-encoded as `Lambda-Runtime-Client-Context`. */
  clientContext?: unknown;
  /** Sent JSON-encoded as `Lambda-Runtime-Cognito-Identity`. */
  identity?: unknown;
  /** The raw body to send instead of `JSON.stringify(event)` (e.g. text that is not JSON). */
  rawBody?: string;
}

/** A running emulator. */
export interface Emulator {
  /** `host:port`, the value of `AWS_LAMBDA_RUNTIME_API`. */
  readonly address: string;
  /** Resolves with the time (performance.now()) of the runtime's first `/next`. */
  readonly firstPoll: Promise<number>;
  /** Resolves with the body the runtime posted to `/init/error`. */
  readonly initError: Promise<RuntimeErrorBody>;
  /** How many runtimes are waiting on `/next` right now. */
  readonly polling: number;
  /** Queues an event; resolves when the runtime posts its response or error. */
  invoke(event: unknown, options?: InvocationOptions): Promise<InvocationResult>;
  /** Stops the server. */
  close(): Promise<void>;
}

interface Pending {
  requestId: string;
  body: string;
  headers: Record<string, string>;
  resolve: (result: InvocationResult) => void;
}

/**
 * Starts the emulator on 127.0.0.1 at a free port.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startEmulator } from "./emulator.ts";
 * import { runRuntime } from "./runtime_loop.ts";
 * const emulator = startEmulator();
 * const runtime = runRuntime({
 *   api: emulator.address,
 *   init: () => (event) => Promise.resolve({ echo: event }),
 *   maxInvocations: 1,
 * });
 * const result = await emulator.invoke({ Records: [] });
 * assert.deepEqual(result, { requestId: result.requestId, ok: true, response: { echo: { Records: [] } } });
 * await runtime;
 * await emulator.close();
 * ```
 */
export function startEmulator(options: EmulatorOptions = {}): Emulator {
  const functionArn = options.functionArn ??
    "arn:aws:lambda:us-east-1:000000000000:function:openalchemy-package-builder";
  const timeoutMs = options.timeoutMs ?? 60_000;
  const queue: Pending[] = [];
  const waiting: ((pending: Pending | null) => void)[] = [];
  const inFlight = new Map<string, Pending>();
  let resolveFirstPoll: (time: number) => void;
  const firstPoll = new Promise<number>((resolve) => resolveFirstPoll = resolve);
  let resolveInitError: (body: RuntimeErrorBody) => void;
  const initError = new Promise<RuntimeErrorBody>((resolve) => resolveInitError = resolve);
  let counter = 0;

  const nextPending = (): Promise<Pending | null> => {
    const pending = queue.shift();
    if (pending) return Promise.resolve(pending);
    return new Promise((resolve) => waiting.push(resolve));
  };

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "GET" && path === "/2018-06-01/runtime/invocation/next") {
        resolveFirstPoll(performance.now());
        const pending = await nextPending();
        if (pending === null) {
          return Response.json({ errorMessage: "emulator closed" }, { status: 410 });
        }
        inFlight.set(pending.requestId, pending);
        return new Response(pending.body, {
          headers: {
            "content-type": "application/json",
            "lambda-runtime-aws-request-id": pending.requestId,
            "lambda-runtime-deadline-ms": String(Date.now() + timeoutMs),
            "lambda-runtime-invoked-function-arn": functionArn,
            ...pending.headers,
          },
        });
      }
      const match = path.match(/^\/2018-06-01\/runtime\/invocation\/([^/]+)\/(response|error)$/);
      if (request.method === "POST" && match) {
        const requestId = decodeURIComponent(match[1]);
        const pending = inFlight.get(requestId);
        if (!pending) return Response.json({ errorMessage: "unknown request id" }, { status: 400 });
        inFlight.delete(requestId);
        const body = await request.json();
        pending.resolve(
          match[2] === "response" ? { requestId, ok: true, response: body } : {
            requestId,
            ok: false,
            error: body as RuntimeErrorBody,
            errorTypeHeader: request.headers.get("lambda-runtime-function-error-type"),
          },
        );
        return Response.json({ status: "OK" }, { status: 202 });
      }
      if (request.method === "POST" && path === "/2018-06-01/runtime/init/error") {
        resolveInitError((await request.json()) as RuntimeErrorBody);
        return Response.json({ status: "OK" }, { status: 202 });
      }
      return Response.json({ errorMessage: `no route ${request.method} ${path}` }, { status: 404 });
    },
  );

  return {
    address: `127.0.0.1:${server.addr.port}`,
    firstPoll,
    initError,
    get polling() {
      return waiting.length;
    },
    invoke(event, invocation = {}) {
      counter++;
      const requestId = crypto.randomUUID();
      const headers: Record<string, string> = {
        "lambda-runtime-trace-id": invocation.traceId ??
          `Root=1-00000000-${String(counter).padStart(24, "0")};Sampled=0`,
      };
      if (invocation.clientContext !== undefined) {
        headers["lambda-runtime-client-context"] = JSON.stringify(invocation.clientContext);
      }
      if (invocation.identity !== undefined) {
        headers["lambda-runtime-cognito-identity"] = JSON.stringify(invocation.identity);
      }
      const body = invocation.rawBody ?? JSON.stringify(event);
      return new Promise<InvocationResult>((resolve) => {
        const pending: Pending = { requestId, body, headers, resolve };
        const waiter = waiting.shift();
        if (waiter) waiter(pending);
        else queue.push(pending);
      });
    },
    async close() {
      for (const waiter of waiting.splice(0)) waiter(null);
      await server.shutdown();
    },
  };
}
