import assert from "node:assert/strict";
import { pythonJsonDumps } from "../../src/package/python_json.ts";
import { JsonFloat } from "../../src/json.ts";

Deno.test("JSON text escapes non-ASCII as Python's json.dumps does", () => {
  assert.equal(
    pythonJsonDumps({ s: 'a"b\\c\n\t\u0001\u007fé😀\u2028' }),
    '{"s": "a\\"b\\\\c\\n\\t\\u0001\\u007f\\u00e9\\ud83d\\ude00\\u2028"}',
  );
});

Deno.test("JSON numbers are spelled as Python's json.dumps spells them", () => {
  // Floats: Python's repr (checked with Python 3.11).
  const floats = [1.5, 0.1, 1e-5, 1.234e-7, 0.0001, 123456789.123, -2.5e-10, 5e-324];
  assert.equal(
    pythonJsonDumps(floats, { compact: true }),
    "[1.5,0.1,1e-05,1.234e-07,0.0001,123456789.123,-2.5e-10,5e-324]",
  );
  assert.equal(pythonJsonDumps([0, -3, 42, 9007199254740991]), "[0, -3, 42, 9007199254740991]");
});

Deno.test("whole floats are written as floats and ints beyond 2^53 with all their digits", () => {
  const values = [
    new JsonFloat(1),
    new JsonFloat(-0),
    new JsonFloat(0),
    new JsonFloat(1e15),
    new JsonFloat(1e16),
    new JsonFloat(1e300),
    new JsonFloat(-123456789),
    1152921504606846976n,
    -12345678901234567890n,
    1e21,
    -0,
  ];
  // Python: json.dumps([1.0, -0.0, 0.0, 1e15, 1e16, 1e300, -123456789.0,
  //   1152921504606846976, -12345678901234567890, 10**21, 0])
  const python = "[1.0, -0.0, 0.0, 1000000000000000.0, 1e+16, 1e+300, -123456789.0, " +
    "1152921504606846976, -12345678901234567890, 1000000000000000000000, 0]";
  assert.equal(pythonJsonDumps(values), python);
  assert.equal(pythonJsonDumps(values, { compact: true }), python.replaceAll(", ", ","));
  assert.equal(
    pythonJsonDumps({ maxLength: 2n ** 60n, default: new JsonFloat(2) }, { compact: true }),
    '{"maxLength":1152921504606846976,"default":2.0}',
  );
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
