import assert from "node:assert/strict";
import { captureConsole, CAPTURED_TEXT_MAX_LENGTH } from "../../src/runtime/console_capture.ts";
import { createLogger } from "../../src/log.ts";
import { parse as parseYaml } from "yaml";

Deno.test("a YAML warning quoting the spec becomes one JSON log line, not stderr text", () => {
  const lines: string[] = [];
  const restore = captureConsole(createLogger((line) => lines.push(line)));
  try {
    // The yaml package's own parse() prints its warnings (parseSpecText keeps them silent).
    parseYaml("%FOO bar\n---\nopenapi: 3.0.0\ninfo: {version: '1'}\n");
  } finally {
    restore();
  }
  assert.equal(lines.length, 1);
  const line = JSON.parse(lines[0]);
  assert.equal(line.level, "WARN");
  assert.equal(line.message, "library warning");
  assert.equal(line.warning.name, "YAMLWarning");
  assert.equal(line.warning.code, "BAD_DIRECTIVE");
  assert.match(line.warning.message, /^Unknown directive %FOO/);
});

Deno.test("console output is logged at its level, cut to the captured text limit", () => {
  const lines: Record<string, unknown>[] = [];
  const restore = captureConsole(createLogger((line) => lines.push(JSON.parse(line))));
  try {
    console.log("a %s", "b");
    console.error(new Error("bad").message);
    console.warn("w".repeat(CAPTURED_TEXT_MAX_LENGTH + 5));
  } finally {
    restore();
  }
  assert.deepEqual(lines.map((line) => [line.level, `${line.output}`.length]), [
    ["INFO", 3],
    ["ERROR", 3],
    ["WARN", CAPTURED_TEXT_MAX_LENGTH + 1],
  ]);
  assert.equal(lines[0].output, "a b");
});
