/**
 * Limits of spec parsing, with their defaults, and the pieces of a parse error's message.
 *
 * @module
 */

import { SpecParseError } from "../errors.ts";

/** Limits that keep a hostile spec from exhausting the stack or memory while it is read. */
export interface SpecParseOptions {
  /**
   * Most levels of nested objects and arrays (the document itself is level 1). OpenAlchemy's
   * 27 example specs nest at most 10 levels, a generated 10,000-model spec 6.
   * At most {@link MAX_SPEC_DEPTH_CEILING}.
   * @default 128
   */
  maxDepth?: number;
  /**
   * Most values (keys not counted) that YAML aliases may add to the document when each alias
   * is replaced by the node it names: `*base` naming a mapping of 9 scalars adds 10. (A
   * generated 1,000-model spec holds 35,000 values in all.)
   * @default 100000
   */
  maxAliasExpansion?: number;
}

/** The limits used when {@link SpecParseOptions} leaves them out. */
export const DEFAULT_SPEC_PARSE_LIMITS: Readonly<Required<SpecParseOptions>> = Object.freeze({
  maxDepth: 128,
  maxAliasExpansion: 100_000,
});

/**
 * The largest `maxDepth` accepted: every later stage of the build walks the spec
 * recursively, and this many levels stay well inside the stack.
 */
export const MAX_SPEC_DEPTH_CEILING = 1000;

/**
 * Checks parse options before any work, so that a misconfigured limit (from the
 * environment, say) is found at once rather than on the first spec.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assertValidSpecParseOptions } from "./parse_options.ts";
 * assertValidSpecParseOptions({ maxDepth: 64 });
 * assert.throws(() => assertValidSpecParseOptions({ maxDepth: 0 }), RangeError);
 * ```
 *
 * @throws {RangeError} when `maxDepth` is not an integer from 1 to
 *   {@link MAX_SPEC_DEPTH_CEILING}, or `maxAliasExpansion` is not a non-negative integer.
 */
export function assertValidSpecParseOptions(options: SpecParseOptions): void {
  const { maxDepth, maxAliasExpansion } = options;
  if (
    maxDepth !== undefined &&
    (!Number.isInteger(maxDepth) || maxDepth < 1 || maxDepth > MAX_SPEC_DEPTH_CEILING)
  ) {
    throw new RangeError(
      `Cannot parse specs: maxDepth must be an integer from 1 to ${MAX_SPEC_DEPTH_CEILING}, ` +
        `not ${maxDepth}`,
    );
  }
  if (
    maxAliasExpansion !== undefined &&
    (!Number.isSafeInteger(maxAliasExpansion) || maxAliasExpansion < 0)
  ) {
    throw new RangeError(
      `Cannot parse specs: maxAliasExpansion must be a non-negative integer, ` +
        `not ${maxAliasExpansion}`,
    );
  }
}

/** The options with every default filled in, after checking them. */
export function resolveSpecParseOptions(options: SpecParseOptions): Required<SpecParseOptions> {
  assertValidSpecParseOptions(options);
  return {
    maxDepth: options.maxDepth ?? DEFAULT_SPEC_PARSE_LIMITS.maxDepth,
    maxAliasExpansion: options.maxAliasExpansion ?? DEFAULT_SPEC_PARSE_LIMITS.maxAliasExpansion,
  };
}

/**
 * A parse error: `Cannot parse the spec as {format}: {what}`, then where (the path, and
 * the line and column when known), on one line.
 */
export function specParseError(
  format: "JSON" | "YAML",
  what: string,
  path: readonly string[],
  position?: { line: number; column: number },
): SpecParseError {
  const where: string[] = [];
  if (path.length > 0) where.push(`at ${describePath(path)}`);
  if (position !== undefined) where.push(`line ${position.line}, column ${position.column}`);
  const suffix = where.length > 0 ? ` (${where.join(", ")})` : "";
  const oneLine = what.replace(/\s*\n\s*/g, " ");
  return new SpecParseError(`Cannot parse the spec as ${format}: ${oneLine}${suffix}`, [...path]);
}

const SHOWN_SEGMENTS = 12;

/**
 * A path for a one-line message: segments joined by dots, a segment with a dot, a space or
 * a character outside printable ASCII quoted as a JSON string, long ones and long paths
 * shortened.
 */
function describePath(path: readonly string[]): string {
  const segments = path.map((segment) => {
    const short = segment.length > 60 ? `${segment.slice(0, 57)}...` : segment;
    return /^[\x21-\x7e]+$/.test(short) && !short.includes(".") ? short : JSON.stringify(short);
  });
  if (segments.length <= SHOWN_SEGMENTS) return segments.join(".");
  const head = segments.slice(0, SHOWN_SEGMENTS / 2);
  const tail = segments.slice(-SHOWN_SEGMENTS / 2);
  const hidden = segments.length - SHOWN_SEGMENTS;
  return `${head.join(".")}.(${hidden} more).${tail.join(".")}`;
}
