import assert from "node:assert/strict";
import type { JsonObject, JsonValue } from "../../../src/json.ts";
import { processSchemas } from "../../../src/spec/process/mod.ts";

// Expectations below were checked against OpenAlchemy 2.5's spec.json for the same schemas.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const id = { type: "integer", "x-primary-key": true };
const model = (tablename: string, properties: JsonObject = {}): JsonObject => ({
  type: "object",
  "x-tablename": tablename,
  properties: { id, ...properties },
});
const foreignKey = (target: string, nullable = true): JsonObject => ({
  type: "integer",
  "x-dict-ignore": true,
  nullable,
  "x-foreign-key": target,
});
const added = (schemas: JsonObject, name: string) =>
  ((schemas[name] as JsonObject).allOf as JsonValue[])[1];

Deno.test("a schema that is only a $ref to a model is not a second model", () => {
  const schemas = processSchemas({
    Employee: model("employee", { division: ref("Division") }),
    Division: model("division"),
    Alias: ref("Employee"),
  });
  assert.deepEqual(schemas.Alias, ref("Employee"));
  assert.deepEqual(added(schemas, "Employee"), {
    type: "object",
    properties: { division_id: foreignKey("division.id") },
  });
});

Deno.test("a one-item allOf whose item is not a model is not a model, even with its own x-tablename", () => {
  const employee = {
    type: "object",
    "x-tablename": "employee",
    allOf: [ref("Mixin")],
    properties: { id, division: { allOf: [ref("Division"), { "x-backref": "employees" }] } },
  };
  const schemas = processSchemas({
    Mixin: { type: "object", properties: { name: { type: "string" } } },
    Employee: employee,
    Division: model("division"),
  });
  assert.equal(schemas.Employee, employee);
  assert.equal((schemas.Division as JsonObject).allOf, undefined);
});

Deno.test("foreign keys follow OpenAlchemy's property order: $ref target, local allOf items, referenced allOf items, own properties", () => {
  const schemas = processSchemas({
    Base: { type: "object", properties: { division: ref("Division") } },
    Employee: {
      allOf: [ref("Base"), model("employee", { project: ref("Project") })],
      properties: { boss: ref("Division") },
    },
    Division: model("division"),
    Project: model("project"),
  });
  const properties = (added(schemas, "Employee") as JsonObject).properties as JsonObject;
  assert.deepEqual(Object.keys(properties), ["project_id", "division_id", "boss_id"]);
});

Deno.test("an x-foreign-key-column with a default gives a typed, not-nullable column with the default, in either key spelling", () => {
  const schemas = processSchemas({
    Employee: {
      type: "object",
      "x-open-alchemy-tablename": "employee",
      properties: {
        id,
        division: {
          allOf: [ref("Division"), {
            "x-open-alchemy-backref": "employees",
            "x-open-alchemy-uselist": false,
            "x-open-alchemy-foreign-key-column": "code",
          }],
        },
      },
    },
    Division: model("division", { code: { type: "string", maxLength: 5, default: "abc" } }),
  });
  assert.deepEqual(added(schemas, "Employee"), {
    type: "object",
    properties: {
      division_code: {
        type: "string",
        "x-dict-ignore": true,
        nullable: false,
        "x-foreign-key": "division.code",
        maxLength: 5,
        default: "abc",
      },
    },
  });
  assert.deepEqual(added(schemas, "Division"), {
    type: "object",
    "x-backrefs": { employees: { type: "object", "x-de-$ref": "Employee" } },
  });
});

Deno.test("no foreign key is added when the model already has the property", () => {
  const employee = model("employee", {
    division: ref("Division"),
    division_id: { type: "integer", "x-foreign-key": "division.id" },
  });
  const schemas = processSchemas({ Employee: employee, Division: model("division") });
  assert.equal(schemas.Employee, employee);
});

Deno.test("additions are grouped per model in code-point order of model names, entries in the order found", () => {
  const schemas = processSchemas({
    Z: model("z", { a: { allOf: [ref("A"), { "x-backref": "zs" }] } }),
    A: model("a", { bs: { type: "array", items: { allOf: [ref("Z"), { "x-backref": "a2" }] } } }),
    B: model("b", { a: { allOf: [ref("A"), { "x-backref": "b_list" }] } }),
  });
  assert.deepEqual(Object.keys((added(schemas, "Z") as JsonObject).properties as JsonObject), [
    "a_id",
    "a_bs_id",
  ]);
  assert.deepEqual(Object.keys((added(schemas, "A") as JsonObject)["x-backrefs"] as JsonObject), [
    "zs",
    "b_list",
  ]);
  // The one-to-many's back reference (a2) goes to Z, a single object.
  const z = schemas.Z as JsonObject;
  const zBackrefs = ((z.allOf as JsonObject[])[0].allOf as JsonObject[])[1];
  assert.deepEqual(zBackrefs["x-backrefs"], { a2: { type: "object", "x-de-$ref": "A" } });
});

Deno.test("an association table name already taken gets Autogen in front", () => {
  const schemas = processSchemas({
    Employee: model("employee", {
      projects: {
        type: "array",
        items: { allOf: [ref("Project"), { "x-secondary": "employee_project" }] },
      },
    }),
    Project: model("project"),
    EmployeeProject: { type: "object", properties: { a: { type: "string" } } },
  });
  assert.deepEqual(Object.keys(schemas).at(-1), "AutogenEmployeeProject");
  assert.deepEqual((schemas.AutogenEmployeeProject as JsonObject).required, [
    "employee_id",
    "project_id",
  ]);
});

Deno.test("an association table is named like Python's str.title() without underscores", () => {
  const schemas = processSchemas({
    Employee: model("employee", {
      projects: {
        type: "array",
        items: { allOf: [ref("Project"), { "x-secondary": "emp2_proj_x9y" }] },
      },
    }),
    Project: model("project"),
  });
  assert.equal((schemas.Emp2ProjX9Y as JsonObject)["x-tablename"], "emp2_proj_x9y");
});

Deno.test("a pre-defined association table gets, in front, the columns whose foreign key it lacks", () => {
  const table = {
    type: "object",
    "x-tablename": "employee_project",
    properties: {
      employee_id: { type: "integer", "x-primary-key": true, "x-foreign-key": "employee.id" },
    },
  };
  const schemas = processSchemas({
    Employee: model("employee", {
      projects: {
        type: "array",
        items: { allOf: [ref("Project"), { "x-secondary": "employee_project" }] },
      },
    }),
    Project: model("project", { id: { type: "string", maxLength: 20, "x-primary-key": true } }),
    EmployeeProject: table,
  });
  assert.deepEqual(schemas.EmployeeProject, {
    allOf: [{
      type: "object",
      "x-tablename": "employee_project",
      properties: {
        project_id: {
          type: "string",
          "x-primary-key": true,
          "x-foreign-key": "project.id",
          maxLength: 20,
        },
      },
    }, table],
  });
});

Deno.test("a joined-table child's association column uses the child's own primary key", () => {
  const schemas = processSchemas({
    Employee: model("employee"),
    Manager: {
      allOf: [ref("Employee"), {
        type: "object",
        "x-tablename": "manager",
        "x-inherits": true,
        properties: {
          id: {
            type: "string",
            maxLength: 10,
            "x-primary-key": true,
            "x-foreign-key": "employee.id",
          },
          projects: {
            type: "array",
            items: { allOf: [ref("Project"), { "x-secondary": "manager_project" }] },
          },
        },
      }],
    },
    Project: model("project", { id: { type: "integer", format: "int64", "x-primary-key": true } }),
  });
  assert.deepEqual((schemas.ManagerProject as JsonObject).properties, {
    manager_id: {
      type: "string",
      "x-primary-key": true,
      "x-foreign-key": "manager.id",
      maxLength: 10,
    },
    project_id: {
      type: "integer",
      "x-primary-key": true,
      "x-foreign-key": "project.id",
      format: "int64",
    },
  });
});

Deno.test("a single-table child's one-to-many puts the column on the referenced model, named after the shared table", () => {
  const schemas = processSchemas({
    Employee: model("employee"),
    Manager: {
      allOf: [ref("Employee"), {
        type: "object",
        "x-inherits": "Employee",
        properties: { divs: { type: "array", items: ref("Division") } },
      }],
    },
    Division: model("division"),
  });
  assert.deepEqual(added(schemas, "Division"), {
    type: "object",
    properties: { employee_divs_id: foreignKey("employee.id") },
  });
});

Deno.test("OpenAPI 3.1 null in a relationship's type list makes its foreign key nullable even when required", () => {
  const schemas = processSchemas({
    Employee: {
      ...model("employee", { division: { type: ["object", "null"], allOf: [ref("Division")] } }),
      required: ["division"],
    },
    Division: model("division"),
  });
  assert.deepEqual(added(schemas, "Employee"), {
    type: "object",
    properties: { division_id: foreignKey("division.id", true) },
  });
});
