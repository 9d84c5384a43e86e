/**
 * Line wrapping that gives the same lines as Python's `textwrap.TextWrapper(width)`
 * with its default options (tabs expanded to 8, whitespace replaced, long words and
 * hyphenated words broken, whitespace dropped at line ends). Lengths count code
 * points, as Python's `len` does.
 *
 * @module
 */

/** The characters `textwrap` treats as whitespace (ASCII only). */
const WRAP_WHITESPACE = "\t\n\x0b\x0c\r ";

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
 * import { wrapText } from "./text_wrap.ts";
 * wrapText("The name of the employee.", 10); // ["The name", "of the", "employee."]
 * ```
 */
export function wrapText(text: string, width: number): string[] {
  const munged = replaceWhitespace(expandTabs(text, 8));
  const chunks = munged.split(WORD_SEPARATOR).filter((chunk) => chunk !== "");
  return wrapChunks(chunks.map(toCodePoints), width);
}

/** Python's `str.expandtabs(tabSize)`. */
function expandTabs(text: string, tabSize: number): string {
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

function replaceWhitespace(text: string): string {
  let out = "";
  for (const char of text) {
    out += WRAP_WHITESPACE.includes(char) ? " " : char;
  }
  return out;
}

/** A chunk as an array of code points, so lengths and slices match Python's. */
type Chunk = string[];

function toCodePoints(text: string): Chunk {
  return Array.from(text);
}

/** Python's `chunk.strip() == ""`. */
function isBlank(chunk: Chunk): boolean {
  return chunk.every((char) => PYTHON_SPACE.has(char));
}

/** `TextWrapper._wrap_chunks` without indents or line limits. */
function wrapChunks(chunks: Chunk[], width: number): string[] {
  const lines: string[] = [];
  const stack = [...chunks].reverse();
  while (stack.length > 0) {
    let line: Chunk[] = [];
    let length = 0;
    if (lines.length > 0 && isBlank(stack[stack.length - 1])) stack.pop();
    while (stack.length > 0) {
      const next = stack[stack.length - 1];
      if (length + next.length > width) break;
      line.push(next);
      length += next.length;
      stack.pop();
    }
    if (stack.length > 0 && stack[stack.length - 1].length > width) {
      line = breakLongWord(stack, line, length, width);
    }
    if (line.length > 0 && isBlank(line[line.length - 1])) line.pop();
    if (line.length > 0) lines.push(line.map((chunk) => chunk.join("")).join(""));
  }
  return lines;
}

/** `TextWrapper._handle_long_word` with `break_long_words` and `break_on_hyphens`. */
function breakLongWord(stack: Chunk[], line: Chunk[], length: number, width: number): Chunk[] {
  const spaceLeft = width < 1 ? 1 : width - length;
  const chunk = stack[stack.length - 1];
  let end = spaceLeft;
  if (chunk.length > spaceLeft) {
    const hyphen = chunk.slice(0, spaceLeft).lastIndexOf("-");
    if (hyphen > 0 && chunk.slice(0, hyphen).some((char) => char !== "-")) {
      end = hyphen + 1;
    }
  }
  stack[stack.length - 1] = chunk.slice(end);
  return [...line, chunk.slice(0, end)];
}
