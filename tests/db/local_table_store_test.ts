/**
 * The local package database file: concurrent writers lose nothing, a crashed writer's
 * lock is taken over, a file of another format is refused, order is DynamoDB's.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { compareUtf8, LocalTableStore } from "../../src/db/local_table_store.ts";
import { CREDENTIALS_TABLE, SPECS_TABLE } from "../../src/db/tables.ts";
import { TransientError } from "../../src/errors.ts";

const SPECS = { definition: SPECS_TABLE, tableName: "Specs" };
const CREDENTIALS = { definition: CREDENTIALS_TABLE, tableName: "Credentials" };

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "oa-local-db-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("concurrent writers through separate stores lose no item", () =>
  withDir(async (dir) => {
    const path = join(dir, "package-database.json");
    const writes = Array.from({ length: 40 }, (_, index) =>
      new LocalTableStore(path).put(SPECS, { sub: "u", updated_at_id: `k${index}` }));
    await Promise.all(writes);
    const items = await new LocalTableStore(path).query(SPECS, { partition: "u" });
    assert.equal(items.length, 40);
    assert.deepEqual(
      await Array.fromAsync(Deno.readDir(dir), (entry) =>
        entry.name),
      [
        "package-database.json",
      ],
    );
  }));

Deno.test("a lock left by a crashed writer is taken over once stale", () =>
  withDir(async (dir) => {
    const path = join(dir, "package-database.json");
    await Deno.writeTextFile(`${path}.lock`, "");
    const old = new Date(Date.now() - 60_000);
    await Deno.utime(`${path}.lock`, old, old);
    await new LocalTableStore(path).put(SPECS, { sub: "u", updated_at_id: "k" });
    assert.equal((await new LocalTableStore(path).query(SPECS, { partition: "u" })).length, 1);
  }));

Deno.test("a fresh lock held too long fails the write as transient", () =>
  withDir(async (dir) => {
    const path = join(dir, "package-database.json");
    await Deno.writeTextFile(`${path}.lock`, "");
    const store = new LocalTableStore(path, { lockTimeoutMs: 100, staleLockMs: 60_000 });
    await assert.rejects(store.put(SPECS, { sub: "u", updated_at_id: "k" }), TransientError);
  }));

Deno.test("a file of another format is refused, not overwritten", () =>
  withDir(async (dir) => {
    const path = join(dir, "package-database.json");
    await Deno.writeTextFile(path, '{"something": "else"}');
    const store = new LocalTableStore(path);
    await assert.rejects(
      store.query(SPECS, { partition: "u" }),
      /not a openalchemy-package-database/,
    );
    await assert.rejects(store.put(SPECS, { sub: "u", updated_at_id: "k" }));
    assert.equal(await Deno.readTextFile(path), '{"something": "else"}');
  }));

Deno.test("conditional puts refuse an existing key; bytes and numbers round-trip", () =>
  withDir(async (dir) => {
    const store = new LocalTableStore(join(dir, "db.json"));
    const item = { sub: "u", id: "a", public_key: "pk", salt: new Uint8Array([0, 255, 7]), n: 3 };
    assert.equal(await store.put(CREDENTIALS, item, { ifAbsent: true }), true);
    assert.equal(
      await store.put(CREDENTIALS, { ...item, public_key: "other" }, { ifAbsent: true }),
      false,
    );
    assert.deepEqual(await store.get(CREDENTIALS, { sub: "u", id: "a" }), item);
    const found = await store.query(CREDENTIALS, { index: "publicKey", partition: "pk" });
    assert.deepEqual(found, [item]);
  }));

Deno.test("items without an index's key are not in the index (sparse, as DynamoDB)", () =>
  withDir(async (dir) => {
    const store = new LocalTableStore(join(dir, "db.json"));
    await store.put(SPECS, { sub: "u", updated_at_id: "a", id_updated_at: "x#1" });
    await store.put(SPECS, { sub: "u", updated_at_id: "b" });
    const indexed = await store.query(SPECS, { index: "idUpdatedAt", partition: "u" });
    assert.deepEqual(indexed.map((item) => item.updated_at_id), ["a"]);
  }));

Deno.test("sort keys order by UTF-8 bytes, as DynamoDB orders strings", () => {
  // U+FF5E sorts before U+1F600 in UTF-8 but after it in UTF-16 code units.
  assert.ok(compareUtf8("\uff5e", "\u{1f600}") < 0);
  assert.ok("\uff5e" > "\u{1f600}");
  assert.ok(compareUtf8("latest#a", "00000000000000000001#a") > 0);
  assert.equal(compareUtf8("a", "a"), 0);
  assert.ok(compareUtf8("a", "ab") < 0);
});
