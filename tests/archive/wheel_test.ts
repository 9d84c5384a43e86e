import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { buildWheel, recordFile } from "../../src/archive/wheel.ts";
import { utf8 } from "../../src/archive/entries.ts";
import { readZip, textOf } from "../helpers/archives.ts";
import { readZipStreaming } from "../helpers/zip_stream.ts";
import { ARCHIVE_CASES, CACHE_NAME } from "./fixtures.ts";

const { metadata, files } = ARCHIVE_CASES[1];

Deno.test("wheel file name uses the normalised name, the version and py3-none-any", async () => {
  const wheel = await buildWheel(metadata, files);
  assert.equal(wheel.fileName, "employee_db-1.0rc1-py3-none-any.whl");
});

Deno.test("wheel holds the package files under the import name, then .dist-info with RECORD last", async () => {
  const entries = [...readZip((await buildWheel(metadata, files)).bytes).keys()];
  assert.deepEqual(entries, [
    "Employee_DB/__init__.py",
    `Employee_DB/${CACHE_NAME}`,
    "Employee_DB/spec.json",
    "employee_db-1.0rc1.dist-info/METADATA",
    "employee_db-1.0rc1.dist-info/WHEEL",
    "employee_db-1.0rc1.dist-info/top_level.txt",
    "employee_db-1.0rc1.dist-info/RECORD",
  ]);
});

Deno.test("wheel RECORD lists every file with its sha256 and size, and itself without hash", async () => {
  const zip = readZip((await buildWheel(metadata, files)).bytes);
  const lines = textOf(zip.get("employee_db-1.0rc1.dist-info/RECORD")).trimEnd().split("\n");
  assert.equal(lines.length, zip.size);
  assert.equal(lines.at(-1), "employee_db-1.0rc1.dist-info/RECORD,,");
  for (const line of lines.slice(0, -1)) {
    const [path, hash, size] = line.split(",");
    const bytes = zip.get(path);
    assert.ok(bytes, `${path} is in the wheel`);
    const digest = createHash("sha256").update(bytes).digest("base64url");
    assert.equal(hash, `sha256=${digest}`);
    assert.equal(Number(size), bytes.byteLength);
  }
});

Deno.test("wheel METADATA names the package, its version, Python and OpenAlchemy requirement", async () => {
  const zip = readZip((await buildWheel(metadata, files)).bytes);
  assert.equal(
    textOf(zip.get("employee_db-1.0rc1.dist-info/METADATA")),
    [
      "Metadata-Version: 2.4",
      "Name: Employee_DB",
      "Version: 1.0rc1",
      "Summary: Staff and divisions",
      "Requires-Python: >=3.8",
      "Requires-Dist: OpenAlchemy>=2.5.0",
      "",
    ].join("\n"),
  );
  assert.match(textOf(zip.get("employee_db-1.0rc1.dist-info/WHEEL")), /^Root-Is-Purelib: true$/m);
  assert.match(textOf(zip.get("employee_db-1.0rc1.dist-info/WHEEL")), /^Tag: py3-none-any$/m);
});

Deno.test("wheel bytes are identical for the same input and change with the timestamp", async () => {
  const first = (await buildWheel(metadata, files)).bytes;
  const second = (await buildWheel(metadata, files)).bytes;
  assert.deepEqual(first, second);
  const later = (await buildWheel(metadata, files, { timestamp: 1700000000 })).bytes;
  assert.notDeepEqual(first, later);
});

Deno.test("wheel entries carry the fixed time 2016-01-01 00:00:00 and Unix mode 644", async () => {
  const bytes = (await buildWheel(metadata, files)).bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = bytes.byteLength - 22;
  assert.equal(view.getUint32(offset, true), 0x06054b50, "end of central directory");
  const count = view.getUint16(offset + 10, true);
  offset = view.getUint32(offset + 16, true);
  for (let index = 0; index < count; index++) {
    assert.equal(view.getUint32(offset, true), 0x02014b50, "central directory header");
    assert.equal(view.getUint8(offset + 5), 3, "made by Unix");
    const time = view.getUint16(offset + 12, true);
    const date = view.getUint16(offset + 14, true);
    assert.deepEqual([(date >> 9) + 1980, (date >> 5) & 15, date & 31], [2016, 1, 1]);
    assert.deepEqual([time >> 11, (time >> 5) & 63, (time & 31) * 2], [0, 0, 0]);
    assert.equal(view.getUint32(offset + 38, true) >>> 16, 0o100644);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    offset += 46 + nameLength + extraLength + commentLength;
  }
});

Deno.test("wheel bytes do not depend on the machine's time zone", async () => {
  const script = `
    import { buildWheel } from "./src/archive/wheel.ts";
    const wheel = await buildWheel({ name: "tz", version: "1", summary: null },
      [{ name: "__init__.py", bytes: new Uint8Array([10]) }]);
    const digest = await crypto.subtle.digest("SHA-256", wheel.bytes);
    console.log(Array.from(new Uint8Array(digest)).join(","));`;
  const digests = new Set<string>();
  for (const zone of ["UTC", "America/New_York", "Asia/Kolkata"]) {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--quiet", script],
      env: { TZ: zone },
      cwd: new URL("../../", import.meta.url),
    }).output();
    assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
    digests.add(new TextDecoder().decode(output.stdout).trim());
  }
  assert.equal(digests.size, 1);
});

Deno.test("wheel METADATA has the description as its body, after its content type", async () => {
  const { metadata, files } = ARCHIVE_CASES[0];
  const zip = readZip((await buildWheel(metadata, files)).bytes);
  assert.equal(
    textOf(zip.get("employee-1.0.0.dist-info/METADATA")),
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

Deno.test("every wheel entry streams: CRC and sizes in its local header, no data descriptor", async () => {
  for (const { label, metadata, files } of ARCHIVE_CASES) {
    const wheel = await buildWheel(metadata, files);
    const streamed = readZipStreaming(wheel.bytes);
    assert.deepEqual(
      streamed.map((entry) => entry.name),
      [...readZip(wheel.bytes).keys()],
      label,
    );
  }
});

Deno.test("RECORD quotes paths that hold a comma", () => {
  const record = recordFile([{ path: "a,b.txt", bytes: utf8("x") }], "d/RECORD");
  assert.match(record, /^"a,b\.txt",sha256=/);
});
