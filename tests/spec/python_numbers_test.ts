import assert from "node:assert/strict";
import { parseSpecText } from "../../src/spec/parse.ts";
import { packageContentsOf } from "../../src/package/package_files.ts";
import { SpecValidationError } from "../../src/errors.ts";

/** A one-model spec text (JSON) with the given properties besides the key `id`. */
function specText(properties: string, info = '{"title": "Numbers"}'): string {
  return `{"openapi": "3.0.0", "info": ${info}, "paths": {}, "components": {"schemas": {` +
    `"Measure": {"type": "object", "x-tablename": "measure", "properties": {` +
    `"id": {"type": "integer", "x-primary-key": true}, ${properties}}}}}}`;
}

async function filesOf(text: string): Promise<Map<string, string>> {
  const contents = packageContentsOf(await parseSpecText(text), "numbers");
  return new Map(contents.files.map((file) => [file.name, file.text]));
}

Deno.test("numbers reach spec.json and __init__.py as OpenAlchemy 2.5 writes them", async () => {
  const files = await filesOf(specText(
    '"count": {"type": "integer", "default": 1.0}, ' +
      '"big": {"type": "integer", "default": 12345678901234567890}, ' +
      '"ratio": {"type": "number", "default": 1e16}, ' +
      '"small": {"type": "number", "default": 1e-5}, ' +
      '"whole": {"type": "number", "default": 2}, ' +
      '"name": {"type": "string", "maxLength": 1152921504606846976}',
  ));
  // Both checked against OpenAlchemy 2.5's build_json on the same spec text, including the
  // sha1-derived version (the spec has no info.version).
  assert.equal(
    files.get("spec.json"),
    '{"info":{"version":"c4d99b2a2f14de143160","title":"Numbers"},"components":{"schemas":' +
      '{"Measure":{"type":"object","x-tablename":"measure","properties":{"id":{"type":' +
      '"integer","x-primary-key":true},"count":{"type":"integer","default":1.0},"big":' +
      '{"type":"integer","default":12345678901234567890},"ratio":{"type":"number","default":' +
      '1e+16},"small":{"type":"number","default":1e-05},"whole":{"type":"number","default":2},' +
      '"name":{"type":"string","maxLength":1152921504606846976}}}}}}',
  );
  const init = files.get("__init__.py") as string;
  assert.ok(
    init.includes(
      "def __init__(self, id: typing.Optional[int] = None, count: int = 1.0, " +
        "big: int = 12345678901234567890, ratio: float = 1e+16, small: float = 1e-05, " +
        "whole: float = 2, name: typing.Optional[str] = None) -> None:",
    ),
    init,
  );
});

Deno.test("number checks take Python's int and float kinds as OpenAlchemy does", async () => {
  const refusals: [string, RegExp][] = [
    // peek.max_length: an int, not a float.
    ['"name": {"type": "string", "maxLength": 5.0}', /maxLength must be an integer, not a number/],
    // jsonschema: 1.5 is not an integer, true not a number, "1" not a number.
    ['"n": {"type": "integer", "default": 1.5}', /the value is 1\.5/],
    ['"n": {"type": "number", "default": true}', /does not conform/],
    ['"n": {"type": "number", "default": "1"}', /does not conform/],
  ];
  for (const [property, message] of refusals) {
    await assert.rejects(filesOf(specText(property)), (error: unknown) => {
      assert.ok(error instanceof SpecValidationError, `${property}: ${error}`);
      assert.match(error.message, message, property);
      return true;
    });
  }
  // A big int where a string is expected: a typed error, not a crash while writing the message.
  const mixins = specText('"n": {"type": "integer"}').replace(
    '"x-tablename": "measure",',
    '"x-tablename": "measure", "x-mixins": [12345678901234567890],',
  );
  await assert.rejects(filesOf(mixins), /x-mixins :: 12345678901234567890 is not a dotted import/);
  // Accepted, as jsonschema accepts them: whole floats for integers, ints for numbers.
  await filesOf(specText('"n": {"type": "integer", "default": 1e20}'));
  await filesOf(specText('"n": {"type": "number", "default": 12345678901234567890}'));
});

/** A many-to-many relationship through a pre-defined table, keys of the given maxLengths. */
function associationSpec(projectKey: string, associationKey: string): string {
  return JSON.stringify({
    openapi: "3.0.0",
    info: { title: "t", version: "1" },
    paths: {},
    components: {
      schemas: {
        Project: {
          type: "object",
          "x-tablename": "project",
          properties: { id: { type: "string", maxLength: "PROJECT_KEY", "x-primary-key": true } },
        },
        Employee: {
          type: "object",
          "x-tablename": "employee",
          properties: {
            id: { type: "integer", "x-primary-key": true },
            projects: {
              type: "array",
              items: {
                allOf: [{ $ref: "#/components/schemas/Project" }, {
                  "x-secondary": "employee_project",
                }],
              },
            },
          },
        },
        EmployeeProject: {
          type: "object",
          "x-tablename": "employee_project",
          properties: {
            employee_id: { type: "integer", "x-primary-key": true, "x-foreign-key": "employee.id" },
            project_id: {
              type: "string",
              maxLength: "ASSOCIATION_KEY",
              "x-primary-key": true,
              "x-foreign-key": "project.id",
            },
          },
          required: ["employee_id", "project_id"],
        },
      },
    },
  }).replace('"PROJECT_KEY"', projectKey).replace('"ASSOCIATION_KEY"', associationKey);
}

Deno.test("big ints compare exactly where OpenAlchemy compares columns", async () => {
  // OpenAlchemy 2.5 accepts equal keys and refuses these two, which differ by one.
  await filesOf(associationSpec("1152921504606846976", "1152921504606846976"));
  await assert.rejects(
    filesOf(associationSpec("1152921504606846976", "1152921504606846977")),
    /maxLength :: expected "1152921504606846976", actual is "1152921504606846977"/,
  );
});
