/** Facts read from the archives the builder writes. */

import assert from "node:assert/strict";
import { buildPackageSet } from "../../src/build_packages.ts";
import {
  distributionFacts,
  metadataField,
  parseDistributionName,
} from "../../src/index/distributions.ts";
import { runOk } from "../helpers/python.ts";
import { sha256Hex } from "../helpers/archives.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

Deno.test("wheel and sdist file names are parsed; anything else is not a distribution", () => {
  assert.deepEqual(parseDistributionName("a_b-1.0-py3-none-any.whl"), {
    kind: "wheel",
    name: "a_b",
    version: "1.0",
  });
  assert.deepEqual(parseDistributionName("a_b-1.0-1-py3-none-any.whl")?.version, "1.0");
  assert.deepEqual(parseDistributionName("a_b-0+abc.tar.gz"), {
    kind: "sdist",
    name: "a_b",
    version: "0+abc",
  });
  for (const name of ["a-1.0.whl", "a-b-1.0.tar.gz", "a.tar.gz", "1-spec.json", "-1.0.tar.gz"]) {
    assert.equal(parseDistributionName(name), null, name);
  }
});

Deno.test("facts of built archives: sha256, size, Requires-Python, the wheel's METADATA bytes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "oa-distributions-" });
  try {
    const outcome = await buildPackageSet({
      specKey: "u/employee/1-spec.json",
      specPath: PROJECT_EXAMPLE,
      outDir: dir,
    });
    for (const item of outcome.packages) {
      const bytes = await Deno.readFile(item.path);
      const facts = await distributionFacts(item.format, bytes);
      assert.equal(facts.sha256, await sha256Hex(bytes));
      assert.equal(facts.sha256, item.sha256);
      assert.equal(facts.size, bytes.byteLength);
      assert.equal(facts.requiresPython, ">=3.8");
      if (item.format === "wheel") {
        // Python's zipfile reads the same METADATA bytes.
        const script = "import sys, zipfile, base64\nz = zipfile.ZipFile(sys.argv[1])\n" +
          "name = next(n for n in z.namelist() if n.endswith('.dist-info/METADATA'))\n" +
          "print(base64.b64encode(z.read(name)).decode())";
        const expected = (await runOk("python3", ["-c", script, item.path])).trim();
        assert.equal(btoa(String.fromCharCode(...facts.coreMetadata!)), expected);
      } else {
        assert.equal(facts.coreMetadata, null);
      }
    }
    await assert.rejects(distributionFacts("wheel", new TextEncoder().encode("not a zip")));
    await assert.rejects(distributionFacts("sdist", new Uint8Array([0x1f, 0x8b, 0, 0])));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("core metadata fields are read from the headers only", () => {
  const text = "Metadata-Version: 2.4\r\nName: a\r\nrequires-python:  >=3.9 \r\n\r\n" +
    "Requires-Python: <3\n";
  assert.equal(metadataField(text, "Requires-Python"), ">=3.9");
  assert.equal(metadataField("Name: a\n\nRequires-Python: >=3\n", "Requires-Python"), null);
});
