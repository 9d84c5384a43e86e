import assert from "node:assert/strict";
import { join } from "node:path";
import { createHandler, type HandlerOptions } from "../../src/lambda/handler.ts";
import { localContext } from "../../src/lambda/context.ts";
import { createLogger } from "../../src/log.ts";
import { EventError, TransientError } from "../../src/errors.ts";
import { MemoryStorage, snsEvent } from "../helpers/memory_storage.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

const BUCKET = "packages";
const KEY = "user1/employee-db/2-spec.json";
const EXAMPLE = await Deno.readTextFile(PROJECT_EXAMPLE);

interface Setup {
  storage: MemoryStorage;
  logs: Record<string, unknown>[];
  buildDir: string;
  handler: ReturnType<typeof createHandler>;
  /** Removes the test's scratch folder. */
  [Symbol.asyncDispose](): Promise<void>;
}

async function setup(options: Partial<HandlerOptions> = {}): Promise<Setup> {
  const storage = new MemoryStorage();
  const logs: Record<string, unknown>[] = [];
  const scratch = await Deno.makeTempDir({ prefix: "oa-handler-" });
  const buildDir = join(scratch, "build");
  const handler = createHandler({
    storage,
    buildDir,
    logger: createLogger((line) => logs.push(JSON.parse(line))),
    ...options,
  });
  const dispose = () => Deno.remove(scratch, { recursive: true });
  return { storage, logs, buildDir, handler, [Symbol.asyncDispose]: dispose };
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("a spec is built and its sdist, wheel and report are stored beside it", async () => {
  await using context = await setup();
  const { storage, handler, buildDir } = context;
  storage.seed(BUCKET, KEY, EXAMPLE);
  const result = await handler(snsEvent(BUCKET, KEY), localContext("req-1"));
  assert.deepEqual(result, {
    objects: [{
      bucket: BUCKET,
      key: KEY,
      status: "built",
      stored: [
        "user1/employee-db/employee_db-1.0.0.tar.gz",
        "user1/employee-db/employee_db-1.0.0-py3-none-any.whl",
        "user1/employee-db/2-build.json",
      ],
      report: result.objects[0].report,
    }],
    testEvents: 0,
  });
  assert.deepEqual(storage.keys(BUCKET), [
    "user1/employee-db/2-build.json",
    KEY,
    "user1/employee-db/employee_db-1.0.0-py3-none-any.whl",
    "user1/employee-db/employee_db-1.0.0.tar.gz",
  ]);
  const report = JSON.parse(storage.text(BUCKET, "user1/employee-db/2-build.json")!);
  assert.deepEqual(result.objects[0].report, report, "the result carries the stored report");
  assert.equal(report.status, "success");
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
  assert.equal(await exists(buildDir), false, "the build folder is removed");
  assert.deepEqual(storage.calls.map(([operation]) => operation), [
    "get",
    "put",
    "put",
    "put",
    "list",
  ]);
});

Deno.test("re-delivery of the same event writes the same bytes again", async () => {
  await using context = await setup();
  const { storage, handler } = context;
  storage.seed(BUCKET, KEY, EXAMPLE);
  await handler(snsEvent(BUCKET, KEY), localContext());
  const first = new Map(storage.objects);
  await handler(snsEvent(BUCKET, KEY), localContext());
  assert.deepEqual(storage.objects, first);
});

Deno.test("an invalid spec gets a report with the reason, no packages, and no throw", async () => {
  await using context = await setup();
  const { storage, handler, logs } = context;
  storage.seed(BUCKET, KEY, '{"components": {"schemas": {}}}');
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "invalid");
  assert.deepEqual(storage.keys(BUCKET), ["user1/employee-db/2-build.json", KEY]);
  const report = JSON.parse(storage.text(BUCKET, "user1/employee-db/2-build.json")!);
  assert.equal(report.status, "invalid");
  assert.equal(report.error.type, "SpecValidationError");
  assert.match(report.error.message, /x-tablename/);
  assert.ok(logs.some((line) => line.level === "warn" && line.message === "invalid spec"));
});

Deno.test("a spec deleted before it is read is logged and nothing is built", async () => {
  await using context = await setup();
  const { storage, handler, logs } = context;
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "missing");
  assert.deepEqual(storage.keys(BUCKET), []);
  assert.ok(logs.some((line) => line.message === "spec no longer exists; nothing to build"));
});

Deno.test("a spec deleted during the build has its packages and report removed", async () => {
  await using context = await setup();
  const { storage, handler } = context;
  storage.seed(BUCKET, KEY, EXAMPLE);
  storage.beforeOperation = (operation) => {
    if (operation === "list") storage.objects.delete(`${BUCKET}/${KEY}`);
  };
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "deleted");
  assert.deepEqual(storage.keys(BUCKET), []);
  assert.equal(storage.calls.at(-1)?.[0], "deleteMany");
});

Deno.test("keys that are not spec keys are logged and skipped", async () => {
  await using context = await setup();
  const { storage, handler, logs } = context;
  storage.seed(BUCKET, "user1/notes.txt", "hi");
  const result = await handler(snsEvent(BUCKET, "user1/notes.txt"), localContext());
  assert.deepEqual(result.objects, [
    { bucket: BUCKET, key: "user1/notes.txt", status: "skipped", stored: [], report: null },
  ]);
  assert.deepEqual(storage.calls, []);
  assert.ok(logs.some((line) => line.message === "skipped object: not a spec key"));
});

Deno.test("several records are each processed, with URL-decoded keys", async () => {
  await using context = await setup();
  const { storage, handler } = context;
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

Deno.test("a failing upload makes the invocation fail instead of reporting success", async () => {
  await using context = await setup();
  const { storage, handler, buildDir } = context;
  storage.seed(BUCKET, KEY, EXAMPLE);
  storage.failing.add("put");
  await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), TransientError);
  assert.equal(storage.text(BUCKET, "user1/employee-db/2-build.json"), undefined);
  assert.equal(await exists(buildDir), false, "the build folder is removed after a failure");
});

for (const operation of ["get", "list", "deleteMany"]) {
  Deno.test(`a storage fault in ${operation} propagates so Lambda retries`, async () => {
    await using context = await setup();
    const { storage, handler } = context;
    storage.seed(BUCKET, KEY, EXAMPLE);
    storage.failing.add(operation);
    if (operation === "deleteMany") {
      storage.beforeOperation = (name) => {
        if (name === "list") storage.objects.delete(`${BUCKET}/${KEY}`);
      };
    }
    await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), TransientError);
  });
}

Deno.test("a malformed event throws an EventError naming the field", async () => {
  await using context = await setup();
  const { handler } = context;
  await assert.rejects(handler({ Records: [{ Sns: { Message: 5 } }] }, localContext()), (error) => {
    assert.ok(error instanceof EventError);
    assert.match(error.message, /Records\[0\]\.Sns\.Message must be a string/);
    return true;
  });
});

Deno.test("a leftover build folder (even a file) is replaced before the build", async () => {
  await using context = await setup();
  const { storage, handler, buildDir } = context;
  await Deno.writeTextFile(buildDir, "stale file where the folder goes");
  storage.seed(BUCKET, KEY, EXAMPLE);
  const result = await handler(snsEvent(BUCKET, KEY), localContext());
  assert.equal(result.objects[0].status, "built");
});

Deno.test("logs are JSON lines with level, message, request id and key, and no credentials", async () => {
  await using context = await setup();
  const { storage, handler, logs } = context;
  storage.seed(BUCKET, KEY, EXAMPLE);
  await handler(snsEvent(BUCKET, KEY), localContext("req-42"));
  const processed = logs.find((line) => line.message === "processed spec")!;
  assert.equal(processed.level, "info");
  assert.equal(processed.requestId, "req-42");
  assert.equal(processed.key, KEY);
  assert.equal(typeof processed.durationMs, "number");
  const logger = createLogger((line) => logs.push(JSON.parse(line)));
  logger.info("creds", { secretAccessKey: "abc", nested: { sessionToken: "t" } });
  assert.deepEqual(logs.at(-1), {
    level: "info",
    message: "creds",
    secretAccessKey: "[redacted]",
    nested: { sessionToken: "[redacted]" },
  });
});
