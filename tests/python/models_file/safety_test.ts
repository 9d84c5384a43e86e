import assert from "node:assert/strict";
import fc from "fast-check";
import { generateModelsFile } from "../../../src/python/models_file/mod.ts";
import { isPythonName } from "../../../src/python/literal.ts";
import type { JsonObject, Schemas } from "../../../src/json.ts";
import { describeAll, type ModuleSummary } from "./python_compile.ts";

const SAMPLES = 150;

/** Text that is hard to embed in Python: quotes, backslashes, controls, surrogates. */
const NASTY_PIECES = [
  '"""',
  "'''",
  '"',
  "\\",
  "\\N",
  "\\x",
  "\\u12",
  "\n",
  "\r",
  "\r\n",
  "\0",
  "\t",
  "\x0b",
  "\u2028",
  "\x85",
  "\ud800",
  "\udfff",
  "😀",
  "é",
  "datetime.",
  "import os",
  "\nclass X:\n    pass\n",
  "-",
  "--",
  " ",
  "\u00a0",
];

const nastyText = fc.array(
  fc.oneof(
    fc.constantFrom(...NASTY_PIECES),
    fc.string({ unit: "binary", maxLength: 12 }),
    fc.string({ maxLength: 30 }),
  ),
  { maxLength: 12 },
).map((pieces) => pieces.join(""));

/** Python's `str.isspace()` characters. */
const PYTHON_SPACE = new Set([
  ..."\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000",
  ..."\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a",
]);

function withoutSpace(text: string): string {
  return [...text].filter((char) => !PYTHON_SPACE.has(char)).join("");
}

function modelSchemas(model: string, description: string, properties: JsonObject): Schemas {
  return { [model]: { type: "object", "x-tablename": "t", description, properties } };
}

const EXPECTED_TOP_LEVEL = ["Expr", "Import", "ImportFrom", "ImportFrom", "Assign"];

function assertOnlyGeneratedStatements(module: ModuleSummary, models: number): void {
  const kinds = module.statements.map(([kind]) => kind).filter((kind) => kind !== "Import");
  const expected = EXPECTED_TOP_LEVEL.filter((kind) => kind !== "Import");
  assert.deepEqual(kinds.slice(0, expected.length), expected);
  const rest = kinds.slice(expected.length);
  // Per model: one or two TypedDict classes, the protocol class and the alias.
  assert.equal(rest.filter((kind) => kind === "AnnAssign").length, models);
  assert.ok(rest.every((kind) => kind === "ClassDef" || kind === "AnnAssign"), rest.join());
  for (const definition of module.definitions) {
    if (definition.kind === "FunctionDef") {
      // A docstring and `...`, nothing else.
      assert.equal(definition.body.length, 2, definition.name);
      assert.ok(definition.body.every(([kind]) => kind === "Expr"), definition.name);
    } else {
      assert.ok(
        definition.body.every(([kind]) => ["Expr", "AnnAssign", "FunctionDef"].includes(kind)),
        definition.name,
      );
      assert.equal(definition.body.filter(([kind]) => kind === "Expr").length, 1);
    }
  }
}

Deno.test("any description yields a compiling file whose docstrings hold it as data", async () => {
  const samples = fc.sample(fc.tuple(nastyText, nastyText), { numRuns: SAMPLES, seed: 42 });
  const sources = samples.map(([modelDescription, propertyDescription]) =>
    generateModelsFile(
      modelSchemas("Pet", modelDescription, {
        id: { type: "integer", description: propertyDescription },
        name: { type: "string" },
      }),
    )
  );
  const modules = await describeAll(sources);
  modules.forEach((module, index) => {
    const [modelDescription, propertyDescription] = samples[index];
    assertOnlyGeneratedStatements(module, 1);
    const protocol = module.definitions.find((definition) => definition.name === "TPet");
    assert.ok(protocol?.docstring !== null && protocol?.docstring !== undefined);
    // Valid escape sequences are written as OpenAlchemy writes them (Python reads them
    // as escapes), so only descriptions without a backslash round-trip exactly.
    if ((modelDescription + propertyDescription).includes("\\")) return;
    const docstring = withoutSpace(protocol.docstring);
    const context = JSON.stringify([samples[index], protocol.docstring]);
    assert.ok(docstring.includes(withoutSpace(modelDescription)), context);
    assert.ok(docstring.includes(withoutSpace(`id: ${propertyDescription}`)), context);
    const init = module.definitions.find((definition) => definition.name === "__init__");
    assert.ok(withoutSpace(init?.docstring ?? "").includes(withoutSpace(propertyDescription)));
  });
});

Deno.test("any model or property name yields a compiling file with exactly the usable names", async () => {
  const names = fc.oneof(
    fc.string({ unit: "binary", maxLength: 8 }),
    fc.constantFrom("class", "self", "cls", "None", "match", "__debug__", "a-b", "ﬁ", "é", "_"),
    fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/),
  );
  const samples = fc.sample(
    fc.tuple(names, fc.uniqueArray(names, { minLength: 1, maxLength: 5 })),
    { numRuns: SAMPLES, seed: 7 },
  );
  const sources = samples.map(([model, properties]) => {
    const schema: JsonObject = {};
    for (const property of properties) schema[property] = { type: "string" };
    return generateModelsFile(modelSchemas(model, "", schema));
  });
  const modules = await describeAll(sources);
  modules.forEach((module, index) => {
    const [model, properties] = samples[index];
    const usable = isPythonName(model);
    assertOnlyGeneratedStatements(module, usable ? 1 : 0);
    if (!usable) return;
    const protocol = module.definitions.find((definition) =>
      definition.name === `T${model.normalize("NFKC")}`
    );
    assert.ok(protocol !== undefined, JSON.stringify(samples[index]));
    const columns = protocol.body.filter(([kind]) => kind === "AnnAssign").map(([, name]) => name)
      .slice(3);
    const expected = properties.filter(isPythonName).map((name) => name.normalize("NFKC"));
    assert.deepEqual(columns, expected, JSON.stringify(samples[index]));
  });
});

Deno.test("any string default yields a compiling file with only the generated statements", async () => {
  const samples = fc.sample(nastyText, { numRuns: SAMPLES, seed: 3 });
  const sources = samples.map((value) =>
    generateModelsFile(modelSchemas("Pet", "", {
      id: { type: "integer" },
      name: { type: "string", default: value },
      photo: { type: "string", format: "binary", default: value },
    }))
  );
  const modules = await describeAll(sources);
  for (const module of modules) assertOnlyGeneratedStatements(module, 1);
});
