/**
 * The builder's core against OpenAlchemy 2.5's own verdicts on 2,000 mutated example
 * specs (`openalchemy-verdicts/` in the conformance corpus), judged through the path a
 * build takes (the project's JSON reader, then `packageContentsOf`: validation and the
 * typed model): the same accept/reject, and every rejection an {@link InputError}, never
 * a crash.
 */

import assert from "node:assert/strict";
import { InputError } from "../../../src/errors.ts";
import { isJsonObject } from "../../../src/json.ts";
import { packageContentsOf } from "../../../src/package/package_files.ts";
import { parseSpecText } from "../../../src/spec/parse.ts";
import { VERDICTS_FILE } from "../corpus.ts";

Deno.test("the builder agrees with OpenAlchemy 2.5 on the mutated specs, and never crashes", async () => {
  const lines = (await Deno.readTextFile(VERDICTS_FILE)).trim().split("\n");
  assert.equal(lines.length, 2000);
  const crashes: string[] = [];
  const falseRejects: string[] = [];
  const falseAccepts: string[] = [];
  for (const line of lines) {
    // The project's reader keeps the spec's numbers as Python reads them (1.0 a float).
    const record = await parseSpecText(line, { maxDepth: 1000 });
    assert.ok(isJsonObject(record) && typeof record.name === "string");
    const { name, valid, spec } = record;
    let accepted = true;
    try {
      packageContentsOf(spec, "verdicts");
    } catch (error) {
      accepted = false;
      if (!(error instanceof InputError)) crashes.push(`${name}: ${error}`);
    }
    if (valid && !accepted) falseRejects.push(name);
    if (!valid && accepted) falseAccepts.push(name);
  }
  assert.deepEqual(crashes, []);
  assert.deepEqual(falseRejects, []);
  assert.deepEqual(falseAccepts, []);
});
