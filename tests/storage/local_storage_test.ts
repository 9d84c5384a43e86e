import assert from "node:assert/strict";
import { LocalStorage } from "../../src/storage/local_storage.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

Deno.test("local storage keeps one folder per bucket with keys as paths", async () => {
  const root = await Deno.makeTempDir({ prefix: "oa-local-" });
  try {
    const storage = new LocalStorage(root);
    await storage.put("b", "u/s/1-spec.json", bytes("{}"), "application/json");
    await storage.put("b", "u/s/1-spec.json.bak", bytes("old"), "application/json");
    await storage.put("b", "u/t/2-spec.json", bytes("[]"), "application/json");
    assert.deepEqual(await storage.get("b", "u/s/1-spec.json"), {
      version: { eTag: '"99914b932bd37a50b983c5e7c90ae93b"', versionId: null, size: 2 },
      bytes: bytes("{}"),
    });
    assert.equal(await storage.get("b", "u/s/none"), null);
    assert.equal(await storage.get("other", "u/s/1-spec.json"), null);
    assert.deepEqual(await storage.list("b", "u/s/"), ["u/s/1-spec.json", "u/s/1-spec.json.bak"]);
    assert.deepEqual(await storage.list("b", "u/", 1), ["u/s/1-spec.json"]);
    assert.deepEqual(await storage.list("missing", ""), []);
    await storage.deleteMany("b", ["u/s/1-spec.json", "never/there"]);
    assert.equal(await storage.get("b", "u/s/1-spec.json"), null);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("local storage refuses keys and buckets that leave its folder", async () => {
  const root = await Deno.makeTempDir({ prefix: "oa-local-" });
  try {
    const storage = new LocalStorage(root);
    await assert.rejects(storage.get("b", "../../etc/passwd"), /leaves the bucket/);
    await assert.rejects(storage.put("..", "x", bytes(""), "text/plain"), /invalid bucket name/);
    await assert.rejects(storage.get("a/b", "x"), /invalid bucket name/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("local storage gives an object's ETag (MD5), answers If-Match, and skips large bodies", async () => {
  const root = await Deno.makeTempDir({ prefix: "oa-local-" });
  try {
    const storage = new LocalStorage(root);
    await storage.put("b", "k", bytes("{}"), "application/json");
    await storage.put("b", "u/s", bytes("{}"), "application/json");
    const head = await storage.head("b", "k");
    assert.deepEqual(head, {
      eTag: '"99914b932bd37a50b983c5e7c90ae93b"',
      versionId: null,
      size: 2,
    });
    assert.deepEqual(
      await storage.head("b", "k", { ifMatch: '"99914b932bd37a50b983c5e7c90ae93b"' }),
      head,
    );
    assert.equal(await storage.head("b", "k", { ifMatch: '"other"' }), "changed");
    assert.equal(await storage.head("b", "none"), "missing");
    assert.equal(await storage.head("b", "u"), "missing", "a folder is no object");
    await storage.put("b", "big", bytes("x".repeat(100)), "text/plain");
    assert.deepEqual(await storage.get("b", "big", { maxBytes: 99 }), {
      version: { eTag: '"aed563ecafb4bcc5654c597a421547b2"', versionId: null, size: 100 },
      bytes: null,
    });
    assert.equal((await storage.get("b", "big", { maxBytes: 100 }))?.bytes?.length, 100);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
