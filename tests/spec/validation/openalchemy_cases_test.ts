/**
 * Specs on which a reading of our own once disagreed with OpenAlchemy 2.5, each with
 * OpenAlchemy's verdict (checked by running it): what it reads, we read; what it never
 * looks at, we do not refuse.
 */

import assert from "node:assert/strict";
import { SpecValidationError } from "../../../src/errors.ts";
import { packageContentsOf } from "../../../src/package/package_files.ts";

const DIVISION = {
  type: "object",
  "x-tablename": "division",
  properties: { id: { type: "integer", "x-primary-key": true }, name: { type: "string" } },
};

function employee(properties: Record<string, unknown>) {
  return {
    type: "object",
    "x-tablename": "employee",
    properties: { id: { type: "integer", "x-primary-key": true }, ...properties },
  };
}

function spec(schemas: Record<string, unknown>) {
  return { openapi: "3.0.0", info: { version: "1" }, components: { schemas } };
}

const ACCEPTED: [string, Record<string, unknown>][] = [
  ["x-backref in an allOf item that also has a type, beside the $ref", {
    Division: DIVISION,
    Employee: employee({
      division: {
        allOf: [{ $ref: "#/components/schemas/Division" }, {
          type: "object",
          "x-backref": "employees",
        }],
      },
    }),
  }],
  ["an odd nullable on a readOnly property (OpenAlchemy does not read it there)", {
    Division: DIVISION,
    Employee: employee({
      team: {
        type: "object",
        readOnly: true,
        nullable: "x",
        properties: { id: { type: "integer" } },
      },
    }),
  }],
  ["an allOf that is not a list inside an example (never read)", {
    Division: DIVISION,
    Employee: employee({ name: { type: "string", example: { allOf: "x" } } }),
  }],
  ["an allOf that is not a list on a schema that is no model (never read)", {
    Division: DIVISION,
    Employee: employee({}),
    Helper: { allOf: "x" },
  }],
  ["a relationship description of another JSON type (shown with str())", {
    Division: DIVISION,
    Employee: employee({ division: { $ref: "#/components/schemas/Division", description: -1 } }),
  }],
  ["a unique constraint object whose unique is a string (not in its schema, not read)", {
    Employee: {
      ...employee({ name: { type: "string" } }),
      "x-composite-unique": { columns: ["name"], unique: "yes" },
    },
  }],
  ["an index object with keys it does not know", {
    Employee: {
      ...employee({ name: { type: "string" } }),
      "x-composite-index": { expressions: ["name"], columns: ["id"], other: 1 },
    },
  }],
];

const REFUSED: [string, Record<string, unknown>, RegExp][] = [
  ["an allOf that is not a list inside a JSON column (OpenAlchemy fails merging it)", {
    Division: DIVISION,
    Employee: employee({
      data: { type: "object", "x-json": true, properties: { a: { allOf: "x" } } },
    }),
  }, /^Employee: Cannot read the model: the value of allOf must be a list$/],
  ["an odd nullable beside a relationship's $ref (read when the foreign key is added)", {
    Division: DIVISION,
    Employee: employee({ division: { $ref: "#/components/schemas/Division", nullable: "object" } }),
  }, /^Employee\.division: nullable must be a boolean/],
  ["an index object whose name is null", {
    Employee: {
      ...employee({ name: { type: "string" } }),
      "x-composite-index": { expressions: ["name"], name: null },
    },
  }, /^Employee: x-composite-index must be a list of column names/],
  ["a composite unique mixing column names and lists", {
    Employee: {
      ...employee({ name: { type: "string" } }),
      "x-composite-unique": ["name", ["id"]],
    },
  }, /^Employee: x-composite-unique must be a list of column names/],
  ["an index object with columns instead of expressions", {
    Employee: {
      ...employee({ name: { type: "string" } }),
      "x-composite-index": [{ columns: ["name"] }],
    },
  }, /^Employee: x-composite-index must be a list of column names/],
];

for (const [name, schemas] of ACCEPTED) {
  Deno.test(`accepted, as OpenAlchemy accepts it: ${name}`, () => {
    assert.doesNotThrow(() => packageContentsOf(spec(schemas), "cases"));
  });
}

for (const [name, schemas, message] of REFUSED) {
  Deno.test(`refused, as OpenAlchemy refuses it: ${name}`, () => {
    assert.throws(() => packageContentsOf(spec(schemas), "cases"), (error: unknown) => {
      assert.ok(error instanceof SpecValidationError, String(error));
      assert.match(error.message, message);
      return true;
    });
  });
}

Deno.test("refused: items whose items are not an object, on any property (read looking for back references)", () => {
  const schemas = {
    Division: DIVISION,
    Employee: employee({ code: { type: "integer", items: { items: "class" } } }),
  };
  assert.throws(() => packageContentsOf(spec(schemas), "cases"), /^SpecValidationError/);
  assert.throws(
    () => packageContentsOf(spec(schemas), "cases"),
    /Employee\.code: items must be an object, not a string/,
  );
});

Deno.test("refused, not looping: items that contain themselves through a reference", () => {
  const schemas = {
    Division: DIVISION,
    Loop: { type: "array", items: { $ref: "#/components/schemas/Loop" } },
    Employee: employee({ code: { $ref: "#/components/schemas/Loop" } }),
  };
  assert.throws(() => packageContentsOf(spec(schemas), "cases"), /items that contain themselves/);
});

Deno.test("refused: an allOf that is not a list beside a relationship's $ref (OpenAlchemy fails on it)", () => {
  const schemas = {
    Division: DIVISION,
    Employee: employee({
      division: { $ref: "#/components/schemas/Division", allOf: "employee.id" },
    }),
  };
  assert.throws(
    () => packageContentsOf(spec(schemas), "cases"),
    /Employee\.division: the value of allOf must be a list/,
  );
});
