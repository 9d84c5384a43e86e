/**
 * The `Credentials` table: item layout, the secret stored only as PBKDF2-HMAC-SHA256
 * (checked against Python's hashlib), and every access pattern, on DynamoDB (moto) and
 * on the local file.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { Credentials } from "../../src/db/credentials.ts";
import { DynamoDbTableStore } from "../../src/db/dynamodb_table_store.ts";
import { LocalTableStore } from "../../src/db/local_table_store.ts";
import { PBKDF2_ITERATIONS } from "../../src/db/secret_hash.ts";
import { CredentialsError } from "../../src/errors.ts";
import { createTables, dynamoDbEnv, rawClient, scanRaw } from "../helpers/dynamodb.ts";
import { startMoto } from "../helpers/moto.ts";
import { runOk } from "../helpers/python.ts";

interface Backend {
  credentials: Credentials;
  /** Every item in DynamoDB's typed JSON form (bytes as base64 strings). */
  rawItems(): Promise<Record<string, Record<string, string>>[]>;
}

/** PBKDF2-HMAC-SHA256 by Python's hashlib, hex. */
async function pythonPbkdf2(secret: string, saltBase64: string): Promise<string> {
  const script = "import base64, hashlib, sys; print(hashlib.pbkdf2_hmac('sha256', " +
    "sys.argv[1].encode(), base64.b64decode(sys.argv[2]), int(sys.argv[3])).hex())";
  const output = await runOk("python3", ["-c", script, secret, saltBase64, `${PBKDF2_ITERATIONS}`]);
  return output.trim();
}

function hexOfBase64(text: string): string {
  return Array.from(atob(text), (char) => char.charCodeAt(0).toString(16).padStart(2, "0"))
    .join("");
}

async function checkBackend(t: Deno.TestContext, fresh: () => Promise<Backend>): Promise<void> {
  await t.step(
    "the secret key is returned once; only its salted PBKDF2 hash is stored",
    async () => {
      const { credentials, rawItems } = await fresh();
      const created = await credentials.create("user1", { id: "laptop" });
      assert.match(created.publicKey, /^pk_[A-Za-z0-9_-]{20}$/);
      assert.match(created.secretKey, /^sk_[A-Za-z0-9_-]{43}$/);
      const [item, ...others] = await rawItems();
      assert.deepEqual(others, []);
      assert.deepEqual(Object.keys(item).sort(), [
        "id",
        "public_key",
        "salt",
        "secret_key_hash",
        "sub",
      ]);
      assert.deepEqual(item.sub, { S: "user1" });
      assert.deepEqual(item.id, { S: "laptop" });
      assert.deepEqual(item.public_key, { S: created.publicKey });
      assert.equal(atob(item.salt.B).length, 16);
      assert.equal(atob(item.secret_key_hash.B).length, 32);
      assert.ok(!JSON.stringify(item).includes(created.secretKey.slice(3)));
      assert.equal(
        hexOfBase64(item.secret_key_hash.B),
        await pythonPbkdf2(created.secretKey, item.salt.B),
      );
    },
  );

  await t.step("verification accepts the secret and refuses anything else", async () => {
    const { credentials } = await fresh();
    const created = await credentials.create("user1");
    assert.deepEqual(await credentials.verify(created.publicKey, created.secretKey), {
      sub: "user1",
      id: created.id,
    });
    assert.equal(await credentials.verify(created.publicKey, `${created.secretKey}x`), null);
    assert.equal(await credentials.verify(created.publicKey, ""), null);
    assert.equal(await credentials.verify("pk_unknown", created.secretKey), null);
    const other = await credentials.create("user2");
    assert.equal(await credentials.verify(created.publicKey, other.secretKey), null);
    const found = await credentials.findByPublicKey(other.publicKey);
    assert.equal(found?.sub, "user2");
    assert.equal(found?.id, other.id);
  });

  await t.step("listing and getting show ids and public keys, only the user's", async () => {
    const { credentials } = await fresh();
    const first = await credentials.create("user1", { id: "a" });
    const second = await credentials.create("user1", { id: "b" });
    await credentials.create("user2", { id: "a" });
    assert.deepEqual(await credentials.list("user1"), [
      { id: "a", publicKey: first.publicKey },
      { id: "b", publicKey: second.publicKey },
    ]);
    assert.deepEqual(await credentials.get("user1", "b"), { id: "b", publicKey: second.publicKey });
    assert.equal(await credentials.get("user1", "c"), null);
    assert.deepEqual(await credentials.list("user3"), []);
  });

  await t.step("an id the user already has, or a malformed id, is refused", async () => {
    const { credentials, rawItems } = await fresh();
    const first = await credentials.create("user1", { id: "ci" });
    await assert.rejects(credentials.create("user1", { id: "ci" }), CredentialsError);
    await assert.rejects(credentials.create("user1", { id: "bad id" }), CredentialsError);
    await assert.rejects(credentials.create("user1", { id: "" }), CredentialsError);
    await assert.rejects(credentials.create("", { id: "x" }), CredentialsError);
    const items = await rawItems();
    assert.deepEqual(items.map((item) => item.public_key.S), [first.publicKey]);
  });

  await t.step("deleting one, then all, of a user's credentials", async () => {
    const { credentials } = await fresh();
    const a = await credentials.create("user1", { id: "a" });
    const b = await credentials.create("user1", { id: "b" });
    const kept = await credentials.create("user2", { id: "a" });
    await credentials.delete("user1", "a");
    assert.equal(await credentials.verify(a.publicKey, a.secretKey), null);
    assert.equal((await credentials.verify(b.publicKey, b.secretKey))?.sub, "user1");
    await credentials.deleteAll("user1");
    assert.deepEqual(await credentials.list("user1"), []);
    assert.equal(await credentials.verify(b.publicKey, b.secretKey), null);
    assert.equal((await credentials.verify(kept.publicKey, kept.secretKey))?.sub, "user2");
  });
}

Deno.test({
  name: "Credentials on DynamoDB (moto): item layout, hashing and every access pattern",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const moto = await startMoto();
    const raw = rawClient(moto.endpoint);
    const store = DynamoDbTableStore.fromEnv((name) => dynamoDbEnv(moto.endpoint)[name]);
    try {
      await checkBackend(t, async () => {
        const { credentialsTable } = await createTables(raw);
        return {
          credentials: new Credentials(store, { tableName: credentialsTable }),
          rawItems: async () => {
            const items = await scanRaw(raw, credentialsTable);
            return items.map((item) => {
              const plain: Record<string, Record<string, string>> = {};
              for (const [name, value] of Object.entries(item)) {
                plain[name] = value.B
                  ? { B: btoa(String.fromCharCode(...value.B)) }
                  : value as unknown as Record<string, string>;
              }
              return plain;
            });
          },
        };
      });
    } finally {
      store.destroy();
      raw.destroy();
      await moto.stop();
    }
  },
});

Deno.test("Credentials on the local file: the same layout, hashing and access patterns", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "oa-credentials-" });
  let count = 0;
  try {
    await checkBackend(t, () => {
      const path = join(dir, `db-${++count}`, "package-database.json");
      return Promise.resolve({
        credentials: new Credentials(new LocalTableStore(path)),
        rawItems: async () => {
          const text = await Deno.readTextFile(path).catch(() => '{"tables":{}}');
          return JSON.parse(text).tables.Credentials ?? [];
        },
      });
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
