import assert from "node:assert/strict";
import { join } from "node:path";
import { dosDateTime, writeZip } from "../../src/archive/zip.ts";
import { utf8 } from "../../src/archive/entries.ts";
import { readZip } from "../helpers/archives.ts";
import {
  javaAvailable,
  readZipStreaming,
  readZipsWithJava,
  readZipWithFflateStream,
} from "../helpers/zip_stream.ts";
import { runOk } from "../helpers/python.ts";
import { TOOLS_PYTHON } from "../helpers/tools.ts";

/** Small (stored) and large (deflated) entries, an empty one and a non-ASCII name. */
const ENTRIES = [
  { path: "pkg/__init__.py", bytes: utf8("x = 1\n".repeat(500)) },
  { path: "pkg/spec.json", bytes: utf8('{"a": 1}') },
  { path: "pkg/empty.txt", bytes: new Uint8Array() },
  { path: "pkg/naïve.txt", bytes: utf8("é") },
  { path: "pkg/random.bin", bytes: pseudoRandomBytes(5000) },
];

function pseudoRandomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 12345;
  for (let index = 0; index < length; index++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

Deno.test("zip local headers carry each entry's CRC and sizes, with no data descriptor", async () => {
  const streamed = readZipStreaming(await writeZip(ENTRIES));
  assert.deepEqual(streamed.map((entry) => entry.name), ENTRIES.map((entry) => entry.path));
  for (const [index, entry] of streamed.entries()) {
    assert.deepEqual(entry.bytes, ENTRIES[index].bytes, entry.name);
    assert.equal(entry.flags & 0x0008, 0, `${entry.name} has no data descriptor`);
  }
  // Both kinds are present: stored (small) and deflated (large).
  assert.deepEqual(streamed.map((entry) => entry.method), [8, 0, 0, 0, 8]);
});

Deno.test("a non-ASCII entry name is flagged as UTF-8, ASCII names are not", async () => {
  const streamed = readZipStreaming(await writeZip(ENTRIES));
  const utf8Flags = streamed.map((entry) => (entry.flags & 0x0800) !== 0);
  assert.deepEqual(utf8Flags, [false, false, false, true, false]);
});

Deno.test("a streaming reader (fflate's Unzip, fed 64 bytes at a time) reads every entry", async () => {
  const files = readZipWithFflateStream(await writeZip(ENTRIES));
  assert.deepEqual([...files.keys()], ENTRIES.map((entry) => entry.path));
  for (const entry of ENTRIES) assert.deepEqual(files.get(entry.path), entry.bytes, entry.path);
});

Deno.test("the central directory agrees with the local headers (fflate's unzipSync)", async () => {
  const files = readZip(await writeZip(ENTRIES));
  assert.deepEqual([...files.keys()], ENTRIES.map((entry) => entry.path));
  for (const entry of ENTRIES) assert.deepEqual(files.get(entry.path), entry.bytes, entry.path);
});

Deno.test("Python's zipfile reads every entry, checks every CRC, and sees the mode and time", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oa-zip-" });
  try {
    const path = join(dir, "test.zip");
    await Deno.writeFile(path, await writeZip(ENTRIES, { timestamp: 1700000000 }));
    const script = `
import json, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    assert archive.testzip() is None
    print(json.dumps([[info.filename, info.file_size, info.external_attr >> 16,
                       list(info.date_time), info.create_system] for info in archive.infolist()]))`;
    const infos = JSON.parse(await runOk(TOOLS_PYTHON, ["-c", script, path]));
    assert.deepEqual(
      infos,
      ENTRIES.map((entry) => [
        entry.path,
        entry.bytes.byteLength,
        0o100644,
        [2023, 11, 14, 22, 13, 20],
        3,
      ]),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "Java's ZipInputStream reads every entry (skipped where java is not installed)",
  ignore: !(await javaAvailable()),
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "oa-zip-" });
    try {
      const path = join(dir, "test.zip");
      await Deno.writeFile(path, await writeZip(ENTRIES));
      const lines = await readZipsWithJava([path]);
      assert.deepEqual(
        lines,
        ENTRIES.map((entry) => `${path} ${entry.path} ${entry.bytes.byteLength}`),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("zip date and time fields are the UTC fields of the time stamp, two-second resolution", () => {
  // 2021-03-28T01:30:59Z
  const { date, time } = dosDateTime(Date.UTC(2021, 2, 28, 1, 30, 59) / 1000);
  assert.deepEqual([(date >> 9) + 1980, (date >> 5) & 15, date & 31], [2021, 3, 28]);
  assert.deepEqual([time >> 11, (time >> 5) & 63, (time & 31) * 2], [1, 30, 58]);
});

Deno.test("a time stamp in a daylight-saving gap gives the same zip in every time zone", async () => {
  // Each time stamp's UTC wall-clock time does not exist in the zone after it.
  const cases: [number, string][] = [
    [Date.UTC(2021, 2, 28, 1, 30) / 1000, "Europe/London"],
    [Date.UTC(2021, 2, 14, 2, 30) / 1000, "America/New_York"],
    [Date.UTC(2021, 9, 3, 2, 30) / 1000, "Australia/Sydney"],
  ];
  for (const [timestamp, gapZone] of cases) {
    const script = `
      import { writeZip } from "./src/archive/zip.ts";
      const zip = await writeZip([{ path: "a.txt", bytes: new Uint8Array([97]) }], { timestamp: ${timestamp} });
      console.log(Array.from(zip).join(","));`;
    const outputs = new Set<string>();
    for (const zone of ["UTC", gapZone, "Asia/Kolkata"]) {
      const output = await new Deno.Command(Deno.execPath(), {
        args: ["eval", "--quiet", script],
        env: { TZ: zone },
        cwd: new URL("../../", import.meta.url),
      }).output();
      assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
      outputs.add(new TextDecoder().decode(output.stdout).trim());
    }
    assert.equal(outputs.size, 1, `${gapZone} at ${timestamp}`);
    const zip = Uint8Array.from([...outputs][0].split(",").map(Number));
    const view = new DataView(zip.buffer);
    const expected = dosDateTime(timestamp);
    assert.deepEqual([view.getUint16(10, true), view.getUint16(12, true)], [
      expected.time,
      expected.date,
    ]);
  }
});

Deno.test("a zip with more entries than a zip without Zip64 holds is refused before writing", async () => {
  const entries = Array.from({ length: 65535 }, (_, index) => ({
    path: `f${index}`,
    bytes: new Uint8Array(),
  }));
  await assert.rejects(writeZip(entries), /65535 entries are more than the 65534/);
  assert.equal(readZipStreaming(await writeZip(entries.slice(1))).length, 65534);
});

Deno.test("zip bytes depend only on the entries and the time stamp", async () => {
  assert.deepEqual(await writeZip(ENTRIES), await writeZip(ENTRIES));
  assert.notDeepEqual(await writeZip(ENTRIES), await writeZip(ENTRIES, { timestamp: 1700000000 }));
});
