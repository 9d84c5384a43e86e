/**
 * JSON spec text → JSON value, reading numbers as Python's `json` does (see `src/json.ts`):
 * `1` an int, `1.0` and `1e5` floats, `12345678901234567890` an exact int. It follows RFC 8259
 * as Python's `json.loads` does (a repeated key keeps its first place and its last value), and
 * refuses what Python reads but no package can hold: `NaN`, `Infinity`, floats beyond the
 * largest double (Python reads them as `inf`) and lone surrogates (no file can hold them as
 * UTF-8); objects and arrays may nest `maxDepth` levels at most.
 *
 * `JSON.parse` cannot tell `1.0` from `1`, and the npm parsers that keep a number's text
 * (`lossless-json` 4.3) refuse repeated keys and recurse without bound, so the reader is ours.
 * Most specs hold no number whose kind `JSON.parse` would lose: a cheap scan of the text finds
 * them, `JSON.parse` reads those specs (about twice as fast), and our reader everything else,
 * every error included.
 *
 * @module
 */

import { JsonFloat, type JsonObject, type JsonValue, setOwn } from "../json.ts";
import type { SpecParseError } from "../errors.ts";
import { specParseError } from "./parse_options.ts";

/** Limits the reader enforces. */
export interface JsonReadLimits {
  /** Most levels of nested objects and arrays (the document is level 1). */
  readonly maxDepth: number;
}

/**
 * Reads JSON text into a JSON value, numbers keeping Python's int/float kind.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JsonFloat } from "../json.ts";
 * import { parseJsonText } from "./parse_json.ts";
 * const value = parseJsonText('{"a": [1, 1.0, 0.5, 12345678901234567890]}', { maxDepth: 8 });
 * assert.deepEqual(value, { a: [1, new JsonFloat(1), 0.5, 12345678901234567890n] });
 * ```
 *
 * @throws {SpecParseError} saying what is wrong and where (path, line and column).
 */
export function parseJsonText(text: string, limits: JsonReadLimits): JsonValue {
  if (isPlainJson(text)) {
    try {
      const value = JSON.parse(text);
      if (nestsWithin(value, 1, limits.maxDepth)) return value;
    } catch {
      // Not JSON: our reader says what is wrong, and where.
    }
  }
  return new JsonReader(text, limits).read();
}

/**
 * A number `JSON.parse` would read with the wrong kind: a fraction of zeros (`1.0`), an
 * exponent (`1e5`), or 16 digits or more (an int beyond 2^53, or a float that rounds to a
 * whole value); fewer digits with a nonzero fraction never round to a whole value. The first
 * digit must follow a `:`, `,` or `[` (where a number may start), so a string such as
 * `"1.0.0"` does not match; one that does (`"is, 1.0"`) only costs the slower reader. Matching
 * from a digit, with the context looked up behind it, keeps the scan fast on indented text.
 */
const WRONG_KIND_NUMBER =
  /\d(?<=[:,[][ \t\n\r]*-?\d)(?:\d*\.0+(?![0-9])|\d*(?:\.\d+)?[eE]|\d{15}|[\d.]{16})/;

/** An escape that may be a lone surrogate. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Whether `JSON.parse` reads the text as our reader would (when it reads it at all). */
function isPlainJson(text: string): boolean {
  return !WRONG_KIND_NUMBER.test(text) && !SURROGATE_ESCAPE.test(text) && text.isWellFormed();
}

/** Whether a value nests at most `maxDepth` levels (recursion stops past the limit). */
function nestsWithin(value: JsonValue, depth: number, maxDepth: number): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (depth > maxDepth) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!nestsWithin(item, depth + 1, maxDepth)) return false;
    return true;
  }
  for (const key in value) {
    if (!nestsWithin((value as JsonObject)[key], depth + 1, maxDepth)) return false;
  }
  return true;
}

const TAB = 9;
const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const QUOTE = 34;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_1 = 49;
const DIGIT_9 = 57;
const COLON = 58;
const UPPER_E = 69;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const LOWER_E = 101;
const LOWER_F = 102;
const LOWER_N = 110;
const LOWER_T = 116;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** A backslash or a control character: the string needs the careful path. */
// deno-lint-ignore no-control-regex -- control characters are what it looks for
const NEEDS_CARE = /[\\\x00-\x1f]/;

/** Integers with fewer digits than this are always exact as a `number`. */
const SAFE_DIGITS = 15;

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

/** A recursive-descent reader; recursion is bounded by `maxDepth`. */
class JsonReader {
  readonly #text: string;
  readonly #maxDepth: number;
  /** The text itself holds a lone surrogate, so every string is checked, not only escaped ones. */
  readonly #checkEveryString: boolean;
  /** Keys and indexes from the document to the value being read. */
  readonly #path: (string | number)[] = [];
  #pos = 0;

  constructor(text: string, limits: JsonReadLimits) {
    this.#text = text;
    this.#maxDepth = limits.maxDepth;
    this.#checkEveryString = !text.isWellFormed();
  }

  read(): JsonValue {
    this.#skipSpace();
    const value = this.#value(1);
    this.#skipSpace();
    if (this.#pos < this.#text.length) throw this.#fail("unexpected text after the document");
    return value;
  }

  #value(depth: number): JsonValue {
    const text = this.#text;
    const code = text.charCodeAt(this.#pos);
    if (code === QUOTE) return this.#string();
    if (code === OPEN_BRACE) return this.#object(depth);
    if (code === OPEN_BRACKET) return this.#array(depth);
    if (code === MINUS || isDigit(code)) return this.#number();
    if (code === LOWER_T && text.startsWith("true", this.#pos)) {
      this.#pos += 4;
      return true;
    }
    if (code === LOWER_F && text.startsWith("false", this.#pos)) {
      this.#pos += 5;
      return false;
    }
    if (code === LOWER_N && text.startsWith("null", this.#pos)) {
      this.#pos += 4;
      return null;
    }
    if (text.startsWith("NaN", this.#pos) || text.startsWith("Infinity", this.#pos)) {
      throw this.#fail(NON_FINITE);
    }
    if (this.#pos >= text.length) throw this.#fail("the text ends where a value was expected");
    throw this.#fail(`unexpected ${this.#describeCharacter()} where a value was expected`);
  }

  #object(depth: number): JsonObject {
    this.#checkDepth(depth);
    const text = this.#text;
    const path = this.#path;
    const object: JsonObject = {};
    this.#pos++;
    this.#skipSpace();
    if (text.charCodeAt(this.#pos) === CLOSE_BRACE) {
      this.#pos++;
      return object;
    }
    for (;;) {
      if (text.charCodeAt(this.#pos) !== QUOTE) {
        throw this.#fail(`expected a key in double quotes, found ${this.#describeCharacter()}`);
      }
      const key = this.#string();
      this.#skipSpace();
      if (text.charCodeAt(this.#pos) !== COLON) {
        throw this.#fail(`expected ':' after a key, found ${this.#describeCharacter()}`);
      }
      this.#pos++;
      this.#skipSpace();
      path.push(key);
      const value = this.#value(depth + 1);
      path.pop();
      // A repeated key keeps its first place and its last value, as Python's dict does.
      setOwn(object, key, value);
      this.#skipSpace();
      const code = text.charCodeAt(this.#pos);
      this.#pos++;
      if (code === CLOSE_BRACE) return object;
      if (code !== COMMA) {
        this.#pos--;
        throw this.#fail(`expected ',' or '}' after a value, found ${this.#describeCharacter()}`);
      }
      this.#skipSpace();
    }
  }

  #array(depth: number): JsonValue[] {
    this.#checkDepth(depth);
    const text = this.#text;
    const path = this.#path;
    const array: JsonValue[] = [];
    this.#pos++;
    this.#skipSpace();
    if (text.charCodeAt(this.#pos) === CLOSE_BRACKET) {
      this.#pos++;
      return array;
    }
    for (;;) {
      path.push(array.length);
      array.push(this.#value(depth + 1));
      path.pop();
      this.#skipSpace();
      const code = text.charCodeAt(this.#pos);
      this.#pos++;
      if (code === CLOSE_BRACKET) return array;
      if (code !== COMMA) {
        this.#pos--;
        throw this.#fail(`expected ',' or ']' after a value, found ${this.#describeCharacter()}`);
      }
      this.#skipSpace();
    }
  }

  #string(): string {
    const text = this.#text;
    const start = this.#pos + 1;
    // Fast path: the next quote ends the string when nothing before it is an escape or a
    // control character (checked natively, which is much faster than a loop here).
    const end = text.indexOf('"', start);
    if (end !== -1) {
      const raw = text.slice(start, end);
      if (!NEEDS_CARE.test(raw)) {
        this.#pos = end + 1;
        if (this.#checkEveryString && !raw.isWellFormed()) throw this.#loneSurrogate(raw, start);
        return raw;
      }
    }
    return this.#escapedString(start);
  }

  /** A string with escapes (or an error): found by a loop, decoded by `JSON.parse`. */
  #escapedString(start: number): string {
    const text = this.#text;
    let pos = start;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        // The escape itself is checked when the string is decoded below.
        pos += 2;
      } else if (code >= SPACE) {
        pos++;
      } else {
        this.#pos = Math.min(pos, text.length);
        throw this.#fail(
          pos >= text.length
            ? "the text ends inside a string"
            : `a string holds the control character U+${
              hex4(code)
            }, which JSON allows only escaped`,
        );
      }
    }
    this.#pos = pos + 1;
    let value: string;
    try {
      value = JSON.parse(text.slice(start - 1, pos + 1));
    } catch {
      this.#pos = start + text.slice(start, pos).search(/\\(?:[^"\\/bfnrtu]|u(?![0-9a-fA-F]{4}))/);
      throw this.#fail("a string holds an invalid escape");
    }
    if (!value.isWellFormed()) throw this.#loneSurrogate(value, start);
    return value;
  }

  #number(): number | bigint | JsonFloat {
    const text = this.#text;
    const start = this.#pos;
    let pos = start;
    if (text.charCodeAt(pos) === MINUS) {
      pos++;
      if (text.startsWith("Infinity", pos)) throw this.#fail(NON_FINITE);
    }
    let code = text.charCodeAt(pos);
    if (code === DIGIT_0) {
      pos++;
    } else if (code >= DIGIT_1 && code <= DIGIT_9) {
      pos++;
      while (isDigit(text.charCodeAt(pos))) pos++;
    } else {
      this.#pos = pos;
      throw this.#fail(`expected a digit, found ${this.#describeCharacter()}`);
    }
    let isFloat = false;
    if (text.charCodeAt(pos) === DOT) {
      pos = this.#digits(pos + 1);
      isFloat = true;
    }
    code = text.charCodeAt(pos);
    if (code === LOWER_E || code === UPPER_E) {
      pos++;
      code = text.charCodeAt(pos);
      if (code === PLUS || code === MINUS) pos++;
      pos = this.#digits(pos);
      isFloat = true;
    }
    this.#pos = pos;
    const lexeme = text.slice(start, pos);
    if (!isFloat) {
      // `|| 0`: Python reads `-0` as the int 0.
      if (pos - start <= SAFE_DIGITS) return Number(lexeme) || 0;
      const exact = BigInt(lexeme);
      const rounded = Number(exact);
      return Number.isSafeInteger(rounded) ? rounded : exact;
    }
    const value = Number(lexeme);
    if (!Number.isFinite(value)) {
      this.#pos = start;
      throw this.#fail(
        `the number ${lexeme.length > 40 ? `${lexeme.slice(0, 37)}...` : lexeme} is beyond ` +
          "the largest float (about 1.8e308): Python would read it as infinity and write " +
          "Python that does not run",
      );
    }
    return Number.isInteger(value) ? new JsonFloat(value) : value;
  }

  /** One or more digits from `pos`; returns the position after them. */
  #digits(pos: number): number {
    if (!isDigit(this.#text.charCodeAt(pos))) {
      this.#pos = pos;
      throw this.#fail(`expected a digit, found ${this.#describeCharacter()}`);
    }
    while (isDigit(this.#text.charCodeAt(pos))) pos++;
    return pos;
  }

  #skipSpace(): void {
    const text = this.#text;
    let pos = this.#pos;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code !== SPACE && code !== NEWLINE && code !== RETURN && code !== TAB) break;
      pos++;
    }
    this.#pos = pos;
  }

  #checkDepth(depth: number): void {
    if (depth > this.#maxDepth) {
      throw this.#fail(
        `the document nests deeper than ${this.#maxDepth} levels of objects and arrays ` +
          "(the maxDepth limit)",
      );
    }
  }

  #loneSurrogate(value: string, start: number): SpecParseError {
    this.#pos = start - 1;
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return this.#fail(
      `the string ${JSON.stringify(shown)} holds a lone surrogate, which no file of the ` +
        "package can hold as UTF-8",
    );
  }

  #describeCharacter(): string {
    const code = this.#text.codePointAt(this.#pos);
    if (code === undefined) return "the end of the text";
    if (code >= 0x21 && code <= 0x7e) return `'${String.fromCharCode(code)}'`;
    return `U+${hex4(code)}`;
  }

  #fail(what: string): SpecParseError {
    const path = this.#path.map(String);
    return specParseError("JSON", what, path, lineAndColumn(this.#text, this.#pos));
  }
}

const NON_FINITE = "NaN and Infinity are not JSON numbers (Python would read them, and write " +
  "Python that does not run)";

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, "0");
}

/** 1-based line and column (in UTF-16 units) of a position. */
function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf("\n");
    index !== -1 && index < pos;
    index = text.indexOf("\n", index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: pos - lineStart + 1 };
}
