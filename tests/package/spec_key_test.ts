import assert from "node:assert/strict";
import { parseSpecKey } from "../../src/package/spec_key.ts";
import { SpecKeyError } from "../../src/errors.ts";

Deno.test("a spec key splits into sub, spec id and version", () => {
  assert.deepEqual(parseSpecKey("user-1/employee-db/2.1-spec.json"), {
    sub: "user-1",
    specId: "employee-db",
    version: "2.1",
    key: "user-1/employee-db/2.1-spec.json",
  });
});

const BAD_KEYS: [string, RegExp][] = [
  ["", /it is empty/],
  ["/user/spec/1-spec.json", /absolute path/],
  ["user/spec/1-spec.json/extra", /4 segments instead of 3/],
  ["spec/1-spec.json", /2 segments instead of 3/],
  ["user//1-spec.json", /empty segment/],
  ["user/../1-spec.json", /a "\.\." segment/],
  ["user/./1-spec.json", /a "\." segment/],
  ["user/spec/1-spec.yaml", /does not end with "-spec\.json"/],
  ["user/spec/-spec.json", /version before "-spec\.json" is empty/],
  ["user/spec/1.json", /does not end with "-spec\.json"/],
  ["user\\x/spec/1-spec.json", /control character or a backslash/],
  ["user/spec/1-spec.json\n", /control character/],
  [" user/spec/1-spec.json", /white space/],
];

Deno.test("malformed spec keys are SpecKeyErrors that say what is wrong", () => {
  for (const [key, reason] of BAD_KEYS) {
    assert.throws(() => parseSpecKey(key), (error: unknown) => {
      assert.ok(error instanceof SpecKeyError, JSON.stringify(key));
      assert.match(error.message, reason, JSON.stringify(key));
      assert.match(error.message, /expected \{sub\}\/\{specId\}\/\{version\}-spec\.json/);
      return true;
    });
  }
});
