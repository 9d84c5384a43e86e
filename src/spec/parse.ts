/**
 * Spec text → JSON value, read as OpenAlchemy reads it: JSON as Python's `json` does, YAML as
 * PyYAML's `SafeLoader` does (YAML 1.1), numbers keeping Python's int/float kind (see
 * `src/json.ts`), within limits that keep a hostile spec from exhausting the stack or memory.
 *
 * @module
 */

import type { JsonValue } from "../json.ts";
import { parseJsonText } from "./parse_json.ts";
import { resolveSpecParseOptions, type SpecParseOptions } from "./parse_options.ts";

export {
  assertValidSpecParseOptions,
  DEFAULT_SPEC_PARSE_LIMITS,
  MAX_SPEC_DEPTH_CEILING,
  type SpecParseOptions,
} from "./parse_options.ts";

/**
 * Parses spec text. Text whose first non-blank character is `{` or `[` is read as JSON
 * (see `parse_json.ts`); anything else as YAML 1.1 the way PyYAML reads it (see
 * `parse_yaml.ts`: `yes`/`no`/`on`/`off` are booleans, a repeated key keeps its last value,
 * timestamps stay strings). The YAML parser is loaded only for YAML text (it costs ~30 ms to
 * load; specs are mostly JSON).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { JsonFloat } from "../json.ts";
 * import { parseSpecText } from "./parse.ts";
 * const spec = await parseSpecText("openapi: 3.0.0\ninfo: {version: '1', x-ratio: 1.0}");
 * assert.deepEqual(spec, { openapi: "3.0.0", info: { version: "1", "x-ratio": new JsonFloat(1) } });
 * await assert.rejects(parseSpecText('{"a": [[[1]]]}', { maxDepth: 3 }), /maxDepth/);
 * ```
 *
 * @param text The spec file's text.
 * @param options Limits; {@link DEFAULT_SPEC_PARSE_LIMITS} fills in those left out.
 * @throws {SpecParseError} saying what is wrong and where: a path of keys and indexes, with the
 *   line and column when known.
 * @throws {RangeError} for options outside their range (see
 *   {@link assertValidSpecParseOptions}), before the text is read.
 */
export async function parseSpecText(
  text: string,
  options: SpecParseOptions = {},
): Promise<JsonValue> {
  const limits = resolveSpecParseOptions(options);
  const start = text.trimStart()[0];
  if (start === "{" || start === "[") return parseJsonText(text, limits);
  const { parseYamlText } = await import("./parse_yaml.ts");
  return parseYamlText(text, limits);
}
