/**
 * Structured logs: one JSON object per line with level, message, the request id and
 * whatever fields the caller adds (key, durations…). Values of fields whose name looks
 * like a credential are never written.
 *
 * @module
 */

/** Log levels, in increasing severity. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Extra fields of a log line. */
export type LogFields = Record<string, unknown>;

/** Where log lines go. */
export type LogSink = (line: string) => void;

const encoder = new TextEncoder();

/**
 * Writes a line (and a newline) to standard output directly, not through `console`, so
 * that a captured console (see src/runtime/console_capture.ts) cannot loop back into it.
 */
export function writeStdoutLine(line: string): void {
  const bytes = encoder.encode(`${line}\n`);
  let written = 0;
  while (written < bytes.byteLength) written += Deno.stdout.writeSync(bytes.subarray(written));
}

/** A logger bound to fixed fields (e.g. the request id). */
export interface Logger {
  /** Writes one line at `level`. */
  log(level: LogLevel, message: string, fields?: LogFields): void;
  /** Writes an info line. */
  info(message: string, fields?: LogFields): void;
  /** Writes a warning line. */
  warn(message: string, fields?: LogFields): void;
  /** Writes an error line. */
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  child(fields: LogFields): Logger;
}

const SECRET_NAME = /secret|token|password|passwd|credential|authorization|session|access.?key/i;

/** Replaces values of credential-like fields (at any depth) with `"[redacted]"`. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return errorFields(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_NAME.test(key) ? "[redacted]" : redact(item, depth + 1);
  }
  return out;
}

/**
 * Creates a logger writing JSON lines to `sink` (default: standard output).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createLogger } from "./log.ts";
 * const lines: string[] = [];
 * const log = createLogger((line) => lines.push(line)).child({ requestId: "abc" });
 * log.info("built", { key: "u/s/1-spec.json", durationMs: 3 });
 * const record = JSON.parse(lines[0]);
 * assert.equal(record.message, "built");
 * assert.equal(record.requestId, "abc");
 * assert.equal(record.durationMs, 3);
 * ```
 */
export function createLogger(sink: LogSink = writeStdoutLine, bound: LogFields = {}): Logger {
  const log = (level: LogLevel, message: string, fields: LogFields = {}) => {
    const record = redact({ level, message, ...bound, ...fields }) as LogFields;
    sink(JSON.stringify(record, errorReplacer));
  };
  return {
    log,
    info: (message, fields) => log("info", message, fields),
    warn: (message, fields) => log("warn", message, fields),
    error: (message, fields) => log("error", message, fields),
    child: (fields) => createLogger(sink, { ...bound, ...fields }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return errorFields(value);
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** An error as log fields: its name, message and stack. */
function errorFields(error: Error): Record<string, unknown> {
  return { name: error.name, message: error.message, stack: error.stack ?? null };
}
