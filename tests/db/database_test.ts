/** Which package database the environment names. */

import assert from "node:assert/strict";
import { databaseLocation } from "../../src/db/database.ts";

const locate = (env: Record<string, string>) => databaseLocation((name) => env[name]);

Deno.test("DynamoDB when asked for or when a table is named, with default table names", () => {
  assert.deepEqual(locate({ PACKAGE_DATABASE: "dynamodb" }), {
    kind: "dynamodb",
    specsTable: "Specs",
    credentialsTable: "Credentials",
  });
  assert.deepEqual(locate({ SPECS_TABLE: "s", CREDENTIALS_TABLE: "c", PACKAGE_STORAGE: "s3" }), {
    kind: "dynamodb",
    specsTable: "s",
    credentialsTable: "c",
  });
});

Deno.test("the local file in the local storage folder for local runs", () => {
  assert.deepEqual(locate({}), { kind: "local", path: ".storage/package-database.json" });
  assert.deepEqual(locate({ LOCAL_STORAGE_DIR: "/data" }), {
    kind: "local",
    path: "/data/package-database.json",
  });
  assert.deepEqual(locate({ PACKAGE_DATABASE: "local", SPECS_TABLE: "s" }), {
    kind: "local",
    path: ".storage/package-database.json",
  });
});

Deno.test("none with S3 storage and no table named; an unknown choice is refused", () => {
  assert.equal(locate({ PACKAGE_STORAGE: "s3" }), null);
  assert.equal(locate({ AWS_ENDPOINT_URL_S3: "http://127.0.0.1:1" }), null);
  assert.throws(() => locate({ PACKAGE_DATABASE: "postgres" }), /expected "dynamodb" or "local"/);
});
