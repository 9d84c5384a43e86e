/**
 * Keeps the runtime's output JSON lines only: what libraries print through `console`
 * and the warnings they emit through Node's `process.emitWarning` (the YAML parser
 * warns that way, quoting the spec over several lines) become log lines of the logger,
 * their text cut to {@link CAPTURED_TEXT_MAX_LENGTH} characters.
 *
 * @module
 */

import process from "node:process";
import { format } from "node:util";
import type { Logger, LogLevel } from "../log.ts";

/** Longest captured text copied into a log line, in characters. */
export const CAPTURED_TEXT_MAX_LENGTH = 2000;

const CONSOLE_LEVELS: Record<"log" | "info" | "debug" | "warn" | "error", LogLevel> = {
  log: "info",
  info: "info",
  debug: "debug",
  warn: "warn",
  error: "error",
};

/**
 * Routes `console.*` and `process.emitWarning` to the logger until the returned function
 * is called.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { captureConsole } from "./console_capture.ts";
 * import { createLogger } from "../log.ts";
 * const lines: string[] = [];
 * const restore = captureConsole(createLogger((line) => lines.push(line)));
 * try {
 *   console.warn("careful:", 42);
 * } finally {
 *   restore();
 * }
 * const line = JSON.parse(lines[0]);
 * assert.deepEqual([line.level, line.message, line.output], ["WARN", "console output", "careful: 42"]);
 * ```
 */
export function captureConsole(logger: Logger): () => void {
  const saved = new Map<string, unknown>();
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    const name = method as keyof typeof CONSOLE_LEVELS;
    saved.set(name, console[name]);
    console[name] = (...args: unknown[]) => {
      logger.log(level, "console output", { output: cut(format(...args)) });
    };
  }
  const savedEmitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const options = rest[0];
    const name = warning instanceof Error
      ? warning.name
      : typeof options === "string"
      ? options
      : (options as { type?: string } | undefined)?.type ?? "Warning";
    const code = warning instanceof Error
      ? (warning as { code?: string }).code
      : typeof rest[1] === "string"
      ? rest[1]
      : (options as { code?: string } | undefined)?.code;
    const message = warning instanceof Error ? warning.message : String(warning);
    logger.warn("library warning", {
      warning: { name, code: code ?? null, message: cut(message) },
    });
  }) as typeof process.emitWarning;
  return () => {
    for (const [name, method] of saved) {
      (console as unknown as Record<string, unknown>)[name] = method;
    }
    process.emitWarning = savedEmitWarning;
  };
}

function cut(text: string): string {
  if (text.length <= CAPTURED_TEXT_MAX_LENGTH) return text;
  return `${text.slice(0, CAPTURED_TEXT_MAX_LENGTH)}…`;
}
