/**
 * Line wrapping of descriptions (`src/python/text_wrap.ts`): a long ordinary description, and
 * one word of 160,000 characters (quadratic before: ~10 s; now linear).
 *
 * Run: `deno bench --allow-all bench/text_wrap_bench.ts`
 */

import { wrapText } from "../src/python/text_wrap.ts";

const prose = "The name of the employee, as it appears on the pay slip -- well-known or not. "
  .repeat(2000);
const word = "x".repeat(160_000);
const hyphenated = "word-".repeat(32_000);

Deno.bench({
  name: "160,000 characters of prose",
  group: "wrap",
  baseline: true,
  fn() {
    wrapText(prose, 72);
  },
});

Deno.bench({
  name: "one 160,000-character word",
  group: "wrap",
  fn() {
    wrapText(word, 72);
  },
});

Deno.bench({
  name: "one 160,000-character hyphenated word",
  group: "wrap",
  fn() {
    wrapText(hyphenated, 72);
  },
});
