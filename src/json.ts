/**
 * JSON value types used across the core, with numbers as Python holds them.
 *
 * OpenAlchemy reads specs with Python's `json` and PyYAML, so every number of a spec is a
 * Python `int` or `float`, and the two are written differently (`1` and `1.0`). A parsed
 * spec keeps that distinction:
 * - a JavaScript `number` that is an integer is a Python int;
 * - a JavaScript `number` that is not an integer is a Python float;
 * - a `bigint` is a Python int beyond ±(2^53 − 1) (held exactly);
 * - a {@link JsonFloat} is a whole-valued Python float such as `1.0` or `1e5`.
 *
 * @module
 */

/**
 * A whole-valued float, such as `1.0`, `-0.0` or `1e5` in the spec text: Python reads it as
 * a `float` and writes it `1.0`, where a plain integer `number` would be an `int`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JsonFloat, jsonText } from "./json.ts";
 * assert.equal(jsonText({ ratio: new JsonFloat(1) }), '{"ratio":1.0}');
 * ```
 */
export class JsonFloat {
  /** The float's value: a finite number with no fractional part. */
  readonly value: number;

  /**
   * Wraps a whole-valued float.
   *
   * @param value A finite number with no fractional part (`-0` included).
   * @throws {RangeError} when the value is not finite or not whole.
   */
  constructor(value: number) {
    if (!Number.isInteger(value)) {
      throw new RangeError(`JsonFloat holds whole finite values only, not ${value}`);
    }
    this.value = value;
  }
}

/** Any JSON value; numbers follow the Python int/float convention of this module. */
export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | JsonFloat
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** `components.schemas` of a spec: schema name → schema. */
export type Schemas = JsonObject;

/** Whether a value is a JSON object (not null, not an array, not a {@link JsonFloat}). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof JsonFloat);
}

/**
 * Whether a value is a Python `int`: an integer `number` or a `bigint`. Booleans are not
 * counted (Python's `bool` is an `int`; callers that accept them say so).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPythonInt, JsonFloat } from "./json.ts";
 * assert.equal(isPythonInt(3), true);
 * assert.equal(isPythonInt(12345678901234567890n), true);
 * assert.equal(isPythonInt(new JsonFloat(3)), false);
 * assert.equal(isPythonInt(true), false);
 * ```
 */
export function isPythonInt(value: unknown): value is number | bigint {
  return typeof value === "bigint" || (typeof value === "number" && Number.isInteger(value));
}

/**
 * Whether a value is a Python `float`: a non-integer `number` or a {@link JsonFloat}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPythonFloat, JsonFloat } from "./json.ts";
 * assert.equal(isPythonFloat(0.5), true);
 * assert.equal(isPythonFloat(new JsonFloat(1)), true);
 * assert.equal(isPythonFloat(1), false);
 * ```
 */
export function isPythonFloat(value: unknown): value is number | JsonFloat {
  return value instanceof JsonFloat || (typeof value === "number" && !Number.isInteger(value));
}

/**
 * Whether a value is a Python `int` or `float` (booleans are not counted).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { isPythonNumber, JsonFloat } from "./json.ts";
 * assert.deepEqual([1, 2n, new JsonFloat(3), 0.5, "4", false].map(isPythonNumber), [
 *   true, true, true, true, false, false,
 * ]);
 * ```
 */
export function isPythonNumber(value: unknown): value is number | bigint | JsonFloat {
  return typeof value === "number" || typeof value === "bigint" || value instanceof JsonFloat;
}

/**
 * The numeric value of a Python number, as a JavaScript `number` (a `bigint` beyond 2^53
 * is rounded to the nearest double).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JsonFloat, numberValue } from "./json.ts";
 * assert.equal(numberValue(new JsonFloat(2)), 2);
 * assert.equal(numberValue(2n ** 60n), 1152921504606846976);
 * ```
 */
export function numberValue(value: number | bigint | JsonFloat): number {
  if (value instanceof JsonFloat) return value.value;
  return Number(value);
}

/**
 * Python's `==` on two JSON values: numbers and booleans by exact value (`1 == 1.0 == True`,
 * `2**53 + 1 != float(2**53)`), lists in order, dicts whatever their key order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JsonFloat, pythonEquals } from "./json.ts";
 * assert.ok(pythonEquals(1, new JsonFloat(1)) && pythonEquals(true, 1));
 * assert.ok(pythonEquals({ a: [1], b: null }, { b: null, a: [1] }));
 * assert.ok(!pythonEquals(2n ** 53n + 1n, new JsonFloat(2 ** 53)));
 * assert.ok(!pythonEquals("1", 1));
 * ```
 */
export function pythonEquals(left: JsonValue | undefined, right: JsonValue | undefined): boolean {
  return equalityKey(left) === equalityKey(right);
}

/** A text equal for two values exactly when Python's `==` holds between them. */
function equalityKey(value: JsonValue | undefined): string {
  if (value === undefined) return "undefined";
  if (typeof value === "boolean") return value ? "#1" : "#0";
  if (isPythonNumber(value)) {
    if (typeof value === "bigint") return `#${value}`;
    const number = numberValue(value);
    // A whole value as its exact digits, so that ints and whole floats compare exactly.
    return Number.isInteger(number) ? `#${BigInt(number)}` : `#${number}`;
  }
  if (value === null || typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(equalityKey).join(",")}]`;
  const members = Object.keys(value).sort().map((key) =>
    `${JSON.stringify(key)}:${equalityKey(value[key])}`
  );
  return `{${members.join(",")}}`;
}

/**
 * JSON text of any value, for messages: like `JSON.stringify`, but numbers are spelled as
 * Python spells them (see {@link pythonNumberText}): a `bigint` with all its digits, a
 * {@link JsonFloat} as a float (`1.0`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JsonFloat, jsonText } from "./json.ts";
 * assert.equal(jsonText([1, 2n ** 64n, new JsonFloat(5), "a"]), '[1,18446744073709551616,5.0,"a"]');
 * ```
 */
export function jsonText(value: JsonValue): string {
  if (isPythonNumber(value)) return pythonNumberText(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jsonText).join(",")}]`;
  const members: string[] = [];
  for (const key of Object.keys(value)) {
    members.push(`${JSON.stringify(key)}:${jsonText(value[key])}`);
  }
  return `{${members.join(",")}}`;
}

/**
 * A number as Python writes it (`str()`, and `json.dumps` alike): an int with all its digits,
 * a float as {@link pythonFloatRepr} does, except that `json.dumps` spells the non-finite
 * floats `Infinity`, `-Infinity` and `NaN`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JsonFloat, pythonNumberText } from "./json.ts";
 * assert.deepEqual([7, 1e21, -0, 2n ** 70n, 0.5, new JsonFloat(1e16)].map(pythonNumberText), [
 *   "7", "1000000000000000000000", "0", "1180591620717411303424", "0.5", "1e+16",
 * ]);
 * ```
 */
export function pythonNumberText(value: number | bigint | JsonFloat): string {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof JsonFloat) return pythonFloatRepr(value.value);
  if (!Number.isFinite(value)) {
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  if (!Number.isInteger(value)) return pythonFloatRepr(value);
  // `String` switches to exponent notation from 1e21 up, and writes -0 as "0".
  return Math.abs(value) < 1e21 ? String(value) : BigInt(value).toString();
}

/**
 * Python's `repr()` of a float: the shortest digits that read back the same value, in
 * positional notation from 1e-4 up to 1e16 (with `.0` when whole), in exponent notation
 * (`1e-05`, `1e+16`) outside; `inf`, `-inf` and `nan` for the non-finite values.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pythonFloatRepr } from "./json.ts";
 * assert.deepEqual([1, 1e16, 1e-5, 0.1, -0].map(pythonFloatRepr), [
 *   "1.0", "1e+16", "1e-05", "0.1", "-0.0",
 * ]);
 * ```
 */
export function pythonFloatRepr(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
  if (Object.is(value, -0)) return "-0.0";
  const magnitude = Math.abs(value);
  if (magnitude === 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
    // JavaScript uses positional notation over this whole range (up to 1e21, down to 1e-6).
    const text = String(value);
    return Number.isInteger(value) ? `${text}.0` : text;
  }
  // Python's exponent has at least two digits and always a sign; JavaScript's neither.
  const [mantissa, exponent] = value.toExponential().split("e");
  const exponentNumber = Number(exponent);
  const sign = exponentNumber < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exponentNumber)).padStart(2, "0")}`;
}

/**
 * Sets `object[key]` as an own, enumerable property, `__proto__` included (which plain
 * assignment would treat as the prototype): how a parsed document's keys are stored.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { setOwn } from "./json.ts";
 * const object = {};
 * setOwn(object, "__proto__", 1);
 * assert.deepEqual(Object.keys(object), ["__proto__"]);
 * ```
 */
export function setOwn(object: JsonObject, key: string, value: JsonValue): void {
  if (key === "__proto__") {
    Object.defineProperty(object, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  } else {
    object[key] = value;
  }
}
