/**
 * End to end on real wire protocols: the builder writes packages to S3 and spec records
 * to DynamoDB (one moto_server serves both), the credentials CLI writes to DynamoDB, and
 * real pip installs by name through the index function (the runtime process, started as
 * the container starts it, behind a local Function URL stand-in).
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { unzipSync } from "fflate";
import { S3Storage } from "../../src/aws/s3_storage.ts";
import { runCredentialsCli } from "../../src/cli/credentials.ts";
import { specRecordsFromEnv } from "../../src/db/spec_records.ts";
import { createHandler } from "../../src/lambda/handler.ts";
import { localContext } from "../../src/lambda/context.ts";
import { createLogger } from "../../src/log.ts";
import { createTables, dynamoDbEnv, rawClient } from "../helpers/dynamodb.ts";
import { startFunctionUrl } from "../helpers/function_url.ts";
import { snsEvent } from "../helpers/memory_storage.ts";
import { startMoto } from "../helpers/moto.ts";
import { run, runOk } from "../helpers/python.ts";
import { sha256Hex } from "../helpers/archives.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

const BUCKET = "packages";
const EXAMPLE = JSON.parse(await Deno.readTextFile(PROJECT_EXAMPLE));

/** The example spec with another version. */
function exampleAt(version: string): string {
  return JSON.stringify({ ...EXAMPLE, info: { ...EXAMPLE.info, version } });
}

interface Created {
  sub: string;
  publicKey: string;
  secretKey: string;
}

Deno.test({
  name: "pip installs a built package by name through the index function on S3 and DynamoDB",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const moto = await startMoto();
    const raw = rawClient(moto.endpoint);
    const work = await Deno.makeTempDir({ prefix: "oa-pip-index-" });
    let index: Awaited<ReturnType<typeof startFunctionUrl>> | null = null;
    try {
      await moto.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
      const tables = await createTables(raw);
      const env: Record<string, string> = {
        ...moto.env,
        ...dynamoDbEnv(moto.endpoint),
        PACKAGE_STORAGE: "s3",
        PACKAGE_BUCKET: BUCKET,
        SPECS_TABLE: tables.specsTable,
        CREDENTIALS_TABLE: tables.credentialsTable,
      };
      const read = (name: string) => env[name];

      // The builder, as deployed: S3 storage and spec records from the environment.
      const builder = createHandler({
        storage: S3Storage.fromEnv(read),
        logger: createLogger(() => {}),
        specRecords: specRecordsFromEnv(read),
      });
      const build = async (key: string, text: string) => {
        await moto.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: text }));
        const result = await builder(snsEvent(BUCKET, key), localContext());
        assert.equal(result.objects[0].status, "built");
      };
      await build("user1/employee/1-spec.json", exampleAt("1.0.0"));
      await build("user2/employee/1-spec.json", exampleAt("2.0.0"));
      await build("user2/payroll/1-spec.json", exampleAt("3.0.0"));

      const credentialsOf = async (sub: string): Promise<Created> => {
        const result = await runCredentialsCli(["create", "--sub", sub, "--json"], read);
        assert.equal(result.code, 0, result.stderr);
        return JSON.parse(result.stdout);
      };
      const user1 = await credentialsOf("user1");
      const user2 = await credentialsOf("user2");

      index = await startFunctionUrl({ ...env, FUNCTION_HANDLER: "index" });
      const host = index.origin.slice("http://".length);
      const indexUrl = (user: { publicKey: string; secretKey: string }) =>
        `http://${user.publicKey}:${user.secretKey}@${host}/simple/`;
      const authorization = (user: Created) => ({
        authorization: `Basic ${btoa(`${user.publicKey}:${user.secretKey}`)}`,
      });

      await runOk("python3", ["-m", "venv", join(work, "venv")]);
      const python = join(work, "venv", "bin", "python");
      const pip = (url: string, name: string) =>
        run(python, [
          "-m",
          "pip",
          "install",
          "--isolated",
          "--disable-pip-version-check",
          "--no-input",
          "--retries",
          "0",
          "--no-deps",
          "--force-reinstall",
          "--index-url",
          url,
          name,
        ]);
      const installedVersion = async () =>
        (await runOk(python, [
          "-c",
          "import importlib.metadata as m; print(m.version('employee'))",
        ])).trim();

      await t.step("pip installs the user's package by name, using PEP 658 metadata", async () => {
        const output = await pip(indexUrl(user1), "employee");
        assert.equal(output.code, 0, output.stdout + output.stderr);
        assert.equal(await installedVersion(), "1.0.0");
        const logs = index!.output();
        assert.match(
          logs,
          /"path":"\/simple\/employee\/employee-1\.0\.0-py3-none-any\.whl\.metadata","status":200/,
        );
        assert.match(
          logs,
          /"path":"\/simple\/employee\/employee-1\.0\.0-py3-none-any\.whl","status":302/,
        );
      });

      await t.step("a non-canonical name redirects and still installs", async () => {
        const output = await pip(indexUrl(user1), "EMPLOYEE");
        assert.equal(output.code, 0, output.stdout + output.stderr);
        const response = await fetch(`${index!.origin}/simple/Employee/`, {
          headers: authorization(user1),
          redirect: "manual",
        });
        await response.body?.cancel();
        assert.equal(response.status, 301);
        assert.equal(response.headers.get("location"), "../employee/");
      });

      await t.step("wrong credentials are refused with 401 and a Basic challenge", async () => {
        const wrong = { publicKey: user1.publicKey, secretKey: `${user1.secretKey}x` };
        const logged = index!.output().length;
        const output = await pip(indexUrl(wrong), "employee");
        assert.notEqual(output.code, 0);
        assert.match(output.stderr, /No matching distribution found for employee/);
        const logs = index!.output().slice(logged);
        assert.match(logs, /"path":"\/simple\/employee\/","status":401/);
        assert.doesNotMatch(logs, /"status":200/);
        const refusals: Record<string, string>[] = [
          {},
          { authorization: `Basic ${btoa(`${user1.publicKey}:nope`)}` },
        ];
        for (const headers of refusals) {
          const response = await fetch(`${index!.origin}/simple/employee/`, { headers });
          await response.body?.cancel();
          assert.equal(response.status, 401);
          assert.match(response.headers.get("www-authenticate") ?? "", /^Basic realm=/);
        }
      });

      await t.step("another user's packages are invisible", async () => {
        const output = await pip(indexUrl(user1), "payroll");
        assert.notEqual(output.code, 0);
        assert.match(output.stdout + output.stderr, /No matching distribution found for payroll/);
        const root = await fetch(`${index!.origin}/simple/`, {
          headers: { ...authorization(user1), accept: "application/vnd.pypi.simple.v1+json" },
        });
        assert.deepEqual((await root.json()).projects, [{ name: "employee" }]);
        const page = await fetch(`${index!.origin}/simple/payroll/`, {
          headers: authorization(user1),
        });
        await page.body?.cancel();
        assert.equal(page.status, 404);
        // user2's own employee (2.0.0) is theirs alone; user1 still gets 1.0.0.
        assert.equal((await pip(indexUrl(user2), "employee")).code, 0);
        assert.equal(await installedVersion(), "2.0.0");
        assert.equal((await pip(indexUrl(user1), "employee")).code, 0);
        assert.equal(await installedVersion(), "1.0.0");
      });

      await t.step(
        "the served core metadata is the wheel's METADATA, hashes included",
        async () => {
          const page = await fetch(`${index!.origin}/simple/employee/`, {
            headers: { ...authorization(user1), accept: "application/vnd.pypi.simple.v1+json" },
          });
          assert.equal(page.headers.get("content-type"), "application/vnd.pypi.simple.v1+json");
          const json = await page.json();
          assert.deepEqual(json.versions, ["1.0.0"]);
          const wheel = json.files.find((file: { filename: string }) =>
            file.filename.endsWith(".whl")
          );
          const metadataUrl = `${index!.origin}/simple/employee/${wheel.url}.metadata`;
          const metadata = new Uint8Array(
            await (await fetch(metadataUrl, { headers: authorization(user1) })).arrayBuffer(),
          );
          assert.equal(await sha256Hex(metadata), wheel["core-metadata"].sha256);
          // The file itself: a redirect to a presigned S3 URL that needs no other credentials.
          const redirect = await fetch(`${index!.origin}/simple/employee/${wheel.url}`, {
            headers: authorization(user1),
            redirect: "manual",
          });
          await redirect.body?.cancel();
          assert.equal(redirect.status, 302);
          const location = new URL(redirect.headers.get("location")!);
          assert.equal(location.origin, moto.endpoint);
          assert.ok(location.searchParams.has("X-Amz-Signature"));
          assert.equal(location.searchParams.get("X-Amz-Expires"), "60");
          const bytes = new Uint8Array(await (await fetch(location)).arrayBuffer());
          assert.equal(await sha256Hex(bytes), wheel.hashes.sha256);
          assert.equal(bytes.byteLength, wheel.size);
          const inWheel = Object.entries(unzipSync(bytes)).find(([name]) =>
            name.endsWith(".dist-info/METADATA")
          )!;
          assert.deepEqual(metadata, inWheel[1]);
        },
      );
    } finally {
      await index?.stop();
      raw.destroy();
      await moto.stop();
      await Deno.remove(work, { recursive: true });
    }
  },
});
