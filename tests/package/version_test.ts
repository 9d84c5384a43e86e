import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { infoText, specVersionOf } from "../../src/package/version.ts";
import { PackageVersionError } from "../../src/errors.ts";

/** Schemas whose hash is all decimal digits with a leading zero (found by search). */
const DECIMAL_HASH_SCHEMAS = '{"Employee":{"x-n":855}}';

Deno.test("a string info.version is kept for spec.json and normalised for the archives", () => {
  assert.deepEqual(specVersionOf({ version: "v1.0-RC1" }, "{}"), {
    specVersion: "v1.0-RC1",
    packageVersion: "1.0rc1",
  });
});

Deno.test("without info.version the archives carry the schemas' hash as the local version 0+hash", () => {
  const schemas = '{"Employee":{"type":"object"}}';
  const hash = createHash("sha1").update(`{"components":{"schemas":${schemas}}}`).digest("hex")
    .slice(0, 20);
  assert.deepEqual(specVersionOf({}, schemas), { specVersion: hash, packageVersion: `0+${hash}` });
  assert.deepEqual(specVersionOf({ version: 1 }, schemas).specVersion, hash);
});

Deno.test("a hash of decimal digits only loses its leading zeros in the local version, as packaging writes it", () => {
  const { specVersion, packageVersion } = specVersionOf({}, DECIMAL_HASH_SCHEMAS);
  assert.equal(specVersion, "08103168013793693314");
  assert.equal(packageVersion, "0+8103168013793693314");
});

Deno.test("a string info.version that is not PEP 440 is a PackageVersionError", () => {
  assert.throws(() => specVersionOf({ version: "latest" }, "{}"), PackageVersionError);
});

Deno.test("title and description are read only when they are strings", () => {
  assert.equal(infoText({ title: "T", description: 3 }, "title"), "T");
  assert.equal(infoText({ title: "T", description: 3 }, "description"), null);
});
