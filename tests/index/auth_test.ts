/** Basic authentication against Credentials, and what a warm process remembers. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { Credentials, type StoredCredentials } from "../../src/db/credentials.ts";
import { LocalTableStore } from "../../src/db/local_table_store.ts";
import { Authenticator, type CredentialsLookup, parseBasicAuth } from "../../src/index/auth.ts";

const basic = (user: string, password: string) =>
  `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${user}:${password}`)))}`;

Deno.test("Basic headers are parsed strictly: scheme, base64, UTF-8, a colon after a user", () => {
  assert.deepEqual(parseBasicAuth(basic("pk", "s:e:c")), { user: "pk", password: "s:e:c" });
  assert.deepEqual(parseBasicAuth(`basic ${btoa("pk:")}`), { user: "pk", password: "" });
  assert.deepEqual(parseBasicAuth(basic("pk", "é")), { user: "pk", password: "é" });
  for (const header of [null, "", "Basic", "Bearer abc", `Basic ${btoa(":secret")}`, "Basic %%%"]) {
    assert.equal(parseBasicAuth(header), null, String(header));
  }
  assert.equal(parseBasicAuth(`Basic ${btoa("pk:\xff")}`), null, "not UTF-8");
});

async function withCredentials(
  fn: (lookup: CredentialsLookup & { hashes: number }, credentials: Credentials) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "oa-auth-" });
  try {
    const credentials = new Credentials(new LocalTableStore(join(dir, "db.json")));
    const lookup = {
      hashes: 0,
      findByPublicKey: (publicKey: string) => credentials.findByPublicKey(publicKey),
      matches(stored: StoredCredentials, secretKey: string) {
        lookup.hashes++;
        return credentials.matches(stored, secretKey);
      },
    };
    await fn(lookup, credentials);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("a verified secret is remembered: later requests hash nothing, wrong ones still fail", () =>
  withCredentials(async (lookup, credentials) => {
    const created = await credentials.create("user1", { id: "ci" });
    const auth = new Authenticator(lookup);
    const header = basic(created.publicKey, created.secretKey);
    assert.deepEqual(await auth.authenticate(header), { sub: "user1", credentialsId: "ci" });
    assert.equal(lookup.hashes, 1);
    assert.deepEqual(await auth.authenticate(header), { sub: "user1", credentialsId: "ci" });
    assert.equal(lookup.hashes, 1);
    assert.equal(await auth.authenticate(basic(created.publicKey, `${created.secretKey}!`)), null);
    assert.equal(lookup.hashes, 2);
    assert.deepEqual(await auth.authenticate(header), { sub: "user1", credentialsId: "ci" });
    assert.equal(lookup.hashes, 2);
  }));

Deno.test("deleted credentials are refused at once, even when remembered", () =>
  withCredentials(async (lookup, credentials) => {
    const created = await credentials.create("user1");
    const auth = new Authenticator(lookup);
    const header = basic(created.publicKey, created.secretKey);
    assert.ok(await auth.authenticate(header));
    await credentials.delete("user1", created.id);
    assert.equal(await auth.authenticate(header), null);
  }));

Deno.test("an unknown public key is refused without hashing", () =>
  withCredentials(async (lookup) => {
    const auth = new Authenticator(lookup);
    assert.equal(await auth.authenticate(basic("pk_unknown", "sk_x")), null);
    assert.equal(lookup.hashes, 0);
  }));

Deno.test("the memory is bounded: the least recently used credentials are hashed again", () =>
  withCredentials(async (lookup, credentials) => {
    const auth = new Authenticator(lookup, 2);
    const users = [];
    for (const sub of ["a", "b", "c"]) users.push(await credentials.create(sub));
    for (const user of users) await auth.authenticate(basic(user.publicKey, user.secretKey));
    assert.equal(lookup.hashes, 3);
    await auth.authenticate(basic(users[2].publicKey, users[2].secretKey));
    assert.equal(lookup.hashes, 3);
    await auth.authenticate(basic(users[0].publicKey, users[0].secretKey));
    assert.equal(lookup.hashes, 4);
  }));
