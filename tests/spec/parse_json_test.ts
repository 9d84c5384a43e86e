import assert from "node:assert/strict";
import { JsonFloat, type JsonValue } from "../../src/json.ts";
import { SpecParseError } from "../../src/errors.ts";
import { parseJsonText } from "../../src/spec/parse_json.ts";
import { pythonJsonDumps } from "../../src/package/python_json.ts";

const LIMITS = { maxDepth: 128 };

function parse(text: string, maxDepth = 128): JsonValue {
  return parseJsonText(text, { maxDepth });
}

/** Asserts a SpecParseError whose message matches and whose path is `path`. */
function assertRefused(text: string, message: RegExp, path: string[], maxDepth = 128): void {
  assert.throws(() => parse(text, maxDepth), (error: unknown) => {
    assert.ok(error instanceof SpecParseError, String(error));
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n/);
    assert.deepEqual(error.path, path);
    return true;
  });
}

Deno.test("JSON numbers keep Python's int and float kinds", () => {
  assert.deepEqual(
    parse("[1, 1.0, 1e5, 1.5, -0, -0.0, 12345678901234567890, 9007199254740993, 1E+2, 0.1]"),
    [
      1,
      new JsonFloat(1),
      new JsonFloat(100000),
      1.5,
      0,
      new JsonFloat(-0),
      12345678901234567890n,
      9007199254740993n,
      new JsonFloat(100),
      0.1,
    ],
  );
  // A float whose digits round to a whole double is a whole float, as Python reads it.
  assert.deepEqual(parse("[1.00000000000000000001, 999999999999999.01]"), [
    new JsonFloat(1),
    new JsonFloat(999999999999999),
  ]);
  assert.deepEqual(parse("[9007199254740991, -9007199254740991]"), [
    9007199254740991,
    -9007199254740991,
  ]);
});

Deno.test("numbers read and written back are byte for byte what Python's json gives", () => {
  // Python 3.11: json.dumps(json.loads(source), separators=(",", ":")).
  const source = "[1,1.0,1e5,1E5,1.5,-0,-0.0,0.0,12345678901234567890,-12345678901234567890," +
    "9007199254740993,1E+2,1e-5,1.00000000000000000001,0.1,1e16,1e22,123456789012345678.5," +
    "1.5e300,5e-324,1e-400,100,0.00001,2.5E-3]";
  const python = "[1,1.0,100000.0,100000.0,1.5,0,-0.0,0.0,12345678901234567890," +
    "-12345678901234567890,9007199254740993,100.0,1e-05,1.0,0.1,1e+16,1e+22," +
    "1.2345678901234568e+17,1.5e+300,5e-324,0.0,100,1e-05,0.0025]";
  assert.equal(pythonJsonDumps(parse(source), { compact: true }), python);
});

Deno.test("JSON without numbers of a lost kind reads the same on both paths", () => {
  // Plain numbers only: read by JSON.parse. A string that looks like a float after a comma
  // sends the text to our reader; both give the values JSON.parse gives.
  const plain = '{"a": [1, 2.5, -3], "b": {"c": "x"}, "d": true, "e": null}';
  assert.deepEqual(parse(plain), JSON.parse(plain));
  const lookalike = '{"a": [1, 2.5, -3], "b": "ratio, 1.0 or 1e5", "c": ["x", 2]}';
  assert.deepEqual(parse(lookalike), JSON.parse(lookalike));
});

Deno.test("a repeated key keeps its first place and its last value, as Python's dict", () => {
  const value = parse('{"a": 1, "b": 2, "a": 3.0}') as Record<string, JsonValue>;
  assert.deepEqual(Object.keys(value), ["a", "b"]);
  assert.deepEqual(value, { a: new JsonFloat(3), b: 2 });
});

Deno.test("a __proto__ key is an ordinary key", () => {
  for (const text of ['{"__proto__": {"x": 1}}', '{"__proto__": {"x": 1.0}}']) {
    const value = parse(text) as Record<string, JsonValue>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ["__proto__"]);
  }
});

Deno.test("a float beyond the largest double is refused with its path", () => {
  assertRefused(
    '{"components": {"schemas": {"A": {"default": 1e400}}}}',
    /the number 1e400 is beyond the largest float .*at components\.schemas\.A\.default, line 1, column 46/,
    ["components", "schemas", "A", "default"],
  );
  assertRefused('{"a": [0, -2e308]}', /-2e308 is beyond/, ["a", "1"]);
  // Underflow is fine: Python reads 0.0 too.
  assert.deepEqual(parse("[1e-400]"), [new JsonFloat(0)]);
});

Deno.test("NaN and Infinity, which Python's json reads, are refused", () => {
  for (const word of ["NaN", "Infinity", "-Infinity"]) {
    assertRefused(`{"a": {"b": ${word}}}`, /NaN and Infinity are not JSON numbers/, ["a", "b"]);
  }
});

Deno.test("a lone surrogate in a string or a key is refused with its path", () => {
  assertRefused(
    '{"info": {"description": "bad \\ud800 here"}}',
    /the string "bad \\ud800 here" holds a lone surrogate.*at info\.description/,
    ["info", "description"],
  );
  assertRefused('{"a": {"x\\udc00": 1}}', /lone surrogate/, ["a"]);
  // Unescaped lone surrogates in the text itself are found too.
  assertRefused('{"a": ["ok", "\ud800"]}', /lone surrogate/, ["a", "1"]);
  assert.deepEqual(parse('{"a": "\\ud83d\\ude00 \ud83d\ude00"}'), { a: "😀 😀" });
});

Deno.test("malformed JSON is refused with what, where and the line and column", () => {
  assertRefused(
    '{\n  "a": {"b": tru}\n}',
    /unexpected 't' where a value.*at a\.b, line 2, column 14/,
    [
      "a",
      "b",
    ],
  );
  assertRefused('{"a": [1, 2,]}', /unexpected '\]' where a value was expected/, ["a", "2"]);
  assertRefused('{"a": 1} x', /unexpected text after the document/, []);
  assertRefused('{"a": 1', /expected ',' or '}' after a value, found the end of the text/, []);
  assertRefused('{"a": "b\nc"}', /control character U\+000A/, ["a"]);
  assertRefused('{"a": "b\\x"}', /invalid escape.*column 9/, ["a"]);
  assertRefused('{"a": "b', /the text ends inside a string/, ["a"]);
  assertRefused("{a: 1}", /expected a key in double quotes, found 'a'/, []);
  for (const number of ["01", "1.", ".5", "+1", "-", "1e", "1.e5", "0x10"]) {
    assert.throws(() => parse(`[${number}]`), SpecParseError, number);
  }
});

Deno.test("nesting beyond maxDepth is a SpecParseError naming the limit, on both paths", () => {
  assert.deepEqual(parse("[[[1]]]", 3), [[[1]]]);
  assertRefused(
    "[[[[1]]]]",
    /nests deeper than 3 levels .*\(the maxDepth limit\)/,
    ["0", "0", "0"],
    3,
  );
  // Our reader (a float sends the text to it) and JSON.parse's path refuse alike.
  assertRefused("[[[[1.0]]]]", /nests deeper than 3 levels/, ["0", "0", "0"], 3);
  const items = '{"type": "array", "items": '.repeat(8000) + '{"type": "string"}' +
    "}".repeat(8000);
  assert.throws(() => parseJsonText(items, LIMITS), (error: unknown) => {
    assert.ok(error instanceof SpecParseError);
    assert.match(error.message, /nests deeper than 128 levels/);
    assert.match(error.message, /at items\.items.*\(116 more\).*items/);
    assert.equal(error.path.length, 128);
    return true;
  });
  const deepArrays = "[".repeat(100_000) + "]".repeat(100_000);
  assert.throws(() => parseJsonText(deepArrays, LIMITS), /maxDepth/);
});
