import assert from "node:assert/strict";
import { JsonFloat, type JsonValue } from "../../src/json.ts";
import { SpecParseError } from "../../src/errors.ts";
import { parseYamlText } from "../../src/spec/parse_yaml.ts";

const LIMITS = { maxDepth: 128, maxAliasExpansion: 100_000 };

function parse(text: string, limits = LIMITS): JsonValue {
  return parseYamlText(text, limits);
}

/** Asserts a one-line SpecParseError whose message matches and whose path is `path`. */
function assertRefused(text: string, message: RegExp, path: string[], limits = LIMITS): void {
  assert.throws(() => parse(text, limits), (error: unknown) => {
    assert.ok(error instanceof SpecParseError, String(error));
    assert.match(error.message, message);
    assert.doesNotMatch(error.message, /\n/);
    assert.deepEqual(error.path, path);
    return true;
  });
}

/**
 * `v: <scalar>` → the value PyYAML 6.0.3's SafeLoader gives `v` (checked once with it), with
 * ints beyond 2^53 as bigint and whole floats as JsonFloat. PyYAML makes dates of
 * timestamps; we keep their text.
 */
const PYYAML_SCALARS: readonly (readonly [string, JsonValue])[] = [
  ["yes", true],
  ["Yes", true],
  ["YES", true],
  ["no", false],
  ["No", false],
  ["NO", false],
  ["true", true],
  ["True", true],
  ["TRUE", true],
  ["false", false],
  ["False", false],
  ["FALSE", false],
  ["on", true],
  ["On", true],
  ["ON", true],
  ["off", false],
  ["Off", false],
  ["OFF", false],
  ["y", "y"],
  ["Y", "Y"],
  ["n", "n"],
  ["N", "N"],
  ["tRUE", "tRUE"],
  ["yEs", "yEs"],
  ["oN", "oN"],
  ["~", null],
  ["null", null],
  ["Null", null],
  ["NULL", null],
  ["nUll", "nUll"],
  ["0", 0],
  ["-0", 0],
  ["+0", 0],
  ["1", 1],
  ["-1", -1],
  ["+12", 12],
  ["007", 7],
  ["012", 10],
  ["-012", -10],
  ["0777", 511],
  ["0o12", "0o12"],
  ["08", "08"],
  ["09", "09"],
  ["0_7", 7],
  ["0_8", "0_8"],
  ["00", 0],
  ["0_", 0],
  ["-0_", 0],
  ["0x1F", 31],
  ["+0x1F", 31],
  ["0X1F", "0X1F"],
  ["-0x1f", -31],
  ["0x_1F", 31],
  ["0b101", 5],
  ["-0b101", -5],
  ["+0b1", 1],
  ["0B101", "0B101"],
  ["1_000", 1000],
  ["1__0", 10],
  ["1_", 1],
  ["12:30", 750],
  ["1:30", 90],
  ["-1:30", -90],
  ["1:2", 62],
  ["1:2:3", 3723],
  ["1:60", "1:60"],
  ["0:30", "0:30"],
  ["190:20:30", 685230],
  ["1_000:30", 60030],
  ["9007199254740991", 9007199254740991],
  ["9007199254740992", 9007199254740992n],
  ["9007199254740993", 9007199254740993n],
  ["12345678901234567890", 12345678901234567890n],
  ["-12345678901234567890", -12345678901234567890n],
  ["0x7FFFFFFFFFFFFFFFFF", 2361183241434822606847n],
  ["1:0:0:0:0:0:0:0:0:0:0", 604661760000000000n],
  ["1.0", new JsonFloat(1)],
  ["1.", new JsonFloat(1)],
  ["1.5", 1.5],
  ["-1.0", new JsonFloat(-1)],
  ["+1.0", new JsonFloat(1)],
  [".5", 0.5],
  ["-.5", "-.5"],
  ["+0.5", 0.5],
  ["1.e+5", new JsonFloat(100000)],
  ["1.0e+5", new JsonFloat(100000)],
  ["1.0e5", "1.0e5"],
  ["1e5", "1e5"],
  ["1E5", "1E5"],
  ["12e3", "12e3"],
  ["1.0E+5", new JsonFloat(100000)],
  ["1.5e-3", 0.0015],
  ["1_000.5", 1000.5],
  ["1_0.0_0", new JsonFloat(10)],
  [".5_", 0.5],
  ["0.0_1", 0.01],
  ["1:30.5", 90.5],
  ["1:30.", new JsonFloat(90)],
  ["-1:30.0", new JsonFloat(-90)],
  ["21:59:43.10", 79183.1],
  ["0.0", new JsonFloat(0)],
  ["-0.0", new JsonFloat(-0)],
  ["12345678901234567.0", new JsonFloat(1.2345678901234568e+16)],
  ["1.00000000000000000001", new JsonFloat(1)],
  ["0.1", 0.1],
  ["1e-5", "1e-5"],
  ["1.0e-5", 1e-05],
  ["100000000000000000000.0", new JsonFloat(1e+20)],
  ["1.0e+16", new JsonFloat(1e+16)],
  ["1.0e-4", 0.0001],
  ["2001-12-14", "2001-12-14" /* PyYAML: a date */],
  ["2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00" /* PyYAML: a date */],
  ["2002-1-1", "2002-1-1"],
  ["1:2:3.4:5", "1:2:3.4:5"],
  ["abc", "abc"],
  ["1.2.3", "1.2.3"],
  ["0x", "0x"],
  ["0b", "0b"],
  ["0b2", "0b2"],
  ["0xG", "0xG"],
  ["+.", "+."],
  [".", "."],
  ["--", "--"],
  ["1e", "1e"],
  ["1.e", "1.e"],
  ["1.0e", "1.0e"],
  ["1.0e+", "1.0e+"],
  ["1:3a", "1:3a"],
  ["0o17", "0o17"],
  ["!!int 0x1F", 31],
  ["!!int '12'", 12],
  ["!!int 1:30", 90],
  ["!!float 1", new JsonFloat(1)],
  ["!!float '1e5'", new JsonFloat(100000)],
  ["!!float 1_0", new JsonFloat(10)],
  ["!!float 1:30", new JsonFloat(90)],
  ["!!bool yes", true],
  ["!!bool 'no'", false],
  ["!!bool OFF", false],
  ["!!null abc", null],
  ["!!str 12", "12"],
  ["!!str yes", "yes"],
  ["! 12", 12],
  ["! '12'", 12],
  ["'12'", "12"],
  ['"1.0"', "1.0"],
  ["'yes'", "yes"],
  ["!!str", ""],
  ["!!null", null],
  ["!!timestamp 2001-12-14", "2001-12-14" /* PyYAML: a date */],
  ["2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43.10 -5" /* PyYAML: a date */],
];

Deno.test("YAML scalars get the types and values PyYAML's SafeLoader gives them", () => {
  for (const [scalar, expected] of PYYAML_SCALARS) {
    assert.deepEqual(parse(`v: ${scalar}`), { v: expected }, scalar);
  }
});

/** Scalars PyYAML reads as inf or nan, fails on, or reads as what JSON cannot hold. */
const REFUSED_SCALARS: readonly (readonly [string, RegExp])[] = [
  [".inf", /not a finite number/],
  ["-.inf", /not a finite number/],
  ["+.inf", /not a finite number/],
  [".Inf", /not a finite number/],
  [".NAN", /not a finite number/],
  ["1.0e+400", /beyond the largest float/],
  ["-1.0e+400", /beyond the largest float/],
  ["0b_", /"0b_" is not an integer/], // PyYAML: ValueError
  ["0x_", /is not an integer/], // PyYAML: ValueError
  ["-0b_", /is not an integer/], // PyYAML: ValueError
  ["=", /the plain scalar = is a YAML 1.1 key/], // PyYAML: ConstructorError
  ["<<", /the plain scalar << is a YAML 1.1 key/], // PyYAML: ConstructorError
  ["!!int abc", /"abc" is not an integer/], // PyYAML: ValueError
  ["!!int 1e5", /is not an integer/], // PyYAML: ValueError
  ["!!float abc", /"abc" is not a float/], // PyYAML: ValueError
  ["!!float .inf", /not a finite number/],
  ["!!bool foo", /!!bool cannot read "foo"/], // PyYAML: KeyError
  ["!!bool y", /!!bool cannot read "y"/], // PyYAML: KeyError
  ["!foo bar", /the tag !foo has no JSON value/], // PyYAML: ConstructorError
  ["!!binary aGk=", /the tag tag:yaml.org,2002:binary has no JSON value/], // bytes
  ["!!set {a, b}", /tag:yaml.org,2002:set has no JSON value/], // a set
  ["!!omap [a: 1]", /tag:yaml.org,2002:omap has no JSON value/], // a list of tuples
  ["!!pairs [a: 1]", /tag:yaml.org,2002:pairs has no JSON value/], // a list of tuples
  ['"\\ud800"', /holds a lone surrogate/], // a str no file can hold as UTF-8
];

Deno.test("YAML scalars that PyYAML fails on or JSON cannot hold are refused with their place", () => {
  for (const [scalar, message] of REFUSED_SCALARS) {
    assertRefused(`v: ${scalar}`, message, ["v"]);
  }
  assertRefused("a:\n  - 1\n  - .nan", /".nan" is not a finite number.*at a\.1, line 3, column 5/, [
    "a",
    "1",
  ]);
});

Deno.test("a repeated YAML key keeps its first place and its last value, as PyYAML", () => {
  const value = parse("a: 1\nb: 2\na: {c: 3}") as Record<string, JsonValue>;
  assert.deepEqual(Object.keys(value), ["a", "b"]);
  assert.deepEqual(value, { a: { c: 3 }, b: 2 });
});

Deno.test("YAML keys that are not strings become the strings json.dumps writes for them", () => {
  // PyYAML gives int, float, bool and None keys; json.dumps writes them so.
  assert.deepEqual(parse("1: a\n1.5: b\nno: c\n~: d\n0x10: e\n2001-01-01: f\n1.0: g"), {
    "1": "a",
    "1.5": "b",
    "false": "c",
    "null": "d",
    "16": "e",
    "2001-01-01": "f",
    "1.0": "g",
  });
  assertRefused("a:\n  ? [1]\n  : x", /a mapping key must be a scalar/, ["a"]);
});

Deno.test("<< merges mappings with PyYAML's precedence and key order", () => {
  // PyYAML: {'y': 2, 'c': 1, 'x': 1, 'z': 0}: the first mapping of the list wins over the
  // second, the mapping's own keys over both; merged keys come first.
  const value = parse("a: &a {x: 1, c: 1}\nb: &b {y: 2, c: 2}\nm:\n  z: 0\n  <<: [*a, *b]") as {
    m: Record<string, JsonValue>;
  };
  assert.deepEqual(value.m, { y: 2, c: 1, x: 1, z: 0 });
  assert.deepEqual(Object.keys(value.m), ["y", "c", "x", "z"]);
  assert.deepEqual(parse("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3"), {
    base: { x: 1, y: 2 },
    c: { x: 1, y: 3 },
  });
  assert.deepEqual(parse("m:\n  <<: {x: 1}\n  <<: {x: 2, y: 2}"), { m: { x: 2, y: 2 } });
  assert.deepEqual(parse("m: {'<<': {a: 1}}"), { m: { "<<": { a: 1 } } });
  assertRefused("m: {<<: [1]}", /merge key << must be a mapping or a list of mappings/, ["m"]);
  assertRefused("m: {<<: 1}", /merge key << must be a mapping/, ["m"]);
});

Deno.test("an alias shares its anchor's value, as PyYAML's objects are shared", () => {
  const value = parse("a: &x {k: 1.0}\nb: *x") as { a: JsonValue; b: JsonValue };
  assert.deepEqual(value.a, { k: new JsonFloat(1) });
  assert.equal(value.b, value.a);
  assertRefused("a: *nope", /the alias \*nope names no anchor/, ["a"]);
  assertRefused("a: &a [1, *a]", /the alias \*a is inside the node it names/, ["a", "1"]);
  assertRefused("a: &a {b: {<<: *a}}", /the alias \*a is inside the node it names/, ["a", "b"]);
});

Deno.test("an alias bomb is refused before it expands", () => {
  // Nine levels of ten aliases each: 10^9 values once expanded, from a text of 109 KB.
  const lines = ["l0: &l0 [" + Array(10).fill('"' + "x".repeat(10_000) + '"').join(", ") + "]"];
  for (let level = 1; level <= 9; level++) {
    lines.push(`l${level}: &l${level} [${Array(10).fill(`*l${level - 1}`).join(", ")}]`);
  }
  const bomb = lines.join("\n");
  assert.ok(bomb.length > 100_000 && bomb.length < 110_000, String(bomb.length));
  assertRefused(
    bomb,
    /aliases expand the document by more than 100000 values \(the maxAliasExpansion limit\)/,
    ["l4", "7"],
  );
  // A few aliases stay well within the limit; a limit of 0 refuses any.
  const shared = "base: &b {type: string, maxLength: 8}\na: *b\nc: *b";
  assert.deepEqual(parse(shared), {
    base: { type: "string", maxLength: 8 },
    a: { type: "string", maxLength: 8 },
    c: { type: "string", maxLength: 8 },
  });
  assertRefused(shared, /maxAliasExpansion/, ["a"], { ...LIMITS, maxAliasExpansion: 0 });
});

Deno.test("YAML nesting beyond maxDepth is a SpecParseError naming the limit", () => {
  const limits = { ...LIMITS, maxDepth: 3 };
  assert.deepEqual(parse("a: {b: [1]}", limits), { a: { b: [1] } });
  assertRefused(
    "a: {b: [[1]]}",
    /nests deeper than 3 levels .*\(the maxDepth limit\)/,
    ["a", "b", "0"],
    limits,
  );
  // Through an alias: the aliased mapping is 2 levels high and lands on level 3.
  assertRefused(
    "x: &x {y: [1]}\na: {b: *x}",
    /the alias \*x nests the document deeper/,
    ["a", "b"],
    limits,
  );
  // 8,000 levels of items: refused, never a stack overflow.
  const items = Array.from({ length: 8000 }, (_, level) => `${"  ".repeat(level)}items:`).join(
    "\n",
  );
  assert.throws(() => parse(items), /maxDepth/);
  const flow = "a: " + "[".repeat(8000) + "]".repeat(8000);
  assert.throws(() => parse(flow), /maxDepth/);
});

Deno.test("YAML timestamps stay strings", () => {
  assert.deepEqual(parse("d: 2001-12-14\nt: 2001-12-14t21:59:43.10-05:00"), {
    d: "2001-12-14",
    t: "2001-12-14t21:59:43.10-05:00",
  });
});

Deno.test("YAML text PyYAML refuses is refused, with the line and column", () => {
  assertRefused("a: x\u0001", /the character U\+0001 is not allowed .*line 1, column 5/, []);
  assertRefused("a: \u007f", /U\+007F/, []);
  assertRefused("a: 1\n---\nb: 2", /multiple documents.*line 2, column 1/, []);
  assertRefused("a: b: c", /Nested mappings are not allowed/, []);
  assert.deepEqual(parse("\ufeffa: 1"), { a: 1 });
  assert.equal(parse(""), null);
  assert.equal(parse("# only a comment"), null);
});
