/**
 * YAML spec text → JSON value, read as OpenAlchemy reads it: PyYAML's `SafeLoader`, which
 * follows YAML 1.1.
 *
 * - Plain scalars take PyYAML's types: `yes`/`no`/`on`/`off`/`true`/`false` in lower, title or
 *   upper case are booleans (`y` and `n` stay strings); ints in decimal, octal (`012`), hex
 *   (`0x1F`), binary (`0b101`) or base 60 (`1:30`), with `_` anywhere after the first digit;
 *   floats only with a `.` (`1.0`, `.5`, `1.e+5`; `1e5` is a string), or base 60 (`1:30.5`).
 *   Numbers keep Python's int/float kind (see `src/json.ts`).
 * - A repeated key keeps its first place and its last value; `<<` merges mappings as PyYAML
 *   does; an alias shares the value of its anchor, as PyYAML's objects are shared.
 * - Unquoted timestamps (`2001-12-14`) stay strings: PyYAML makes dates of them, which
 *   OpenAlchemy cannot use (it crashes on them); a string is what the spec's author meant.
 * - Refused, with where: what PyYAML refuses (characters outside its printable set, tags
 *   it has no constructor for, unreadable ints), what it reads but no package can hold
 *   (`.inf`, `.nan`, sets, binary, recursive structures, lone surrogates), keys that are
 *   collections, and documents past the limits (nesting depth, alias expansion).
 *
 * @module
 */

import {
  type Alias,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type ParsedNode,
  parseDocument,
  type Scalar,
  type YAMLMap,
} from "yaml";
import { JsonFloat, type JsonObject, type JsonValue, pythonNumberText, setOwn } from "../json.ts";
import type { SpecParseError } from "../errors.ts";
import { specParseError } from "./parse_options.ts";

/** Limits the reader enforces. */
export interface YamlReadLimits {
  /** Most levels of nested mappings and sequences (the document is level 1). */
  readonly maxDepth: number;
  /** Most values that aliases (and merges of aliased mappings) may add to the document. */
  readonly maxAliasExpansion: number;
}

/**
 * Reads YAML text into a JSON value as PyYAML's `SafeLoader` reads it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JsonFloat } from "../json.ts";
 * import { parseYamlText } from "./parse_yaml.ts";
 * const value = parseYamlText("a: yes\nb: 1.0\nc: 0x1F\nd: 1e5\na: no", {
 *   maxDepth: 8,
 *   maxAliasExpansion: 100,
 * });
 * assert.deepEqual(value, { a: false, b: new JsonFloat(1), c: 31, d: "1e5" });
 * ```
 *
 * @throws {SpecParseError} saying what is wrong and where (path, line and column).
 */
export function parseYamlText(text: string, limits: YamlReadLimits): JsonValue {
  const lineCounter = new LineCounter();
  const unprintable = NOT_PRINTABLE.exec(text);
  if (unprintable !== null) {
    const code = unprintable[0].codePointAt(0) as number;
    throw specParseError(
      "YAML",
      `the character U+${code.toString(16).toUpperCase().padStart(4, "0")} is not allowed ` +
        "(PyYAML refuses characters that are not printable)",
      [],
      lineAndColumn(text, unprintable.index),
    );
  }
  const document = parseDocument(text, {
    version: "1.1",
    // Every scalar is read as its text; the reader below gives it PyYAML's type.
    schema: "failsafe",
    uniqueKeys: false,
    merge: false,
    lineCounter,
  });
  const [error] = document.errors;
  if (error !== undefined) {
    const what = error.code === "RESOURCE_EXHAUSTION"
      ? `the document nests too deeply to be read (the maxDepth limit is ${limits.maxDepth} levels)`
      : error.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    const position = error.linePos?.[0];
    throw specParseError(
      "YAML",
      what,
      [],
      position === undefined ? undefined : { line: position.line, column: position.col },
    );
  }
  return new YamlReader(document, lineCounter, limits).read();
}

/** Characters PyYAML's reader refuses (anything outside its printable set). */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

const TAG = "tag:yaml.org,2002:";

/** The size and height of a node once its aliases are expanded. */
interface Measure {
  /** Values (scalars and collections; keys not counted). */
  readonly size: number;
  /** Levels of collections (0 for a scalar). */
  readonly height: number;
}

type Document = ReturnType<typeof parseDocument>;
type PairNodes = readonly [key: unknown, value: unknown];

/** Walks the document's nodes once, giving each PyYAML's value. */
class YamlReader {
  readonly #document: Document;
  readonly #lineCounter: LineCounter;
  readonly #limits: YamlReadLimits;
  readonly #path: (string | number)[] = [];
  /** Values of anchored nodes already read: aliases share them, as PyYAML's objects are. */
  readonly #anchored = new Map<unknown, JsonValue>();
  /** Anchored nodes being read: an alias to one of them would make a recursive structure. */
  readonly #reading = new Set<unknown>();
  readonly #measures = new Map<unknown, Measure>();
  /** Nodes being measured (a separate guard against recursive structures). */
  readonly #measuring = new Set<unknown>();
  #aliasExpansion = 0;

  constructor(document: Document, lineCounter: LineCounter, limits: YamlReadLimits) {
    this.#document = document;
    this.#lineCounter = lineCounter;
    this.#limits = limits;
  }

  read(): JsonValue {
    return this.#value(this.#document.contents, 1);
  }

  /** The value of a node whose collections (if any) start at level `depth`. */
  #value(node: unknown, depth: number): JsonValue {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.#alias(node, depth);
    if (isScalar(node)) return this.#scalar(node);
    if (depth > this.#limits.maxDepth) {
      throw this.#fail(
        `the document nests deeper than ${this.#limits.maxDepth} levels of mappings and ` +
          "sequences (the maxDepth limit)",
        node,
      );
    }
    const anchored = (node as Node).anchor !== undefined;
    if (anchored) this.#reading.add(node);
    const value = isMap(node) ? this.#mapping(node, depth) : this.#sequence(node, depth);
    if (anchored) {
      this.#reading.delete(node);
      this.#anchored.set(node, value);
    }
    return value;
  }

  #mapping(node: YAMLMap, depth: number): JsonObject {
    this.#checkCollectionTag(node, "map");
    const object: JsonObject = {};
    for (const [keyNode, valueNode] of this.#pairs(node)) {
      const key = this.#key(keyNode);
      this.#path.push(key);
      const value = this.#value(valueNode, depth + 1);
      this.#path.pop();
      // A repeated key keeps its first place and its last value, as Python's dict does.
      setOwn(object, key, value);
    }
    return object;
  }

  #sequence(node: unknown, depth: number): JsonValue[] {
    if (!isSeq(node)) throw this.#fail("this node has no JSON value", node);
    this.#checkCollectionTag(node, "seq");
    const array: JsonValue[] = [];
    for (const item of node.items) {
      this.#path.push(array.length);
      array.push(this.#value(item, depth + 1));
      this.#path.pop();
    }
    return array;
  }

  /**
   * The key and value nodes of a mapping, `<<` merges flattened as PyYAML does: the merged
   * pairs come first (a list of mappings in reverse order), then the mapping's own, so that
   * its own keys win, then the first mapping of a list.
   */
  #pairs(node: YAMLMap): PairNodes[] {
    const merged: PairNodes[] = [];
    const own: PairNodes[] = [];
    for (const pair of node.items) {
      if (!isMergeKey(pair.key)) {
        own.push([pair.key, pair.value]);
        continue;
      }
      const source = this.#mergeSource(pair.value);
      if (isMap(source)) {
        merged.push(...this.#pairs(source));
      } else if (isSeq(source)) {
        const groups = source.items.map((item) => {
          const mapping = this.#mergeSource(item);
          if (!isMap(mapping)) throw this.#fail(MERGE_VALUE, item);
          return this.#pairs(mapping);
        });
        for (const group of groups.reverse()) merged.push(...group);
      } else {
        throw this.#fail(MERGE_VALUE, pair.value);
      }
    }
    return merged.length === 0 ? own : [...merged, ...own];
  }

  /** What a merge key's value (or one of its items) names, aliases followed and counted. */
  #mergeSource(node: unknown): unknown {
    if (!isAlias(node)) return node;
    const target = this.#aliasTarget(node);
    this.#countExpansion(this.#measure(target).size, node);
    return target;
  }

  #alias(node: Alias, depth: number): JsonValue {
    const target = this.#aliasTarget(node);
    const { size, height } = this.#measure(target);
    if (depth + height - 1 > this.#limits.maxDepth) {
      throw this.#fail(
        `the alias *${node.source} nests the document deeper than ${this.#limits.maxDepth} ` +
          "levels of mappings and sequences (the maxDepth limit)",
        node,
      );
    }
    this.#countExpansion(size, node);
    if (this.#anchored.has(target)) return this.#anchored.get(target) as JsonValue;
    // Merges read pairs out of order, so an alias may come before its anchor is read.
    return this.#value(target, depth);
  }

  #aliasTarget(node: Alias): unknown {
    const target = node.resolve(this.#document);
    if (target === undefined) {
      throw this.#fail(`the alias *${node.source} names no anchor defined before it`, node);
    }
    if (this.#reading.has(target) || this.#measuring.has(target)) {
      throw this.#fail(
        `the alias *${node.source} is inside the node it names: JSON cannot hold a recursive ` +
          "structure",
        node,
      );
    }
    return target;
  }

  #countExpansion(size: number, node: unknown): void {
    this.#aliasExpansion += size;
    if (this.#aliasExpansion > this.#limits.maxAliasExpansion) {
      throw this.#fail(
        `aliases expand the document by more than ${this.#limits.maxAliasExpansion} values ` +
          "(the maxAliasExpansion limit)",
        node,
      );
    }
  }

  /** The expanded size and height of a node, without expanding it (memoised). */
  #measure(node: unknown): Measure {
    if (node === null || node === undefined || isScalar(node)) return { size: 1, height: 0 };
    if (isAlias(node)) return this.#measure(this.#aliasTarget(node));
    const known = this.#measures.get(node);
    if (known !== undefined) return known;
    this.#measuring.add(node);
    let size = 1;
    let height = 0;
    const children = isMap(node)
      ? node.items.map((pair) => pair.value)
      : isSeq(node)
      ? node.items
      : [];
    for (const child of children) {
      const measure = this.#measure(child);
      size += measure.size;
      height = Math.max(height, measure.height);
    }
    this.#measuring.delete(node);
    const measure = { size, height: height + 1 };
    this.#measures.set(node, measure);
    return measure;
  }

  /** A mapping key as Python's `json.dumps` writes a dict key. */
  #key(node: unknown): string {
    const target = isAlias(node) ? this.#aliasTarget(node) : node;
    if (target === null || target === undefined) return "null";
    if (!isScalar(target)) {
      throw this.#fail("a mapping key must be a scalar, not a mapping or a sequence", node);
    }
    const value = this.#scalar(target);
    if (typeof value === "string") return value;
    if (value === null || typeof value === "boolean") return String(value);
    return pythonNumberText(value as number | bigint | JsonFloat);
  }

  #scalar(node: Scalar): JsonValue {
    const text = String(node.value);
    const plain = node.type === "PLAIN";
    const tag = node.tag;
    // PyYAML types a scalar tagged `!` as it types a plain one, quoted or not.
    if (tag === "!" || (tag === undefined && plain)) return this.#plain(text, node);
    if (tag === undefined) return this.#string(text, node);
    switch (tag) {
      case `${TAG}str`:
      case `${TAG}timestamp`:
        return this.#string(text, node);
      case `${TAG}null`:
        return null;
      case `${TAG}bool`: {
        const value = BOOLEANS.get(text.toLowerCase());
        if (value === undefined) throw this.#fail(`!!bool cannot read ${quote(text)}`, node);
        return value;
      }
      case `${TAG}int`:
        return this.#int(text, node);
      case `${TAG}float`:
        return this.#float(text, node);
      default:
        throw this.#fail(`the tag ${tag} has no JSON value`, node);
    }
  }

  /** An untagged plain scalar, typed as PyYAML's implicit resolvers type it. */
  #plain(text: string, node: Scalar): JsonValue {
    if (IMPLICIT_BOOL.test(text)) return BOOLEANS.get(text.toLowerCase()) as boolean;
    if (IMPLICIT_FLOAT.test(text)) return this.#float(text, node);
    if (IMPLICIT_INT.test(text)) return this.#int(text, node);
    if (IMPLICIT_NULL.test(text)) return null;
    if (text === "<<" || text === "=") {
      throw this.#fail(`the plain scalar ${text} is a YAML 1.1 key, not a value`, node);
    }
    return text;
  }

  /** PyYAML's int: `_` dropped, then binary, hex, octal, base 60 or decimal. */
  #int(text: string, node: Scalar): number | bigint {
    let digits = text.replaceAll("_", "");
    let negative = false;
    if (digits[0] === "-" || digits[0] === "+") {
      negative = digits[0] === "-";
      digits = digits.slice(1);
    }
    let value: bigint | undefined;
    if (digits === "0") value = 0n;
    else if (digits.startsWith("0b")) value = /^0b[01]+$/.test(digits) ? BigInt(digits) : undefined;
    else if (digits.startsWith("0x")) {
      value = /^0x[0-9a-fA-F]+$/.test(digits) ? BigInt(digits) : undefined;
    } else if (digits.startsWith("0")) {
      value = /^0[0-7]+$/.test(digits) ? BigInt(`0o${digits.slice(1)}`) : undefined;
    } else if (/^[0-9]+(?::[0-9]+)+$/.test(digits)) value = sexagesimal(digits);
    else if (/^[0-9]+$/.test(digits)) value = BigInt(digits);
    if (value === undefined) throw this.#fail(`${quote(text)} is not an integer`, node);
    if (negative) value = -value;
    const rounded = Number(value);
    return Number.isSafeInteger(rounded) ? rounded : value;
  }

  /** PyYAML's float: `_` dropped, base 60 summed from the right, else the decimal's value. */
  #float(text: string, node: Scalar): number | JsonFloat {
    let digits = text.replaceAll("_", "").toLowerCase();
    let sign = 1;
    if (digits[0] === "-" || digits[0] === "+") {
      sign = digits[0] === "-" ? -1 : 1;
      digits = digits.slice(1);
    }
    if (digits === ".inf" || digits === ".nan") {
      throw this.#fail(
        `${quote(text)} is not a finite number (Python would read it, and write Python that ` +
          "does not run)",
        node,
      );
    }
    const parts = digits.split(":");
    if (!parts.every((part) => DECIMAL.test(part)) || (parts.length > 1 && digits.includes("e"))) {
      throw this.#fail(`${quote(text)} is not a float`, node);
    }
    let value = 0;
    let base = 1;
    for (const part of parts.reverse()) {
      value += Number(part) * base;
      base *= 60;
    }
    value *= sign;
    if (!Number.isFinite(value)) {
      throw this.#fail(
        `${quote(text)} is beyond the largest float (about 1.8e308): Python would read it as ` +
          "infinity and write Python that does not run",
        node,
      );
    }
    return Number.isInteger(value) ? new JsonFloat(value) : value;
  }

  #string(text: string, node: Scalar): string {
    if (!text.isWellFormed()) {
      throw this.#fail(
        `the string ${quote(text)} holds a lone surrogate, which no file of the package can ` +
          "hold as UTF-8",
        node,
      );
    }
    return text;
  }

  #checkCollectionTag(node: { tag?: string }, kind: "map" | "seq"): void {
    const tag = node.tag;
    if (tag === undefined || tag === "!" || tag === `${TAG}${kind}`) return;
    throw this.#fail(`the tag ${tag} has no JSON value`, node);
  }

  #fail(what: string, node: unknown): SpecParseError {
    const range = (node as ParsedNode | undefined)?.range;
    const position = range === undefined ? undefined : this.#lineCounter.linePos(range[0]);
    return specParseError(
      "YAML",
      what,
      this.#path.map(String),
      position === undefined ? undefined : { line: position.line, column: position.col },
    );
  }
}

const MERGE_VALUE = "the value of a merge key << must be a mapping or a list of mappings";

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ["yes", true],
  ["true", true],
  ["on", true],
  ["no", false],
  ["false", false],
  ["off", false],
]);

// The scalars PyYAML 6's SafeLoader types implicitly (checked against it).
const IMPLICIT_BOOL =
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const IMPLICIT_FLOAT = new RegExp(
  "^(?:[-+]?[0-9][0-9_]*\\.[0-9_]*(?:[eE][-+][0-9]+)?" + // 1.0, 1., 1.5e+3
    "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?" + // .5 (no sign)
    "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*" + // 1:30.5
    "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$",
);
const IMPLICIT_INT = new RegExp(
  "^(?:[-+]?0b[01_]+" + // binary
    "|[-+]?0[0-7_]+" + // octal
    "|[-+]?(?:0|[1-9][0-9_]*)" + // decimal
    "|[-+]?0x[0-9a-fA-F_]+" + // hex
    "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$", // base 60
);
const IMPLICIT_NULL = /^(?:~|null|Null|NULL|)$/;

/** A decimal that Python's `float()` reads (lower case, no sign, no `_`). */
const DECIMAL = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/;

function isMergeKey(node: unknown): boolean {
  if (!isScalar(node)) return false;
  if (node.tag === `${TAG}merge`) return true;
  return node.tag === undefined && node.type === "PLAIN" && node.value === "<<";
}

/** Base 60 digits (`1:30` = 90), exactly. */
function sexagesimal(digits: string): bigint {
  let value = 0n;
  for (const part of digits.split(":")) value = value * 60n + BigInt(part);
  return value;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
}

/** 1-based line and column (in UTF-16 units) of a position. */
function lineAndColumn(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: pos - lineStart + 1 };
}
