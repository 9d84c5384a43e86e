import assert from "node:assert/strict";
import {
  parseIsoDate,
  parseIsoDateTime,
  pythonDateRepr,
  pythonDateTimeRepr,
} from "../../../src/python/models_file/iso_date.ts";

// Expected reprs are those of Python 3.11's date/datetime.fromisoformat.
Deno.test("parseIsoDate accepts the forms of Python's date.fromisoformat", () => {
  const cases: [string, string][] = [
    ["2020-01-01", "datetime.date(2020, 1, 1)"],
    ["20200229", "datetime.date(2020, 2, 29)"],
    ["2020-W53-1", "datetime.date(2020, 12, 28)"],
    ["2021W011", "datetime.date(2021, 1, 4)"],
    ["2019-W01", "datetime.date(2018, 12, 31)"],
  ];
  for (const [text, repr] of cases) {
    const date = parseIsoDate(text);
    assert.ok(date !== undefined, text);
    assert.equal(pythonDateRepr(date), repr);
  }
});

Deno.test("parseIsoDate rejects what Python's date.fromisoformat rejects", () => {
  for (const text of ["2021-02-29", "2020-13-01", "2020-1-01", "20200-1-01", "2021-W53", "abc"]) {
    assert.equal(parseIsoDate(text), undefined, text);
  }
});

Deno.test("parseIsoDateTime accepts the forms of Python's datetime.fromisoformat", () => {
  const cases: [string, string][] = [
    ["2020-01-01", "datetime.datetime(2020, 1, 1, 0, 0)"],
    ["2020-01-01T10", "datetime.datetime(2020, 1, 1, 10, 0)"],
    ["20200101T1030", "datetime.datetime(2020, 1, 1, 10, 30)"],
    ["2020-01-01 00:00:05", "datetime.datetime(2020, 1, 1, 0, 0, 5)"],
    ["2020-01-01é00:00", "datetime.datetime(2020, 1, 1, 0, 0)"],
    [
      "2020-01-01T00:00Z",
      "datetime.datetime(2020, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)",
    ],
    [
      "2020-01-01T00:00+01:00",
      "datetime.datetime(2020, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))",
    ],
    [
      "2020-01-01T00:00:00.5-01:30",
      "datetime.datetime(2020, 1, 1, 0, 0, 0, 500000, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=81000)))",
    ],
  ];
  for (const [text, repr] of cases) {
    const value = parseIsoDateTime(text);
    assert.ok(value !== undefined, text);
    assert.equal(pythonDateTimeRepr(value), repr);
  }
});

Deno.test("parseIsoDateTime rejects what Python's datetime.fromisoformat rejects", () => {
  for (const text of ["2020-01-01T24:00", "2020-01-01T1", "2020-01-01T10:00+1", "tomorrow"]) {
    assert.equal(parseIsoDateTime(text), undefined, text);
  }
});
