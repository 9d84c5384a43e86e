import assert from "node:assert/strict";
import { validateSpec } from "../../../../src/spec/mod.ts";
import type { JsonObject } from "../../../../src/json.ts";
import { exampleSpecPaths, OPENALCHEMY_EXAMPLES_DIR } from "../../corpus.ts";

/**
 * What processing changes in each of OpenAlchemy's examples, as OpenAlchemy 2.5 writes
 * it into spec.json: `+Name` a schema added, `Name.props+a,b` properties added in an
 * allOf, `Name.backrefs+a` back references added, `Name<-table(a)` a pre-defined
 * association table combined with the columns it lacks. Every other schema is left as
 * it was.
 */
const EXPECTED_CHANGES: Record<string, string[]> = {
  "all_of__column-example": [],
  "all_of__model-example": [],
  "composite_index__example": [],
  "composite_unique__example": [],
  "default__example": [],
  "inheritance__joined-example": [],
  "inheritance__single-example": [],
  "json__example": [],
  "mixins__example": [],
  "namespaced__example": [],
  "nullable__openapi-3-0__example": [],
  "nullable__openapi-3-1__example": [],
  "read_only__example": [],
  "ref__column-example": [],
  "ref__model-example": [],
  "relationship__many_to_many__example": ["+EmployeeProject"],
  "relationship__many_to_many__pre-defined-example": ["EmployeeProject<-table()"],
  "relationship__many_to_one__backref-example": [
    "Division.backrefs+employees",
    "Employee.props+division_id",
  ],
  "relationship__many_to_one__custom-foreign-key-example": ["Employee.props+division_name"],
  "relationship__many_to_one__example": ["Employee.props+division_id"],
  "relationship__many_to_one__kwargs-example": ["Employee.props+division_id"],
  "relationship__many_to_one__not-nullable-example": ["Employee.props+division_id"],
  "relationship__one_to_many__example": ["Employee.props+division_employees_id"],
  "relationship__one_to_one__example": ["PayInfo.backrefs+employee", "Employee.props+pay_info_id"],
  "server_default__example": [],
  "simple__example": [],
  "write_only__example": [],
};

function changes(before: JsonObject, after: JsonObject): string[] {
  const found: string[] = [];
  for (const [name, schema] of Object.entries(after)) {
    if (!(name in before)) {
      found.push(`+${name}`);
      continue;
    }
    if (schema === before[name]) continue;
    const allOf = (schema as JsonObject).allOf as JsonObject[];
    if (allOf[1] === before[name]) {
      found.push(`${name}<-table(${Object.keys(allOf[0].properties as JsonObject)})`);
    } else if (allOf[1].properties) {
      found.push(`${name}.props+${Object.keys(allOf[1].properties as JsonObject)}`);
    } else {
      found.push(`${name}.backrefs+${Object.keys(allOf[1]["x-backrefs"] as JsonObject)}`);
    }
  }
  return found;
}

Deno.test("processing changes each OpenAlchemy example exactly as OpenAlchemy does", async () => {
  const paths = await exampleSpecPaths();
  assert.equal(paths.length, 27);
  for (const path of paths) {
    const example = path.slice(OPENALCHEMY_EXAMPLES_DIR.length).replace("-spec.json", "");
    const spec = JSON.parse(await Deno.readTextFile(path));
    const before = { ...spec.components.schemas };
    const after = validateSpec(spec).schemas;
    assert.deepEqual(changes(before, after), EXPECTED_CHANGES[example], example);
  }
});

async function processed(example: string): Promise<JsonObject> {
  const text = await Deno.readTextFile(`${OPENALCHEMY_EXAMPLES_DIR}${example}-spec.json`);
  return validateSpec(JSON.parse(text)).schemas;
}

Deno.test("a one-to-one relationship adds a nullable <property>_id column and an object backref", async () => {
  const schemas = await processed("relationship__one_to_one__example");
  const employee = schemas.Employee as { allOf: JsonObject[] };
  assert.deepEqual(employee.allOf[1], {
    type: "object",
    properties: {
      pay_info_id: {
        type: "integer",
        "x-dict-ignore": true,
        nullable: true,
        "x-foreign-key": "pay_info.id",
      },
    },
  });
  const payInfo = schemas.PayInfo as { allOf: JsonObject[] };
  assert.deepEqual(payInfo.allOf[1], {
    type: "object",
    "x-backrefs": { employee: { type: "object", "x-de-$ref": "Employee" } },
  });
});

Deno.test("a many-to-one with x-backref gives the referenced model a back reference and its own model a foreign key, each in one allOf", async () => {
  const schemas = await processed("relationship__many_to_one__backref-example");
  const keys = Object.keys(schemas);
  assert.deepEqual(keys, ["Division", "Employee"]);
  const division = schemas.Division as { allOf: JsonObject[] };
  assert.equal(division.allOf.length, 2);
  assert.equal(division.allOf[0]["x-tablename"], "division");
});

Deno.test("models without relationships are left as the very same objects", async () => {
  for (const example of ["simple__example", "inheritance__joined-example", "json__example"]) {
    const text = await Deno.readTextFile(`${OPENALCHEMY_EXAMPLES_DIR}${example}-spec.json`);
    const spec = JSON.parse(text);
    const before = { ...spec.components.schemas };
    const after = validateSpec(spec).schemas;
    for (const name of Object.keys(before)) assert.equal(after[name], before[name], name);
  }
});
