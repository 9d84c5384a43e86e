/**
 * A local stand-in for a Lambda Function URL in front of the real runtime: HTTP
 * requests on a loopback port become payload-2.0 HTTP events, which the Runtime API
 * emulator hands to a runtime process started exactly as the container starts it
 * (`deno` with RUNTIME_ARGS); the handler's result becomes the HTTP response.
 *
 * @module
 */

import { fileURLToPath } from "node:url";
import { startEmulator } from "../../src/runtime/emulator.ts";
import { cacheModules } from "../../src/runtime/invoke.ts";
import { RUNTIME_ARGS } from "../../src/runtime/main.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A running function behind a local URL. */
export interface FunctionUrl {
  /** `http://127.0.0.1:port`. */
  origin: string;
  /** Process start → the runtime's first `/next` poll, in ms. */
  readyMs: number;
  /** The runtime process's pid. */
  pid: number;
  /** Lines the runtime printed (its JSON logs). */
  output: () => string;
  /** Stops the front server, the runtime process (by pid) and the emulator. */
  stop(): Promise<void>;
}

/** The payload-2.0 event a Function URL sends for `request`. */
export async function functionUrlEvent(request: Request): Promise<unknown> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => headers[name] = value);
  const body = new Uint8Array(await request.arrayBuffer());
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    requestContext: {
      domainName: url.host,
      http: {
        method: request.method,
        path: url.pathname,
        protocol: "HTTP/1.1",
        sourceIp: "127.0.0.1",
        userAgent: request.headers.get("user-agent") ?? "",
      },
      requestId: crypto.randomUUID(),
      timeEpoch: Date.now(),
    },
    ...(body.length > 0
      ? { body: btoa(String.fromCharCode(...body)), isBase64Encoded: true }
      : { isBase64Encoded: false }),
  };
}

/** Starts the runtime with `env` (plus the Lambda variables) behind a local URL. */
export async function startFunctionUrl(env: Record<string, string>): Promise<FunctionUrl> {
  await cacheModules();
  const emulator = startEmulator();
  const started = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: [...RUNTIME_ARGS],
    cwd: ROOT,
    env: {
      AWS_LAMBDA_RUNTIME_API: emulator.address,
      AWS_LAMBDA_FUNCTION_NAME: "openalchemy-package-index",
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "512",
      ...env,
    },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const decoder = new TextDecoder();
  const drain = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) output += decoder.decode(chunk, { stream: true });
  };
  const drained = Promise.all([drain(child.stdout), drain(child.stderr)]);
  const stopAll = async () => {
    try {
      child.kill("SIGTERM");
    } catch {
      // already exited
    }
    await child.status;
    await drained;
    await emulator.close();
  };
  const first = await Promise.race([
    emulator.firstPoll.then((time) => ({ time })),
    child.status.then((status) => ({ status })),
  ]);
  if (!("time" in first)) {
    await stopAll();
    throw new Error(`the runtime exited before its first poll:\n${output}`);
  }
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const result = await emulator.invoke(await functionUrlEvent(request));
      if (!result.ok) {
        return new Response(JSON.stringify(result.error), { status: 502 });
      }
      const response = result.response as {
        statusCode: number;
        headers: Record<string, string>;
        body: string;
        isBase64Encoded: boolean;
      };
      const body = response.isBase64Encoded
        ? Uint8Array.from(atob(response.body), (char) => char.charCodeAt(0))
        : response.body;
      const status = response.statusCode;
      const empty = request.method === "HEAD" || status === 204 || status === 304;
      return new Response(empty ? null : body, { status, headers: response.headers });
    },
  );
  return {
    origin: `http://127.0.0.1:${server.addr.port}`,
    readyMs: first.time - started,
    pid: child.pid,
    output: () => output,
    async stop() {
      await server.shutdown();
      await stopAll();
    },
  };
}
