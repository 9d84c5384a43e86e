/**
 * The function's limits on what a spec may cost and on what its build may write, read
 * from the environment with documented defaults. A spec beyond a limit is the user's
 * error: a {@link LimitError} naming the limit's variable, reported, never retried.
 *
 * | variable                     | default          | what it bounds                                        |
 * | ---------------------------- | ---------------- | ----------------------------------------------------- |
 * | `SPEC_MAX_BYTES`             | 5,242,880 (5 MiB)| the spec object's size, checked before reading it     |
 * | `SPEC_MAX_DEPTH`             | 128              | nesting of arrays/objects (the parser's `maxDepth`)   |
 * | `SPEC_MAX_ALIAS_EXPANSION`   | 100,000          | values YAML aliases add (`maxAliasExpansion`)         |
 * | `SPEC_ID_MAX_LENGTH`         | 100              | bytes of `{specId}` (the package name)                |
 * | `SPEC_VERSION_MAX_LENGTH`    | 100              | bytes of `{version}` in the key (the report's name)   |
 * | `PACKAGE_VERSION_MAX_LENGTH` | 64               | characters of the package version (archive names)    |
 * | `REPORT_TEXT_MAX_LENGTH`     | 1,000            | characters of any user text a report copies           |
 * | `REPORT_MAX_PROBLEMS`        | 50               | problems of an invalid spec a report lists            |
 *
 * Whatever the limits, no key the function writes may exceed S3's 1,024 bytes.
 *
 * @module
 */

import { InputError } from "../errors.ts";
import { DEFAULT_SPEC_PARSE_LIMITS, MAX_SPEC_DEPTH_CEILING } from "../spec/parse.ts";
import type { Environment } from "../environment.ts";

/** S3's longest key, in UTF-8 bytes. */
export const S3_MAX_KEY_BYTES = 1024;

/** The limits, all positive integers. */
export interface Limits {
  /** Largest spec object, in bytes (`SPEC_MAX_BYTES`). */
  readonly specMaxBytes: number;
  /**
   * Deepest nesting of the spec's arrays and objects (`SPEC_MAX_DEPTH`; the parser's
   * `maxDepth`, at most its ceiling of 1,000).
   */
  readonly specMaxDepth: number;
  /** Most values YAML aliases may add (`SPEC_MAX_ALIAS_EXPANSION`; the parser's `maxAliasExpansion`). */
  readonly specMaxAliasExpansion: number;
  /** Longest `{specId}`, in UTF-8 bytes (`SPEC_ID_MAX_LENGTH`). */
  readonly specIdMaxLength: number;
  /** Longest `{version}` of the key, in UTF-8 bytes (`SPEC_VERSION_MAX_LENGTH`). */
  readonly specVersionMaxLength: number;
  /** Longest package version, in characters (`PACKAGE_VERSION_MAX_LENGTH`). */
  readonly packageVersionMaxLength: number;
  /** Longest user text a report copies, in characters (`REPORT_TEXT_MAX_LENGTH`). */
  readonly reportTextMaxLength: number;
  /** Most problems a report lists (`REPORT_MAX_PROBLEMS`). */
  readonly reportMaxProblems: number;
}

/** Each limit's environment variable. */
export const LIMIT_VARIABLES: { readonly [name in keyof Limits]: string } = {
  specMaxBytes: "SPEC_MAX_BYTES",
  specMaxDepth: "SPEC_MAX_DEPTH",
  specMaxAliasExpansion: "SPEC_MAX_ALIAS_EXPANSION",
  specIdMaxLength: "SPEC_ID_MAX_LENGTH",
  specVersionMaxLength: "SPEC_VERSION_MAX_LENGTH",
  packageVersionMaxLength: "PACKAGE_VERSION_MAX_LENGTH",
  reportTextMaxLength: "REPORT_TEXT_MAX_LENGTH",
  reportMaxProblems: "REPORT_MAX_PROBLEMS",
};

/** The defaults (the table above). */
export const DEFAULT_LIMITS: Limits = {
  specMaxBytes: 5 * 1024 * 1024,
  specMaxDepth: DEFAULT_SPEC_PARSE_LIMITS.maxDepth,
  specMaxAliasExpansion: DEFAULT_SPEC_PARSE_LIMITS.maxAliasExpansion,
  specIdMaxLength: 100,
  specVersionMaxLength: 100,
  packageVersionMaxLength: 64,
  reportTextMaxLength: 1000,
  reportMaxProblems: 50,
};

/** Options of {@link LimitError}. */
export interface LimitErrorOptions {
  /** What is too large, e.g. "the spec is 62914560 bytes". */
  readonly what: string;
  /** The limit's variable, e.g. `SPEC_MAX_BYTES`. */
  readonly limit: string;
  /** The limit's value. */
  readonly maximum: number;
  /** The spec's value. */
  readonly actual: number;
  /** Where the fault is. @default [] */
  readonly path?: readonly string[];
}

/** A spec beyond one of the function's limits. */
export class LimitError extends InputError {
  /** The limit's environment variable, e.g. `SPEC_MAX_BYTES`. */
  readonly limit: string;
  /** The limit's value. */
  readonly maximum: number;
  /** What the spec has (bytes, characters…). */
  readonly actual: number;

  /**
   * Creates the error; its message says what is too large, then the limit's value and
   * variable.
   *
   * @param options What is too large, which limit, its value, the spec's, and where.
   */
  constructor(options: LimitErrorOptions) {
    super(
      `Cannot build the spec: ${options.what}, more than the limit of ${options.maximum} ` +
        `(${options.limit})`,
      options.path ?? [],
    );
    this.limit = options.limit;
    this.maximum = options.maximum;
    this.actual = options.actual;
  }
}

/**
 * The limits from the environment: each variable, when set and not empty, must be a
 * positive integer (`SPEC_MAX_DEPTH` at most 1,000); unset variables take their default.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DEFAULT_LIMITS, limitsFromEnv } from "./limits.ts";
 * const env: Record<string, string> = { SPEC_MAX_BYTES: "1048576" };
 * const limits = limitsFromEnv((name) => env[name]);
 * assert.equal(limits.specMaxBytes, 1048576);
 * assert.equal(limits.reportMaxProblems, DEFAULT_LIMITS.reportMaxProblems);
 * ```
 *
 * @throws {RangeError} naming the variable whose value is not a positive integer (or a
 *   depth beyond the parser's ceiling).
 */
export function limitsFromEnv(env: Environment): Limits {
  const limits: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [name, variable] of Object.entries(LIMIT_VARIABLES)) {
    const text = env(variable)?.trim();
    if (text === undefined || text === "") continue;
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(
        `Cannot configure the function: ${variable} must be a positive integer, ` +
          `not ${JSON.stringify(text)}`,
      );
    }
    limits[name] = value;
  }
  if (limits.specMaxDepth > MAX_SPEC_DEPTH_CEILING) {
    throw new RangeError(
      `Cannot configure the function: SPEC_MAX_DEPTH must be at most ${MAX_SPEC_DEPTH_CEILING}, ` +
        `not ${limits.specMaxDepth}`,
    );
  }
  return limits as unknown as Limits;
}

/** UTF-8 length of a string, in bytes. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

/**
 * Checks that a key the function is about to write fits in S3.
 *
 * @throws {LimitError} naming S3's key limit.
 */
export function assertKeyFits(key: string, what: string): void {
  const bytes = utf8Length(key);
  if (bytes > S3_MAX_KEY_BYTES) {
    throw new LimitError({
      what: `the key of the ${what} would be ${bytes} bytes`,
      limit: "S3's key length",
      maximum: S3_MAX_KEY_BYTES,
      actual: bytes,
      path: ["specKey"],
    });
  }
}
