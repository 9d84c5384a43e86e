/**
 * Every independent problem of a spec is reported at once, each with its schema,
 * property and JSON pointer; the first stays the error's message.
 */

import assert from "node:assert/strict";
import { validateSpec } from "../../../src/spec/mod.ts";
import { SpecValidationError } from "../../../src/errors.ts";

function model(tablename: string, properties: Record<string, unknown>): Record<string, unknown> {
  return { type: "object", "x-tablename": tablename, properties };
}

function problemsOf(schemas: Record<string, unknown>): SpecValidationError {
  try {
    validateSpec({ components: { schemas } });
  } catch (error) {
    assert.ok(error instanceof SpecValidationError, String(error));
    return error;
  }
  throw new Error("the spec was accepted");
}

Deno.test("every broken model and property is reported, the first as the message", () => {
  const error = problemsOf({
    Book: model("book", {
      id: { type: "integer", "x-primary-key": true },
      title: { type: "string", maxLength: "long" },
      pages: { type: "integer", default: "many" },
    }),
    Shelf: { type: "object", "x-tablename": "shelf" },
    Author: model("author", { id: { type: "integer", "x-primary-key": true, format: "uuid" } }),
  });
  assert.deepEqual(
    error.problems.map((problem) => [problem.path, problem.pointer]),
    [
      [["Shelf"], "/components/schemas/Shelf"],
      [["Book", "title"], "/components/schemas/Book/properties/title"],
      [["Book", "pages"], "/components/schemas/Book/properties/pages"],
      [["Author", "id"], "/components/schemas/Author/properties/id"],
    ],
  );
  assert.equal(error.message, error.problems[0].message);
  assert.equal(error.problems[0].message, "Shelf: models must have at least 1 property themself");
  assert.equal(error.problems[1].reason, "maxLength must be an integer, not a string");
});

Deno.test("a model's properties are not checked when the model itself is broken", () => {
  const error = problemsOf({
    Book: { ...model("book", { id: { type: "bogus" } }), required: "id" },
  });
  assert.deepEqual(error.problems.map((problem) => problem.message), [
    "Book: value of required must be a list",
  ]);
});

Deno.test("two models on one table are reported beside the other problems", () => {
  const error = problemsOf({
    Book: model("book", { id: { type: "integer", "x-primary-key": true } }),
    Novel: model("book", { id: { type: "integer", "x-primary-key": true }, n: { type: 1 } }),
  });
  assert.deepEqual(error.problems.map((problem) => problem.path), [["Novel", "n"], ["Novel"]]);
});

Deno.test("a schema with x-tablename and a one-item allOf is no model, as in OpenAlchemy", () => {
  const error = problemsOf({
    Book: {
      "x-tablename": "book",
      allOf: [{ type: "object", properties: { id: { type: "integer" } } }],
    },
  });
  assert.match(error.message, /at least 1 schema with the x-tablename key/);
});

Deno.test("a top-level schema that is a reference to another file is refused", () => {
  const error = problemsOf({
    Book: model("book", { id: { type: "integer", "x-primary-key": true } }),
    Author: { $ref: "authors.yaml#/Author" },
  });
  assert.equal(error.problems[0].path[0], "Author");
  assert.match(error.message, /points to another file or a URL/);
});

Deno.test("a reference that is not one (no #) only makes its schema no model, as in OpenAlchemy", () => {
  const { schemas } = validateSpec({
    components: {
      schemas: {
        Book: model("book", { id: { type: "integer", "x-primary-key": true } }),
        Other: { allOf: [{ $ref: "nonsense" }, model("other", { id: { type: "integer" } })] },
      },
    },
  });
  assert.deepEqual(Object.keys(schemas), ["Book", "Other"]);
});

Deno.test("a property in both properties and allOf is validated where the build reads it", () => {
  const spec = (allOfDefault: unknown) => ({
    components: {
      schemas: {
        Book: {
          type: "object",
          allOf: [
            { properties: { pages: { type: "integer", default: allOfDefault } } },
            { "x-tablename": "book" },
          ],
          properties: {
            id: { type: "integer", "x-primary-key": true },
            pages: { type: "string", default: "many" },
          },
        },
      },
    },
  });
  // The allOf item's property comes first in OpenAlchemy's order, so it is the one read.
  assert.doesNotThrow(() => validateSpec(spec(3)));
  assert.throws(
    () => validateSpec(spec("many")),
    /Book\.pages: the default value does not conform/,
  );
});

Deno.test("an x-tablename beside allOf is refused: OpenAlchemy looks in the allOf items", () => {
  const error = problemsOf({
    Book: {
      type: "object",
      "x-tablename": "book",
      allOf: [{ properties: { id: { type: "integer", "x-primary-key": true } } }, {}],
    },
  });
  assert.match(error.message, /^Book: the table name must be in the schema's allOf items/);
});

Deno.test("x-backref on a column that references a schema is accepted, as in OpenAlchemy", () => {
  const schemas = {
    Name: { type: "string", "x-backref": "employee" },
    IdBase: { type: "integer", "x-primary-key": true },
    Employee: model("employee", {
      id: { allOf: [{ $ref: "#/components/schemas/IdBase" }, { "x-backref": "def" }] },
      name: { $ref: "#/components/schemas/Name" },
    }),
  };
  assert.doesNotThrow(() => validateSpec({ components: { schemas } }));
});

Deno.test("schemas that reference each other in a cycle are refused (OpenAlchemy fails on import)", () => {
  const error = problemsOf({
    Book: model("book", { id: { type: "integer", "x-primary-key": true } }),
    A: { allOf: [{ $ref: "#/components/schemas/B" }, { type: "object" }] },
    B: { allOf: [{ $ref: "#/components/schemas/A" }, { type: "object" }] },
  });
  assert.deepEqual(error.problems.map((problem) => problem.path), [["A"], ["B"]]);
  assert.match(error.message, /^A: circular reference through #\/components\/schemas\//);
});

Deno.test("an x-secondary naming a model's own table is refused, as in OpenAlchemy", () => {
  const error = problemsOf({
    Employee: model("employee", {
      id: { type: "integer", "x-primary-key": true },
      projects: {
        type: "array",
        items: { allOf: [{ $ref: "#/components/schemas/Project" }, { "x-secondary": "project" }] },
      },
    }),
    Project: model("project", { id: { type: "integer", "x-primary-key": true } }),
  });
  assert.match(error.message, /^Project: the primary key id must define a foreign key/);
});
