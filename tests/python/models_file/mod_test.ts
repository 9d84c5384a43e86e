import assert from "node:assert/strict";
import { generateModelsFile } from "../../../src/python/models_file/mod.ts";
import { SpecValidationError } from "../../../src/errors.ts";
import type { JsonObject, Schemas } from "../../../src/json.ts";
import { describeAll } from "./python_compile.ts";

/** One model `Pet` (table `pet`) with the given properties and required list. */
function petSchemas(properties: JsonObject, extra: JsonObject = {}): Schemas {
  return { Pet: { type: "object", "x-tablename": "pet", properties, ...extra } };
}

function linesOf(text: string): Set<string> {
  return new Set(text.split("\n"));
}

Deno.test("defaults become argument defaults written as Python values", () => {
  const text = generateModelsFile(petSchemas({
    id: { type: "integer", "x-primary-key": true },
    name: { type: "string", default: 'Rex "the" dog' },
    photo: { type: "string", format: "binary", default: "abc" },
    born: { type: "string", format: "date", default: "2020-01-02" },
    seen: { type: "string", format: "date-time", default: "2020-01-02T03:04:05Z" },
    weight: { type: "number", default: 1.5 },
    legs: { type: "integer", default: 4 },
    good: { type: "boolean", default: true },
  }));
  const init = [...linesOf(text)].find((line) => line.includes("def __init__"));
  assert.equal(
    init,
    '    def __init__(self, id: typing.Optional[int] = None, name: str = "Rex \\"the\\" dog", ' +
      'photo: bytes = b"abc", born: datetime.date = datetime.date(2020, 1, 2), ' +
      "seen: datetime.datetime = datetime.datetime(2020, 1, 2, 3, 4, 5, " +
      "tzinfo=datetime.timezone.utc), weight: float = 1.5, legs: int = 4, " +
      "good: bool = True) -> None:",
  );
  assert.ok(text.includes("\nimport datetime\nimport typing\n"));
  // TypedDicts hold dates and binary as strings.
  assert.ok(linesOf(text).has("    born: str"));
  assert.ok(linesOf(text).has("    photo: str"));
});

Deno.test("a double format default or an invalid date default is rejected like OpenAlchemy", () => {
  for (
    const property of [
      { type: "number", format: "double", default: 1.5 },
      { type: "string", format: "date", default: "2021-02-30" },
      { type: "string", format: "date-time", default: "soon" },
    ]
  ) {
    assert.throws(
      () => generateModelsFile(petSchemas({ id: { type: "integer" }, value: property })),
      (error: unknown) =>
        error instanceof SpecValidationError && error.path.join(".") === "Pet.value",
    );
  }
});

Deno.test("datetime is imported when any model text mentions datetime., descriptions too", () => {
  const plain = generateModelsFile(petSchemas({ id: { type: "integer" } }));
  assert.ok(!plain.includes("import datetime"));
  const described = generateModelsFile(
    petSchemas({ id: { type: "integer", description: "Use datetime.now." } }),
  );
  assert.ok(described.includes("\nimport datetime\nimport typing\n"));
});

Deno.test("read-only properties are left out of from_dict, write-only ones out of the TypedDict", () => {
  const text = generateModelsFile(petSchemas({
    id: { type: "integer", readOnly: true },
    secret: { type: "string", writeOnly: true },
  }));
  const lines = linesOf(text);
  assert.ok(lines.has('    def from_dict(cls, secret: typing.Optional[str] = None) -> "TPet":'));
  assert.ok(lines.has("    id: typing.Optional[int]"));
  assert.ok(!lines.has("    secret: typing.Optional[str]"));
  assert.ok(lines.has("    secret: 'sqlalchemy.Column[typing.Optional[str]]'"));
});

Deno.test("x-dict-ignore properties are left out everywhere", () => {
  const text = generateModelsFile(petSchemas({
    id: { type: "integer" },
    owner_id: { type: "integer", "x-dict-ignore": true },
  }));
  assert.ok(!text.includes("owner_id"));
});

Deno.test("back references added by processing become columns and __init__ arguments", () => {
  const schemas: Schemas = {
    Division: {
      allOf: [
        { type: "object", "x-tablename": "division", properties: { id: { type: "integer" } } },
        {
          type: "object",
          "x-backrefs": {
            employees: { type: "array", items: { type: "object", "x-de-$ref": "Employee" } },
            boss: { type: "object", "x-de-$ref": "Employee" },
          },
        },
      ],
    },
    Employee: {
      type: "object",
      "x-tablename": "employee",
      properties: {
        id: { type: "integer" },
        division: { $ref: "#/components/schemas/Division" },
      },
    },
  };
  const lines = linesOf(generateModelsFile(schemas));
  assert.ok(lines.has("    employees: 'sqlalchemy.Column[typing.Sequence[\"TEmployee\"]]'"));
  assert.ok(lines.has("    boss: 'sqlalchemy.Column[typing.Optional[\"TEmployee\"]]'"));
  assert.ok(lines.has(
    "    def __init__(self, id: typing.Optional[int] = None, " +
      'employees: typing.Optional[typing.Sequence["TEmployee"]] = None, ' +
      'boss: typing.Optional["TEmployee"] = None) -> None:',
  ));
  assert.ok(lines.has('    def from_dict(cls, id: typing.Optional[int] = None) -> "TDivision":'));
  assert.ok(lines.has("        employees: The employees of the Division."));
});

Deno.test("a model without properties gets the short docstrings", () => {
  const text = generateModelsFile({ Empty: { type: "object", "x-tablename": "empty" } });
  const lines = linesOf(text);
  assert.ok(lines.has('    """SQLAlchemy model protocol."""'));
  assert.ok(lines.has('        """Construct."""'));
  assert.ok(lines.has("class EmptyDict(typing.TypedDict, total=False):"));
});

Deno.test("names that are not Python identifiers are left out, and the file compiles", async () => {
  const schemas: Schemas = {
    Pet: {
      type: "object",
      "x-tablename": "pet",
      properties: {
        id: { type: "integer" },
        "a-b": { type: "string" },
        class: { type: "string" },
        self: { type: "string" },
        cls: { type: "string" },
        owner: { $ref: "#/components/schemas/1Owner" },
      },
    },
    "1Owner": {
      type: "object",
      "x-tablename": "owner",
      properties: { id: { type: "integer" } },
    },
  };
  const text = generateModelsFile(schemas);
  const [module] = await describeAll([text]);
  const pet = module.definitions.find((definition) => definition.name === "TPet");
  assert.ok(pet !== undefined);
  const columns = pet.body.filter(([kind]) => kind === "AnnAssign").map(([, name]) => name);
  assert.deepEqual(columns, ["__table__", "__tablename__", "query", "id", "self", "cls", "owner"]);
  assert.ok(text.includes("    owner: 'sqlalchemy.Column[typing.Optional[typing.Any]]'"));
  const init = module.definitions.find((definition) => definition.name === "__init__");
  assert.deepEqual(init?.args, ["_self", "id", "self", "cls", "owner"]);
  const fromDict = module.definitions.find((definition) => definition.name === "from_dict");
  assert.deepEqual(fromDict?.args, ["_cls", "id", "self", "cls", "owner"]);
  assert.ok(!module.definitions.some((definition) => definition.name.includes("Owner")));
});

Deno.test("a description with triple quotes stays inside the docstring", async () => {
  const description = 'Evil """\nimport os\nos.system("x")\n"""';
  const text = generateModelsFile({
    Pet: {
      type: "object",
      "x-tablename": "pet",
      description,
      properties: { id: { type: "integer", description } },
    },
  });
  const [module] = await describeAll([text]);
  assert.deepEqual(module.statements.map(([kind]) => kind), [
    "Expr",
    "Import",
    "Import",
    "ImportFrom",
    "ImportFrom",
    "Assign",
    "ClassDef",
    "ClassDef",
    "AnnAssign",
  ]);
  const pet = module.definitions.find((definition) => definition.name === "TPet");
  assert.ok(pet?.docstring?.includes('Evil """ import os os.system("x") """'));
});
