/**
 * Spec text → JSON value. Accepts JSON, and YAML (1.2, JSON-compatible values only).
 *
 * @module
 */

import type { JsonValue } from "../json.ts";
import { SpecParseError } from "../errors.ts";

/**
 * Parses spec text. Text whose first non-blank character is `{` or `[` is read as JSON;
 * anything else as YAML 1.2 (core schema, unique keys), which JSON also is. The YAML
 * parser is loaded only for YAML text (it costs ~30 ms to load; specs are mostly JSON).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseSpecText } from "./parse.ts";
 * const spec = await parseSpecText("openapi: 3.0.0\ninfo: {version: '1'}");
 * assert.deepEqual(spec, { openapi: "3.0.0", info: { version: "1" } });
 * ```
 *
 * @throws {SpecParseError} saying where the text stops being JSON or YAML.
 */
export async function parseSpecText(text: string): Promise<JsonValue> {
  const start = text.trimStart()[0];
  if (start === "{" || start === "[") {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new SpecParseError(
        `Cannot parse the spec as JSON: ${(error as Error).message}`,
        [],
      );
    }
  }
  const { parse: parseYaml, YAMLParseError } = await import("yaml");
  try {
    const value = parseYaml(text, { schema: "core", uniqueKeys: true, maxAliasCount: 1000 });
    assertJsonValue(value, []);
    return value as JsonValue;
  } catch (error) {
    if (error instanceof SpecParseError) throw error;
    const detail = error instanceof YAMLParseError
      ? error.message.split("\n")[0]
      : String((error as Error).message ?? error);
    throw new SpecParseError(`Cannot parse the spec as JSON or YAML: ${detail}`, []);
  }
}

/** YAML can hold values JSON cannot (non-string keys are stringified; others rejected). */
function assertJsonValue(value: unknown, path: string[]): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (Number.isFinite(value)) return;
    throw new SpecParseError(
      `Cannot parse the spec: ${path.join(".") || "the document"} is ${value}, not a JSON number`,
      path,
    );
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertJsonValue(item, [...path, String(index)]));
    return;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) assertJsonValue(item, [...path, key]);
    return;
  }
  throw new SpecParseError(
    `Cannot parse the spec: ${path.join(".") || "the document"} is not a JSON value`,
    path,
  );
}
