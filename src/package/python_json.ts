/**
 * JSON text as Python's `json.dumps` writes it, so the files we write match the ones
 * OpenAlchemy writes (ASCII only, `\uXXXX` escapes, Python's float spelling).
 *
 * @module
 */

import { isPythonNumber, JsonFloat, type JsonValue, pythonNumberText } from "../json.ts";

/** Separators of `json.dumps`: `(",", ":")` for compact text, else `(", ", ": ")`. */
export interface PythonJsonOptions {
  /** Write without spaces after `,` and `:`. @default false */
  compact?: boolean;
}

/**
 * Serialises a JSON value like Python's `json.dumps(value)` (default `ensure_ascii`),
 * with compact separators when asked.
 *
 * Numbers as Python writes them (see `src/json.ts` for which values are ints and floats):
 * ints, `bigint` included, with all their digits; floats as Python's `repr(float)`
 * (`1.0` for `new JsonFloat(1)`, `1e-05`, `1e+16`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pythonJsonDumps } from "./python_json.ts";
 * import { JsonFloat } from "../json.ts";
 * assert.equal(pythonJsonDumps({ a: ["é", 0.00001] }), '{"a": ["\\u00e9", 1e-05]}');
 * assert.equal(pythonJsonDumps([new JsonFloat(1), 2n ** 64n]), "[1.0, 18446744073709551616]");
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
  } else if (isPythonNumber(value)) {
    parts.push(pythonNumberText(value));
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

/** Whether any number in the value is spelled differently by Python and `JSON.stringify`. */
function hasNumberSpelledDifferently(value: JsonValue): boolean {
  if (typeof value === "number") return pythonNumberText(value) !== String(value);
  if (typeof value === "bigint" || value instanceof JsonFloat) return true;
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) {
    for (const item of value) if (hasNumberSpelledDifferently(item)) return true;
    return false;
  }
  for (const key in value) if (hasNumberSpelledDifferently(value[key])) return true;
  return false;
}
