/**
 * JSON text as Python's `json.dumps` writes it, so the files we write match the ones
 * OpenAlchemy writes (ASCII only, `\uXXXX` escapes, Python's float spelling).
 *
 * @module
 */

import type { JsonValue } from "../json.ts";

/** Separators of `json.dumps`: `(",", ":")` for compact text, else `(", ", ": ")`. */
export interface PythonJsonOptions {
  /** Write without spaces after `,` and `:`. @default false */
  compact?: boolean;
}

/**
 * Serialises a JSON value like Python's `json.dumps(value)` (default `ensure_ascii`),
 * with compact separators when asked.
 *
 * Numbers: integers below 1e16 are written as integers; other numbers as Python's
 * `repr(float)` (`1e-05`, not `0.00001`; `1e+16`). A JSON number's int/float spelling is not kept by
 * `JSON.parse`, so `1.0` in the input is written `1`: the same JSON value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pythonJsonDumps } from "./python_json.ts";
 * assert.equal(pythonJsonDumps({ a: ["é", 0.00001] }), '{"a": ["\\u00e9", 1e-05]}');
 * ```
 */
export function pythonJsonDumps(value: JsonValue, options: PythonJsonOptions = {}): string {
  if (options.compact && !hasNumberSpelledDifferently(value)) {
    // Fast path: the native serialiser spells everything as Python does except
    // non-ASCII characters (and DEL), which are escaped afterwards.
    const text = JSON.stringify(value);
    return NON_PRINTABLE_ASCII_TEST.test(text) ? escapeNonAscii(text) : text;
  }
  const itemSeparator = options.compact ? "," : ", ";
  const keySeparator = options.compact ? ":" : ": ";
  const parts: string[] = [];
  writeValue(value, parts, itemSeparator, keySeparator);
  return parts.join("");
}

function writeValue(
  value: JsonValue,
  parts: string[],
  itemSeparator: string,
  keySeparator: string,
): void {
  if (value === null) {
    parts.push("null");
  } else if (typeof value === "string") {
    parts.push(asciiString(value));
  } else if (typeof value === "number") {
    parts.push(pythonNumber(value));
  } else if (typeof value === "boolean") {
    parts.push(value ? "true" : "false");
  } else if (Array.isArray(value)) {
    parts.push("[");
    for (let index = 0; index < value.length; index++) {
      if (index > 0) parts.push(itemSeparator);
      writeValue(value[index], parts, itemSeparator, keySeparator);
    }
    parts.push("]");
  } else {
    parts.push("{");
    let first = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined) continue;
      if (!first) parts.push(itemSeparator);
      first = false;
      parts.push(asciiString(key), keySeparator);
      writeValue(item, parts, itemSeparator, keySeparator);
    }
    parts.push("}");
  }
}

const NON_PRINTABLE_ASCII = /[^\x20-\x7e]/g;
const NON_PRINTABLE_ASCII_TEST = /[^\x20-\x7e]/;

/** Escapes every character outside printable ASCII as `\uXXXX`. */
function escapeNonAscii(text: string): string {
  return text.replace(
    NON_PRINTABLE_ASCII,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A JSON string literal with every character outside printable ASCII escaped. */
function asciiString(text: string): string {
  return escapeNonAscii(JSON.stringify(text));
}

/** Whether any number in the value is spelled differently by Python and JavaScript. */
function hasNumberSpelledDifferently(value: JsonValue): boolean {
  if (typeof value === "number") return pythonNumber(value) !== String(value);
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasNumberSpelledDifferently(item)) return true;
    return false;
  }
  for (const key in value) if (hasNumberSpelledDifferently(value[key])) return true;
  return false;
}

/** A number as Python's `json.dumps` writes an int, or `repr()` writes a float. */
function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) {
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) && magnitude < 1e16) {
    return Object.is(value, -0) ? "-0.0" : String(value);
  }
  if (magnitude >= 1e-4 && magnitude < 1e16) return String(value);
  // Python's repr switches to exponent notation below 1e-4 and from 1e16 up;
  // JavaScript only below 1e-6 and from 1e21 up. (Integers from 1e16 up cannot be held
  // exactly here, so they are written as the float they are.)
  const [mantissa, exponent] = value.toExponential().split("e");
  const exponentNumber = Number(exponent);
  const sign = exponentNumber < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exponentNumber)).padStart(2, "0")}`;
}
