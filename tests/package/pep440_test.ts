import assert from "node:assert/strict";
import { assertValidVersion, normalizeVersion } from "../../src/package/pep440.ts";
import { PackageVersionError } from "../../src/errors.ts";
import fc from "fast-check";
import { runOk } from "../helpers/python.ts";
import { TOOLS_PYTHON } from "../helpers/tools.ts";

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

/** What `packaging.version.Version` makes of each text: its normal form, or null. */
async function packagingVerdicts(texts: readonly string[]): Promise<(string | null)[]> {
  const script = `
import json, sys
from packaging.version import InvalidVersion, Version
verdicts = []
for text in json.load(sys.stdin):
    try:
        verdicts.append(str(Version(text)))
    except (InvalidVersion, ValueError):
        verdicts.append(None)
print(json.dumps(verdicts))`;
  return JSON.parse(await runOk(TOOLS_PYTHON, ["-c", script], { stdin: JSON.stringify(texts) }));
}

/** Characters around a version: Python's white space, JavaScript's, and neither. */
const SURROUNDINGS = [
  ..." \t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029\u202f",
  ..."\u205f\u3000\ufeff\u180e\u200b\x00\x1b\x7f",
  "\r\n",
  " \n\t ",
];

const BODIES = [
  "1.0",
  "v1.0",
  "V2",
  "1.0-RC1",
  "1!2.0.post3.dev4+Local-7",
  "1.0+abc",
  "1.0 beta",
  "",
  "1.0+\u212a",
  "1.0po\u017ft1",
  "1.0+\u0131",
  "\u0661.0",
  "1.0+",
  "1.0.",
  "01.02",
  "1_0",
  "1.0-1",
  "1.0.post-1",
  "1.0ALPHA1",
  "1.0+00abc.007",
  "1.0a.1",
  "1.0+a..b",
  "v",
  "1..0",
  "0+08103168013793693314",
  `1.${"1".repeat(4300)}`,
  `1.${"1".repeat(4301)}`,
  `1.0+${"0".repeat(4301)}`,
  `1.0+a${"1".repeat(5000)}`,
];

/** Every body alone, after and before each surrounding, and between two of them. */
function generatedVersions(): string[] {
  const texts: string[] = [];
  for (const body of BODIES) {
    texts.push(body);
    for (const around of SURROUNDINGS) {
      texts.push(`${around}${body}`, `${body}${around}`, `${around}${body}${around}`);
    }
  }
  const alphabet = fc.constantFrom(..."0123456789.-_+!vVaAbBcCrRpPoOsStTdDeE", ...SURROUNDINGS);
  const random = fc.array(alphabet, { maxLength: 12 }).map((chars) => chars.join(""));
  texts.push(...fc.sample(random, { numRuns: 1500, seed: 440 }));
  return texts;
}

Deno.test("versions are judged and normalised exactly as packaging does, white space included", async () => {
  const texts = generatedVersions();
  const theirs = await packagingVerdicts(texts);
  const differences = texts.flatMap((text, index) => {
    const ours = normalizeVersion(text);
    return ours === theirs[index] ? [] : [{ text, ours, theirs: theirs[index] }];
  });
  assert.deepEqual(differences, []);
  // The corpus holds both verdicts, and the cases the audit found.
  assert.ok(theirs.filter((verdict) => verdict === null).length > 500);
  assert.ok(theirs.filter((verdict) => verdict !== null).length > 500);
  assert.equal(normalizeVersion("\ufeff1.0"), null);
  assert.equal(normalizeVersion("\x851.0\x1c"), "1.0");
});
