/**
 * Project names as pip compares them: the canonical form of PEP 503 (what
 * `packaging.utils.canonicalize_name` returns), used as the spec id of the package
 * database and in the index's URLs.
 *
 * @module
 */

const SEPARATORS = /[-_.]+/g;

/**
 * The canonical form of a project name: every run of `-`, `_` and `.` becomes one `-`,
 * then the name is lower-cased.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { canonicalizeName } from "./canonical_name.ts";
 * assert.equal(canonicalizeName("Employee_DB"), "employee-db");
 * assert.equal(canonicalizeName("a.-_b"), "a-b");
 * ```
 */
export function canonicalizeName(name: string): string {
  return name.replace(SEPARATORS, "-").toLowerCase();
}
