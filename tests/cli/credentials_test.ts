/** `deno task credentials`: create, list and delete a user's index credentials. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { runCredentialsCli } from "../../src/cli/credentials.ts";
import { Credentials } from "../../src/db/credentials.ts";
import { LocalTableStore } from "../../src/db/local_table_store.ts";

async function withStorage(
  fn: (env: (name: string) => string | undefined, dir: string) => Promise<void>,
) {
  const dir = await Deno.makeTempDir({ prefix: "oa-credentials-cli-" });
  try {
    await fn((name) => ({ LOCAL_STORAGE_DIR: dir } as Record<string, string>)[name], dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("create prints the secret once and stores only its hash; list shows ids and public keys", () =>
  withStorage(async (env, dir) => {
    const created = await runCredentialsCli(["create", "--sub", "user1", "--id", "laptop"], env);
    assert.equal(created.code, 0, created.stderr);
    const publicKey = created.stdout.match(/public key: (pk_\S+)/)![1];
    const secretKey = created.stdout.match(/secret key: (sk_\S+)/)![1];
    assert.ok(
      created.stdout.includes(
        `--index-url http://${publicKey}:${secretKey}@127.0.0.1:8080/simple/`,
      ),
    );
    const file = await Deno.readTextFile(join(dir, "package-database.json"));
    assert.ok(!file.includes(secretKey.slice(3)));
    const credentials = new Credentials(new LocalTableStore(join(dir, "package-database.json")));
    assert.deepEqual(await credentials.verify(publicKey, secretKey), {
      sub: "user1",
      id: "laptop",
    });

    const listed = await runCredentialsCli(["list", "--sub", "user1"], env);
    assert.deepEqual(listed, { code: 0, stdout: `laptop\t${publicKey}\n`, stderr: "" });
    const json = await runCredentialsCli(["list", "--sub", "user1", "--json"], env);
    assert.deepEqual(JSON.parse(json.stdout), [{ id: "laptop", publicKey }]);
  }));

Deno.test("a taken or malformed id exits 1 with one line; usage errors exit 2", () =>
  withStorage(async (env) => {
    assert.equal((await runCredentialsCli(["create", "--sub", "u", "--id", "a"], env)).code, 0);
    const taken = await runCredentialsCli(["create", "--sub", "u", "--id", "a"], env);
    assert.equal(taken.code, 1);
    assert.match(
      taken.stderr,
      /^CredentialsError: Cannot create credentials with the id "a": u already has/,
    );
    assert.equal(taken.stderr.trim().split("\n").length, 1);
    assert.equal((await runCredentialsCli(["create", "--sub", "u", "--id", "a b"], env)).code, 1);
    for (
      const args of [
        [],
        ["create"],
        ["rotate", "--sub", "u"],
        ["delete", "--sub", "u"],
        ["delete", "--sub", "u", "--id", "a", "--all"],
        ["list", "--sub", "u", "--id", "a"],
        ["create", "--sub", "u", "--all"],
        ["create", "--sub", "u", "--bogus"],
      ]
    ) {
      const result = await runCredentialsCli(args, env);
      assert.equal(result.code, 2, args.join(" "));
      assert.match(result.stderr, /Usage: deno task credentials/);
    }
    assert.equal((await runCredentialsCli(["--help"], env)).code, 0);
  }));

Deno.test("delete removes one, or all, of the user's credentials", () =>
  withStorage(async (env) => {
    for (const id of ["a", "b", "c"]) {
      await runCredentialsCli(["create", "--sub", "u", "--id", id], env);
    }
    await runCredentialsCli(["create", "--sub", "other", "--id", "a"], env);
    assert.equal((await runCredentialsCli(["delete", "--sub", "u", "--id", "b"], env)).code, 0);
    const ids = async (sub: string) =>
      JSON.parse((await runCredentialsCli(["list", "--sub", sub, "--json"], env)).stdout)
        .map((item: { id: string }) => item.id);
    assert.deepEqual(await ids("u"), ["a", "c"]);
    assert.equal((await runCredentialsCli(["delete", "--sub", "u", "--all"], env)).code, 0);
    assert.deepEqual(await ids("u"), []);
    assert.deepEqual(await ids("other"), ["a"]);
  }));

Deno.test("without a database (S3 storage, no table named) the CLI says what to set", async () => {
  const env = (name: string) => ({ PACKAGE_STORAGE: "s3" } as Record<string, string>)[name];
  const result = await runCredentialsCli(["list", "--sub", "u"], env);
  assert.equal(result.code, 3);
  assert.match(result.stderr, /CREDENTIALS_TABLE/);
});
