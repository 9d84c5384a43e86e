/**
 * The packages the archive tests build, in one place, so the conformance test
 * (`conformance_test.ts`) checks every archive they build with Python's own tools.
 *
 * @module
 */

import type { DistributionMetadata } from "../../src/archive/metadata.ts";
import type { SourceFile } from "../../src/archive/wheel.ts";
import { utf8 } from "../../src/archive/entries.ts";

/** One package to archive. */
export interface ArchiveCase {
  /** What the case is about. */
  readonly label: string;
  /** Its metadata. */
  readonly metadata: DistributionMetadata;
  /** The files of its package folder. */
  readonly files: readonly SourceFile[];
}

/** The name OpenAlchemy gives its validation cache next to spec.json. */
export const CACHE_NAME = `__open_alchemy_${"a".repeat(64)}_cache__`;

/** A package folder as the builder writes it: models, spec.json, OpenAlchemy's cache. */
export const PACKAGE_FILES: readonly SourceFile[] = [
  { name: "__init__.py", bytes: utf8("import pathlib\n\nVALUE = 1\n") },
  { name: CACHE_NAME, bytes: utf8('{"hash": "x", "data": {"schemas": {"valid": true}}}') },
  { name: "spec.json", bytes: utf8('{"info":{"version":"1"}}') },
];

/** Every line boundary of Python's `str.splitlines`, with control characters around. */
export const UNRULY_TITLE = "Staff\u0085and\u001cdivisions\u001d,\u001ehires\u2028and\u2029" +
  "leavers\vof\fthe\rcompany\r\n\u0000\u001b[31mred\u007f\u009b\t end ";

/** A description with what could trip a metadata reader: CR LF, lone CR, NUL, a header line. */
export const UNRULY_DESCRIPTION = "# Staff\r\n\nFrom the HR team.\rLine\u0085two\u2028\n" +
  "Summary: not a header\n\n\u0000NUL, \u001b[1mbold\u001b[0m, \u{1f600}, trailing  \n\n";

/** The cases, each archived as a wheel and an sdist; no two share a name. */
export const ARCHIVE_CASES: readonly ArchiveCase[] = [
  {
    label: "a plain package with a Markdown description",
    metadata: {
      name: "employee",
      version: "1.0.0",
      summary: "Employee database",
      description: "# Employee database\n\nSomebody the company pays.\n",
    },
    files: PACKAGE_FILES,
  },
  {
    label: "a mixed-case name, a pre-release, a two-line title",
    metadata: { name: "Employee_DB", version: "1.0rc1", summary: "Staff\nand  divisions" },
    files: PACKAGE_FILES,
  },
  {
    label: "a title with quotes and a backslash, a post-release",
    metadata: { name: "quoted", version: "2.0.post1", summary: 'Say "hi"\\' },
    files: PACKAGE_FILES,
  },
  {
    label: "the schemas' hash as a local version of decimal digits",
    metadata: { name: "hashed", version: "0+8103168013793693314", summary: null },
    files: PACKAGE_FILES,
  },
  {
    label: "a title with every line boundary and control characters, a description that tries hard",
    metadata: {
      name: "unruly",
      version: "3!1.0.dev2",
      summary: UNRULY_TITLE,
      description: UNRULY_DESCRIPTION,
    },
    files: PACKAGE_FILES,
  },
  {
    label: "a title and description far longer than a summary may be, a lone surrogate",
    metadata: {
      name: "wordy",
      version: "1.0",
      summary: `${"long title ".repeat(200)}\ud800`,
      description: `${"A paragraph of text. ".repeat(3000)}\ud800`,
    },
    files: PACKAGE_FILES,
  },
  {
    label: "a file name longer than a tar header holds",
    metadata: { name: "long_names", version: "1.0", summary: "Long names", description: "" },
    files: [...PACKAGE_FILES, { name: `${"n".repeat(120)}.json`, bytes: utf8("{}") }],
  },
];
