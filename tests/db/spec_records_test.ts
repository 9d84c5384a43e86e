/**
 * The builder records every successful build whose spec still exists in `Specs`, and
 * nothing else.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { specRecordWriter } from "../../src/db/spec_records.ts";
import { LocalTableStore } from "../../src/db/local_table_store.ts";
import { Specs } from "../../src/db/specs.ts";
import { createHandler } from "../../src/lambda/handler.ts";
import { localContext } from "../../src/lambda/context.ts";
import { createLogger } from "../../src/log.ts";
import { TransientError } from "../../src/errors.ts";
import { MemoryStorage, snsEvent } from "../helpers/memory_storage.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

const BUCKET = "packages";
const KEY = "user1/Employee_DB/2-spec.json";
const EXAMPLE = await Deno.readTextFile(PROJECT_EXAMPLE);
const NOW_MS = 1_700_000_000_123;

async function withHandler(
  fn: (setup: {
    storage: MemoryStorage;
    specs: Specs;
    handler: ReturnType<typeof createHandler>;
  }) => Promise<void>,
  options: { failing?: boolean } = {},
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "oa-spec-records-" });
  try {
    const storage = new MemoryStorage();
    const specs = new Specs(new LocalTableStore(join(dir, "package-database.json")));
    const write = specRecordWriter(() => Promise.resolve(specs), () => NOW_MS);
    const handler = createHandler({
      storage,
      logger: createLogger(() => {}),
      specRecords: options.failing
        ? () => Promise.reject(new TransientError("Cannot PutItem: injected fault"))
        : write,
    });
    await fn({ storage, specs, handler });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a successful build is recorded with the spec's facts and the build time", () =>
  withHandler(async ({ storage, specs, handler }) => {
    storage.seed(BUCKET, KEY, EXAMPLE);
    const result = await handler(snsEvent(BUCKET, KEY), localContext());
    assert.equal(result.objects[0].status, "built");
    const facts = result.objects[0].report!.package!;
    const expected = {
      sub: "user1",
      id: "employee-db",
      name: "Employee_DB",
      version: facts.version,
      modelCount: facts.modelCount,
      title: facts.title,
      description: facts.description,
      updatedAt: 1_700_000_000,
    };
    assert.ok(expected.modelCount > 0);
    assert.deepEqual(await specs.get("user1", "employee-db"), expected);
    assert.deepEqual(await specs.listVersions("user1", "employee-db"), [expected]);
  }));

Deno.test("an invalid spec leaves no record", () =>
  withHandler(async ({ storage, specs, handler }) => {
    storage.seed(BUCKET, KEY, '{"components": {"schemas": {}}}');
    const result = await handler(snsEvent(BUCKET, KEY), localContext());
    assert.equal(result.objects[0].status, "invalid");
    assert.deepEqual(await specs.list("user1"), []);
  }));

Deno.test("a spec deleted while it builds leaves no record", () =>
  withHandler(async ({ storage, specs, handler }) => {
    storage.seed(BUCKET, KEY, EXAMPLE);
    storage.beforeOperation = (operation) => {
      if (operation === "head") storage.objects.delete(`${BUCKET}/${KEY}`);
    };
    const result = await handler(snsEvent(BUCKET, KEY), localContext());
    assert.equal(result.objects[0].status, "deleted");
    assert.deepEqual(await specs.list("user1"), []);
  }));

Deno.test("a failing record write fails the invocation, so Lambda retries it", () =>
  withHandler(async ({ storage, handler }) => {
    storage.seed(BUCKET, KEY, EXAMPLE);
    await assert.rejects(handler(snsEvent(BUCKET, KEY), localContext()), TransientError);
  }, { failing: true }));
