/**
 * The builder against our own conformance fixtures (`tests/fixtures/conformance/`): for
 * every fixture spec, the package's spec.json and `__init__.py` are byte-identical to the
 * expected files, which were confirmed equal to OpenAlchemy 2.5's output.
 */

import assert from "node:assert/strict";
import {
  buildFixture,
  EXPECTED_FILES,
  fixtureNames,
  fixturePath,
} from "./fixtures/conformance/fixtures.ts";

/** One fixture per feature OpenAlchemy's examples cover. */
const FEATURES = [
  "simple", // every simple type and format, maxLength, index, unique, autoincrement
  "defaults", // default of each type and format
  "server_default",
  "read_write_only",
  "nullable_openapi_3_0",
  "nullable_openapi_3_1",
  "json_columns",
  "ref_columns",
  "all_of_columns",
  "ref_model",
  "all_of_model",
  "composite_index", // list, list of lists, object, list of objects
  "composite_unique", // the same four forms
  "mixins", // one and several
  "namespaced", // x-open-alchemy- keys
  "inheritance_single",
  "inheritance_joined",
  "many_to_one",
  "many_to_one_backref",
  "many_to_one_custom_foreign_key",
  "many_to_one_kwargs",
  "many_to_one_not_nullable",
  "one_to_many", // with a backref
  "one_to_one", // with a backref
  "many_to_many", // generated association table, with a backref
  "many_to_many_predefined", // association table defined in the spec
  "kwargs", // model, column, foreign key and relationship kwargs
];

const names = fixtureNames();

Deno.test("there is a conformance fixture for every OpenAlchemy feature", () => {
  const missing = FEATURES.filter((feature) => !names.includes(feature));
  assert.deepEqual(missing, []);
});

for (const name of names) {
  Deno.test(`fixture ${name}: spec.json and __init__.py are byte-identical to the expected files`, async () => {
    const built = await buildFixture(name);
    for (const file of EXPECTED_FILES) {
      const expected = await Deno.readTextFile(fixturePath(name, file));
      assert.equal(
        built[file],
        expected,
        `${name}/expected/${file} differs from the builder's output`,
      );
    }
  });
}
