/**
 * How modules read the process environment: through an injectable function, so tests
 * pass a plain record instead of changing the process's variables.
 *
 * @module
 */

/**
 * Reads one environment variable; in the function, `(name) => Deno.env.get(name)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { type Environment, nonEmpty } from "./environment.ts";
 * const vars: Record<string, string> = { EMPTY: "", SET: "x" };
 * const env: Environment = (name) => vars[name];
 * assert.equal(nonEmpty(env("SET")), "x");
 * assert.equal(nonEmpty(env("EMPTY")), undefined);
 * assert.equal(nonEmpty(env("UNSET")), undefined);
 * ```
 */
export type Environment = (name: string) => string | undefined;

/** The variable's value, or `undefined` when it is unset or empty. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
