import assert from "node:assert/strict";
import { validateSpec } from "../../../../src/spec/mod.ts";
import { OPENALCHEMY_EXAMPLES_DIR } from "../../corpus.ts";

type Schemas = Record<string, Record<string, unknown>>;

async function processed(example: string): Promise<Schemas> {
  const spec = JSON.parse(await Deno.readTextFile(`${OPENALCHEMY_EXAMPLES_DIR}${example}`));
  return validateSpec(spec).schemas as Schemas;
}

Deno.test("x-backref on a many-to-one records an array back reference on the referenced model", async () => {
  const schemas = await processed("relationship__many_to_one__backref-example-spec.json");
  const division = schemas.Division.allOf as Record<string, unknown>[];
  assert.deepEqual(division[1], {
    type: "object",
    "x-backrefs": {
      employees: { type: "array", items: { type: "object", "x-de-$ref": "Employee" } },
    },
  });
});

Deno.test("x-backref on a one-to-one records a single back reference", async () => {
  const schemas = await processed("relationship__one_to_one__example-spec.json");
  const json = JSON.stringify(schemas.PayInfo);
  assert.match(json, /"x-backrefs":\{"employee":\{"type":"object","x-de-\$ref":"Employee"\}\}/);
});

Deno.test("a many-to-many relationship adds the association table as a model", async () => {
  const schemas = await processed("relationship__many_to_many__example-spec.json");
  assert.deepEqual(schemas.EmployeeProject, {
    type: "object",
    "x-tablename": "employee_project",
    properties: {
      employee_id: { type: "integer", "x-primary-key": true, "x-foreign-key": "employee.id" },
      project_id: { type: "integer", "x-primary-key": true, "x-foreign-key": "project.id" },
    },
    required: ["employee_id", "project_id"],
  });
  assert.equal(Object.keys(schemas).at(-1), "EmployeeProject");
});

Deno.test("a pre-defined association table is combined with the columns it lacks", async () => {
  const schemas = await processed("relationship__many_to_many__pre-defined-example-spec.json");
  const combined = schemas.EmployeeProject.allOf as Record<string, unknown>[];
  assert.deepEqual(combined[0], {
    type: "object",
    "x-tablename": "employee_project",
    properties: {},
  });
  assert.equal((combined[1] as { "x-tablename": string })["x-tablename"], "employee_project");
});

Deno.test("processing leaves the input spec as it was", async () => {
  for (
    const example of [
      "relationship__many_to_many__example-spec.json",
      "relationship__one_to_one__example-spec.json",
      "inheritance__joined-example-spec.json",
    ]
  ) {
    const spec = JSON.parse(await Deno.readTextFile(`${OPENALCHEMY_EXAMPLES_DIR}${example}`));
    const before = JSON.stringify(spec);
    validateSpec(spec);
    assert.equal(JSON.stringify(spec), before, example);
  }
});
