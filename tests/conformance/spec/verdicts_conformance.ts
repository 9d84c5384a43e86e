/**
 * The validator against OpenAlchemy 2.5's own verdicts on 2,000 mutated example specs
 * (`openalchemy-verdicts/` in the conformance corpus): the same accept/reject, and every rejection a
 * SpecValidationError, never a crash.
 */

import assert from "node:assert/strict";
import { validateSpec } from "../../../src/spec/mod.ts";
import { generateModelsFile } from "../../../src/python/models_file/mod.ts";
import { SpecValidationError } from "../../../src/errors.ts";
import { VERDICTS_FILE } from "../corpus.ts";

Deno.test("the validator agrees with OpenAlchemy 2.5 on the mutated specs, and never crashes", async () => {
  const lines = (await Deno.readTextFile(VERDICTS_FILE)).trim().split("\n");
  assert.equal(lines.length, 2000);
  const crashes: string[] = [];
  const falseRejects: string[] = [];
  const falseAccepts: string[] = [];
  for (const line of lines) {
    const { name, valid, spec } = JSON.parse(line);
    let accepted = true;
    try {
      generateModelsFile(validateSpec(spec).schemas);
    } catch (error) {
      accepted = false;
      if (!(error instanceof SpecValidationError)) crashes.push(`${name}: ${error}`);
    }
    if (valid && !accepted) falseRejects.push(name);
    if (!valid && accepted) falseAccepts.push(name);
  }
  assert.deepEqual(crashes, []);
  assert.deepEqual(falseRejects, []);
  assert.deepEqual(falseAccepts, []);
});
