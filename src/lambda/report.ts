/**
 * The build report written beside the spec as `{sub}/{specId}/{version}-build.json`:
 * what the package database service records. It names the spec content it was built
 * from (ETag, version id), carries no time stamp (a re-delivered event writes the same
 * bytes again) and stays small whatever the spec holds: user text is cut to
 * `REPORT_TEXT_MAX_LENGTH` characters and listed in `truncated`, problems to
 * `REPORT_MAX_PROBLEMS` with their count.
 *
 * @module
 */

import type { SpecKey } from "../package/spec_key.ts";
import { InputError, SpecValidationError } from "../errors.ts";
import type { ObjectVersion } from "../storage/storage.ts";
import type { SpecBuild } from "./build_spec.ts";
import { LimitError, type Limits } from "./limits.ts";

/** Most path segments a report copies (deeper paths are cut and flagged). */
export const REPORT_MAX_PATH_SEGMENTS = 32;

/** One problem of an invalid spec. */
export interface ReportProblem {
  /** What is wrong and where. */
  message: string;
  /** Schema, property, deeper keys. */
  path: string[];
  /** The JSON pointer of the place in the spec, for a validation problem; else `null`. */
  pointer: string | null;
}

/** The report of one spec's build. */
export interface BuildReport {
  /**
   * `success`: packages stored; `invalid`: the spec was rejected (nothing stored but
   * the report); `failed`: the builder itself failed on this spec (a fault of ours,
   * logged for the operators; retrying cannot help).
   */
  status: "success" | "invalid" | "failed";
  /** The spec's key. */
  specKey: string;
  /** The spec content built: its ETag, version id (versioned buckets) and size. */
  spec: { eTag: string; versionId: string | null; size: number };
  /** Package facts, for a successful build. */
  package: {
    name: string;
    version: string;
    title: string | null;
    description: string | null;
    modelCount: number;
  } | null;
  /** The stored archives. */
  packages: { storageLocation: string; format: string; sha256: string; size: number }[];
  /** Why the spec was rejected (the first problem), else `null`. */
  error: {
    type: string;
    message: string;
    path: string[];
    /** For a spec beyond a limit: the limit's variable, its value and the spec's. */
    limit?: { name: string; maximum: number; actual: number };
  } | null;
  /** Every problem found, at most `REPORT_MAX_PROBLEMS` of them. */
  problems: ReportProblem[];
  /** How many problems were found (more than listed when the list was cut). */
  problemCount: number;
  /** Fields whose user text was cut (e.g. `package.description`), in report order. */
  truncated: string[];
}

/** Storage key of the report of a spec. */
export function reportKey(key: SpecKey): string {
  return `${key.sub}/${key.specId}/${key.version}-build.json`;
}

/** What every report is made from. */
export interface ReportContext {
  /** The spec's key. */
  readonly key: SpecKey;
  /** The spec content the report is about. */
  readonly spec: ObjectVersion;
  /** The text and problem bounds. */
  readonly limits: Limits;
}

/**
 * The report of a successful build.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { successReport } from "./report.ts";
 * import { DEFAULT_LIMITS } from "./limits.ts";
 * import { parseSpecKey } from "../package/spec_key.ts";
 * const report = successReport({
 *   key: parseSpecKey("u/s/1-spec.json"),
 *   spec: { eTag: '"abc"', versionId: null, size: 10 },
 *   limits: { ...DEFAULT_LIMITS, reportTextMaxLength: 5 },
 * }, {
 *   name: "s", version: "1", title: "Title", description: "A long description",
 *   modelCount: 0, archives: [],
 * });
 * assert.equal(report.package?.description, "A lon…");
 * assert.deepEqual(report.truncated, ["package.description"]);
 * ```
 */
export function successReport(context: ReportContext, built: SpecBuild): BuildReport {
  const cut = new Cutter(context.limits.reportTextMaxLength);
  return {
    status: "success",
    specKey: context.key.key,
    spec: specOf(context.spec),
    package: {
      name: built.name,
      version: built.version,
      title: cut.nullable(built.title, "package.title"),
      description: cut.nullable(built.description, "package.description"),
      modelCount: built.modelCount,
    },
    packages: built.archives.map((item) => ({
      storageLocation: item.storageLocation,
      format: item.format,
      sha256: item.sha256,
      size: item.size,
    })),
    error: null,
    problems: [],
    problemCount: 0,
    truncated: cut.fields,
  };
}

/**
 * The report of a spec the builder rejected (`invalid`), or failed on (`failed`: any
 * error that is not an {@link InputError}).
 */
export function errorReport(context: ReportContext, error: unknown): BuildReport {
  const cut = new Cutter(context.limits.reportTextMaxLength);
  const isInput = error instanceof InputError;
  const name = error instanceof Error ? error.name : "Error";
  const rawMessage = error instanceof Error ? error.message : String(error);
  const message = isInput ? rawMessage : `The builder failed on this spec: ${name}: ${rawMessage}`;
  const path = isInput ? error.path : [];
  const reportError: NonNullable<BuildReport["error"]> = {
    type: name,
    message: cut.text(message, "error.message"),
    path: cut.path(path, "error.path"),
  };
  if (error instanceof LimitError) {
    reportError.limit = { name: error.limit, maximum: error.maximum, actual: error.actual };
  }
  const all: readonly { message: string; path: readonly string[]; pointer?: string }[] =
    error instanceof SpecValidationError ? error.problems : [{ message, path }];
  const listed = all.slice(0, context.limits.reportMaxProblems);
  const problems = listed.map((problem, index) => ({
    message: cut.text(problem.message, `problems[${index}].message`),
    path: cut.path(problem.path, `problems[${index}].path`),
    pointer: problem.pointer === undefined
      ? null
      : cut.text(problem.pointer, `problems[${index}].pointer`),
  }));
  return {
    status: isInput ? "invalid" : "failed",
    specKey: context.key.key,
    spec: specOf(context.spec),
    package: null,
    packages: [],
    error: reportError,
    problems,
    problemCount: all.length,
    truncated: cut.fields,
  };
}

/** The report's bytes: indented JSON and a final newline. */
export function reportBytes(report: BuildReport): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`);
}

function specOf(version: ObjectVersion): BuildReport["spec"] {
  return { eTag: version.eTag, versionId: version.versionId, size: version.size };
}

/**
 * Cuts user text to `max` characters (then "…"), never inside a surrogate pair, and
 * remembers which fields it cut.
 */
class Cutter {
  readonly fields: string[] = [];
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  text(value: string, field: string): string {
    if (value.length <= this.#max) return value;
    this.fields.push(field);
    return cutText(value, this.#max);
  }

  nullable(value: string | null, field: string): string | null {
    return value === null ? null : this.text(value, field);
  }

  path(segments: readonly string[], field: string): string[] {
    let kept = segments;
    if (segments.length > REPORT_MAX_PATH_SEGMENTS) {
      kept = segments.slice(0, REPORT_MAX_PATH_SEGMENTS);
      this.fields.push(field);
    }
    let cutSegment = false;
    const out = kept.map((segment) => {
      if (segment.length <= this.#max) return segment;
      cutSegment = true;
      return cutText(segment, this.#max);
    });
    if (cutSegment && !this.fields.includes(field)) this.fields.push(field);
    return out;
  }
}

/** The first `max` characters of `value` (one fewer rather than half a surrogate pair), then "…". */
function cutText(value: string, max: number): string {
  let end = max;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}…`;
}
