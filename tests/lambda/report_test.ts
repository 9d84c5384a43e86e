import assert from "node:assert/strict";
import { errorReport, REPORT_MAX_PATH_SEGMENTS, reportBytes } from "../../src/lambda/report.ts";
import { DEFAULT_LIMITS, LimitError } from "../../src/lambda/limits.ts";
import { parseSpecKey } from "../../src/package/spec_key.ts";
import { SpecParseError } from "../../src/errors.ts";

const context = {
  key: parseSpecKey("u/s/1-spec.json"),
  spec: { eTag: '"e"', versionId: "v1", size: 5 },
  limits: { ...DEFAULT_LIMITS, reportTextMaxLength: 10 },
};

Deno.test("a limit error's report names the limit, its value and the spec's", () => {
  const error = new LimitError({
    what: "the spec is 62914560 bytes",
    limit: "SPEC_MAX_BYTES",
    maximum: 5242880,
    actual: 62914560,
  });
  const report = errorReport({ ...context, limits: DEFAULT_LIMITS }, error);
  assert.equal(report.status, "invalid");
  assert.deepEqual(report.error, {
    type: "LimitError",
    message:
      "Cannot build the spec: the spec is 62914560 bytes, more than the limit of 5242880 (SPEC_MAX_BYTES)",
    path: [],
    limit: { name: "SPEC_MAX_BYTES", maximum: 5242880, actual: 62914560 },
  });
  assert.deepEqual(report.spec, { eTag: '"e"', versionId: "v1", size: 5 });
  assert.equal(report.problemCount, 1);
});

Deno.test("long paths and long segments are cut, never inside a surrogate pair, and flagged", () => {
  const path = Array.from({ length: 5000 }, (_, index) => `items${index}`);
  path[0] = `${"a".repeat(9)}😀tail`;
  const report = errorReport(context, new SpecParseError("Cannot parse: too deep", path));
  assert.equal(report.error!.path.length, REPORT_MAX_PATH_SEGMENTS);
  assert.equal(report.error!.path[0], `${"a".repeat(9)}…`);
  assert.equal(report.error!.message, "Cannot par…");
  assert.deepEqual(report.truncated, [
    "error.message",
    "error.path",
    "problems[0].message",
    "problems[0].path",
  ]);
  assert.ok(reportBytes(report).byteLength < 4000);
});
