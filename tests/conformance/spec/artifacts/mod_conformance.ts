import assert from "node:assert/strict";
import type { JsonObject } from "../../../../src/json.ts";
import { validateSpec } from "../../../../src/spec/mod.ts";
import { processSchemas } from "../../../../src/spec/process/mod.ts";
import {
  getArtifacts,
  type ModelArtifacts,
  type PropertyArtifacts,
} from "../../../../src/spec/artifacts/mod.ts";
import { OPENALCHEMY_EXAMPLES_DIR } from "../../corpus.ts";

// Expectations were checked against OpenAlchemy 2.5's get_from_schemas(stay_within_model=False)
// on the same schemas.

async function artifactsOf(example: string) {
  const text = await Deno.readTextFile(`${OPENALCHEMY_EXAMPLES_DIR}${example}-spec.json`);
  return getArtifacts(validateSpec(JSON.parse(text)).schemas);
}

function property(model: ModelArtifacts, name: string): PropertyArtifacts {
  const found = model.properties.find(([key]) => key === name);
  assert.ok(found, `no property ${name}`);
  return found[1];
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

Deno.test("a simple column records its schema, OpenAPI and extension keys", async () => {
  const models = await artifactsOf("simple__example");
  const employee = models.get("Employee")!;
  assert.equal(employee.tablename, "employee");
  assert.equal(employee.description, "Person that works for a company.");
  assert.deepEqual(employee.properties.map(([name]) => name), ["id", "name", "division", "salary"]);
  assert.deepEqual(property(employee, "id"), {
    type: "simple",
    required: false,
    description: "Unique identifier for the employee.",
    schema: { type: "integer", description: "Unique identifier for the employee." },
    openApi: { type: "integer" },
    extension: { primaryKey: true, autoincrement: true },
  });
  const name = property(employee, "name");
  assert.equal(name.required, true);
  assert.equal(name.type === "simple" && name.extension.index, true);
});

Deno.test("models come in the order the schemas define them, association tables last", async () => {
  const models = await artifactsOf("relationship__many_to_many__example");
  assert.deepEqual([...models.keys()], ["Project", "Employee", "EmployeeProject"]);
  const projects = property(models.get("Employee")!, "projects");
  assert.deepEqual(projects, {
    type: "relationship",
    required: false,
    parent: "Project",
    subType: "many-to-many",
    schema: {
      type: "array",
      items: { type: "object", "x-de-$ref": "Project" },
      description: "The projects the employee is working on.",
    },
    description: "The projects the employee is working on.",
    secondary: "employee_project",
  });
});

Deno.test("a one-to-one relationship records its foreign key and the referenced model gets an object backref", async () => {
  const models = await artifactsOf("relationship__one_to_one__example");
  const payInfo = property(models.get("Employee")!, "pay_info");
  assert.equal(payInfo.type, "relationship");
  if (payInfo.type !== "relationship" || payInfo.subType !== "one-to-one") return;
  assert.equal(payInfo.parent, "PayInfo");
  assert.equal(payInfo.backrefProperty, "employee");
  assert.equal(payInfo.foreignKey, "pay_info.id");
  assert.equal(payInfo.foreignKeyProperty, "pay_info_id");
  assert.deepEqual(models.get("PayInfo")!.backrefs, [["employee", {
    type: "object",
    child: "Employee",
  }]]);
  // The foreign-key column processing added is listed after the model's own properties.
  assert.deepEqual(models.get("Employee")!.properties.map(([name]) => name), [
    "id",
    "name",
    "pay_info",
    "pay_info_id",
  ]);
});

Deno.test("a one-to-many relationship names its foreign key after the model's table", async () => {
  const models = await artifactsOf("relationship__one_to_many__example");
  const employees = property(models.get("Division")!, "employees");
  assert.ok(employees.type === "relationship" && employees.subType === "one-to-many");
  assert.equal(employees.foreignKey, "division.id");
  assert.equal(employees.foreignKeyProperty, "division_employees_id");
  assert.deepEqual(employees.schema.items, { type: "object", "x-de-$ref": "Employee" });
});

Deno.test("an inheriting model names its parent and lists inherited properties after its own (single table)", async () => {
  const models = await artifactsOf("inheritance__single-example");
  const manager = models.get("Manager")!;
  assert.equal(manager.inherits, true);
  assert.equal(manager.parent, "Employee");
  assert.equal(manager.tablename, "employee");
  assert.deepEqual(manager.kwargs, { __mapper_args__: { polymorphic_identity: "manager" } });
  assert.deepEqual(manager.properties.map(([name]) => name), [
    "manager_data",
    "id",
    "name",
    "type",
  ]);
  assert.equal(models.get("Employee")!.inherits, undefined);
});

Deno.test("with stayWithinModel a child lists only its own properties", async () => {
  const text = await Deno.readTextFile(
    `${OPENALCHEMY_EXAMPLES_DIR}inheritance__joined-example-spec.json`,
  );
  const schemas = validateSpec(JSON.parse(text)).schemas;
  const manager = getArtifacts(schemas, { stayWithinModel: true }).get("Manager")!;
  assert.deepEqual(manager.properties.map(([name]) => name), ["id", "manager_data"]);
  assert.equal(manager.tablename, "manager");
});

Deno.test("a JSON column's schema loses extension keys and gains x-json", async () => {
  const models = await artifactsOf("json__example");
  const data = property(models.get("Employee")!, "data");
  assert.equal(data.type, "json");
  assert.equal(data.schema["x-json"], true);
  assert.deepEqual(Object.keys(data.schema).filter((key) => key.startsWith("x-")), ["x-json"]);
});

Deno.test("composite index and unique are turned into their long forms; mixins into a list", async () => {
  const index = (await artifactsOf("composite_index__example")).get("Employee")!;
  assert.deepEqual(index.compositeIndex, [{ expressions: ["name", "division"] }]);
  const unique = (await artifactsOf("composite_unique__example")).get("Employee")!;
  assert.deepEqual(unique.compositeUnique, [{ columns: ["address", "division"] }]);
  const mixins = (await artifactsOf("mixins__example")).get("Employee")!;
  assert.deepEqual(mixins.mixins, ["sqlalchemy_mixins.TimestampsMixin"]);
});

Deno.test("OpenAPI 3.1 type lists give the type and nullable", async () => {
  const models = await artifactsOf("nullable__openapi-3-1__example");
  const name = property(models.get("Employee")!, "name");
  assert.ok(name.type === "simple");
  assert.equal(name.openApi.type, "string");
  assert.equal(name.openApi.nullable, true);
  const division = property(models.get("Employee")!, "division");
  assert.ok(division.type === "simple");
  assert.equal(division.openApi.nullable, undefined);
});

Deno.test("a readOnly array property is a backref with its item properties, extension keys removed", () => {
  const schemas = processSchemas({
    Employee: {
      type: "object",
      "x-tablename": "employee",
      properties: {
        id: { type: "integer", "x-primary-key": true },
        division: { allOf: [ref("Division"), { "x-backref": "employees" }] },
      },
    },
    Division: {
      type: "object",
      "x-tablename": "division",
      properties: {
        id: { type: "integer", "x-primary-key": true },
        employees: {
          readOnly: true,
          type: "array",
          items: {
            type: "object",
            properties: {
              id: { type: "integer", "x-primary-key": true },
              name: { type: "string" },
            },
          },
        },
      },
    },
  });
  const division = getArtifacts(schemas).get("Division")!;
  assert.deepEqual(property(division, "employees"), {
    type: "backref",
    subType: "array",
    schema: {
      readOnly: true,
      type: "array",
      items: { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } } },
    },
    properties: ["id", "name"],
  });
  assert.deepEqual(division.backrefs, [["employees", { type: "array", child: "Employee" }]]);
});

Deno.test("a relationship's own description and kwargs are read without its target's", () => {
  const schemas: JsonObject = processSchemas({
    Employee: {
      type: "object",
      "x-tablename": "employee",
      required: ["pay"],
      properties: {
        id: { type: "integer", "x-primary-key": true },
        pay: {
          allOf: [ref("Pay"), {
            "x-uselist": false,
            "x-kwargs": { lazy: "joined" },
            writeOnly: true,
          }],
        },
      },
    },
    Pay: {
      type: "object",
      "x-tablename": "pay",
      description: "Pay model",
      properties: { id: { type: "integer", "x-primary-key": true } },
    },
  });
  const pay = property(getArtifacts(schemas).get("Employee")!, "pay");
  assert.deepEqual(pay, {
    type: "relationship",
    required: true,
    parent: "Pay",
    kwargs: { lazy: "joined" },
    writeOnly: true,
    subType: "one-to-one",
    // The recorded schema, unlike the description artifact, takes the target's description.
    schema: { type: "object", "x-de-$ref": "Pay", description: "Pay model", writeOnly: true },
    foreignKey: "pay.id",
    foreignKeyProperty: "pay_id",
  });
});
