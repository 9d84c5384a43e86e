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
    assert.deepEqual(await storage.get("b", "u/s/1-spec.json"), bytes("{}"));
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
