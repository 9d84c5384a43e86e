import assert from "node:assert/strict";
import { pythonJsonDumps } from "../../src/package/python_json.ts";

Deno.test("JSON text escapes non-ASCII as Python's json.dumps does", () => {
  assert.equal(
    pythonJsonDumps({ s: 'a"b\\c\n\t\u0001\u007fé😀\u2028' }),
    '{"s": "a\\"b\\\\c\\n\\t\\u0001\\u007f\\u00e9\\ud83d\\ude00\\u2028"}',
  );
});

Deno.test("JSON numbers are spelled as Python's json.dumps spells them", () => {
  const numbers = [1.5, 0.1, 1e-5, 1.234e-7, 0.0001, 123456789.123, 1e300, -2.5e-10, 5e-324, 1e21];
  assert.equal(
    pythonJsonDumps(numbers, { compact: true }),
    "[1.5,0.1,1e-05,1.234e-07,0.0001,123456789.123,1e+300,-2.5e-10,5e-324,1e+21]",
  );
  assert.equal(pythonJsonDumps([0, -3, 42, 9007199254740991]), "[0, -3, 42, 9007199254740991]");
});

Deno.test("compact JSON escapes non-ASCII too, with or without special numbers", () => {
  assert.equal(pythonJsonDumps({ s: "é\u007f" }, { compact: true }), '{"s":"\\u00e9\\u007f"}');
  assert.equal(
    pythonJsonDumps({ s: "é", n: 1e-5 }, { compact: true }),
    '{"s":"\\u00e9","n":1e-05}',
  );
});

Deno.test("compact JSON has no spaces and keeps key order", () => {
  assert.equal(
    pythonJsonDumps({ z: [true, null], a: { b: "c" } }, { compact: true }),
    '{"z":[true,null],"a":{"b":"c"}}',
  );
  assert.equal(pythonJsonDumps({ z: [true, null] }), '{"z": [true, null]}');
});
