/**
 * Core metadata (`METADATA` in wheels, `PKG-INFO` in sdists) and the sdist's
 * `pyproject.toml`, for the packages we build.
 *
 * @module
 */

/** What the metadata of one of our packages says. */
export interface DistributionMetadata {
  /** Distribution and import name. */
  readonly name: string;
  /** Normalised PEP 440 version. */
  readonly version: string;
  /** The spec's title, if any: folded by {@link summaryLine} into the one-line summary. */
  readonly summary: string | null;
  /** The spec's description, if any: the long description, in Markdown. */
  readonly description?: string | null;
}

/**
 * The core metadata version written in both archives: 2.4, the newest that the
 * `packaging` versions validating it here (24.2 and later) and pip accept, and what
 * current setuptools writes. Every field is given; none is `Dynamic`.
 */
export const METADATA_VERSION = "2.4";

/**
 * Python versions the package supports. OpenAlchemy 2.5 itself says `>=3.7`, but the
 * generated `__init__.py` uses `typing.Protocol` and `typing.TypedDict`, which appeared in
 * Python 3.8, so the package could not be imported on 3.7.
 */
export const REQUIRES_PYTHON = ">=3.8";

/**
 * The one requirement: OpenAlchemy loads the models at import time. 2.5.0 at least,
 * because the package holds what OpenAlchemy 2.5 accepts and writes: spec.json is
 * validated and processed as 2.5 does (integer values for `number`, new in 2.5.0;
 * schemas grouped by `x-schema-name`, 2.4; OpenAPI 3.1, 2.3) and carries the validation
 * cache that 2.2 introduced.
 */
export const REQUIRES_DIST = "OpenAlchemy>=2.5.0";

/**
 * The sdist's build requirement. All the metadata setuptools sees in our sdists is in
 * `pyproject.toml`: the `[project]` table (PEP 621, read since setuptools 61.0; readme
 * text and content type included) and the `[tool.setuptools]` table naming the package
 * and its data files, which setuptools before 68.1 reads only as a "beta" feature, with
 * a warning on every build.
 */
export const BUILD_REQUIRES = "setuptools>=68.1";

/** The long description's content type: a spec's `info.description` is CommonMark. */
export const DESCRIPTION_CONTENT_TYPE = "text/markdown";

/** The most characters a summary keeps (PyPI refuses longer ones). */
export const SUMMARY_MAX_LENGTH = 512;

/**
 * White space as Python's `str.isspace()` sees it, which holds every line boundary
 * `str.splitlines()` splits on (`\n`, `\r`, `\v`, `\f`, U+001C–U+001E, U+0085, U+2028,
 * U+2029): the email parser that reads metadata splits lines there.
 */
const PYTHON_WHITE_SPACE =
  // deno-lint-ignore no-control-regex -- control characters are what this looks for
  /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/** Control characters (Unicode category Cc) left once white space is folded. */
// deno-lint-ignore no-control-regex -- control characters are what this looks for
const CONTROL_CHARACTERS = /[\x00-\x1f\x7f-\x9f]/g;

/**
 * The summary line of a title: every run of white space (each line boundary Python
 * knows included) becomes one space, control characters (NUL, escape…) are removed,
 * the ends are trimmed, and a text longer than {@link SUMMARY_MAX_LENGTH} characters is
 * cut, ending with `…`. User text can thus neither add header fields nor reach a
 * terminal as escape sequences.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { summaryLine } from "./metadata.ts";
 * assert.equal(summaryLine("Staff\u0085and\u001c\u001b[31m divisions\n"), "Staff and [31m divisions");
 * ```
 */
export function summaryLine(text: string): string {
  const folded = text.toWellFormed()
    .replace(PYTHON_WHITE_SPACE, " ")
    .replace(CONTROL_CHARACTERS, "")
    .trim();
  const characters = [...folded];
  if (characters.length <= SUMMARY_MAX_LENGTH) return folded;
  return `${characters.slice(0, SUMMARY_MAX_LENGTH - 1).join("").trimEnd()}…`;
}

/**
 * The long description as written: the description itself (lone surrogates, which
 * UTF-8 cannot hold, become U+FFFD), or `null` when there is none or it is empty.
 */
export function longDescription(description: string | null | undefined): string | null {
  if (description === null || description === undefined || description === "") return null;
  return description.toWellFormed();
}

/**
 * The core metadata file (Metadata-Version 2.4). The long description is the message
 * body, written as it is, so `packaging` reads back exactly the same text.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { coreMetadata } from "./metadata.ts";
 * assert.equal(
 *   coreMetadata({ name: "employee", version: "1.0", summary: "Staff", description: "# Staff" }),
 *   "Metadata-Version: 2.4\nName: employee\nVersion: 1.0\nSummary: Staff\n" +
 *     "Requires-Python: >=3.8\nDescription-Content-Type: text/markdown\n" +
 *     "Requires-Dist: OpenAlchemy>=2.5.0\n\n# Staff",
 * );
 * ```
 */
export function coreMetadata(metadata: DistributionMetadata): string {
  const lines = [
    `Metadata-Version: ${METADATA_VERSION}`,
    `Name: ${metadata.name}`,
    `Version: ${metadata.version}`,
  ];
  const summary = metadata.summary === null ? "" : summaryLine(metadata.summary);
  if (summary.length > 0) lines.push(`Summary: ${summary}`);
  lines.push(`Requires-Python: ${REQUIRES_PYTHON}`);
  const description = longDescription(metadata.description);
  if (description !== null) lines.push(`Description-Content-Type: ${DESCRIPTION_CONTENT_TYPE}`);
  lines.push(`Requires-Dist: ${REQUIRES_DIST}`);
  const headers = `${lines.join("\n")}\n`;
  return description === null ? headers : `${headers}\n${description}`;
}

/**
 * The sdist's `pyproject.toml`: setuptools builds the wheel from it, with the same
 * metadata as ours and the package's data files (spec.json and OpenAlchemy's cache).
 */
export function pyprojectToml(
  metadata: DistributionMetadata,
  dataFiles: readonly string[],
): string {
  const summary = metadata.summary === null ? "" : summaryLine(metadata.summary);
  const description = longDescription(metadata.description);
  const lines = [
    "[build-system]",
    `requires = [${tomlString(BUILD_REQUIRES)}]`,
    'build-backend = "setuptools.build_meta"',
    "",
    "[project]",
    `name = ${tomlString(metadata.name)}`,
    `version = ${tomlString(metadata.version)}`,
  ];
  if (summary.length > 0) lines.push(`description = ${tomlString(summary)}`);
  if (description !== null) {
    lines.push(
      `readme = { text = ${tomlString(description)}, content-type = ${
        tomlString(DESCRIPTION_CONTENT_TYPE)
      } }`,
    );
  }
  lines.push(
    `requires-python = ${tomlString(REQUIRES_PYTHON)}`,
    `dependencies = [${tomlString(REQUIRES_DIST)}]`,
    "",
    "[tool.setuptools]",
    `packages = [${tomlString(metadata.name)}]`,
    "include-package-data = false",
    "",
    "[tool.setuptools.package-data]",
    `${metadata.name} = [${dataFiles.map(tomlString).join(", ")}]`,
  );
  return `${lines.join("\n")}\n`;
}

/** A TOML basic string: quotes, backslashes and control characters escaped. */
export function tomlString(text: string): string {
  // deno-lint-ignore no-control-regex -- control characters are what this looks for
  const escaped = text.toWellFormed().replace(/[\u0000-\u001f"\\\u007f]/g, (char) => {
    switch (char) {
      case '"':
        return '\\"';
      case "\\":
        return "\\\\";
      case "\n":
        return "\\n";
      case "\t":
        return "\\t";
      case "\r":
        return "\\r";
      default:
        return `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
  return `"${escaped}"`;
}
