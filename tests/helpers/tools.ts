/**
 * The Python tools the tests drive (moto's server, cfn-lint, `packaging`), run by the
 * project-local virtual environment `.venv/` that `deno task tools` creates (the test
 * task runs it first). Nothing is installed into the user's own Python. The tools are
 * started as modules of the environment's interpreter, so they work whether pip put them
 * in the environment or found them already installed on the machine.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

/** The project-local virtual environment (ignored by git). */
export const TOOLS_VENV = fileURLToPath(new URL("../../.venv/", import.meta.url));

/** The tools environment's Python interpreter. */
export const TOOLS_PYTHON = `${TOOLS_VENV}bin/python`;

const LAUNCHERS: Record<Tool, string[]> = {
  "moto_server": ["-m", "moto.server"],
  "cfn-lint": ["-c", "import sys; from cfnlint.runner import main; sys.exit(main())"],
};

/** A tool of the tools environment. */
export type Tool = "moto_server" | "cfn-lint";

/**
 * The command and leading arguments that run `tool` from the tools environment.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toolCommand, TOOLS_PYTHON } from "./tools.ts";
 * const [command, ...args] = toolCommand("moto_server");
 * assert.equal(command, TOOLS_PYTHON);
 * assert.deepEqual(args, ["-m", "moto.server"]);
 * ```
 */
export function toolCommand(tool: Tool): [string, ...string[]] {
  return [TOOLS_PYTHON, ...LAUNCHERS[tool]];
}
