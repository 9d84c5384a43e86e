import assert from "node:assert/strict";
import {
  assertKeyFits,
  DEFAULT_LIMITS,
  LIMIT_VARIABLES,
  LimitError,
  limitsFromEnv,
} from "../../src/lambda/limits.ts";

Deno.test("each limit is read from its variable; unset and empty variables keep the default", () => {
  const env: Record<string, string> = {};
  for (const [index, variable] of Object.values(LIMIT_VARIABLES).entries()) {
    env[variable] = String(index + 1);
  }
  const limits = limitsFromEnv((name) => env[name]);
  assert.deepEqual(
    Object.values(limits),
    Object.keys(LIMIT_VARIABLES).map((_, index) => index + 1),
  );
  assert.deepEqual(limitsFromEnv(() => undefined), DEFAULT_LIMITS);
  assert.deepEqual(limitsFromEnv(() => ""), DEFAULT_LIMITS);
});

Deno.test("a limit that is not a positive integer is refused, naming its variable", () => {
  for (const value of ["0", "-1", "1.5", "ten", "1e3", "99999999999999999999"]) {
    assert.throws(
      () => limitsFromEnv((name) => name === "SPEC_MAX_BYTES" ? value : undefined),
      new RangeError(
        `Cannot configure the function: SPEC_MAX_BYTES must be a positive integer, not ${
          JSON.stringify(value)
        }`,
      ),
    );
  }
});

Deno.test("a key over S3's 1,024 bytes is a LimitError; one of exactly 1,024 bytes fits", () => {
  assertKeyFits(`${"é".repeat(511)}ab`, "wheel");
  assert.throws(() => assertKeyFits(`${"é".repeat(512)}a`, "wheel"), (error) => {
    assert.ok(error instanceof LimitError);
    assert.equal(error.limit, "S3's key length");
    assert.deepEqual([error.maximum, error.actual], [1024, 1025]);
    assert.equal(
      error.message,
      "Cannot build the spec: the key of the wheel would be 1025 bytes, more than the limit " +
        "of 1024 (S3's key length)",
    );
    return true;
  });
});

Deno.test("SPEC_MAX_DEPTH may not exceed the parser's ceiling", () => {
  assert.throws(
    () => limitsFromEnv((name) => name === "SPEC_MAX_DEPTH" ? "1001" : undefined),
    /SPEC_MAX_DEPTH must be at most 1000, not 1001/,
  );
  assert.equal(
    limitsFromEnv((name) => name === "SPEC_MAX_DEPTH" ? "1000" : undefined).specMaxDepth,
    1000,
  );
});
