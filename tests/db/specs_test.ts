/**
 * The `Specs` table's record layout and access patterns, on DynamoDB (moto_server's
 * wire protocol) and on the local file, with the same expectations.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDbTableStore } from "../../src/db/dynamodb_table_store.ts";
import { LocalTableStore } from "../../src/db/local_table_store.ts";
import { type NewSpecRecord, Specs } from "../../src/db/specs.ts";
import { createTables, dynamoDbEnv, rawClient, scanRaw } from "../helpers/dynamodb.ts";
import { startMoto } from "../helpers/moto.ts";

/** A fresh, empty Specs table and a way to read its items back as stored. */
interface Backend {
  specs: Specs;
  /** Every item in DynamoDB's typed JSON form, sorted by sub then sort key. */
  rawItems(): Promise<Record<string, unknown>[]>;
}

const record = (overrides: Partial<NewSpecRecord> = {}): NewSpecRecord => ({
  sub: "user1",
  name: "Employee_DB",
  version: "1.0.0",
  modelCount: 2,
  title: "Employees",
  description: "The employee database",
  updatedAt: 1_700_000_000,
  ...overrides,
});

function sortedItems(items: Record<string, unknown>[]): Record<string, unknown>[] {
  const key = (item: Record<string, unknown>) =>
    `${(item.sub as { S: string }).S}\u0000${(item.updated_at_id as { S: string }).S}`;
  return [...items].sort((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

async function checkBackend(t: Deno.TestContext, fresh: () => Promise<Backend>): Promise<void> {
  await t.step("a build writes the version item and the latest item, exactly", async () => {
    const { specs, rawItems } = await fresh();
    await specs.put(record());
    const common = {
      sub: { S: "user1" },
      id: { S: "employee-db" },
      name: { S: "Employee_DB" },
      version: { S: "1.0.0" },
      model_count: { N: "2" },
      title: { S: "Employees" },
      description: { S: "The employee database" },
      updated_at: { S: "1700000000" },
    };
    assert.deepEqual(await rawItems(), [
      {
        ...common,
        updated_at_id: { S: "00000000001700000000#employee-db" },
        id_updated_at: { S: "employee-db#00000000001700000000" },
      },
      {
        ...common,
        updated_at_id: { S: "latest#employee-db" },
        id_updated_at: { S: "employee-db#latest" },
      },
    ]);
  });

  await t.step("a spec without title and description has neither attribute", async () => {
    const { specs, rawItems } = await fresh();
    await specs.put(record({ title: null, description: null }));
    for (const item of await rawItems()) {
      assert.deepEqual(Object.keys(item).sort(), [
        "id",
        "id_updated_at",
        "model_count",
        "name",
        "sub",
        "updated_at",
        "updated_at_id",
        "version",
      ]);
    }
    const read = await specs.get("user1", "employee-db");
    assert.equal(read?.title, null);
    assert.equal(read?.description, null);
  });

  await t.step("the latest item follows the newest build; every build keeps its item", async () => {
    const { specs } = await fresh();
    await specs.put(record({ version: "1.0.0", updatedAt: 1_700_000_000 }));
    await specs.put(record({ version: "1.1.0", modelCount: 3, updatedAt: 1_700_000_100 }));
    assert.equal(await specs.latestVersion("user1", "Employee_DB"), "1.1.0");
    assert.equal(await specs.latestVersion("user1", "employee.db"), "1.1.0");
    assert.equal(await specs.latestVersion("user1", "unknown"), null);
    const versions = await specs.listVersions("user1", "EMPLOYEE-DB");
    assert.deepEqual(versions.map((item) => [item.version, item.updatedAt]), [
      ["1.0.0", 1_700_000_000],
      ["1.1.0", 1_700_000_100],
    ]);
    assert.deepEqual(await specs.get("user1", "employee_db"), {
      sub: "user1",
      id: "employee-db",
      name: "Employee_DB",
      version: "1.1.0",
      modelCount: 3,
      title: "Employees",
      description: "The employee database",
      updatedAt: 1_700_000_100,
    });
    assert.equal(await specs.get("user2", "employee-db"), null);
  });

  await t.step("versions are ordered by time even across a change in digit count", async () => {
    const { specs } = await fresh();
    await specs.put(record({ version: "2.0.0", updatedAt: 10_000_000_000 }));
    await specs.put(record({ version: "1.0.0", updatedAt: 999_999_999 }));
    const versions = await specs.listVersions("user1", "employee-db");
    assert.deepEqual(versions.map((item) => item.version), ["1.0.0", "2.0.0"]);
  });

  await t.step("a user's model count sums the latest model counts of their specs", async () => {
    const { specs } = await fresh();
    await specs.put(record({ name: "a", modelCount: 2, updatedAt: 1 }));
    await specs.put(record({ name: "a", modelCount: 3, updatedAt: 2 }));
    await specs.put(record({ name: "b", modelCount: 5, updatedAt: 3 }));
    await specs.put(record({ sub: "user2", name: "c", modelCount: 7, updatedAt: 4 }));
    assert.equal(await specs.countModels("user1"), 8);
    assert.equal(await specs.countModels("user2"), 7);
    assert.equal(await specs.countModels("user3"), 0);
  });

  await t.step("a user's specs are listed by id, latest build each, no one else's", async () => {
    const { specs } = await fresh();
    await specs.put(record({ name: "zeta", version: "1", updatedAt: 1 }));
    await specs.put(record({ name: "alpha", version: "1", updatedAt: 2 }));
    await specs.put(record({ name: "alpha", version: "2", updatedAt: 3 }));
    await specs.put(record({ sub: "user2", name: "other", updatedAt: 4 }));
    const listed = await specs.list("user1");
    assert.deepEqual(listed.map((item) => [item.id, item.version]), [["alpha", "2"], [
      "zeta",
      "1",
    ]]);
    assert.deepEqual((await specs.list("user2")).map((item) => item.id), ["other"]);
  });

  await t.step("a spec's versions do not include a spec whose id extends it", async () => {
    const { specs } = await fresh();
    await specs.put(record({ name: "employee", updatedAt: 1 }));
    await specs.put(record({ name: "employee-db", updatedAt: 2 }));
    const versions = await specs.listVersions("user1", "employee");
    assert.deepEqual(versions.map((item) => item.id), ["employee"]);
  });

  await t.step("deleting a spec removes all its items and nothing else", async () => {
    const { specs, rawItems } = await fresh();
    await specs.put(record({ name: "employee", updatedAt: 1 }));
    await specs.put(record({ name: "employee", updatedAt: 2 }));
    await specs.put(record({ name: "employee-db", updatedAt: 3 }));
    await specs.delete("user1", "Employee");
    assert.equal(await specs.get("user1", "employee"), null);
    assert.deepEqual(await specs.listVersions("user1", "employee"), []);
    const ids = (await rawItems()).map((item) => (item.id as { S: string }).S);
    assert.deepEqual(ids, ["employee-db", "employee-db"]);
  });

  await t.step("deleting all of a user's specs leaves other users' specs", async () => {
    const { specs, rawItems } = await fresh();
    for (let index = 0; index < 30; index++) {
      await specs.put(record({ name: `spec-${index}`, updatedAt: index }));
    }
    await specs.put(record({ sub: "user2", name: "kept", updatedAt: 100 }));
    await specs.deleteAll("user1");
    assert.deepEqual(await specs.list("user1"), []);
    const subs = (await rawItems()).map((item) => (item.sub as { S: string }).S);
    assert.deepEqual(subs, ["user2", "user2"]);
  });
}

Deno.test({
  name: "Specs on DynamoDB (moto): exact record layout and every access pattern",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const moto = await startMoto();
    const raw: DynamoDBClient = rawClient(moto.endpoint);
    const store = DynamoDbTableStore.fromEnv((name) => dynamoDbEnv(moto.endpoint)[name]);
    try {
      await checkBackend(t, async () => {
        const { specsTable } = await createTables(raw);
        return {
          specs: new Specs(store, specsTable),
          rawItems: async () => sortedItems(await scanRaw(raw, specsTable)),
        };
      });
    } finally {
      store.destroy();
      raw.destroy();
      await moto.stop();
    }
  },
});

Deno.test("Specs on the local file: the same record layout and access patterns", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "oa-specs-" });
  let count = 0;
  try {
    await checkBackend(t, () => {
      const path = join(dir, `db-${++count}`, "package-database.json");
      return Promise.resolve({
        specs: new Specs(new LocalTableStore(path)),
        rawItems: async () => {
          const file = JSON.parse(await Deno.readTextFile(path));
          return sortedItems(file.tables.Specs);
        },
      });
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
