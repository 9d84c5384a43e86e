/**
 * Collecting every independent problem of a spec, rather than stopping at the first
 * (which is all OpenAlchemy reports): each check runs at a path (schema, property, key)
 * and what it finds is recorded there.
 *
 * @module
 */

import { pointerOf, type SpecProblem, SpecValidationError } from "../../errors.ts";
import { SchemaProblem } from "../schema/peek.ts";

/** The problems found so far, in the order found. */
export class Problems {
  readonly #list: SpecProblem[] = [];

  /** Whether no problem was found. */
  get empty(): boolean {
    return this.#list.length === 0;
  }

  /** The number of problems found. */
  get size(): number {
    return this.#list.length;
  }

  /** Records a problem at `path`. */
  add(reason: string, path: readonly string[]): void {
    const message = path.length > 0 ? `${path.join(".")}: ${reason}` : reason;
    this.#list.push({ message, reason, path, pointer: pointerOf(path) });
  }

  /**
   * Runs `check`; a {@link SchemaProblem} it throws is recorded at `path` and
   * `undefined` returned. Other errors propagate.
   */
  at<T>(path: readonly string[], check: () => T): T | undefined {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error;
      this.add(error.message, path);
      return undefined;
    }
  }

  /** Runs `check` as {@link at} does; whether it passed. */
  check(path: readonly string[], check: () => void): boolean {
    const before = this.#list.length;
    this.at(path, check);
    return this.#list.length === before;
  }

  /** Throws a {@link SpecValidationError} carrying every problem when any was found. */
  throwIfAny(): void {
    if (!this.empty) this.fail();
  }

  /**
   * Throws a {@link SpecValidationError} carrying every problem found (the first is
   * its message); at least one must have been.
   */
  fail(): never {
    const [first, ...others] = this.#list;
    if (first === undefined) throw new Error("Cannot report the spec's problems: none was found");
    throw new SpecValidationError(first.reason, first.path, others);
  }
}
