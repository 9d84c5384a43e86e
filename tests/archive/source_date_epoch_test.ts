import assert from "node:assert/strict";
import { parseSourceDateEpoch } from "../../src/archive/source_date_epoch.ts";
import { ZIP_EPOCH, ZIP_LAST_SECOND } from "../../src/archive/entries.ts";

Deno.test("SOURCE_DATE_EPOCH is read as decimal seconds since 1970", () => {
  assert.equal(parseSourceDateEpoch("1700000000"), 1700000000);
  assert.equal(parseSourceDateEpoch("0001700000000"), 1700000000);
  assert.equal(parseSourceDateEpoch(String(ZIP_LAST_SECOND)), ZIP_LAST_SECOND);
});

Deno.test("SOURCE_DATE_EPOCH unset or empty means no value", () => {
  assert.equal(parseSourceDateEpoch(undefined), undefined);
  assert.equal(parseSourceDateEpoch(""), undefined);
});

Deno.test("SOURCE_DATE_EPOCH before 1980-01-01 is clamped to 1980-01-01, as flit and hatchling do", () => {
  assert.equal(parseSourceDateEpoch("0"), ZIP_EPOCH);
  assert.equal(parseSourceDateEpoch("-86400"), ZIP_EPOCH);
  assert.equal(parseSourceDateEpoch(String(ZIP_EPOCH - 1)), ZIP_EPOCH);
  assert.equal(parseSourceDateEpoch("-99999999999999999999999"), ZIP_EPOCH);
});

Deno.test("SOURCE_DATE_EPOCH that is not a decimal integer is refused, saying so", () => {
  for (
    const text of [
      "0x10",
      "1.7e9",
      "1700000000.0",
      " 1700000000",
      "1700000000\n",
      "+1",
      "1_000",
      "١",
      "abc",
      "-",
      "Infinity",
    ]
  ) {
    assert.throws(
      () => parseSourceDateEpoch(text),
      (error: unknown) => {
        assert.ok(error instanceof RangeError, JSON.stringify(text));
        assert.match(
          error.message,
          /^Cannot use SOURCE_DATE_EPOCH=.*: it is not a decimal integer/,
        );
        return true;
      },
    );
  }
});

Deno.test("SOURCE_DATE_EPOCH after 2107, beyond what a zip holds, is refused", () => {
  assert.throws(() => parseSourceDateEpoch(String(ZIP_LAST_SECOND + 1)), /later than 2107-12-31/);
  assert.throws(() => parseSourceDateEpoch("9".repeat(30)), /later than 2107-12-31/);
});
