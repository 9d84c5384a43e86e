import assert from "node:assert/strict";
import { parseSpecText } from "../../src/spec/parse.ts";
import { SpecParseError } from "../../src/errors.ts";

Deno.test("spec text is read as JSON when it starts with a brace", async () => {
  assert.deepEqual(await parseSpecText(' \n{"info": {"version": "1"}}'), {
    info: { version: "1" },
  });
});

Deno.test("spec text is read as YAML otherwise, with YAML 1.2 core types", async () => {
  assert.deepEqual(
    await parseSpecText("info:\n  version: '1.0'\n  n: 1.0\nflag: yes\nd: 2001-12-14"),
    {
      info: { version: "1.0", n: 1 },
      flag: "yes",
      d: "2001-12-14",
    },
  );
});

Deno.test("text that is neither JSON nor YAML is a SpecParseError", async () => {
  await assert.rejects(parseSpecText("{bad"), SpecParseError);
  await assert.rejects(parseSpecText("a: [1"), SpecParseError);
  await assert.rejects(parseSpecText("a: 1\na: 2"), /Map keys must be unique/);
});

Deno.test("YAML values JSON cannot hold are refused with their place", async () => {
  await assert.rejects(parseSpecText("a:\n  b: .inf"), /a\.b is Infinity, not a JSON number/);
  await assert.rejects(parseSpecText("a: !!binary aGVsbG8="), /a is not a JSON value/);
});
