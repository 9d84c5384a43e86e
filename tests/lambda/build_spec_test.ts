import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { buildSpec } from "../../src/lambda/build_spec.ts";
import { DEFAULT_LIMITS, LimitError, type Limits } from "../../src/lambda/limits.ts";
import { parseSpecKey } from "../../src/package/spec_key.ts";
import { buildPackageSet } from "../../src/build_packages.ts";
import { SpecKeyError } from "../../src/errors.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

const EXAMPLE = await Deno.readFile(PROJECT_EXAMPLE);

function specWith(info: Record<string, unknown>): Uint8Array {
  const spec = JSON.parse(new TextDecoder().decode(EXAMPLE));
  spec.info = { ...spec.info, ...info };
  return new TextEncoder().encode(JSON.stringify(spec));
}

function build(key: string, bytes: Uint8Array = EXAMPLE, limits: Limits = DEFAULT_LIMITS) {
  return buildSpec({ key: parseSpecKey(key), bytes, limits });
}

async function limitOf(promise: Promise<unknown>): Promise<[string, number, number, string[]]> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LimitError, String(error));
    return [error.limit, error.maximum, error.actual, [...error.path]];
  }
  throw new Error("expected a LimitError");
}

Deno.test("the in-memory build gives the same archives as the file build", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oa-build-spec-" });
  try {
    const built = await build("user1/employee/1-spec.json");
    const specPath = `${dir}/spec.json`;
    await Deno.writeFile(specPath, EXAMPLE);
    const files = await buildPackageSet({ specKey: "user1/employee/1-spec.json", specPath });
    assert.deepEqual(
      built.archives.map((item) => [item.storageLocation, item.format, item.sha256, item.size]),
      files.packages.map((item) => [item.storageLocation, item.format, item.sha256, item.size]),
    );
    for (const archive of built.archives) {
      assert.equal(archive.sha256, createHash("sha256").update(archive.bytes).digest("hex"));
    }
    assert.deepEqual([built.name, built.version, built.modelCount], ["employee", "1.0.0", 1]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a spec id or key version beyond its limit is refused before any work", async () => {
  assert.deepEqual(await limitOf(build(`u/${"a".repeat(101)}/1-spec.json`)), [
    "SPEC_ID_MAX_LENGTH",
    100,
    101,
    ["specKey", "specId"],
  ]);
  assert.deepEqual(await limitOf(build(`u/s/${"1".repeat(261)}-spec.json`)), [
    "SPEC_VERSION_MAX_LENGTH",
    100,
    261,
    ["specKey", "version"],
  ]);
  assert.ok(await build(`u/${"a".repeat(100)}/${"1".repeat(100)}-spec.json`));
});

Deno.test("a package version beyond PACKAGE_VERSION_MAX_LENGTH is refused", async () => {
  const long = specWith({ version: Array(131).fill("1").join(".") });
  assert.deepEqual(await limitOf(build("u/s/1-spec.json", long)), [
    "PACKAGE_VERSION_MAX_LENGTH",
    64,
    261,
    ["info", "version"],
  ]);
});

Deno.test("spec bytes beyond SPEC_MAX_BYTES are refused", async () => {
  const limits = { ...DEFAULT_LIMITS, specMaxBytes: 100 };
  assert.deepEqual(await limitOf(build("u/s/1-spec.json", EXAMPLE, limits)), [
    "SPEC_MAX_BYTES",
    100,
    EXAMPLE.byteLength,
    [],
  ]);
});

Deno.test("archive keys longer than S3 allows are refused (here the wheel's, by one byte)", async () => {
  const limits = { ...DEFAULT_LIMITS, specIdMaxLength: 1000 };
  const key = `${"u".repeat(400)}/${"s".repeat(300)}/1-spec.json`;
  assert.deepEqual(await limitOf(build(key, EXAMPLE, limits)), [
    "S3's key length",
    1024,
    1025,
    ["specKey"],
  ]);
});

Deno.test("a spec id that cannot name a Python package is a SpecKeyError", async () => {
  await assert.rejects(build("u/1-bad/1-spec.json"), SpecKeyError);
});

Deno.test("the parser's limits come from the function's limits", async () => {
  const deep = new TextEncoder().encode(`{"a": ${"[".repeat(40)}${"]".repeat(40)}}`);
  const limits = { ...DEFAULT_LIMITS, specMaxDepth: 20 };
  await assert.rejects(build("u/s/1-spec.json", deep, limits), /maxDepth/);
  const yaml = new TextEncoder().encode(
    "base: &b [1, 2, 3, 4]\nx: [*b, *b, *b]\ncomponents: {schemas: {}}\n",
  );
  const few = { ...DEFAULT_LIMITS, specMaxAliasExpansion: 5 };
  await assert.rejects(build("u/s/1-spec.json", yaml, few), /maxAliasExpansion/);
});

Deno.test("a spec whose YAML aliases expand it beyond SPEC_MAX_BYTES is refused", async () => {
  const yaml = `big: &big "${"a".repeat(1000)}"\nx: [${Array(50).fill("*big").join(", ")}]\n`;
  const limits = { ...DEFAULT_LIMITS, specMaxBytes: 10_000 };
  const [limit, maximum, actual] = await limitOf(
    build("u/s/1-spec.json", new TextEncoder().encode(yaml), limits),
  );
  assert.deepEqual([limit, maximum], ["SPEC_MAX_BYTES", 10_000]);
  assert.ok(actual > 10_000);
});
