/** Project names are canonicalised exactly as packaging.utils.canonicalize_name does. */

import assert from "node:assert/strict";
import fc from "fast-check";
import { canonicalizeName } from "../../src/db/canonical_name.ts";
import { runOk } from "../helpers/python.ts";
import { TOOLS_PYTHON } from "../helpers/tools.ts";

Deno.test("canonical names equal packaging's canonicalize_name on 500 generated names", async () => {
  const alphabet = fc.constantFrom(..."aAzZ09-_.-_.éÉ ~".split(""));
  const names = fc.sample(fc.string({ unit: alphabet, minLength: 1, maxLength: 12 }), {
    numRuns: 500,
    seed: 10,
  });
  names.push("Employee_DB", "employee-db", "A..B__C--D", "_private", "x.-_y", "ÉCOLE");
  const script = "import json, sys\nfrom packaging.utils import canonicalize_name\n" +
    "print(json.dumps([canonicalize_name(name) for name in json.load(sys.stdin)]))";
  const expected = JSON.parse(
    await runOk(TOOLS_PYTHON, ["-c", script], { stdin: JSON.stringify(names) }),
  );
  assert.deepEqual(names.map(canonicalizeName), expected);
});
