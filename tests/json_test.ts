import assert from "node:assert/strict";
import {
  isJsonObject,
  isPythonFloat,
  isPythonInt,
  isPythonNumber,
  JsonFloat,
  jsonText,
  numberValue,
  pythonEquals,
  pythonFloatRepr,
  pythonNumberText,
} from "../src/json.ts";

Deno.test("a JsonFloat holds whole finite values only", () => {
  assert.equal(new JsonFloat(3).value, 3);
  assert.ok(Object.is(new JsonFloat(-0).value, -0));
  for (const value of [0.5, Infinity, NaN]) assert.throws(() => new JsonFloat(value), RangeError);
});

Deno.test("Python's int and float are told apart by kind, booleans by neither", () => {
  const cases: [unknown, boolean, boolean][] = [
    [1, true, false],
    [-0, true, false],
    [2n ** 64n, true, false],
    [0.5, false, true],
    [new JsonFloat(1), false, true],
    [true, false, false],
    ["1", false, false],
    [null, false, false],
  ];
  for (const [value, int, float] of cases) {
    assert.equal(isPythonInt(value), int, String(value));
    assert.equal(isPythonFloat(value), float, String(value));
    assert.equal(isPythonNumber(value), int || float, String(value));
  }
  assert.equal(isJsonObject(new JsonFloat(1)), false);
  assert.equal(isJsonObject({}), true);
  assert.equal(numberValue(new JsonFloat(7)), 7);
  assert.equal(numberValue(5n), 5);
});

Deno.test("floats are spelled as Python's repr spells them", () => {
  // Python 3.11: [repr(x) for x in (...)].
  const cases: [number, string][] = [
    [1, "1.0"],
    [-0, "-0.0"],
    [0, "0.0"],
    [0.1, "0.1"],
    [1e-4, "0.0001"],
    [9.9e-5, "9.9e-05"],
    [1e-7, "1e-07"],
    [1e15, "1000000000000000.0"],
    [9999999999999998, "9999999999999998.0"],
    [1e16, "1e+16"],
    [1.5e16, "1.5e+16"],
    [1e21, "1e+21"],
    [1e100, "1e+100"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [123456.789, "123456.789"],
    [Infinity, "inf"],
    [NaN, "nan"],
  ];
  for (const [value, repr] of cases) assert.equal(pythonFloatRepr(value), repr, repr);
});

Deno.test("numbers and values are written as Python writes them, for messages and files", () => {
  assert.equal(pythonNumberText(2n ** 70n), "1180591620717411303424");
  assert.equal(pythonNumberText(1e22), "10000000000000000000000");
  assert.equal(pythonNumberText(new JsonFloat(1e22)), "1e+22");
  assert.equal(pythonNumberText(Infinity), "Infinity");
  assert.equal(
    jsonText({ a: [1, new JsonFloat(2), 3n, 0.5, "x\n"], b: null, c: true }),
    '{"a":[1,2.0,3,0.5,"x\\n"],"b":null,"c":true}',
  );
});

Deno.test("values compare as Python's == compares them", () => {
  assert.ok(pythonEquals(1, new JsonFloat(1)));
  assert.ok(pythonEquals(true, 1) && pythonEquals(false, new JsonFloat(-0)));
  assert.ok(pythonEquals(2n ** 60n, new JsonFloat(2 ** 60)));
  assert.ok(!pythonEquals(2n ** 53n + 1n, new JsonFloat(2 ** 53)));
  assert.ok(!pythonEquals(0.5, "0.5") && !pythonEquals(1, "1") && !pythonEquals(null, undefined));
  assert.ok(
    pythonEquals({ a: [1, { b: 2 }], c: "x" }, { c: "x", a: [new JsonFloat(1), { b: 2 }] }),
  );
  assert.ok(!pythonEquals([1, 2], [2, 1]));
});
