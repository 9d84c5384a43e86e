import assert from "node:assert/strict";
import process from "node:process";
import {
  assertValidSpecParseOptions,
  DEFAULT_SPEC_PARSE_LIMITS,
  parseSpecText,
} from "../../src/spec/parse.ts";
import { SpecParseError } from "../../src/errors.ts";
import { JsonFloat } from "../../src/json.ts";

Deno.test("spec text is read as JSON when it starts with a brace, numbers keeping their kind", async () => {
  assert.deepEqual(await parseSpecText(' \n{"info": {"version": "1", "x": [1, 1.0]}}'), {
    info: { version: "1", x: [1, new JsonFloat(1)] },
  });
});

Deno.test("spec text is read as YAML 1.1 otherwise, as PyYAML reads it", async () => {
  assert.deepEqual(
    await parseSpecText(
      "info:\n  version: '1.0'\n  n: 1.0\nflag: yes\nother: off\nd: 2001-12-14\nflag: no",
    ),
    {
      info: { version: "1.0", n: new JsonFloat(1) },
      flag: false,
      other: false,
      d: "2001-12-14",
    },
  );
});

Deno.test("text that is neither JSON nor YAML is a SpecParseError", async () => {
  await assert.rejects(parseSpecText("{bad"), SpecParseError);
  await assert.rejects(parseSpecText("a: [1"), SpecParseError);
  await assert.rejects(parseSpecText("a: !!binary aGVsbG8="), /has no JSON value/);
});

Deno.test("parse limits default to 128 levels and 100,000 aliased values", async () => {
  assert.deepEqual(DEFAULT_SPEC_PARSE_LIMITS, { maxDepth: 128, maxAliasExpansion: 100_000 });
  const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
  assert.deepEqual(await parseSpecText(nested(3)), [[[]]]);
  await parseSpecText(nested(128));
  await assert.rejects(parseSpecText(nested(129)), /nests deeper than 128 levels/);
  await assert.rejects(parseSpecText(nested(4), { maxDepth: 3 }), /nests deeper than 3 levels/);
  await assert.rejects(
    parseSpecText("a: &a [1]\nb: *a", { maxAliasExpansion: 1 }),
    /more than 1 values \(the maxAliasExpansion limit\)/,
  );
});

Deno.test("parse options outside their range are refused before any text is read", async () => {
  for (const options of [{ maxDepth: 0 }, { maxDepth: 1001 }, { maxDepth: 1.5 }]) {
    assert.throws(() => assertValidSpecParseOptions(options), /maxDepth must be an integer/);
    await assert.rejects(parseSpecText("{}", options), RangeError);
  }
  assert.throws(
    () => assertValidSpecParseOptions({ maxAliasExpansion: -1 }),
    /maxAliasExpansion must be a non-negative integer/,
  );
  assertValidSpecParseOptions({ maxDepth: 1000, maxAliasExpansion: 0 });
});

Deno.test("every parse error is one line with a path", async () => {
  const texts = [
    '{"a": {"b": 1e999}}',
    '{"a": {"b": "\\udfff"}}',
    '{"a": {"b": NaN}}',
    "a:\n  b: .inf",
    'a:\n  b: "\\ud800"',
    "a:\n  b: *missing",
  ];
  for (const text of texts) {
    await assert.rejects(parseSpecText(text), (error: unknown) => {
      assert.ok(error instanceof SpecParseError, text);
      assert.deepEqual(error.path, ["a", "b"], text);
      assert.doesNotMatch(error.message, /\n/);
      assert.match(error.message, /^Cannot parse the spec as (JSON|YAML): .* \(at a\.b, line/);
      return true;
    });
  }
});

Deno.test("YAML warnings about the spec are not printed", async () => {
  // The yaml package's parse() would print an unknown directive's warning through
  // process.emitWarning (or console.warn); our reader leaves both silent.
  const { emitWarning } = process;
  const { warn } = console;
  const warnings: unknown[] = [];
  process.emitWarning = (warning: string | Error) => void warnings.push(warning);
  console.warn = (...args: unknown[]) => void warnings.push(args);
  try {
    assert.deepEqual(await parseSpecText("%FOO bar\n---\nopenapi: 3.0.0\n"), { openapi: "3.0.0" });
  } finally {
    process.emitWarning = emitWarning;
    console.warn = warn;
  }
  assert.deepEqual(warnings, []);
});
