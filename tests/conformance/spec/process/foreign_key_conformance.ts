import assert from "node:assert/strict";
import { validateSpec } from "../../../../src/spec/mod.ts";
import { OPENALCHEMY_EXAMPLES_DIR } from "../../corpus.ts";

async function processed(example: string) {
  const spec = JSON.parse(await Deno.readTextFile(`${OPENALCHEMY_EXAMPLES_DIR}${example}`));
  return validateSpec(spec).schemas as Record<string, { allOf?: unknown[] }>;
}

Deno.test("a many-to-one relationship adds <property>_id to its model, wrapped in allOf", async () => {
  const schemas = await processed("relationship__many_to_one__example-spec.json");
  const employee = schemas.Employee;
  assert.equal(employee.allOf?.length, 2);
  assert.deepEqual(employee.allOf?.[1], {
    type: "object",
    properties: {
      division_id: {
        type: "integer",
        "x-dict-ignore": true,
        nullable: true,
        "x-foreign-key": "division.id",
      },
    },
  });
  assert.equal(schemas.Division.allOf, undefined, "the referenced model is unchanged");
});

Deno.test("a one-to-many relationship adds <table>_<property>_id to the referenced model", async () => {
  const schemas = await processed("relationship__one_to_many__example-spec.json");
  const added = schemas.Employee.allOf?.[1] as { properties: Record<string, unknown> };
  assert.deepEqual(Object.keys(added.properties), ["division_employees_id"]);
  assert.deepEqual(added.properties.division_employees_id, {
    type: "integer",
    "x-dict-ignore": true,
    nullable: true,
    "x-foreign-key": "division.id",
  });
});

Deno.test("a required, not-nullable many-to-one gives a not-nullable foreign key", async () => {
  const schemas = await processed("relationship__many_to_one__not-nullable-example-spec.json");
  const added = schemas.Employee.allOf?.at(-1) as {
    properties: Record<string, { nullable: boolean }>;
  };
  assert.equal(added.properties.division_id.nullable, false);
});

Deno.test("x-foreign-key-column picks the referenced column and its type", async () => {
  const schemas = await processed(
    "relationship__many_to_one__custom-foreign-key-example-spec.json",
  );
  const added = schemas.Employee.allOf?.at(-1) as {
    properties: Record<string, { "x-foreign-key": string; type: string }>;
  };
  const [name] = Object.keys(added.properties);
  assert.equal(name, "division_name");
  assert.equal(added.properties[name]["x-foreign-key"], "division.name");
  assert.equal(added.properties[name].type, "string");
});

Deno.test("a many-to-many relationship adds no foreign-key column", async () => {
  const schemas = await processed("relationship__many_to_many__example-spec.json");
  const employee = schemas.Employee as { allOf?: unknown[] };
  const json = JSON.stringify(employee);
  assert.doesNotMatch(json, /_id":\{"type":"integer","x-dict-ignore":true/);
});
