/**
 * Turning user text into Python source safely: identifier checks, docstring bodies and
 * string literals. User text is data; nothing here can make it a statement.
 *
 * @module
 */

import { SpecValidationError } from "../errors.ts";

/** Python 3.11's hard keywords (`keyword.kwlist`), which can never be identifiers. */
export const PYTHON_KEYWORDS: ReadonlySet<string> = new Set([
  "False",
  "None",
  "True",
  "and",
  "as",
  "assert",
  "async",
  "await",
  "break",
  "class",
  "continue",
  "def",
  "del",
  "elif",
  "else",
  "except",
  "finally",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "raise",
  "return",
  "try",
  "while",
  "with",
  "yield",
]);

/** Names that are identifiers but cannot be bound or used as parameters. */
const UNASSIGNABLE_NAMES: ReadonlySet<string> = new Set(["__debug__"]);

const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

/**
 * Identifier characters of newer Unicode versions than Python 3.11's (Unicode 14),
 * which Python 3.11 rejects in source (computed by comparing this runtime's
 * `\p{XID_Continue}` with Python 3.11's `str.isidentifier`).
 */
const NEWER_THAN_PYTHON = new RegExp(
  "[" +
    "\u{897}\u{cf3}\u{ece}\u{1c89}-\u{1c8a}\u{200c}-\u{200d}\u{30fb}\u{a7cb}-\u{a7cd}" +
    "\u{a7da}-\u{a7dc}\u{ff65}\u{105c0}-\u{105f3}\u{10d40}-\u{10d65}" +
    "\u{10d69}-\u{10d6d}\u{10d6f}-\u{10d85}\u{10ec2}-\u{10ec4}\u{10efc}-\u{10eff}" +
    "\u{1123f}-\u{11241}\u{11380}-\u{11389}\u{1138b}\u{1138e}\u{11390}-\u{113b5}" +
    "\u{113b7}-\u{113c0}\u{113c2}\u{113c5}\u{113c7}-\u{113ca}\u{113cc}-\u{113d3}" +
    "\u{113e1}-\u{113e2}\u{116d0}-\u{116e3}\u{11bc0}-\u{11be0}\u{11bf0}-\u{11bf9}" +
    "\u{11f00}-\u{11f10}\u{11f12}-\u{11f3a}\u{11f3e}-\u{11f42}\u{11f50}-\u{11f5a}" +
    "\u{1342f}\u{13440}-\u{13455}\u{13460}-\u{143fa}\u{16100}-\u{16139}" +
    "\u{16d40}-\u{16d6c}\u{16d70}-\u{16d79}\u{18cff}\u{1b132}\u{1b155}" +
    "\u{1ccf0}-\u{1ccf9}\u{1df25}-\u{1df2a}\u{1e030}-\u{1e06d}\u{1e08f}" +
    "\u{1e4d0}-\u{1e4f9}\u{1e5d0}-\u{1e5fa}\u{2b739}\u{2ebf0}-\u{2ee5d}" +
    "\u{31350}-\u{323af}" +
    "]",
  "u",
);

/**
 * Whether `name` can be used as a Python 3 name that is bound (a class, an attribute
 * annotation, a parameter): an identifier per PEP 3131, also after the NFKC
 * normalisation Python applies, that is neither a keyword nor `__debug__`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPythonName } from "./literal.ts";
 * assert.equal(isPythonName("division_id"), true);
 * assert.equal(isPythonName("class"), false);
 * assert.equal(isPythonName("a-b"), false);
 * ```
 */
export function isPythonName(name: string): boolean {
  if (!IDENTIFIER.test(name) || NEWER_THAN_PYTHON.test(name)) return false;
  const normalised = name.normalize("NFKC");
  if (!IDENTIFIER.test(normalised)) return false;
  if (PYTHON_KEYWORDS.has(name) || PYTHON_KEYWORDS.has(normalised)) return false;
  return !UNASSIGNABLE_NAMES.has(normalised);
}

/**
 * Throws unless `name` can be written into Python source as a bound name.
 *
 * @param name The schema, property or back reference name.
 * @param path Where the name comes from (schema, then property), for the error.
 * @throws {SpecValidationError} when the name is not a usable Python name.
 */
export function assertPythonName(name: string, path: readonly string[]): void {
  if (isPythonName(name)) return;
  throw new SpecValidationError(
    `cannot generate the models file: ${
      JSON.stringify(name)
    } is not a valid Python identifier (or is a reserved keyword)`,
    path,
  );
}

/**
 * Returns text to put between `"""` and `"""` that compiles and cannot end the string
 * early. When `text` can be written as is (no `"""`, no trailing quote, no NUL, no
 * carriage return, no lone surrogate, and every backslash starts a valid escape
 * sequence) it is returned unchanged, as OpenAlchemy writes it (Python then reads
 * its escapes); otherwise every backslash, quote and such character is escaped, so
 * that the docstring's value is exactly `text`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { docstringBody } from "./literal.ts";
 * assert.equal(docstringBody("Plain text."), "Plain text.");
 * assert.equal(docstringBody('Say """hi"""'), 'Say \\"\\"\\"hi\\"\\"\\"');
 * ```
 */
export function docstringBody(text: string): string {
  if (isVerbatimDocstringSafe(text)) return text;
  let out = "";
  for (const char of text) {
    out += escapeDocstringChar(char);
  }
  return out;
}

// deno-lint-ignore no-control-regex
const NUL_OR_CR = /[\u0000\r]/;

function isVerbatimDocstringSafe(text: string): boolean {
  if (text.includes('"""') || text.endsWith('"')) return false;
  if (NUL_OR_CR.test(text)) return false;
  return !hasLoneSurrogate(text) && (!text.includes("\\") || hasOnlyValidEscapes(text));
}

/**
 * Whether every backslash starts an escape sequence Python accepts without a warning,
 * so that the text compiles as a (non-raw) string body. `\N{...}` is treated as
 * invalid because the name cannot be checked here.
 */
function hasOnlyValidEscapes(text: string): boolean {
  let index = text.indexOf("\\");
  while (index !== -1) {
    const length = validEscapeLength(text, index + 1);
    if (length === 0) return false;
    index = text.indexOf("\\", index + 1 + length);
  }
  return true;
}

const SIMPLE_ESCAPES = "\n\\'\"abfnrtv01234567";

/** The length of the valid escape after a backslash at `start - 1`, or 0. */
function validEscapeLength(text: string, start: number): number {
  const char = text[start];
  if (char === undefined) return 0;
  if (SIMPLE_ESCAPES.includes(char)) return 1;
  const hexLength = char === "x" ? 2 : char === "u" ? 4 : char === "U" ? 8 : 0;
  if (hexLength === 0) return 0;
  const digits = text.slice(start + 1, start + 1 + hexLength);
  if (digits.length !== hexLength || !/^[0-9a-fA-F]+$/.test(digits)) return 0;
  if (char === "U" && parseInt(digits, 16) > 0x10ffff) return 0;
  return 1 + hexLength;
}

function escapeDocstringChar(char: string): string {
  if (char === "\\") return "\\\\";
  if (char === '"') return '\\"';
  if (char === "\0") return "\\x00";
  if (char === "\r") return "\\r";
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0xd800 && code <= 0xdfff) return `\\u${hex4(code)}`;
  return char;
}

/** In Unicode mode a surrogate pair is one code point, so only lone surrogates match. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

function hex4(code: number): string {
  return code.toString(16).padStart(4, "0");
}
