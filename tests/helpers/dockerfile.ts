/**
 * The Dockerfile read as instructions (continuation lines joined, comments dropped), so
 * tests and benches can check it and replay its final stage.
 *
 * @module
 */

import { fileURLToPath } from "node:url";

const DOCKERFILE = fileURLToPath(new URL("../../Dockerfile", import.meta.url));

/** One instruction. */
export interface Instruction {
  /** Upper-case keyword: FROM, COPY, RUN… */
  keyword: string;
  /** The rest of the instruction, continuation lines joined with a space. */
  args: string;
  /** Which stage it belongs to (0 for the first FROM). */
  stage: number;
}

/** The repository's Dockerfile, parsed. */
export async function readDockerfile(path = DOCKERFILE): Promise<Instruction[]> {
  const text = await Deno.readTextFile(path);
  const instructions: Instruction[] = [];
  let pending = "";
  let stage = -1;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (pending === "" && (line === "" || line.startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1).trim()} `;
      continue;
    }
    const whole = `${pending}${line}`.trim();
    pending = "";
    const [keyword, ...rest] = whole.split(/\s+/);
    if (keyword.toUpperCase() === "FROM") stage++;
    instructions.push({ keyword: keyword.toUpperCase(), args: rest.join(" "), stage });
  }
  return instructions;
}

/** The final stage's instructions. */
export function finalStage(instructions: Instruction[]): Instruction[] {
  const last = Math.max(...instructions.map((instruction) => instruction.stage));
  return instructions.filter((instruction) => instruction.stage === last);
}

/** `ENV` values of the final stage (`NAME=value` pairs, unquoted). */
export function envOf(instructions: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of finalStage(instructions)) {
    if (keyword !== "ENV") continue;
    for (const pair of args.split(/\s+/)) {
      const [name, ...value] = pair.split("=");
      env[name] = value.join("=").replace(/^"(.*)"$/, "$1");
    }
  }
  return env;
}

/** The exec form (`["a", "b"]`) of an instruction, or `null` for the shell form. */
export function execForm(instruction: Instruction | undefined): string[] | null {
  if (!instruction || !instruction.args.startsWith("[")) return null;
  return JSON.parse(instruction.args);
}
