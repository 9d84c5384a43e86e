/**
 * Test helper: compiles many Python sources in one `python3` process and describes
 * the statements of each module, so tests can check that user text stayed data.
 *
 * @module
 */

import { runOk } from "../../helpers/python.ts";

/** A statement: its AST node type and the name it binds, if any. */
export type StatementSummary = [kind: string, name: string | null];

/** A class or function, with its docstring and the statements of its body. */
export interface DefinitionSummary {
  /** `ClassDef` or `FunctionDef`. */
  kind: string;
  /** The class or function name. */
  name: string;
  /** The docstring value, if the first statement is a string. */
  docstring: string | null;
  /** Every statement of the body (the docstring included). */
  body: StatementSummary[];
  /** The parameters (functions only). */
  args: string[];
}

/** What a compiled module holds. */
export interface ModuleSummary {
  /** Top-level statements. */
  statements: StatementSummary[];
  /** Every class and function, depth first. */
  definitions: DefinitionSummary[];
}

const SCRIPT = String.raw`
import ast, json, sys

def summary(node):
    name = None
    if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
        name = node.name
    elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        name = node.target.id
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        name = ",".join(alias.name for alias in node.names)
    elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        name = node.targets[0].id
    return [type(node).__name__, name]

def describe(tree):
    definitions = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            args = [a.arg for a in node.args.args] if isinstance(node, ast.FunctionDef) else []
            definitions.append({
                "kind": type(node).__name__,
                "name": node.name,
                "docstring": ast.get_docstring(node, clean=False),
                "body": [summary(child) for child in node.body],
                "args": args,
            })
    return {"statements": [summary(node) for node in tree.body], "definitions": definitions}

results = []
for source in json.load(sys.stdin):
    try:
        data = source.encode("utf-8")
        compile(data, "models.py", "exec")
        results.append({"ok": True, "module": describe(ast.parse(data))})
    except Exception as error:
        results.append({"ok": False, "error": type(error).__name__ + ": " + str(error)})
json.dump(results, sys.stdout)
`;

interface RawResult {
  ok: boolean;
  error?: string;
  module?: ModuleSummary;
}

/**
 * Compiles each source as a UTF-8 file would be compiled; returns `"ok"` or the error
 * for each.
 */
export async function compileAll(sources: readonly string[]): Promise<string[]> {
  const results = await run(sources);
  return results.map((result) => result.ok ? "ok" : result.error ?? "error");
}

/**
 * Compiles and describes each source; throws when one does not compile.
 */
export async function describeAll(sources: readonly string[]): Promise<ModuleSummary[]> {
  const results = await run(sources);
  return results.map((result, index) => {
    if (!result.ok || result.module === undefined) {
      throw new Error(`source ${index} does not compile: ${result.error}\n${sources[index]}`);
    }
    return result.module;
  });
}

async function run(sources: readonly string[]): Promise<RawResult[]> {
  const stdout = await runOk("python3", ["-c", SCRIPT], { stdin: JSON.stringify(sources) });
  return JSON.parse(stdout);
}
