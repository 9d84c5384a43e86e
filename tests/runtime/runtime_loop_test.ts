import assert from "node:assert/strict";
import { startEmulator } from "../../src/runtime/emulator.ts";
import {
  MAX_RESPONSE_BYTES,
  runRuntime,
  RuntimeApiUnreachableError,
} from "../../src/runtime/runtime_loop.ts";
import type { LambdaContext } from "../../src/lambda/context.ts";
import { EventError } from "../../src/errors.ts";
import { createLogger } from "../../src/log.ts";

const env = (values: Record<string, string>) => (name: string) => values[name];

Deno.test("the loop passes event and context to the handler and posts its result", async () => {
  const emulator = startEmulator({ functionArn: "arn:aws:lambda:eu-west-1:1:function:f" });
  const seen: { event: unknown; context: LambdaContext; traceId: string | null }[] = [];
  let traceId: string | null = null;
  try {
    const loop = runRuntime({
      api: emulator.address,
      env: env({ AWS_LAMBDA_FUNCTION_NAME: "f", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "512" }),
      setTraceId: (value) => traceId = value,
      maxInvocations: 2,
      init: () => (event, context) => {
        seen.push({ event, context, traceId });
        return Promise.resolve({ echo: event, remaining: context.getRemainingTimeInMillis() > 0 });
      },
    });
    const first = await emulator.invoke({ n: 1 }, {
      traceId: "Root=1-abc;Sampled=1",
      clientContext: { client: { app_title: "builder" } },
      identity: { cognitoIdentityId: "id-1" },
    });
    const second = await emulator.invoke({ n: 2 });
    assert.equal(await loop, true);
    assert.deepEqual(first, {
      requestId: first.requestId,
      ok: true,
      response: { echo: { n: 1 }, remaining: true },
    });
    assert.equal(second.ok, true);
    assert.equal(seen[0].context.awsRequestId, first.requestId);
    assert.equal(seen[0].context.invokedFunctionArn, "arn:aws:lambda:eu-west-1:1:function:f");
    assert.equal(seen[0].context.functionName, "f");
    assert.equal(seen[0].context.memoryLimitInMB, "512");
    assert.ok(seen[0].context.deadlineMs > Date.now());
    assert.deepEqual(seen[0].context.clientContext, { client: { app_title: "builder" } });
    assert.deepEqual(seen[0].context.identity, { cognitoIdentityId: "id-1" });
    assert.equal(seen[1].context.clientContext, undefined);
    assert.equal(seen[0].traceId, "Root=1-abc;Sampled=1");
    assert.notEqual(seen[1].traceId, "Root=1-abc;Sampled=1");
  } finally {
    await emulator.close();
  }
});

Deno.test("a handler error is posted as {errorMessage, errorType, stackTrace} and the loop goes on", async () => {
  const emulator = startEmulator();
  const logs: Record<string, unknown>[] = [];
  try {
    let calls = 0;
    const loop = runRuntime({
      api: emulator.address,
      setTraceId: () => {},
      logger: createLogger((line) => logs.push(JSON.parse(line))),
      maxInvocations: 3,
      init: () => () => {
        calls++;
        if (calls === 1) throw new TypeError("boom");
        if (calls === 2) throw new EventError("Cannot read the event: event.Records is missing");
        return Promise.resolve("fine");
      },
    });
    const failed = await emulator.invoke({});
    const userError = await emulator.invoke({});
    const after = await emulator.invoke({});
    await loop;
    assert.equal(failed.ok, false);
    if (!failed.ok) {
      assert.equal(failed.error.errorType, "TypeError");
      assert.equal(failed.error.errorMessage, "boom");
      assert.ok(failed.error.stackTrace.length > 0);
    }
    assert.deepEqual(userError.ok ? null : userError.error, {
      errorType: "EventError",
      errorMessage: "Cannot read the event: event.Records is missing",
      stackTrace: [],
    });
    assert.deepEqual(after.ok ? after.response : null, "fine");
    assert.equal(failed.ok ? null : failed.errorTypeHeader, "Function.TypeError");
    assert.equal(userError.ok ? null : userError.errorTypeHeader, "Function.EventError");
    assert.deepEqual(
      logs.map((line) => [
        line.level,
        line.message,
        line.function_request_id,
        (line.error as Error).name,
      ]),
      [
        ["ERROR", "invocation failed", failed.requestId, "TypeError"],
        ["ERROR", "invocation failed", userError.requestId, "EventError"],
      ],
    );
    const logged = logs[0].error as { message: string; stack: string };
    assert.equal(logged.message, "boom");
    assert.match(logged.stack, /TypeError: boom\n\s+at /, "the stack is logged");
  } finally {
    await emulator.close();
  }
});

Deno.test("an init error is posted to /init/error and no event is asked for", async () => {
  const emulator = startEmulator();
  try {
    const initialised = await runRuntime({
      api: emulator.address,
      logger: createLogger(() => {}),
      init: () => {
        throw new Error("Cannot start: missing configuration");
      },
    });
    assert.equal(initialised, false);
    assert.deepEqual(
      (await emulator.initError).errorMessage,
      "Cannot start: missing configuration",
    );
    const polled = await Promise.race([
      emulator.firstPoll.then(() => true),
      Promise.resolve(false),
    ]);
    assert.equal(polled, false);
  } finally {
    await emulator.close();
  }
});

Deno.test("an event body that is not JSON is posted as an error, not a crash", async () => {
  const emulator = startEmulator();
  try {
    const loop = runRuntime({
      api: emulator.address,
      setTraceId: () => {},
      logger: createLogger(() => {}),
      maxInvocations: 2,
      init: () => (event) => Promise.resolve({ got: event }),
    });
    const broken = await emulator.invoke(null, { rawBody: "{not json" });
    const fine = await emulator.invoke({ n: 1 });
    await loop;
    assert.equal(broken.ok, false);
    if (!broken.ok) assert.equal(broken.error.errorType, "SyntaxError");
    assert.deepEqual(fine.ok ? fine.response : null, { got: { n: 1 } });
  } finally {
    await emulator.close();
  }
});

Deno.test("a result that cannot be serialised is posted as an error", async () => {
  const emulator = startEmulator();
  try {
    const loop = runRuntime({
      api: emulator.address,
      setTraceId: () => {},
      logger: createLogger(() => {}),
      maxInvocations: 1,
      init: () => () => Promise.resolve({ size: 1n }),
    });
    const result = await emulator.invoke({});
    await loop;
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.errorType, "TypeError");
  } finally {
    await emulator.close();
  }
});

/** A scripted Runtime API: `route` answers every request, given how many came before. */
function fakeApi(
  route: (request: Request, body: string, index: number) => Response | Promise<Response>,
) {
  const seen: { method: string; path: string; body: string; errorType: string | null }[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const body = await request.text();
      const path = new URL(request.url).pathname.replace("/2018-06-01/runtime", "");
      const errorType = request.headers.get("lambda-runtime-function-error-type");
      seen.push({ method: request.method, path, body, errorType });
      return await route(request, body, seen.length - 1);
    },
  );
  return {
    address: `127.0.0.1:${server.addr.port}`,
    seen,
    close: () => server.shutdown(),
  };
}

function event(requestId: string, body = "{}"): Response {
  return new Response(body, {
    headers: { "lambda-runtime-aws-request-id": requestId, "lambda-runtime-deadline-ms": "0" },
  });
}

const quiet = {
  setTraceId: () => {},
  logger: createLogger(() => {}),
  backoff: { firstMs: 1, maxMs: 4 },
};

Deno.test("a /next answer that is not 2xx (or has no request id) is retried with backoff", async () => {
  const api = fakeApi((request, _body, index) => {
    if (request.method === "GET" && index === 0) return new Response("busy", { status: 500 });
    if (request.method === "GET" && index === 1) return new Response("{}", { status: 200 });
    if (request.method === "GET") return event("req-1");
    return new Response(null, { status: 202 });
  });
  const logs: Record<string, unknown>[] = [];
  try {
    await runRuntime({
      ...quiet,
      api: api.address,
      logger: createLogger((line) => logs.push(JSON.parse(line))),
      maxInvocations: 1,
      init: () => () => Promise.resolve("done"),
    });
    assert.deepEqual(api.seen.map((item) => `${item.method} ${item.path}`), [
      "GET /invocation/next",
      "GET /invocation/next",
      "GET /invocation/next",
      "POST /invocation/req-1/response",
    ]);
    assert.deepEqual(
      logs.map((line) => [line.level, line.status, line.attempt]),
      [["WARN", 500, 1], ["WARN", 200, 2]],
    );
  } finally {
    await api.close();
  }
});

Deno.test("a response the API refuses is reported through /error, and a refused /error is only logged", async () => {
  let responses = 0;
  const api = fakeApi((request, _body, _index) => {
    const path = new URL(request.url).pathname;
    if (request.method === "GET") return event(`req-${api.seen.length}`);
    if (path.endsWith("/response")) {
      responses++;
      return new Response("too large", { status: 413 });
    }
    if (path.endsWith("/error") && responses === 2) return new Response("no", { status: 500 });
    return new Response(null, { status: 202 });
  });
  try {
    await runRuntime({
      ...quiet,
      api: api.address,
      maxInvocations: 3,
      init: () => () => Promise.resolve({ fine: true }),
    });
    const posts = api.seen.filter((item) => item.method === "POST");
    assert.deepEqual(posts.map((item) => item.path.replace(/req-\d+/, "ID")), [
      "/invocation/ID/response",
      "/invocation/ID/error",
      "/invocation/ID/response",
      "/invocation/ID/error",
      "/invocation/ID/response",
      "/invocation/ID/error",
    ]);
    const error = JSON.parse(posts[1].body);
    assert.equal(error.errorType, "Runtime.ResponseNotPosted");
    assert.match(error.errorMessage, /HTTP 413 too large/);
    assert.equal(posts[1].errorType, "Runtime.ResponseNotPosted");
  } finally {
    await api.close();
  }
});

Deno.test("a result over Lambda's 6 MB is posted as Function.ResponseSizeTooLarge", async () => {
  const emulator = startEmulator();
  try {
    const loop = runRuntime({
      ...quiet,
      api: emulator.address,
      maxInvocations: 2,
      init: () => (event) =>
        Promise.resolve((event as { big: boolean }).big ? "x".repeat(MAX_RESPONSE_BYTES) : "small"),
    });
    const big = await emulator.invoke({ big: true });
    const small = await emulator.invoke({ big: false });
    await loop;
    assert.equal(big.ok, false);
    if (!big.ok) {
      assert.equal(big.error.errorType, "Function.ResponseSizeTooLarge");
      assert.equal(big.errorTypeHeader, "Function.ResponseSizeTooLarge");
      assert.match(big.error.errorMessage, /6291458 bytes of JSON, more than the 6291456 bytes/);
    }
    assert.deepEqual(small.ok ? small.response : null, "small");
  } finally {
    await emulator.close();
  }
});

Deno.test("an unreachable Runtime API ends the loop with RuntimeApiUnreachableError", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const address = `127.0.0.1:${(listener.addr as Deno.NetAddr).port}`;
  listener.close();
  await assert.rejects(
    runRuntime({
      ...quiet,
      api: address,
      connectAttempts: 3,
      init: () => () => Promise.resolve(1),
    }),
    (error) => {
      assert.ok(error instanceof RuntimeApiUnreachableError);
      assert.match(error.message, /after 3 attempts/);
      return true;
    },
  );
});

Deno.test("a refused /init/error ends the runtime with RuntimeApiUnreachableError", async () => {
  const api = fakeApi(() => new Response("gone", { status: 500 }));
  try {
    await assert.rejects(
      runRuntime({
        ...quiet,
        api: api.address,
        init: () => {
          throw new Error("no config");
        },
      }),
      /Cannot report the init error to the Runtime API: HTTP 500 gone/,
    );
  } finally {
    await api.close();
  }
});
