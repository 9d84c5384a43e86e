import assert from "node:assert/strict";
import { wrapText } from "../../src/python/text_wrap.ts";

// Expected lines are those of Python 3.11's textwrap.TextWrapper(width).wrap(text).
const CASES: [string, number, string[]][] = [
  ["The name of the employee.", 10, ["The name", "of the", "employee."]],
  ["Hello there -- you goof-ball, use the -b option!", 12, [
    "Hello there",
    "-- you goof-",
    "ball, use",
    "the -b",
    "option!",
  ]],
  ["a".repeat(30), 10, ["aaaaaaaaaa", "aaaaaaaaaa", "aaaaaaaaaa"]],
  ["well-known long-hyphenated-words-are-broken-here", 15, [
    "well-known",
    "long-",
    "hyphenated-",
    "words-are-",
    "broken-here",
  ]],
  ["tab\there and\nnewline", 12, ["tab     here", "and newline"]],
  ["  leading and trailing  ", 8, ["leading", "and", "trailing"]],
  ["", 10, []],
  ["élève co-opération très-longue-chaîne", 9, [
    "élève co-",
    "opération",
    "très-",
    "longue-",
    "chaîne",
  ]],
  ["x \u00a0 y", 1, ["x", "y"]],
  ["--", 1, ["-", "-"]],
  ["a--b", 3, ["a--", "b"]],
];

Deno.test("wrapText gives the lines Python's textwrap gives", () => {
  for (const [text, width, expected] of CASES) {
    assert.deepEqual(wrapText(text, width), expected, JSON.stringify([text, width]));
  }
});

Deno.test("wrapText counts code points, not UTF-16 units", () => {
  assert.deepEqual(wrapText("😀😀😀 😀😀", 3), ["😀😀😀", "😀😀"]);
});

Deno.test("wrapText never loses non-whitespace characters", () => {
  const text = "A long-winded description -- with hyphens, tabs\tand\nnewlines, and words" +
    "thatarefartoolongtofitonasinglelineofthegivenwidth.";
  const lines = wrapText(text, 20);
  assert.equal(lines.join("").replace(/\s/g, ""), text.replace(/\s/g, ""));
  for (const line of lines) assert.ok([...line].length <= 20, line);
});
