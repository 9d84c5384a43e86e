/**
 * The Python package name of a spec.
 *
 * @module
 */

import { SpecKeyError } from "../errors.ts";
import { PYTHON_KEYWORDS } from "../python/literal.ts";

const ASCII_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Derives the Python package (import) name from a spec id, as the original service did
 * (`-` → `_`), and checks that users can import it.
 *
 * @example
 * ```ts
 * import { packageNameOf } from "./package_name.ts";
 * packageNameOf("employee-db"); // "employee_db"
 * ```
 *
 * @throws {SpecKeyError} when the result is not an ASCII Python identifier or is a keyword.
 */
export function packageNameOf(specId: string): string {
  const name = specId.replaceAll("-", "_");
  if (!ASCII_IDENTIFIER.test(name) || PYTHON_KEYWORDS.has(name)) {
    throw new SpecKeyError(
      `Cannot name the package after the spec id ${JSON.stringify(specId)}: with "-" replaced ` +
        `by "_" it must be a Python identifier (ASCII letters, digits and "_", not starting ` +
        `with a digit) and not a Python keyword`,
      ["specKey", "specId"],
    );
  }
  return name;
}
