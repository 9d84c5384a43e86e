/**
 * Test helpers that run Python: a throw-away virtual environment with setuptools and
 * wheel from the machine's package index, and commands inside it.
 *
 * @module
 */

import { join } from "node:path";

/** Output of a finished command. */
export interface CommandOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link run} and {@link runOk}. */
export interface RunOptions {
  /** Working directory. */
  cwd?: string;
  /** Text written to standard input. */
  stdin?: string;
  /** Variables added to the environment. */
  env?: Record<string, string>;
}

const decoder = new TextDecoder();

/** Runs a command to completion and returns its output (never throws on exit status). */
export async function run(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<CommandOutput> {
  const child = new Deno.Command(command, {
    args,
    cwd: options.cwd,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
    env: { PIP_DISABLE_PIP_VERSION_CHECK: "1", PYTHONDONTWRITEBYTECODE: "1", ...options.env },
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const output = await child.output();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

/** Runs a command and throws with its output when it fails. */
export async function runOk(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<string> {
  const output = await run(command, args, options);
  if (output.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${output.code}\n${output.stdout}\n${output.stderr}`,
    );
  }
  return output.stdout;
}

/** A Python virtual environment made for a test. */
export interface Venv {
  /** The environment's python executable. */
  python: string;
}

/**
 * Creates a virtual environment in `dir` and installs setuptools and wheel into it from
 * the machine's configured package index (no retries: fails fast when unreachable).
 */
export async function createVenv(dir: string): Promise<Venv> {
  await runOk("python3", ["-m", "venv", dir]);
  const python = join(dir, "bin", "python");
  await runOk(python, ["-m", "pip", "install", "--quiet", "--retries", "0", "setuptools", "wheel"]);
  return { python };
}
