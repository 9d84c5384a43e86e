import assert from "node:assert/strict";
import { compositeEntries } from "../../../src/spec/schema/composite.ts";
import { SchemaProblem } from "../../../src/spec/schema/peek.ts";

Deno.test("a list of column names is one entry", () => {
  assert.deepEqual(compositeEntries(["a", "b"], "x-composite-unique"), [{ columns: ["a", "b"] }]);
});

Deno.test("a list of lists is one entry per list", () => {
  assert.deepEqual(compositeEntries([["a"], ["b", "c"]], "x-composite-index"), [
    { columns: ["a"] },
    { columns: ["b", "c"] },
  ]);
});

Deno.test("an index object gives its expressions, name and unique flag", () => {
  assert.deepEqual(
    compositeEntries({ expressions: ["a"], name: "ix", unique: true }, "x-composite-index"),
    [{ columns: ["a"], name: "ix", unique: true }],
  );
  assert.deepEqual(compositeEntries([{ expressions: ["a"] }], "x-composite-index"), [
    { columns: ["a"] },
  ]);
});

Deno.test("a unique object gives its columns and name; its other keys are not read", () => {
  assert.deepEqual(
    compositeEntries(
      [{ columns: ["a"], name: "uq", unique: "anything", expressions: 1 }],
      "x-composite-unique",
    ),
    [{ columns: ["a"], name: "uq" }],
  );
});

Deno.test("shapes outside OpenAlchemy's schemas are refused, naming the extension", () => {
  const refused: [unknown, "x-composite-index" | "x-composite-unique"][] = [
    [[], "x-composite-index"],
    ["a", "x-composite-index"],
    [null, "x-composite-unique"],
    [[["a"], []], "x-composite-index"],
    [["a", ["b"]], "x-composite-index"],
    [[["a"], { expressions: ["b"] }], "x-composite-index"],
    [[{ expressions: ["a"] }, ["b"]], "x-composite-index"],
    [[1], "x-composite-unique"],
    [{ columns: ["a"] }, "x-composite-index"],
    [{ expressions: ["a"] }, "x-composite-unique"],
    [{ expressions: ["a"], name: null }, "x-composite-index"],
    [{ expressions: ["a"], name: 1 }, "x-composite-index"],
    [{ expressions: ["a"], unique: "yes" }, "x-composite-index"],
    [{ expressions: ["a"], unique: null }, "x-composite-index"],
    [{ columns: ["a"], name: null }, "x-composite-unique"],
    [{ columns: [] }, "x-composite-unique"],
  ];
  for (const [value, key] of refused) {
    assert.throws(
      () => compositeEntries(value as never, key),
      (error: unknown) =>
        error instanceof SchemaProblem && error.message.startsWith(`${key} must be`),
      JSON.stringify(value),
    );
  }
});
