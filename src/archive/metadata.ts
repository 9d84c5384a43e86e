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
  /** One-line summary (the spec's title), if any. */
  readonly summary: string | null;
}

/**
 * Python versions the package supports. OpenAlchemy 2.5 itself says `>=3.7`, but the
 * generated `__init__.py` uses `typing.Protocol` and `typing.TypedDict`, which appeared in
 * Python 3.8, so the package could not be imported on 3.7.
 */
export const REQUIRES_PYTHON = ">=3.8";

/** The one requirement: OpenAlchemy loads the models at import time. */
export const REQUIRES_DIST = "OpenAlchemy";

/**
 * A summary folded onto one line: any line break or run of white space becomes one
 * space, so user text cannot add header fields.
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, " ").trim();
}

/**
 * The core metadata file (Metadata-Version 2.1).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { coreMetadata } from "./metadata.ts";
 * const text = coreMetadata({ name: "employee", version: "1.0", summary: null });
 * assert.match(text, /^Metadata-Version: \d\.\d\nName: employee\nVersion: 1\.0\n/);
 * ```
 */
export function coreMetadata(metadata: DistributionMetadata): string {
  const lines = [
    "Metadata-Version: 2.1",
    `Name: ${metadata.name}`,
    `Version: ${metadata.version}`,
  ];
  const summary = metadata.summary === null ? "" : oneLine(metadata.summary);
  if (summary.length > 0) lines.push(`Summary: ${summary}`);
  lines.push(`Requires-Python: ${REQUIRES_PYTHON}`, `Requires-Dist: ${REQUIRES_DIST}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The sdist's `pyproject.toml`: setuptools builds the wheel from it, with the package's
 * data files (spec.json and OpenAlchemy's cache) included.
 */
export function pyprojectToml(
  metadata: DistributionMetadata,
  dataFiles: readonly string[],
): string {
  const summary = metadata.summary === null ? "" : oneLine(metadata.summary);
  const lines = [
    "[build-system]",
    'requires = ["setuptools>=61"]',
    'build-backend = "setuptools.build_meta"',
    "",
    "[project]",
    `name = ${tomlString(metadata.name)}`,
    `version = ${tomlString(metadata.version)}`,
  ];
  if (summary.length > 0) lines.push(`description = ${tomlString(summary)}`);
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
  const escaped = text.replace(/[\u0000-\u001f"\\\u007f]/g, (char) => {
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
