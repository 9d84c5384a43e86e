import assert from "node:assert/strict";
import { assertPythonName, docstringBody, isPythonName } from "../../src/python/literal.ts";
import { SpecValidationError } from "../../src/errors.ts";

Deno.test("isPythonName accepts identifiers, soft keywords and non-ASCII letters", () => {
  for (const name of ["id", "_private", "division_id", "match", "case", "type", "élève", "ﬁle"]) {
    assert.ok(isPythonName(name), name);
  }
});

Deno.test("isPythonName rejects keywords, __debug__ and non-identifiers", () => {
  for (const name of ["class", "None", "async", "__debug__", "a-b", "1x", "a b", "", "x.y", "é-"]) {
    assert.ok(!isPythonName(name), name);
  }
});

Deno.test("assertPythonName names the schema and property at fault", () => {
  assert.throws(
    () => assertPythonName("class", ["Employee", "class"]),
    (error: unknown) =>
      error instanceof SpecValidationError &&
      error.path.join(".") === "Employee.class" &&
      error.message.startsWith("Employee.class: "),
  );
});

Deno.test("docstringBody keeps safe text unchanged", () => {
  for (
    const text of ["Plain text.", 'Say "hi".\n    ', "a\\b and \\n and \\x41 and \\u00e9", "é ☃ 😀"]
  ) {
    assert.equal(docstringBody(text), text);
  }
});

Deno.test("docstringBody escapes text that would end or break the docstring", () => {
  assert.equal(docstringBody('Say """hi"""'), 'Say \\"\\"\\"hi\\"\\"\\"');
  assert.equal(docstringBody('ends with "'), 'ends with \\"');
  assert.equal(docstringBody("bad \\N{x} escape"), "bad \\\\N{x} escape");
  assert.equal(docstringBody("bad \\x4 escape"), "bad \\\\x4 escape");
  assert.equal(docstringBody("trailing \\"), "trailing \\\\");
  assert.equal(docstringBody("nul \0 here"), "nul \\x00 here");
  assert.equal(docstringBody("cr \r here"), "cr \\r here");
  assert.equal(docstringBody("lone \ud800 surrogate"), "lone \\ud800 surrogate");
});

Deno.test("isPythonName rejects identifier characters newer than Python 3.11's Unicode", () => {
  assert.ok(!isPythonName("a\u{14399}"));
  assert.ok(!isPythonName("x\u200c"));
});
