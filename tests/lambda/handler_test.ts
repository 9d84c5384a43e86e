import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createHandler, type HandlerOptions, MAX_ROUNDS } from "../../src/lambda/handler.ts";
import { localContext } from "../../src/lambda/context.ts";
import { DEFAULT_LIMITS } from "../../src/lambda/limits.ts";
import { createLogger } from "../../src/log.ts";
import { EventError, SpecValidationError, TransientError } from "../../src/errors.ts";
import { eTagOf, MemoryStorage, snsEvent } from "../helpers/memory_storage.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

const BUCKET = "packages";
const KEY = "user1/employee-db/2-spec.json";
const REPORT = "user1/employee-db/2-build.json";
const SDIST = "user1/employee-db/employee_db-1.0.0.tar.gz";
const WHEEL = "user1/employee-db/employee_db-1.0.0-py3-none-any.whl";
const EXAMPLE = await Deno.readTextFile(PROJECT_EXAMPLE);
/** The example spec with another version and title: other archives, another report. */
const EXAMPLE_V2 = JSON.stringify({
  ...JSON.parse(EXAMPLE),
  info: { ...JSON.parse(EXAMPLE).info, version: "2.0.0", title: "Second" },
});

function setup(options: Partial<HandlerOptions> = {}) {
  const storage = new MemoryStorage();
  const logs: Record<string, unknown>[] = [];
  const handler = createHandler({
    storage,
    logger: createLogger((line) => logs.push(JSON.parse(line))),
    ...options,
  });
  return { storage, logs, handler };
}

function reportOf(storage: MemoryStorage, key = REPORT) {
  const text = storage.text(BUCKET, key);
  return text === undefined ? undefined : JSON.parse(text);
}

Deno.test("a spec is built and its sdist, wheel and report are stored beside it", async () => {
  const { storage, handler } = setup();
  storage.seed(BUCKET, KEY, EXAMPLE);
  const spec = storage.versionOf(BUCKET, KEY)!;
  const result = await handler(snsEvent(BUCKET, KEY), localContext("req-1"));
  assert.deepEqual(result, {
    objects: [{
      bucket: BUCKET,
      key: KEY,
      status: "built",
      stored: [SDIST, WHEEL, REPORT],
      report: result.objects[0].report,
      spec,
      superseded: false,
      rounds: 1,
    }],
    testEvents: 0,
  });
  assert.deepEqual(storage.keys(BUCKET), [REPORT, KEY, WHEEL, SDIST]);
  const report = reportOf(storage);
  assert.deepEqual(result.objects[0].report, report, "the result carries the stored report");
  assert.equal(report.status, "success");
  assert.deepEqual(report.spec, {
    eTag: eTagOf(new TextEncoder().encode(EXAMPLE)),
    versionId: null,
    size: spec.size,
  });
  assert.deepEqual(report.package, {
    name: "employee_db",
    version: "1.0.0",
    title: "Employee database",
    description: "Employees and the divisions they work in, for the OpenAlchemy package builder.",
    modelCount: 1,
  });
  assert.deepEqual(report.packages.map((item: { format: string }) => item.format), [
    "sdist",
    "wheel",
  ]);
  for (const item of report.packages) {
    const bytes = storage.objects.get(`${BUCKET}/${item.storageLocation}`)!;
    assert.equal(item.size, bytes.byteLength);
    assert.match(item.sha256, /^[0-9a-f]{64}$/);
  }
  assert.deepEqual([report.error, report.problems, report.problemCount, report.truncated], [
    null,
    [],
    0,
    [],
  ]);
  assert.deepEqual(storage.calls.map(([operation, , key]) => `${operation} ${key}`), [
    `get ${KEY}`,
    `put ${SDIST}`,
    `put ${WHEEL}`,
    `put ${REPORT}`,
    `head ${KEY}`,
  ]);
});

Deno.test("the report names the version id of a versioned bucket's spec", async () => {
  const { storage, handler } = setup();
  storage.versioned = true;
  storage.seed(BUCKET, KEY, EXAMPLE);
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "built");
  assert.equal(reportOf(storage).spec.versionId, storage.versionOf(BUCKET, KEY)!.versionId);
});

Deno.test("re-delivery of the same event writes the same bytes again", async () => {
  const { storage, handler } = setup();
  storage.seed(BUCKET, KEY, EXAMPLE);
  await handler(snsEvent(BUCKET, KEY), localContext());
  const first = new Map(storage.objects);
  await handler(snsEvent(BUCKET, KEY), localContext());
  assert.deepEqual(storage.objects, first);
});

Deno.test("an invalid spec gets a report listing its problems, no packages, and no throw", async () => {
  const { storage, handler, logs } = setup();
  storage.seed(BUCKET, KEY, '{"components": {"schemas": {}}}');
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "invalid");
  assert.deepEqual(storage.keys(BUCKET), [REPORT, KEY]);
  const report = reportOf(storage);
  assert.equal(report.status, "invalid");
  assert.equal(report.error.type, "SpecValidationError");
  assert.match(report.error.message, /x-tablename/);
  assert.equal(report.problemCount, 1);
  assert.deepEqual(report.problems, [{
    message: report.error.message,
    path: report.error.path,
    pointer: report.problems[0].pointer,
  }]);
  assert.equal(typeof report.problems[0].pointer, "string");
  assert.ok(logs.some((line) => line.level === "WARN" && line.message === "invalid spec"));
});

Deno.test("a report lists the first REPORT_MAX_PROBLEMS problems and counts them all", async () => {
  const others = Array.from({ length: 119 }, (_, index) => ({
    message: `M${index}.id: bad`,
    reason: "bad",
    path: [`M${index}`, "id"],
    pointer: `/components/schemas/M${index}/properties/id`,
  }));
  const { storage, handler } = setup({
    build: () => Promise.reject(new SpecValidationError("first", ["A"], others)),
  });
  storage.seed(BUCKET, KEY, EXAMPLE);
  await handler(snsEvent(BUCKET, KEY), localContext());
  const report = reportOf(storage);
  assert.equal(report.problemCount, 120);
  assert.equal(report.problems.length, DEFAULT_LIMITS.reportMaxProblems);
  assert.deepEqual(report.problems[0], {
    message: "A: first",
    path: ["A"],
    pointer: "/components/schemas/A",
  });
  assert.deepEqual(report.problems[1], {
    message: "M0.id: bad",
    path: ["M0", "id"],
    pointer: "/components/schemas/M0/properties/id",
  });
});

Deno.test("user text in a report is cut to REPORT_TEXT_MAX_LENGTH and flagged", async () => {
  const { storage, handler } = setup({ limits: { ...DEFAULT_LIMITS, reportTextMaxLength: 40 } });
  const spec = JSON.parse(EXAMPLE);
  spec.info.description = "d".repeat(100_000);
  spec.info.title = "short";
  storage.seed(BUCKET, KEY, JSON.stringify(spec));
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  const report = reportOf(storage);
  assert.equal(report.package.description, `${"d".repeat(40)}…`);
  assert.equal(report.package.title, "short");
  assert.deepEqual(report.truncated, ["package.description"]);
  assert.ok(JSON.stringify(result).length < 3000, "the handler's result stays small");
});

Deno.test("a spec gone before it is read, with nothing stored, is logged as missing", async () => {
  const { storage, handler, logs } = setup();
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "missing");
  assert.deepEqual(storage.keys(BUCKET), []);
  assert.ok(logs.some((line) => line.message === "spec no longer exists; nothing to build"));
});

Deno.test("a deleted spec's report and the archives it lists are removed (removal event)", async () => {
  const { storage, handler } = setup();
  storage.seed(BUCKET, KEY, EXAMPLE);
  storage.seed(BUCKET, "user1/employee-db/other.whl", "not ours");
  await handler(snsEvent(BUCKET, KEY), localContext());
  storage.objects.delete(`${BUCKET}/${KEY}`);
  const removal = snsEvent(BUCKET, [KEY, { eventName: "ObjectRemoved:Delete" }]);
  const result = await handler(removal, localContext());
  assert.equal(result.objects[0].status, "deleted");
  assert.deepEqual(storage.keys(BUCKET), ["user1/employee-db/other.whl"]);
});

Deno.test("a spec deleted during the build has its packages and report removed", async () => {
  const { storage, handler } = setup();
  storage.seed(BUCKET, KEY, EXAMPLE);
  storage.beforeOperation = (operation, key) => {
    if (operation === "head" && key === KEY) storage.objects.delete(`${BUCKET}/${KEY}`);
  };
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "deleted");
  assert.deepEqual(storage.keys(BUCKET), []);
});

Deno.test("a spec replaced during the build ends with the new content's packages and report", async () => {
  const { storage, handler, logs } = setup();
  storage.seed(BUCKET, KEY, EXAMPLE);
  let replaced = false;
  storage.beforeOperation = (operation, key) => {
    if (operation === "put" && key === REPORT && !replaced) {
      replaced = true;
      storage.seed(BUCKET, KEY, EXAMPLE_V2);
    }
  };
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "built");
  assert.equal(result.objects[0].rounds, 2);
  const report = reportOf(storage);
  assert.equal(report.spec.eTag, storage.versionOf(BUCKET, KEY)!.eTag);
  assert.equal(report.package.version, "2.0.0");
  assert.ok(storage.keys(BUCKET).includes("user1/employee-db/employee_db-2.0.0-py3-none-any.whl"));
  assert.ok(logs.some((line) => `${line.message}`.startsWith("spec changed during the build")));
});

Deno.test("an event for content already replaced builds the current content, flagged superseded", async () => {
  const { storage, handler } = setup();
  storage.versioned = true;
  storage.seed(BUCKET, KEY, EXAMPLE);
  const old = storage.versionOf(BUCKET, KEY)!;
  storage.seed(BUCKET, KEY, EXAMPLE_V2);
  const event = snsEvent(BUCKET, [KEY, { eTag: old.eTag, versionId: old.versionId! }]);
  const result = await handler(event, localContext());
  assert.equal(result.objects[0].superseded, true);
  assert.equal(reportOf(storage).package.version, "2.0.0");
  const current = storage.versionOf(BUCKET, KEY)!;
  const fresh = snsEvent(BUCKET, [KEY, { eTag: current.eTag, versionId: current.versionId! }]);
  assert.equal((await handler(fresh, localContext())).objects[0].superseded, false);
});

Deno.test("a spec stored again after it was found gone is built", async () => {
  const { storage, handler } = setup();
  let heads = 0;
  storage.beforeOperation = (operation) => {
    if (operation === "head" && heads++ === 0) storage.seed(BUCKET, KEY, EXAMPLE);
  };
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "built");
  assert.equal(result.objects[0].rounds, 2);
});

Deno.test("a spec that changes during every build fails the invocation after MAX_ROUNDS", async () => {
  const { storage, handler } = setup();
  storage.seed(BUCKET, KEY, EXAMPLE);
  let count = 0;
  storage.beforeOperation = (operation) => {
    if (operation === "head") storage.seed(BUCKET, KEY, count++ % 2 ? EXAMPLE : EXAMPLE_V2);
  };
  await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), (error) => {
    assert.ok(error instanceof TransientError);
    assert.match(error.message, new RegExp(`each of ${MAX_ROUNDS} builds`));
    return true;
  });
  assert.equal(count, MAX_ROUNDS);
});

Deno.test("keys that are not spec keys are logged and skipped", async () => {
  const { storage, handler, logs } = setup();
  storage.seed(BUCKET, "user1/notes.txt", "hi");
  const result = await handler(snsEvent(BUCKET, "user1/notes.txt"), localContext());
  assert.deepEqual(result.objects.map((item) => [item.key, item.status, item.report]), [
    ["user1/notes.txt", "skipped", null],
  ]);
  assert.deepEqual(storage.calls, []);
  assert.ok(logs.some((line) => line.message === "skipped object: not a spec key"));
});

Deno.test("several records are each processed, with URL-decoded keys", async () => {
  const { storage, handler } = setup();
  const spaced = "user 2/staff/1-spec.json";
  storage.seed(BUCKET, KEY, EXAMPLE);
  storage.seed(BUCKET, spaced, EXAMPLE);
  const result = await handler(snsEvent(BUCKET, KEY, spaced), localContext());
  assert.deepEqual(result.objects.map((item) => [item.key, item.status]), [
    [KEY, "built"],
    [spaced, "built"],
  ]);
  assert.ok(storage.keys(BUCKET).includes("user 2/staff/staff-1.0.0-py3-none-any.whl"));
});

Deno.test("an event with no records is acknowledged with a warning", async () => {
  const { handler, logs } = setup();
  const result = await handler({ Records: [] }, localContext());
  assert.deepEqual(result, { objects: [], testEvents: 0 });
  assert.ok(
    logs.some((line) => line.level === "WARN" && /names no object/.test(`${line.message}`)),
  );
});

Deno.test("a failing upload makes the invocation fail instead of reporting success", async () => {
  const { storage, handler } = setup();
  storage.seed(BUCKET, KEY, EXAMPLE);
  storage.failing.add("put");
  await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), TransientError);
  assert.equal(storage.text(BUCKET, REPORT), undefined);
});

for (const operation of ["get", "head", "deleteMany"]) {
  Deno.test(`a storage fault in ${operation} propagates so Lambda retries`, async () => {
    const { storage, handler } = setup();
    storage.seed(BUCKET, KEY, EXAMPLE);
    storage.failing.add(operation);
    if (operation === "deleteMany") {
      storage.beforeOperation = (name) => {
        if (name === "head") storage.objects.delete(`${BUCKET}/${KEY}`);
      };
    }
    await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), TransientError);
  });
}

Deno.test("a malformed event throws an EventError naming the field", async () => {
  const { handler } = setup();
  await assert.rejects(handler({ Records: [{ Sns: { Message: 5 } }] }, localContext()), (error) => {
    assert.ok(error instanceof EventError);
    assert.match(error.message, /Records\[0\]\.Sns\.Message must be a string/);
    return true;
  });
});

Deno.test("a builder fault on a spec is a failed report, logged with the error, not a retry", async () => {
  const { storage, handler, logs } = setup({
    build: () => Promise.reject(new RangeError("Maximum call stack size exceeded")),
  });
  storage.seed(BUCKET, KEY, EXAMPLE);
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "failed");
  const report = reportOf(storage);
  assert.equal(report.status, "failed");
  assert.deepEqual(report.error, {
    type: "RangeError",
    message: "The builder failed on this spec: RangeError: Maximum call stack size exceeded",
    path: [],
  });
  const logged = logs.find((line) => line.message === "the builder failed on the spec")!;
  assert.equal(logged.level, "ERROR");
  assert.deepEqual((logged.error as { name: string }).name, "RangeError");
});

Deno.test("20 concurrent invocations of one handler each store exactly their own spec's result", async () => {
  const { storage, handler } = setup();
  const ids = Array.from({ length: 20 }, (_, index) => `spec-${index}`);
  for (const [index, id] of ids.entries()) {
    const spec = JSON.parse(EXAMPLE);
    spec.info.version = `${index}.0.0`;
    spec.info.title = id;
    storage.seed(BUCKET, `u/${id}/1-spec.json`, JSON.stringify(spec));
  }
  const results = await Promise.all(
    ids.map((id) => handler(snsEvent(BUCKET, `u/${id}/1-spec.json`), localContext(id))),
  );
  for (const [index, id] of ids.entries()) {
    const name = id.replace("-", "_");
    assert.equal(results[index].objects[0].status, "built");
    const report = reportOf(storage, `u/${id}/1-build.json`);
    assert.equal(report.package.title, id);
    assert.equal(report.package.version, `${index}.0.0`);
    assert.deepEqual(storage.keys(BUCKET).filter((key) => key.startsWith(`u/${id}/`)), [
      `u/${id}/1-build.json`,
      `u/${id}/1-spec.json`,
      `u/${id}/${name}-${index}.0.0-py3-none-any.whl`,
      `u/${id}/${name}-${index}.0.0.tar.gz`,
    ]);
    const wheel = storage.objects.get(`${BUCKET}/u/${id}/${name}-${index}.0.0-py3-none-any.whl`)!;
    assert.equal(report.packages[1].sha256, sha256Hex(wheel));
  }
});

Deno.test("logs are JSON lines with level, message, request id and key, and no credentials", async () => {
  const { storage, handler, logs } = setup();
  storage.seed(BUCKET, KEY, EXAMPLE);
  await handler(snsEvent(BUCKET, KEY), localContext("req-42"));
  const processed = logs.find((line) => line.message === "processed spec")!;
  assert.equal(processed.level, "INFO");
  assert.equal(processed.function_request_id, "req-42");
  assert.equal(processed.key, KEY);
  assert.equal(typeof processed.durationMs, "number");
  const logger = createLogger((line) => logs.push(JSON.parse(line)));
  logger.info("creds", { secretAccessKey: "abc", nested: { sessionToken: "t" } });
  const { timestamp: _, service: __, ...rest } = logs.at(-1)!;
  assert.deepEqual(rest, {
    level: "INFO",
    message: "creds",
    secretAccessKey: "[redacted]",
    nested: { sessionToken: "[redacted]" },
  });
});

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
