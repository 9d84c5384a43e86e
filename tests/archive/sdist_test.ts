import assert from "node:assert/strict";
import { buildSdist } from "../../src/archive/sdist.ts";
import { utf8 } from "../../src/archive/entries.ts";
import { readTarGz } from "../helpers/archives.ts";
import { ARCHIVE_CASES, CACHE_NAME } from "./fixtures.ts";

const { metadata, files } = ARCHIVE_CASES[2];
const cacheName = CACHE_NAME;

Deno.test("sdist is named {name}-{version}.tar.gz with PKG-INFO and pyproject.toml at its root", async () => {
  const sdist = await buildSdist(metadata, files);
  assert.equal(sdist.fileName, "quoted-2.0.post1.tar.gz");
  const names = (await readTarGz(sdist.bytes)).map((member) => member.name);
  assert.deepEqual(names, [
    "quoted-2.0.post1/PKG-INFO",
    "quoted-2.0.post1/pyproject.toml",
    "quoted-2.0.post1/quoted/__init__.py",
    `quoted-2.0.post1/quoted/${cacheName}`,
    "quoted-2.0.post1/quoted/spec.json",
  ]);
});

Deno.test("sdist members are owned by 0:0 with mode 644 and the fixed time stamp", async () => {
  const members = await readTarGz((await buildSdist(metadata, files)).bytes);
  for (const member of members) {
    assert.equal(member.mode, 0o644, member.name);
    assert.equal(member.uid, 0);
    assert.equal(member.gid, 0);
    assert.equal(member.uname ?? "", "");
    assert.equal(member.gname ?? "", "");
    assert.equal(member.mtime, 1451606400);
  }
});

Deno.test("sdist pyproject.toml declares the build system, metadata and package data", async () => {
  const members = await readTarGz((await buildSdist(metadata, files)).bytes);
  const pyproject = members.find((member) => member.name.endsWith("pyproject.toml"))?.text;
  assert.equal(
    pyproject,
    [
      "[build-system]",
      'requires = ["setuptools>=68.1"]',
      'build-backend = "setuptools.build_meta"',
      "",
      "[project]",
      'name = "quoted"',
      'version = "2.0.post1"',
      'description = "Say \\"hi\\"\\\\"',
      'requires-python = ">=3.8"',
      'dependencies = ["OpenAlchemy>=2.5.0"]',
      "",
      "[tool.setuptools]",
      'packages = ["quoted"]',
      "include-package-data = false",
      "",
      "[tool.setuptools.package-data]",
      `quoted = ["${cacheName}", "spec.json"]`,
      "",
    ].join("\n"),
  );
});

Deno.test("sdist PKG-INFO is core metadata 2.4 with the description as its body", async () => {
  const { metadata, files } = ARCHIVE_CASES[0];
  const members = await readTarGz((await buildSdist(metadata, files)).bytes);
  assert.equal(
    members.find((member) => member.name === "employee-1.0.0/PKG-INFO")?.text,
    [
      "Metadata-Version: 2.4",
      "Name: employee",
      "Version: 1.0.0",
      "Summary: Employee database",
      "Requires-Python: >=3.8",
      "Description-Content-Type: text/markdown",
      "Requires-Dist: OpenAlchemy>=2.5.0",
      "",
      "# Employee database",
      "",
      "Somebody the company pays.",
      "",
    ].join("\n"),
  );
});

Deno.test("sdist pyproject.toml gives setuptools the description as readme text, in Markdown", async () => {
  const { metadata, files } = ARCHIVE_CASES[0];
  const members = await readTarGz((await buildSdist(metadata, files)).bytes);
  const pyproject = members.find((member) => member.name.endsWith("pyproject.toml"))?.text ?? "";
  assert.match(
    pyproject,
    /^readme = \{ text = "# Employee database\\n\\nSomebody the company pays\.\\n", content-type = "text\/markdown" \}$/m,
  );
});

Deno.test("sdist bytes are identical across builds", async () => {
  const first = await buildSdist(metadata, files);
  const second = await buildSdist(metadata, files);
  assert.deepEqual(first.bytes, second.bytes);
});

Deno.test("sdist keeps paths longer than 100 bytes intact", async () => {
  const longName = `${"n".repeat(120)}.json`;
  const members = await readTarGz(
    (await buildSdist(metadata, [{ name: longName, bytes: utf8("{}") }])).bytes,
  );
  assert.equal(members.at(-1)?.name, `quoted-2.0.post1/quoted/${longName}`);
});
