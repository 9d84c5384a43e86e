/**
 * Default values of `__init__` / `from_dict` arguments as Python source, the way
 * OpenAlchemy writes a column's OpenAPI `default`: strings as JSON string literals,
 * binary as `b"..."`, dates as `datetime.date(...)` / `datetime.datetime(...)`.
 *
 * @module
 */

import { SpecValidationError } from "../../errors.ts";
import { isPythonNumber, jsonText, type JsonValue, pythonNumberText } from "../../json.ts";
import { pythonJsonDumps } from "../../package/python_json.ts";
import { parseIsoDate, parseIsoDateTime, pythonDateRepr, pythonDateTimeRepr } from "./iso_date.ts";
import type { ColumnProperty } from "./types.ts";

/**
 * The Python source of the default value of an argument: `None` when the property has
 * no default.
 *
 * @param property The property.
 * @param path Schema and property name, for errors.
 * @throws {SpecValidationError} for a `double` format default or a date that Python's
 *   `fromisoformat` does not accept (OpenAlchemy fails on both).
 */
export function defaultSource(property: ColumnProperty, path: readonly string[]): string {
  if (property.type !== "simple") return "None";
  const value = property.openApi.default;
  if (value === undefined) return "None";
  const { type, format } = property.openApi;

  if (type === "string" && format !== "date" && format !== "date-time") {
    const literal = pythonJsonDumps(value);
    if (format === "binary") return `b${literal}`;
    return checkDouble(literal, format, path);
  }
  if (typeof value === "string" && format === "date") {
    const date = parseIsoDate(value);
    if (date === undefined) throw invalid("date", value, path);
    return pythonDateRepr(date);
  }
  if (typeof value === "string" && format === "date-time") {
    const dateTime = parseIsoDateTime(value);
    if (dateTime === undefined) throw invalid("date-time", value, path);
    return pythonDateTimeRepr(dateTime);
  }
  return checkDouble(scalarSource(value), format, path);
}

function checkDouble(source: string, format: string | undefined, path: readonly string[]): string {
  if (format === "double") {
    throw new SpecValidationError(
      "cannot generate the models file: a default with the double format is not supported",
      path,
    );
  }
  return source;
}

/** `str()` of a JSON scalar as Python holds it. */
function scalarSource(value: JsonValue): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  // An int with all its digits (`12345678901234567890`), a float as `repr` (`1.0`, `1e+16`).
  if (isPythonNumber(value)) return pythonNumberText(value);
  // OpenAlchemy would paste a string default of a non-string column as code, and `repr`
  // an object or array; validation rejects both, and here they become string
  // literals so that user text never becomes code.
  if (typeof value === "string") return pythonJsonDumps(value);
  return pythonJsonDumps(jsonText(value));
}

function invalid(format: string, value: string, path: readonly string[]): SpecValidationError {
  return new SpecValidationError(
    `cannot generate the models file: default ${JSON.stringify(value)} is not a valid ${format}`,
    path,
  );
}
