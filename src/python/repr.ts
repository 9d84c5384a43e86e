/**
 * Python's `str()` and `repr()` of JSON values, for the places where OpenAlchemy shows a
 * value it did not check (a relationship's `description` that is not a string is shown
 * as `str(value)` in the models file's docstrings).
 *
 * @module
 */

import type { JsonValue } from "../json.ts";
import { pythonJsonDumps } from "../package/python_json.ts";

/**
 * `str(value)` in Python, for a value read from JSON: a string as it is, anything else
 * as {@link pythonRepr}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pythonStr } from "./repr.ts";
 * assert.equal(pythonStr("text"), "text");
 * assert.equal(pythonStr(["a", 1.5, true, null]), "['a', 1.5, True, None]");
 * assert.equal(pythonStr({ "it's": -1 }), `{"it's": -1}`);
 * ```
 */
export function pythonStr(value: JsonValue): string {
  return typeof value === "string" ? value : pythonRepr(value);
}

/** `repr(value)` in Python, for a value read from JSON. */
export function pythonRepr(value: JsonValue): string {
  if (value === null) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "string") return stringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object" && !isPlainObject(value)) return pythonJsonDumps(value);
  if (typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) =>
      `${stringRepr(key)}: ${pythonRepr(item)}`
    );
    return `{${entries.join(", ")}}`;
  }
  return pythonJsonDumps(value);
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Characters for which Python's `str.isprintable()` is false (space aside). */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** `repr(text)`: single quotes unless the text has one and no double quote. */
function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\t") out += "\\t";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char !== " " && NOT_PRINTABLE.test(char)) out += escapeCode(code);
    else out += char;
  }
  return out + quote;
}

function escapeCode(code: number): string {
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}
