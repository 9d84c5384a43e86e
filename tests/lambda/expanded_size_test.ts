import assert from "node:assert/strict";
import { expandedSize } from "../../src/lambda/expanded_size.ts";
import { JsonFloat, type JsonValue } from "../../src/json.ts";

Deno.test("the expanded size is the compact JSON length, shared nodes counted each time", () => {
  const values: JsonValue[] = [
    { a: [1, 2.5, true, false, null, "x"], "b c": { d: "é" } },
    [],
    {},
    "",
    -12,
  ];
  for (const value of values) {
    assert.equal(expandedSize(value, 1e9), JSON.stringify(value).length, JSON.stringify(value));
  }
  assert.equal(expandedSize({ f: new JsonFloat(1) }, 1e9), '{"f":1.0}'.length);
  assert.equal(
    expandedSize({ n: 12345678901234567890n }, 1e9),
    '{"n":12345678901234567890}'.length,
  );
  const shared = ["y".repeat(1000)];
  const many = Array.from({ length: 1000 }, () => shared);
  assert.equal(expandedSize(many, 1e9), JSON.stringify(many).length);
});

Deno.test("counting stops soon after the maximum", () => {
  const shared = "z".repeat(100_000);
  const bomb = Array.from({ length: 100_000 }, () => shared);
  const size = expandedSize(bomb, 1_000_000);
  assert.ok(size > 1_000_000 && size < 1_200_000, String(size));
});
