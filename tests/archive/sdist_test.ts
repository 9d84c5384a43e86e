import assert from "node:assert/strict";
import { buildSdist } from "../../src/archive/sdist.ts";
import { utf8 } from "../../src/archive/entries.ts";
import { readTarGz } from "../helpers/archives.ts";

const metadata = { name: "employee", version: "2.0.post1", summary: 'Say "hi"\\' };
const cacheName = `__open_alchemy_${"a".repeat(64)}_cache__`;
const files = [
  { name: "__init__.py", bytes: utf8("x = 1\n") },
  { name: cacheName, bytes: utf8("{}") },
  { name: "spec.json", bytes: utf8("{}") },
];

Deno.test("sdist is named {name}-{version}.tar.gz with PKG-INFO and pyproject.toml at its root", async () => {
  const sdist = await buildSdist(metadata, files);
  assert.equal(sdist.fileName, "employee-2.0.post1.tar.gz");
  const names = (await readTarGz(sdist.bytes)).map((member) => member.name);
  assert.deepEqual(names, [
    "employee-2.0.post1/PKG-INFO",
    "employee-2.0.post1/pyproject.toml",
    "employee-2.0.post1/employee/__init__.py",
    `employee-2.0.post1/employee/${cacheName}`,
    "employee-2.0.post1/employee/spec.json",
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
      'requires = ["setuptools>=61"]',
      'build-backend = "setuptools.build_meta"',
      "",
      "[project]",
      'name = "employee"',
      'version = "2.0.post1"',
      'description = "Say \\"hi\\"\\\\"',
      'requires-python = ">=3.8"',
      'dependencies = ["OpenAlchemy"]',
      "",
      "[tool.setuptools]",
      'packages = ["employee"]',
      "include-package-data = false",
      "",
      "[tool.setuptools.package-data]",
      `employee = ["${cacheName}", "spec.json"]`,
      "",
    ].join("\n"),
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
  assert.equal(members.at(-1)?.name, `employee-2.0.post1/employee/${longName}`);
});
