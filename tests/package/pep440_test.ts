import assert from "node:assert/strict";
import { assertValidVersion, normalizeVersion } from "../../src/package/pep440.ts";
import { PackageVersionError } from "../../src/errors.ts";

// Expected values are what Python's packaging.version.Version(text) prints.
const NORMALISED: [string, string][] = [
  ["0.1", "0.1"],
  ["1.0-alpha", "1.0a0"],
  ["v1.0", "1.0"],
  ["1.0.0-RC1", "1.0.0rc1"],
  ["01.02", "1.2"],
  ["1.0.post", "1.0.post0"],
  ["1.0-1", "1.0.post1"],
  ["1.0+abc.def", "1.0+abc.def"],
  ["1.0.dev", "1.0.dev0"],
  [" 1.0 ", "1.0"],
  ["1!2.0", "1!2.0"],
  ["0!1.0", "1.0"],
  ["1.0+Local-X", "1.0+local.x"],
  ["1.0a", "1.0a0"],
  ["1.0_beta_2", "1.0b2"],
  ["1.0.post-1", "1.0.post1"],
  ["1.0-r5", "1.0.post5"],
  ["1.0+00abc.007", "1.0+00abc.7"],
  ["1.0c1", "1.0rc1"],
  ["1.0.0.0.0", "1.0.0.0.0"],
  ["1.0dev", "1.0.dev0"],
  ["1.0rc1.post2.dev3+x", "1.0rc1.post2.dev3+x"],
  ["1.0preview2", "1.0rc2"],
];

const INVALID = ["", "abc", "ab12", "1.0+", "1.0-", "1..0", "latest", "1.0 beta", "1,0"];

Deno.test("PEP 440 versions are normalised as Python's packaging does", () => {
  for (const [text, expected] of NORMALISED) {
    assert.equal(normalizeVersion(text), expected, JSON.stringify(text));
  }
});

Deno.test("text that is not a PEP 440 version is refused", () => {
  for (const text of INVALID) {
    assert.equal(normalizeVersion(text), null, JSON.stringify(text));
  }
});

Deno.test("an invalid version is a PackageVersionError that names info.version", () => {
  assert.throws(() => assertValidVersion("latest"), (error: unknown) => {
    assert.ok(error instanceof PackageVersionError);
    assert.deepEqual(error.path, ["info", "version"]);
    assert.match(error.message, /"latest" \(info\.version of the spec\) is not a valid PEP 440/);
    return true;
  });
});
