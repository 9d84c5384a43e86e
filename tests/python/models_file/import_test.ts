/**
 * Every package the builder reports as built can be imported: its `__init__.py` runs to
 * the end. Names OpenAlchemy's models file would break on (a model named like a module
 * the file uses, a name Python mangles in a class body) get safe Python instead.
 */

import assert from "node:assert/strict";
import { packageContentsOf } from "../../../src/package/package_files.ts";
import { parseSpecText } from "../../../src/spec/parse.ts";
import { fixtureNames, fixturePath } from "../../fixtures/conformance/fixtures.ts";
import { importPackages } from "../../helpers/import_check.ts";

function model(tablename: string, properties: Record<string, unknown> = {}) {
  return {
    type: "object",
    "x-tablename": tablename,
    properties: { id: { type: "integer", "x-primary-key": true }, ...properties },
  };
}

Deno.test({
  name: "models named like the modules the file uses are bound last, and the package imports",
  sanitizeResources: false,
  async fn() {
    const schemas: Record<string, unknown> = {};
    for (const name of ["typing", "models", "sqlalchemy", "orm", "datetime", "Base"]) {
      schemas[name] = model(`table_${name}`, { when: { type: "string", format: "date" } });
    }
    schemas.Employee = model("employee", {
      typing: { type: "string" },
      joined: { type: "string", format: "date-time", default: "2020-01-01T00:00:00" },
    });
    const contents = packageContentsOf({ components: { schemas } }, "shadowing");
    const init = contents.files.find((file) => file.name === "__init__.py")!.text;
    assert.match(
      init,
      /^typing: _oa_typing\.Type\[Ttyping\] = _oa_models\.typing {2}# type: ignore$/m,
    );
    const report = await importPackages([contents]);
    const bound = report.shadowing;
    for (const name of ["typing", "models", "sqlalchemy", "orm", "datetime", "Base", "Employee"]) {
      assert.equal(bound[name], `type:${name}`, `${name} is the model`);
    }
    assert.equal(bound.Ttyping, "_ProtocolMeta:Ttyping");
  },
});

Deno.test({
  name: "a model whose name Python mangles in a class body imports",
  sanitizeResources: false,
  async fn() {
    const spec = { components: { schemas: { __Secret: model("secret"), __Dunder__: model("d") } } };
    const contents = packageContentsOf(spec, "mangled");
    const init = contents.files.find((file) => file.name === "__init__.py")!.text;
    assert.match(init, /def to_dict\(self\) -> "__SecretDict":/);
    const report = await importPackages([contents]);
    assert.equal(report.mangled.__Secret, undefined, "dunder-prefixed names are not listed");
    assert.equal(report.mangled.T__Secret, "_ProtocolMeta:T__Secret");
  },
});

Deno.test({
  name: "the package of every conformance fixture imports",
  sanitizeResources: false,
  async fn() {
    const packages = [];
    for (const name of fixtureNames()) {
      const spec = await parseSpecText(await Deno.readTextFile(fixturePath(name, "openapi.json")));
      packages.push(packageContentsOf(spec, `fixture_${name}`));
    }
    const report = await importPackages(packages);
    assert.equal(Object.keys(report).length, packages.length);
  },
});
