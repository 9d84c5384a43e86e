/**
 * Line wrapping that gives the same lines as Python's `textwrap.TextWrapper(width)`
 * with its default options (tabs expanded to 8, whitespace replaced, long words and
 * hyphenated words broken, whitespace dropped at line ends). Lengths count code
 * points, as Python's `len` does.
 *
 * @module
 */

// Python's Unicode `\w`, `\d` and "letter" (`[^\d\W]`) classes.
const WORD = String.raw`[\p{L}\p{N}_]`;
const LETTER = String.raw`[\p{L}\p{Nl}\p{No}_]`;
const WORD_PUNCT = String.raw`[\p{L}\p{N}_!"'&.,?]`;
const SPACE = String.raw`[\t\n\x0b\x0c\r ]`;
const NOT_SPACE = String.raw`[^\t\n\x0b\x0c\r ]`;

/** `TextWrapper.wordsep_re`, in JavaScript syntax. */
const WORD_SEPARATOR = new RegExp(
  "(" +
    `${SPACE}+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=${WORD})` +
    `|${NOT_SPACE}+?(?:` +
    `-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
    `|(?=${SPACE}|$)` +
    `|(?<=${WORD_PUNCT})(?=-{2,}${WORD})` +
    "))",
  "u",
);

/** `TextWrapper.wordsep_simple_re` (whitespace runs kept as chunks). */
const SPACE_SEPARATOR = /( +)/u;

/** Characters for which Python's `str.isspace()` is true. */
const PYTHON_SPACE: ReadonlySet<string> = new Set([
  ..."\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680",
  ..."\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a",
  ..."\u2028\u2029\u202f\u205f\u3000",
]);

/**
 * Wraps `text` into lines of at most `width` code points, exactly as Python's
 * `textwrap.TextWrapper(width=width).wrap(text)` does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wrapText } from "./text_wrap.ts";
 * assert.deepEqual(wrapText("The name of the employee.", 10), ["The name", "of the", "employee."]);
 * ```
 */
export function wrapText(text: string, width: number): string[] {
  const munged = replaceWhitespace(expandTabs(text, 8));
  // Without hyphens only the whitespace rule of `wordsep_re` can apply, and a plain
  // split on spaces gives the same chunks much faster.
  const separator = munged.includes("-") ? WORD_SEPARATOR : SPACE_SEPARATOR;
  const chunks = munged.split(separator).filter((chunk) => chunk !== "");
  return wrapChunks(chunks, width);
}

/** Python's `str.expandtabs(tabSize)`. */
function expandTabs(text: string, tabSize: number): string {
  if (!text.includes("\t")) return text;
  let out = "";
  let column = 0;
  for (const char of text) {
    if (char === "\t") {
      const spaces = tabSize - (column % tabSize);
      out += " ".repeat(spaces);
      column += spaces;
    } else if (char === "\n" || char === "\r") {
      out += char;
      column = 0;
    } else {
      out += char;
      column += 1;
    }
  }
  return out;
}

const OTHER_WRAP_WHITESPACE = new RegExp("[\\t\\n\\v\\f\\r]", "g");

/** Every `textwrap` whitespace character becomes a space. */
function replaceWhitespace(text: string): string {
  return text.replace(OTHER_WRAP_WHITESPACE, " ");
}

/** Python's `len`: the number of code points. */
function codePointLength(text: string): number {
  if (!/[\ud800-\udfff]/.test(text)) return text.length;
  return Array.from(text).length;
}

/** Python's `chunk.strip() == ""`. */
function isBlank(chunk: string): boolean {
  for (const char of chunk) {
    if (!PYTHON_SPACE.has(char)) return false;
  }
  return true;
}

/** `TextWrapper._wrap_chunks` without indents or line limits. */
function wrapChunks(chunks: string[], width: number): string[] {
  const lines: string[] = [];
  const stack = [...chunks].reverse();
  while (stack.length > 0) {
    let line: string[] = [];
    let length = 0;
    if (lines.length > 0 && isBlank(stack[stack.length - 1])) stack.pop();
    while (stack.length > 0) {
      const next = codePointLength(stack[stack.length - 1]);
      if (length + next > width) break;
      line.push(stack.pop() as string);
      length += next;
    }
    if (stack.length > 0 && codePointLength(stack[stack.length - 1]) > width) {
      line = breakLongWord(stack, line, length, width);
    }
    if (line.length > 0 && isBlank(line[line.length - 1])) line.pop();
    if (line.length > 0) lines.push(line.join(""));
  }
  return lines;
}

/** `TextWrapper._handle_long_word` with `break_long_words` and `break_on_hyphens`. */
function breakLongWord(stack: string[], line: string[], length: number, width: number): string[] {
  const spaceLeft = width < 1 ? 1 : width - length;
  const chunk = Array.from(stack[stack.length - 1]);
  let end = spaceLeft;
  if (chunk.length > spaceLeft) {
    const hyphen = chunk.slice(0, spaceLeft).lastIndexOf("-");
    if (hyphen > 0 && chunk.slice(0, hyphen).some((char) => char !== "-")) {
      end = hyphen + 1;
    }
  }
  stack[stack.length - 1] = chunk.slice(end).join("");
  return [...line, chunk.slice(0, end).join("")];
}
