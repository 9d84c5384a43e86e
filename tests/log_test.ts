/**
 * Log lines as Powertools for AWS Lambda's logger writes them and as Lambda's JSON log
 * format and log-level filtering read them.
 */

import assert from "node:assert/strict";
import { createLogger, levelFromEnv, serviceFromEnv, xrayTraceId } from "../src/log.ts";
import { runRuntime } from "../src/runtime/runtime_loop.ts";
import { startEmulator } from "../src/runtime/emulator.ts";

/** Lambda's application log levels. */
const LAMBDA_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
/** RFC 3339 / ISO 8601 in UTC with milliseconds, as `Date.toISOString` writes. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

Deno.test("a line written during an invocation has Powertools' fields with Lambda's level and time", async () => {
  const emulator = startEmulator({
    functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:builder",
  });
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger((line) => lines.push(JSON.parse(line)), {}, { service: "builder" });
  try {
    const loop = runRuntime({
      api: emulator.address,
      env: (name) =>
        ({ AWS_LAMBDA_FUNCTION_NAME: "builder", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1769" })[name],
      setTraceId: () => {},
      logger,
      maxInvocations: 2,
      init: () => () => {
        logger.warn("working", { bucket: "b" });
        return Promise.resolve("ok");
      },
    });
    const trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    const first = await emulator.invoke({}, { traceId: trace });
    const second = await emulator.invoke({});
    await loop;
    assert.equal(lines.length, 2);
    const [line, next] = lines;
    assert.deepEqual(Object.keys(line).sort(), [
      "bucket",
      "cold_start",
      "function_arn",
      "function_memory_size",
      "function_name",
      "function_request_id",
      "level",
      "message",
      "service",
      "timestamp",
      "xray_trace_id",
    ]);
    assert.match(line.timestamp as string, RFC_3339);
    assert.equal(new Date(line.timestamp as string).toISOString(), line.timestamp);
    assert.ok(LAMBDA_LEVELS.includes(line.level as string));
    assert.deepEqual(
      [line.level, line.message, line.service, line.bucket],
      ["WARN", "working", "builder", "b"],
    );
    assert.deepEqual(
      [line.function_name, line.function_arn, line.function_memory_size],
      ["builder", "arn:aws:lambda:eu-west-1:123456789012:function:builder", 1769],
    );
    assert.equal(line.function_request_id, first.requestId);
    assert.equal(line.xray_trace_id, "1-5759e988-bd862e3fe1be46a994272793");
    assert.equal(line.cold_start, true);
    assert.equal(next.cold_start, false, "only the process's first invocation is cold");
    assert.equal(next.function_request_id, second.requestId);
  } finally {
    await emulator.close();
  }
  const outside: string[] = [];
  createLogger((line) => outside.push(line)).info("between invocations");
  assert.equal(JSON.parse(outside[0]).function_request_id, undefined);
});

Deno.test("an error is logged with name, location, message, stack and cause", () => {
  const lines: Record<string, Record<string, unknown>>[] = [];
  const logger = createLogger((line) => lines.push(JSON.parse(line)));
  const cause = new RangeError("too deep");
  logger.error("failed", { error: new TypeError("boom", { cause }) });
  const { error } = lines[0];
  assert.deepEqual([error.name, error.message], ["TypeError", "boom"]);
  assert.match(error.location as string, /^file:\/\/.*log_test\.ts:\d+:\d+$/);
  assert.match(error.stack as string, /^TypeError: boom\n\s+at /);
  assert.deepEqual(
    [
      (error.cause as Record<string, unknown>).name,
      (error.cause as Record<string, unknown>).message,
    ],
    ["RangeError", "too deep"],
  );
});

Deno.test("the level comes from AWS_LAMBDA_LOG_LEVEL, else POWERTOOLS_LOG_LEVEL; lower lines are dropped", () => {
  const levelOf = (env: Record<string, string>) => levelFromEnv((name) => env[name]);
  assert.equal(levelOf({}), "info");
  assert.equal(levelOf({ POWERTOOLS_LOG_LEVEL: "DEBUG" }), "debug");
  assert.equal(levelOf({ POWERTOOLS_LOG_LEVEL: "DEBUG", AWS_LAMBDA_LOG_LEVEL: "ERROR" }), "error");
  assert.equal(levelOf({ AWS_LAMBDA_LOG_LEVEL: "fatal" }), "fatal");
  assert.equal(levelOf({ LOG_LEVEL: "trace" }), "trace");
  assert.equal(levelOf({ POWERTOOLS_LOG_LEVEL: "verbose" }), "info");
  const written: string[] = [];
  const logger = createLogger((line) => written.push(JSON.parse(line).level), {}, {
    level: "warn",
  });
  logger.debug("d");
  logger.info("i");
  logger.warn("w");
  logger.error("e");
  logger.child({ key: "k" }).info("still dropped");
  assert.deepEqual(written, ["WARN", "ERROR"]);
  const silent: string[] = [];
  createLogger((line) => silent.push(line), {}, { level: "silent" }).error("e");
  assert.deepEqual(silent, []);
});

Deno.test("the service is POWERTOOLS_SERVICE_NAME, else the function's name", () => {
  const serviceOf = (env: Record<string, string>) => serviceFromEnv((name) => env[name]);
  assert.equal(serviceOf({}), "service_undefined");
  assert.equal(serviceOf({ AWS_LAMBDA_FUNCTION_NAME: "f" }), "f");
  assert.equal(serviceOf({ AWS_LAMBDA_FUNCTION_NAME: "f", POWERTOOLS_SERVICE_NAME: "s" }), "s");
  assert.equal(xrayTraceId(undefined), undefined);
  assert.equal(xrayTraceId("Sampled=0;Root=1-a-b"), "1-a-b");
});
