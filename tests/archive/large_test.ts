/**
 * Archives of a large spec (a models file over the size from which deflate runs at its
 * fast level) hold exactly the package's files, read back by zip and tar readers.
 */

import assert from "node:assert/strict";
import { buildArchives } from "../../src/build.ts";
import { FAST_DEFLATE_FROM } from "../../src/archive/entries.ts";
import { generatedSpec } from "../../bench/generated_spec.ts";
import { readTarGz, readZip, textOf } from "../helpers/archives.ts";

Deno.test("a models file above the fast-deflate size reads back exactly from both archives", async () => {
  const { contents, archives } = await buildArchives(generatedSpec(400), { packageName: "big" });
  const init = contents.files.find((file) => file.name === "__init__.py")!.text;
  assert.ok(new TextEncoder().encode(init).byteLength >= FAST_DEFLATE_FROM, "the file is large");
  const [sdist, wheel] = archives;
  assert.equal(textOf(readZip(wheel.bytes).get("big/__init__.py")), init);
  const members = await readTarGz(sdist.bytes);
  const member = members.find((item) => item.name.endsWith("/big/__init__.py"));
  assert.ok(member !== undefined, "the sdist holds the models file");
  assert.equal(member.text, init);
  assert.ok(wheel.bytes.byteLength < init.length / 4, "the wheel is still compressed");
});
