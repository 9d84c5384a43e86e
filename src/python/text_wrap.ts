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

/**
 * A text with no white space Python's textwrap treats specially: no tab, line break,
 * other space character, and no space at either end.
 */
const PLAIN_LINE =
  // deno-lint-ignore no-control-regex
  /^[^\s\x1c-\x1f\x85](?:[^\t\n\v\f\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\s\x1c-\x1f\x85])?$/;

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
  // A text that fits on one line, with no white space other than single-width spaces
  // inside it, is that line (what most descriptions are).
  if (text.length <= width && text !== "" && PLAIN_LINE.test(text)) return [text];
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
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** Python's `chunk.strip() == ""`. */
function isBlank(chunk: string): boolean {
  for (const char of chunk) {
    if (!PYTHON_SPACE.has(char)) return false;
  }
  return true;
}

/**
 * The chunks not yet placed on a line, next one first. A chunk too long for a line is broken
 * in place: it is held as code points with an offset, so that breaking a word of n characters
 * into lines costs O(n), not O(n²) as slicing the rest of it again for every line would.
 */
class PendingChunks {
  readonly #chunks: readonly string[];
  #index = 0;
  /** Code points of the next chunk once it is being broken, and how many are placed. */
  #points: string[] | undefined;
  #placed = 0;
  /** Index of the last code point of `#points` that is not whitespace (-1 if none). */
  #lastNonBlank = -1;

  constructor(chunks: readonly string[]) {
    this.#chunks = chunks;
  }

  get isEmpty(): boolean {
    return this.#index >= this.#chunks.length;
  }

  /** Python's `len()` of the next chunk. */
  nextLength(): number {
    if (this.#points !== undefined) return this.#points.length - this.#placed;
    return codePointLength(this.#chunks[this.#index]);
  }

  /** Whether the next chunk is whitespace only (or empty). */
  nextIsBlank(): boolean {
    if (this.#points !== undefined) return this.#placed > this.#lastNonBlank;
    return isBlank(this.#chunks[this.#index]);
  }

  /** Removes the next chunk and returns it. */
  take(): string {
    let chunk: string;
    if (this.#points !== undefined) {
      chunk = this.#points.slice(this.#placed).join("");
      this.#points = undefined;
    } else {
      chunk = this.#chunks[this.#index];
    }
    this.#index++;
    return chunk;
  }

  /**
   * `TextWrapper._handle_long_word` with `break_long_words` and `break_on_hyphens`: the first
   * `spaceLeft` code points of the next chunk, or fewer to end after its last hyphen within
   * them (one that follows something other than hyphens); the rest stays next.
   */
  takeLongWordStart(spaceLeft: number): string {
    if (this.#points === undefined) {
      this.#points = Array.from(this.#chunks[this.#index]);
      this.#placed = 0;
      this.#lastNonBlank = this.#points.findLastIndex((char) => !PYTHON_SPACE.has(char));
    }
    const points = this.#points;
    const start = this.#placed;
    let end = spaceLeft;
    if (points.length - start > spaceLeft) {
      const hyphen = lastHyphen(points, start, start + spaceLeft) - start;
      if (hyphen > 0 && hasNonHyphen(points, start, start + hyphen)) end = hyphen + 1;
    }
    end = Math.min(end, points.length - start);
    this.#placed = start + end;
    return points.slice(start, start + end).join("");
  }

  /** Drops the next chunk. */
  drop(): void {
    this.take();
  }
}

/** Index of the last `-` in `points[from, to)`, or -1 (searching that window only). */
function lastHyphen(points: readonly string[], from: number, to: number): number {
  for (let index = to - 1; index >= from; index--) if (points[index] === "-") return index;
  return -1;
}

function hasNonHyphen(points: readonly string[], from: number, to: number): boolean {
  for (let index = from; index < to; index++) if (points[index] !== "-") return true;
  return false;
}

/** `TextWrapper._wrap_chunks` without indents or line limits, linear in the text's length. */
function wrapChunks(chunks: readonly string[], width: number): string[] {
  const lines: string[] = [];
  const pending = new PendingChunks(chunks);
  while (!pending.isEmpty) {
    const line: string[] = [];
    let length = 0;
    if (lines.length > 0 && pending.nextIsBlank()) pending.drop();
    while (!pending.isEmpty) {
      const next = pending.nextLength();
      if (length + next > width) break;
      line.push(pending.take());
      length += next;
    }
    if (!pending.isEmpty && pending.nextLength() > width) {
      line.push(pending.takeLongWordStart(width < 1 ? 1 : width - length));
    }
    if (line.length > 0 && isBlank(line[line.length - 1])) line.pop();
    if (line.length > 0) lines.push(line.join(""));
  }
  return lines;
}
