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

/** `count` lines of `piece`, then `last` when it is not empty. */
function repeatedLines(piece: string, count: number, last = ""): string[] {
  const lines: string[] = Array(count).fill(piece);
  if (last !== "") lines.push(last);
  return lines;
}

Deno.test("a 200,000-character word wraps into the lines Python's textwrap gives", () => {
  // Python 3.11, TextWrapper(width=72).wrap(...): 2,777 lines of 72 characters and one of 56.
  assert.deepEqual(
    wrapText("x".repeat(200_000), 72),
    repeatedLines("x".repeat(72), 2777, "x".repeat(56)),
  );
  // The word starts on the line of the text before it: "Intro " and 66 characters of it.
  assert.deepEqual(
    wrapText(`Intro ${"y".repeat(200_000)} end`, 72),
    [`Intro ${"y".repeat(66)}`, ...repeatedLines("y".repeat(72), 2776, `${"y".repeat(62)} end`)],
  );
  // Breaks after the last hyphen that fits: 2,941 lines of "abc-" × 17, then "abc-" × 3.
  assert.deepEqual(
    wrapText("abc-".repeat(50_000), 70),
    repeatedLines("abc-".repeat(17), 2941, "abc-".repeat(3)),
  );
  // Lengths count code points: 2,777 lines of 72 emoji and one of 56.
  assert.deepEqual(
    wrapText("😀".repeat(200_000), 72),
    repeatedLines("😀".repeat(72), 2777, "😀".repeat(56)),
  );
});
