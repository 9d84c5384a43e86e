import assert from "node:assert/strict";
import { join } from "node:path";
import { EXIT, runCli } from "../../src/cli/main.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

Deno.test("--help prints the usage and exits 0", async () => {
  const result = await runCli(["--help"]);
  assert.equal(result.code, EXIT.ok);
  assert.match(result.stdout, /^Usage: deno task build \[SPEC\]/);
});

Deno.test("the CLI builds a spec and prints [{storageLocation, path}] as JSON", async () => {
  const out = await Deno.makeTempDir({ prefix: "oa-cli-" });
  try {
    const result = await runCli([
      PROJECT_EXAMPLE,
      "--out",
      out,
      "--key",
      "me/staff-db/2-spec.json",
    ]);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), [
      {
        storageLocation: "me/staff-db/staff_db-1.0.0.tar.gz",
        path: join(out, "staff_db-1.0.0.tar.gz"),
      },
      {
        storageLocation: "me/staff-db/staff_db-1.0.0-py3-none-any.whl",
        path: join(out, "staff_db-1.0.0-py3-none-any.whl"),
      },
    ]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("without a spec the CLI builds the bundled example, named after its file", async () => {
  const out = await Deno.makeTempDir({ prefix: "oa-cli-" });
  try {
    const result = await runCli(["--out", out, "--format", "wheel"]);
    assert.equal(result.code, EXIT.ok, result.stderr);
    assert.deepEqual(
      JSON.parse(result.stdout).map((item: { storageLocation: string }) => item.storageLocation),
      [
        "local/employee/employee-1.0.0-py3-none-any.whl",
      ],
    );
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("SOURCE_DATE_EPOCH changes the archive time stamps", async () => {
  const out = await Deno.makeTempDir({ prefix: "oa-cli-" });
  try {
    const plain = await runCli([PROJECT_EXAMPLE, "--out", join(out, "a"), "--format", "wheel"]);
    const dated = await runCli([PROJECT_EXAMPLE, "--out", join(out, "b"), "--format", "wheel"], {
      sourceDateEpoch: "1700000000",
    });
    const [plainPath, datedPath] = [plain, dated].map((result) =>
      JSON.parse(result.stdout)[0].path
    );
    assert.notDeepEqual(await Deno.readFile(plainPath), await Deno.readFile(datedPath));
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("SOURCE_DATE_EPOCH=0 builds, with every entry at 1980-01-01 (clamped)", async () => {
  const out = await Deno.makeTempDir({ prefix: "oa-cli-" });
  try {
    const result = await runCli([PROJECT_EXAMPLE, "--out", out, "--format", "wheel"], {
      sourceDateEpoch: "0",
    });
    assert.equal(result.code, EXIT.ok, result.stderr);
    const wheel = await Deno.readFile(JSON.parse(result.stdout)[0].path);
    const date = new DataView(wheel.buffer).getUint16(12, true);
    assert.deepEqual([(date >> 9) + 1980, (date >> 5) & 15, date & 31], [1980, 1, 1]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("a SOURCE_DATE_EPOCH that is not a decimal integer is bad usage, found before any work", async () => {
  for (const value of ["0x10", "1.7e9", "99999999999"]) {
    // The spec does not exist: the time stamp is refused before it is looked for.
    const result = await runCli(["no-such-spec.json"], { sourceDateEpoch: value });
    assert.equal(result.code, EXIT.usage, value);
    assert.match(result.stderr, /^error: Cannot use SOURCE_DATE_EPOCH=/, value);
  }
});

Deno.test("a bad spec prints one line naming the problem and exits 1, without a stack trace", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oa-cli-" });
  try {
    const specPath = join(dir, "bad-spec.json");
    await Deno.writeTextFile(specPath, '{"components": {"schemas": {}}}');
    const result = await runCli([specPath]);
    assert.equal(result.code, EXIT.badInput);
    assert.equal(result.stdout, "");
    assert.equal(result.stderr.trimEnd().split("\n").length, 1);
    assert.match(result.stderr, /^SpecValidationError: .*x-tablename/);
    assert.doesNotMatch(result.stderr, /\bat .*\.ts:\d+/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a spec with many problems prints one line each, the first 50, then how many more", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oa-cli-" });
  try {
    const properties: Record<string, unknown> = { id: { type: "integer", "x-primary-key": true } };
    for (let index = 0; index < 60; index++) properties[`p${index}`] = { type: "bogus" };
    const spec = {
      components: { schemas: { T: { type: "object", "x-tablename": "t", properties } } },
    };
    const specPath = join(dir, "bad-spec.json");
    await Deno.writeTextFile(specPath, JSON.stringify(spec));
    const result = await runCli([specPath]);
    assert.equal(result.code, EXIT.badInput);
    const lines = result.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 51);
    assert.equal(lines[0], "SpecValidationError: T.p0: bogus is not a supported type");
    assert.equal(lines[49], "SpecValidationError: T.p49: bogus is not a supported type");
    assert.equal(lines[50], "and 10 more problems");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bad usage exits 2 with the usage text", async () => {
  for (const args of [["--nope"], ["a.json", "b.json"], ["--format", "egg"]]) {
    const result = await runCli(args);
    assert.equal(result.code, EXIT.usage, args.join(" "));
    assert.match(result.stderr, /^error: /);
  }
});

Deno.test("deno task build runs the CLI as a program", async () => {
  const out = await Deno.makeTempDir({ prefix: "oa-cli-" });
  try {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["task", "-q", "build", "--out", out],
      cwd: new URL("../../", import.meta.url),
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    assert.equal(JSON.parse(new TextDecoder().decode(output.stdout)).length, 2);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
