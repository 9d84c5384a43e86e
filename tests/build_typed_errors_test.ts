/**
 * For any input the builder's core returns a package or throws an {@link InputError}:
 * specs mutated the way users and attackers get them wrong (a key removed, a keyword set
 * to an odd value, a description full of quotes, arbitrary JSON anywhere) never make it
 * fail with anything else. Property-based (fast-check) over our conformance fixtures.
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { InputError } from "../src/errors.ts";
import { packageContentsOf } from "../src/package/package_files.ts";
import { parseSpecText } from "../src/spec/parse.ts";
import { fixtureNames, fixturePath } from "./fixtures/conformance/fixtures.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const KEYWORDS = [
  "type",
  "format",
  "maxLength",
  "nullable",
  "default",
  "readOnly",
  "writeOnly",
  "items",
  "properties",
  "required",
  "allOf",
  "$ref",
  "description",
  "x-tablename",
  "x-inherits",
  "x-primary-key",
  "x-autoincrement",
  "x-index",
  "x-unique",
  "x-foreign-key",
  "x-kwargs",
  "x-foreign-key-column",
  "x-foreign-key-kwargs",
  "x-backref",
  "x-secondary",
  "x-uselist",
  "x-json",
  "x-mixins",
  "x-composite-index",
  "x-composite-unique",
  "x-server-default",
  "x-dict-ignore",
  "x-open-alchemy-tablename",
  "x-backrefs",
  "x-de-$ref",
];

const ODD_VALUES: Json[] = [
  null,
  "",
  [],
  {},
  0,
  -1,
  1.5,
  true,
  false,
  "null",
  "x",
  "a b",
  "é",
  '"""',
  "class",
  "def",
  "integer",
  "string",
  "object",
  "array",
  "date-time",
  "int64",
  "id",
  "employee.id",
  "#/components/schemas/",
  "#/components/schemas/Nope",
  "other.yaml#/Other",
  ["a"],
  { a: 1 },
  [["a"]],
  [{ expressions: ["id"] }],
  1e300,
  -0,
  "\u0000",
  "\ud800",
  "x".repeat(300),
];

/** Every object inside the value, with the value itself. */
function objectsIn(value: Json, found: { [key: string]: Json }[] = []): { [key: string]: Json }[] {
  if (Array.isArray(value)) {
    for (const item of value) objectsIn(item, found);
  } else if (value !== null && typeof value === "object") {
    found.push(value);
    for (const item of Object.values(value)) objectsIn(item, found);
  }
  return found;
}

/** One change: what to do, where (an index into the objects), and with what. */
const change = fc.record({
  kind: fc.constantFrom("remove", "set", "setOwn", "describe", "json"),
  target: fc.nat(),
  keyword: fc.constantFrom(...KEYWORDS),
  odd: fc.constantFrom(...ODD_VALUES),
  text: fc.string({ unit: "binary", maxLength: 40 }),
  json: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
});

/** One change, as generated. */
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

function mutate(spec: Json, changes: readonly Change[]): void {
  const schemas = (spec as { components: { schemas: Json } }).components.schemas;
  for (const item of changes) {
    const objects = objectsIn(schemas);
    const target = objects[item.target % objects.length];
    const keys = Object.keys(target);
    const own = keys.length > 0 ? keys[item.target % keys.length] : item.keyword;
    switch (item.kind) {
      case "remove":
        delete target[own];
        break;
      case "set":
        target[item.keyword] = structuredClone(item.odd);
        break;
      case "setOwn":
        target[own] = structuredClone(item.odd);
        break;
      case "describe":
        target.description = item.text;
        break;
      case "json":
        target[item.keyword] = item.json;
        break;
    }
  }
}

const names = fixtureNames();
const specs = await Promise.all(
  names.map(async (name) =>
    (await parseSpecText(await Deno.readTextFile(fixturePath(name, "openapi.json")))) as Json
  ),
);

Deno.test("mutated specs give a package or an InputError, never another error", () => {
  fc.assert(
    fc.property(
      fc.nat({ max: specs.length - 1 }),
      fc.array(change, { minLength: 1, maxLength: 4 }),
      (which, changes) => {
        const spec = structuredClone(specs[which]);
        mutate(spec, changes);
        try {
          packageContentsOf(spec, "fuzzed");
        } catch (error) {
          assert.ok(
            error instanceof InputError,
            `${names[which]}: ${(error as Error)?.stack ?? error}`,
          );
        }
      },
    ),
    { numRuns: 2000 },
  );
});
