/**
 * One minimal spec per validation rule, and the exact message it gets: schema, property,
 * what is wrong.
 */

import assert from "node:assert/strict";
import { validateSpec } from "../../../src/spec/mod.ts";
import { SpecValidationError } from "../../../src/errors.ts";

type Json = Record<string, unknown>;

/** Division (a table) and Employee (columns of every kind, a many-to-one to Division). */
function baseSpec(): Json {
  return {
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    components: {
      schemas: {
        Division: {
          type: "object",
          "x-tablename": "division",
          properties: {
            id: { type: "integer", "x-primary-key": true },
            name: { type: "string" },
          },
        },
        Employee: {
          type: "object",
          "x-tablename": "employee",
          required: ["name"],
          properties: {
            id: { type: "integer", format: "int64", "x-primary-key": true },
            name: { type: "string", maxLength: 50, description: "Name." },
            salary: { type: "number", format: "float", nullable: true },
            active: { type: "boolean", default: true },
            data: { type: "object", "x-json": true },
            division: { $ref: "#/components/schemas/Division" },
          },
        },
      },
    },
  };
}

/** Employee.division as `allOf: [$ref Division, extra]` (how relationships take options). */
function withAllOf(schemas: Record<string, Json>, extra: Json): void {
  (employee(schemas).properties as Record<string, Json>).division = {
    allOf: [{ $ref: "#/components/schemas/Division" }, extra],
  };
}

type Edit = (schemas: Record<string, Json>) => void;
const employee = (schemas: Record<string, Json>) => schemas.Employee;
const prop = (schemas: Record<string, Json>, name: string) =>
  (employee(schemas).properties as Record<string, Json>)[name];

const RULES: [string, Edit, string][] = [
  [
    "a schema that is not an object",
    (s) => s.Other = [] as never,
    "Other: the value of Other must be a dictionary",
  ],
  [
    "x-tablename not a string",
    (s) => employee(s)["x-tablename"] = 5,
    "Employee: x-tablename must be a string, not an integer",
  ],
  [
    "a model that is not an object type",
    (s) => employee(s).type = "array",
    "Employee: models must have the object type",
  ],
  [
    "a model without properties",
    (s) => s.Division.properties = {},
    "Division: models must have at least 1 property themself",
  ],
  [
    "properties that is not a dictionary",
    (s) => s.Division.properties = [] as never,
    "Division: value of properties must be a dictionary",
  ],
  [
    "required not a list",
    (s) => employee(s).required = "name",
    "Employee: value of required must be a list",
  ],
  [
    "required naming no property",
    (s) => employee(s).required = ["nope"],
    "Employee: required :: all items must be properties, nope is not",
  ],
  [
    "a model description that is not a string",
    (s) => employee(s).description = 1,
    "Employee: description must be a string, not an integer",
  ],
  [
    "a model with a column-only key",
    (s) => employee(s)["x-index"] = true,
    "Employee: models do not support the x-index key",
  ],
  [
    "model x-kwargs with a non-dunder key",
    (s) => employee(s)["x-kwargs"] = { a: 1 },
    "Employee: models x-kwargs must have keys that start and end with __",
  ],
  [
    "model x-kwargs defining __table_args__",
    (s) => employee(s)["x-kwargs"] = { __table_args__: {} },
    "Employee: models x-kwargs cannot define __table_args__",
  ],
  [
    "a composite index naming no property",
    (s) => employee(s)["x-composite-index"] = ["name", "nope"],
    "Employee: x-composite-index :: all expressions must be properties, nope is not",
  ],
  [
    "a composite unique naming no property",
    (s) => employee(s)["x-composite-unique"] = ["nope"],
    "Employee: x-composite-unique :: all columns must be properties, nope is not",
  ],
  [
    "mixins that are not import paths",
    (s) => employee(s)["x-mixins"] = "not a path",
    'Employee: x-mixins :: "not a path" is not a dotted import path like "module.Mixin"',
  ],
  [
    "x-inherits without a parent",
    (s) => employee(s)["x-inherits"] = true,
    "Employee: x-inherits is set but the schema references no parent model (put the parent's $ref in allOf)",
  ],
  [
    "two models on one table",
    (s) => s.Division["x-tablename"] = "employee",
    'Employee: x-tablename "employee" is also the table of Division; only a model that inherits (x-inherits) may share its parent\'s table',
  ],
  [
    "a property without a type",
    (s) => delete prop(s, "name").type,
    "Employee.name: every property requires a type",
  ],
  [
    "an unsupported type",
    (s) => prop(s, "name").type = "text",
    "Employee.name: text is not a supported type",
  ],
  [
    "a 3.1 type list with two types",
    (s) => prop(s, "name").type = ["string", "integer"],
    'Employee.name: a type list must hold one type and optionally "null", e.g. ["string", "null"]',
  ],
  [
    "an unsupported format",
    (s) => prop(s, "id").format = "int128",
    "Employee.id: int128 format is not supported for integer",
  ],
  [
    "maxLength on an integer",
    (s) => prop(s, "id").maxLength = 3,
    "Employee.id: integer int64 format does not support maxLength",
  ],
  [
    "maxLength not an integer",
    (s) => prop(s, "name").maxLength = "50",
    "Employee.name: maxLength must be an integer, not a string",
  ],
  [
    "x-autoincrement on a string",
    (s) => prop(s, "name")["x-autoincrement"] = true,
    "Employee.name: string does not support x-autoincrement",
  ],
  [
    "x-primary-key not a boolean",
    (s) => prop(s, "id")["x-primary-key"] = "yes",
    "Employee.id: x-primary-key must be a boolean, not a string",
  ],
  [
    "x-open-alchemy-index not a boolean",
    (s) => prop(s, "name")["x-open-alchemy-index"] = 1,
    "Employee.name: x-index must be a boolean, not an integer",
  ],
  [
    "x-unique not a boolean",
    (s) => prop(s, "name")["x-unique"] = [],
    "Employee.name: x-unique must be a boolean, not a list",
  ],
  [
    "nullable not a boolean",
    (s) => prop(s, "salary").nullable = "no",
    "Employee.salary: nullable must be a boolean, not a string",
  ],
  [
    "readOnly not a boolean",
    (s) => prop(s, "name").readOnly = "x",
    "Employee.name: readOnly must be a boolean, not a string",
  ],
  [
    "writeOnly not a boolean",
    (s) => prop(s, "name").writeOnly = 0,
    "Employee.name: writeOnly must be a boolean, not an integer",
  ],
  [
    "x-dict-ignore not a boolean",
    (s) => prop(s, "name")["x-dict-ignore"] = "x",
    "Employee.name: x-dict-ignore must be a boolean, not a string",
  ],
  ["a property description not a string", (s) => prop(s, "name").description = null as never, ""],
  [
    "a default of the wrong type",
    (s) => prop(s, "active").default = "yes",
    'Employee.active: the default value does not conform to the schema, the value is "yes"',
  ],
  [
    "a default longer than maxLength",
    (s) => prop(s, "name").default = "x".repeat(51),
    `Employee.name: the default value does not conform to the schema, the value is "${
      "x".repeat(51)
    }"`,
  ],
  [
    "x-server-default not a string",
    (s) => prop(s, "name")["x-server-default"] = 1,
    "Employee.name: x-server-default must be a string, not an integer",
  ],
  [
    "x-foreign-key not a string",
    (s) => prop(s, "name")["x-foreign-key"] = 1,
    "Employee.name: x-foreign-key must be a string, not an integer",
  ],
  [
    "column x-kwargs with a reserved key",
    (s) => prop(s, "name")["x-kwargs"] = { nullable: true },
    "Employee.name: x-kwargs :: may not contain the nullable key",
  ],
  [
    "x-foreign-key-kwargs without x-foreign-key",
    (s) => prop(s, "name")["x-foreign-key-kwargs"] = {},
    "Employee.name: x-foreign-key-kwargs :: can only be defined alongside x-foreign-key",
  ],
  [
    "x-json not a boolean",
    (s) => prop(s, "data")["x-json"] = "yes",
    "Employee.data: x-json must be a boolean, not a string",
  ],
  [
    "x-autoincrement on a JSON column",
    (s) => prop(s, "data")["x-autoincrement"] = true,
    'Employee.data: json properties do not support "x-autoincrement"',
  ],
  [
    "x-backref on a column",
    (s) => prop(s, "name")["x-backref"] = "employees",
    "Employee.name: x-backref needs a $ref to the model that gets the back reference, and there is none",
  ],
  [
    "items that are not an object",
    (s) => prop(s, "name").items = 1,
    "Employee.name: items must be an object, not an integer",
  ],
  [
    "a dangling $ref",
    (s) => prop(s, "division").$ref = "#/components/schemas/Nope",
    'Employee.division: $ref "#/components/schemas/Nope" names a schema that is not defined',
  ],
  [
    "a remote $ref",
    (s) => prop(s, "division").$ref = "other.yaml#/Division",
    'Employee.division: $ref "other.yaml#/Division" points to another file or a URL, which a single-spec build cannot resolve; use a local reference like #/components/schemas/Name',
  ],
  [
    "a relationship to a model without the key column",
    (s) => delete (s.Division.properties as Json).id,
    'Employee.division: a many-to-one relationship needs the column "id" on Division, which it does not have (set x-foreign-key-column to an existing property)',
  ],
  [
    "x-backref not a string",
    (s) => withAllOf(s, { "x-backref": 1 }),
    "Employee.division: x-backref must be a string, not an integer",
  ],
  [
    "x-uselist not a boolean",
    (s) => withAllOf(s, { "x-uselist": "no" }),
    "Employee.division: x-uselist must be a boolean, not a string",
  ],
  [
    "a relationship to an alias of a model",
    (s) => {
      s.DivisionAlias = { $ref: "#/components/schemas/Division" };
      prop(s, "division").$ref = "#/components/schemas/DivisionAlias";
    },
    "Employee.division: the relationship references DivisionAlias, which is not a model (no x-tablename of its own)",
  ],
  [
    "an array relationship without items",
    (s) => Object.assign(prop(s, "division"), { $ref: undefined, type: "array" }),
    "Employee.division: array relationships must define items",
  ],
];

for (const [rule, edit, message] of RULES) {
  if (message === "") continue;
  Deno.test(`rejected with a message naming where: ${rule}`, () => {
    const spec = baseSpec();
    edit((spec.components as Json).schemas as Record<string, Json>);
    assert.throws(() => validateSpec(JSON.parse(JSON.stringify(spec))), (error: unknown) => {
      assert.ok(error instanceof SpecValidationError, String(error));
      assert.equal(error.message, message);
      return true;
    });
  });
}

Deno.test("the base spec of these rules is valid", () => {
  assert.deepEqual(Object.keys(validateSpec(baseSpec()).schemas), ["Division", "Employee"]);
});

Deno.test("a description of null reads as no description, as in OpenAlchemy", () => {
  const spec = baseSpec();
  prop((spec.components as Json).schemas as Record<string, Json>, "name").description =
    null as never;
  assert.doesNotThrow(() => validateSpec(spec));
});

Deno.test("a joined-table child with its own primary key may have a many-to-many relationship", () => {
  const spec = {
    components: {
      schemas: {
        Employee: {
          type: "object",
          "x-tablename": "employee",
          properties: { id: { type: "integer", "x-primary-key": true }, type: { type: "string" } },
        },
        Manager: {
          allOf: [{ $ref: "#/components/schemas/Employee" }, {
            type: "object",
            "x-tablename": "manager",
            "x-inherits": true,
            properties: {
              id: { type: "integer", "x-primary-key": true, "x-foreign-key": "employee.id" },
              projects: {
                type: "array",
                items: {
                  allOf: [{ $ref: "#/components/schemas/Project" }, {
                    "x-secondary": "manager_project",
                  }],
                },
              },
            },
          }],
        },
        Project: {
          type: "object",
          "x-tablename": "project",
          properties: { id: { type: "integer", "x-primary-key": true } },
        },
      },
    },
  };
  const schemas = validateSpec(spec).schemas as Record<string, { properties?: object }>;
  assert.deepEqual(Object.keys(schemas.ManagerProject.properties ?? {}), [
    "manager_id",
    "project_id",
  ]);
});
