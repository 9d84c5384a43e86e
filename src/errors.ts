/**
 * Typed errors shared by the core and the shell.
 *
 * Two families, because callers treat them differently:
 * - {@link InputError}: the input is wrong (spec, key, version, event). Retrying cannot
 *   fix it; it is reported to the user with its `path` and never as a stack trace.
 * - {@link TransientError}: an I/O fault (storage throttling, 5xx, network). Retrying
 *   may fix it, so the Lambda handler lets it propagate.
 *
 * @module
 */

/** Base class of every error caused by bad input. `path` says where the fault is. */
export class InputError extends Error {
  /** Where the fault is, as segments (schema, property, field), outermost first. */
  readonly path: readonly string[];

  /**
   * Creates an input error.
   *
   * @param message What was being done, then what was wrong.
   * @param path Where the fault is, outermost first.
   */
  constructor(message: string, path: readonly string[] = []) {
    super(message);
    this.name = new.target.name;
    this.path = path;
  }
}

/** The storage key of a spec is not `{sub}/{specId}/{version}-spec.json`. */
export class SpecKeyError extends InputError {}

/** Why a spec id cannot name a package (see {@link PackageNameError}). */
export type PackageNameRefusal =
  | "distribution-name"
  | "identifier"
  | "keyword"
  | "standard-library"
  | "dependency";

/**
 * The spec id cannot name a Python package: it is not a valid distribution name or
 * Python identifier, or it would take the name of a Python keyword, a module of the
 * standard library or a package installed with ours. `path` is `["specKey", "specId"]`.
 */
export class PackageNameError extends SpecKeyError {
  /** Which rule refused the name. */
  readonly refusal: PackageNameRefusal;

  /**
   * Creates the error of a refused package name.
   *
   * @param message What was being done, then why the name is refused.
   * @param refusal Which rule refused it.
   */
  constructor(message: string, refusal: PackageNameRefusal) {
    super(message, ["specKey", "specId"]);
    this.refusal = refusal;
  }
}

/** The spec text cannot be parsed as JSON or YAML. */
export class SpecParseError extends InputError {}

/**
 * The spec is not one OpenAlchemy accepts. `path` names the schema and property at
 * fault, e.g. `["Employee", "division"]`; the message starts with that path joined by
 * dots, then the reason:
 * `Employee.division: x-foreign-key "division.id" names a table that no schema defines`.
 */
export class SpecValidationError extends InputError {
  /** The reason alone, without the path prefix. */
  readonly reason: string;
  /**
   * Every independent problem found in the spec, the first being this error itself
   * (its message, reason and path). One entry when only one problem was found.
   */
  readonly problems: readonly SpecProblem[];

  /**
   * Creates the error of a spec OpenAlchemy would refuse.
   *
   * @param reason What is wrong, without the location.
   * @param path Schema name, then property name, then deeper keys.
   * @param others Further independent problems found in the same spec.
   */
  constructor(reason: string, path: readonly string[] = [], others: readonly SpecProblem[] = []) {
    super(path.length > 0 ? `${path.join(".")}: ${reason}` : reason, path);
    this.reason = reason;
    this.problems = [{ message: this.message, reason, path, pointer: pointerOf(path) }, ...others];
  }
}

/** One problem of a spec, as {@link SpecValidationError.problems} lists it. */
export interface SpecProblem {
  /** `path` joined by dots, then the reason. */
  readonly message: string;
  /** What is wrong, without the location. */
  readonly reason: string;
  /** Schema name, then property name, then deeper keys. */
  readonly path: readonly string[];
  /**
   * The JSON pointer of the place in the spec: `/components/schemas/<schema>`, then
   * `/properties/<property>` and deeper keys (or `""` for the whole document).
   */
  readonly pointer: string;
}

/**
 * The JSON pointer of a problem's path: a path starting with a schema name points into
 * `/components/schemas`, its second segment (a property) into `properties`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pointerOf } from "./errors.ts";
 * assert.equal(pointerOf(["Employee", "name"]), "/components/schemas/Employee/properties/name");
 * assert.equal(pointerOf(["a/b"]), "/components/schemas/a~1b");
 * ```
 */
export function pointerOf(path: readonly string[]): string {
  if (path.length === 0) return "";
  if (path[0] === "components" || path[0] === "info") {
    return `/${path.map(escapeSegment).join("/")}`;
  }
  const [schema, property, ...rest] = path;
  let pointer = `/components/schemas/${escapeSegment(schema)}`;
  if (property !== undefined) pointer += `/properties/${escapeSegment(property)}`;
  for (const key of rest) pointer += `/${escapeSegment(key)}`;
  return pointer;
}

/** RFC 6901 escaping of one pointer segment. */
function escapeSegment(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** The package version is not a valid PEP 440 version. */
export class PackageVersionError extends InputError {}

/** A Lambda event (SNS envelope or the S3 notification inside it) is malformed. */
export class EventError extends InputError {}

/** Index credentials cannot be created or used as asked (an id taken, a malformed id). */
export class CredentialsError extends InputError {}

/** An I/O fault that a retry may fix (storage throttling, server errors, network). */
export class TransientError extends Error {
  /**
   * Creates a transient error.
   *
   * @param message What was being done, then what went wrong.
   * @param options The underlying cause, if any.
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Formats an error for one line of user-facing output: `path: message` for input
 * errors, the message alone otherwise. Never includes a stack trace.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatError, SpecValidationError } from "./errors.ts";
 * const line = formatError(new SpecValidationError("bad type", ["Employee", "id"]));
 * assert.equal(line, "SpecValidationError: Employee.id: bad type");
 * ```
 */
export function formatError(error: unknown): string {
  if (error instanceof Error) {
    const oneLine = error.message.replace(/\s*\n\s*/g, " ");
    return `${error.name}: ${oneLine}`;
  }
  return `Error: ${String(error)}`;
}

/**
 * The lines that report an error to a user: one per problem of a spec (at most `limit`,
 * then how many more), else the one line of {@link formatError}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatErrorLines, SpecValidationError } from "./errors.ts";
 * const error = new SpecValidationError("bad type", ["A", "id"], [
 *   { message: "B: no table", reason: "no table", path: ["B"], pointer: "/components/schemas/B" },
 *   { message: "C: no table", reason: "no table", path: ["C"], pointer: "/components/schemas/C" },
 * ]);
 * assert.deepEqual(formatErrorLines(error, 2), [
 *   "SpecValidationError: A.id: bad type",
 *   "SpecValidationError: B: no table",
 *   "and 1 more problem",
 * ]);
 * ```
 */
export function formatErrorLines(error: unknown, limit = 50): string[] {
  if (!(error instanceof SpecValidationError)) return [formatError(error)];
  const lines = error.problems.slice(0, limit).map((problem) =>
    `${error.name}: ${problem.message.replace(/\s*\n\s*/g, " ")}`
  );
  const more = error.problems.length - lines.length;
  if (more > 0) lines.push(`and ${more} more problem${more === 1 ? "" : "s"}`);
  return lines;
}
