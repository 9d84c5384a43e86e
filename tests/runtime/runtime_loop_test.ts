import assert from "node:assert/strict";
import { startEmulator } from "../../src/runtime/emulator.ts";
import { runRuntime } from "../../src/runtime/runtime_loop.ts";
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
    assert.deepEqual(logs, [
      {
        level: "error",
        message: "invocation failed",
        requestId: failed.requestId,
        errorType: "TypeError",
        errorMessage: "boom",
      },
      {
        level: "error",
        message: "invocation failed",
        requestId: userError.requestId,
        errorType: "EventError",
        errorMessage: "Cannot read the event: event.Records is missing",
      },
    ]);
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
