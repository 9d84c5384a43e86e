/**
 * `deno task build [spec] [--key sub/specId/version-spec.json] [--out dir] [--format f]`
 *
 * Builds the packages of a spec file and prints `[{storageLocation, path}]` as JSON.
 * Bad input prints one line naming what is wrong and exits non-zero; never a stack trace.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { basename, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPackages, type PackageFormat } from "../build_packages.ts";
import { formatErrorLines, InputError } from "../errors.ts";
import { parseSourceDateEpoch } from "../archive/source_date_epoch.ts";

/** The example spec built when no spec is given. */
export const EXAMPLE_SPEC = fileURLToPath(
  new URL("../../examples/employee-spec.json", import.meta.url),
);

const USAGE = `Usage: deno task build [SPEC] [--key SUB/SPEC_ID/VERSION-spec.json] [--out DIR]
                       [--format sdist|wheel]...

Builds an OpenAlchemy models package (sdist and wheel) from an OpenAPI spec (JSON or YAML)
and prints [{"storageLocation", "path"}] as JSON.

  SPEC        spec file (default: the bundled examples/employee-spec.json)
  --key       storage key of the spec; names the package (SPEC_ID with "-" as "_")
              (default: local/<spec file name without "-spec" and extension>/1-spec.json)
  --out       folder for the archives (default: dist beside SPEC)
  --format    sdist or wheel; repeat for both (default: both)
  --help      this text

SOURCE_DATE_EPOCH, when set, is the time stamp of every archive entry (a decimal
integer of seconds since 1970; times before 1980-01-01 count as 1980-01-01; default
2016-01-01T00:00:00Z), so equal specs give byte-identical archives.

Exit status: 0 built, 1 bad spec or key, 2 bad usage, 3 anything else.`;

/** Exit status of the CLI. */
export const EXIT = { ok: 0, badInput: 1, usage: 2, failure: 3 } as const;

/** What the CLI prints and its exit status, so tests can run it in-process. */
export interface CliResult {
  /** Exit status. */
  code: number;
  /** Standard output text. */
  stdout: string;
  /** Standard error text. */
  stderr: string;
}

/**
 * Runs the CLI on arguments and returns its output instead of printing it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCli } from "./main.ts";
 * const result = await runCli(["--help"]);
 * assert.equal(result.code, 0);
 * ```
 */
export async function runCli(
  args: readonly string[],
  env: { sourceDateEpoch?: string } = {},
): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        key: { type: "string" },
        out: { type: "string" },
        format: { type: "string", multiple: true },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (parsed.values.help) return { code: EXIT.ok, stdout: `${USAGE}\n`, stderr: "" };
  if (parsed.positionals.length > 1) return usageError("give at most one spec file");
  const specPath = parsed.positionals[0] ?? EXAMPLE_SPEC;
  const formats = parsed.values.format as PackageFormat[] | undefined;
  for (const format of formats ?? []) {
    if (format !== "sdist" && format !== "wheel") {
      return usageError(`unknown format ${JSON.stringify(format)}: use sdist or wheel`);
    }
  }
  let timestamp: number | undefined;
  try {
    timestamp = parseSourceDateEpoch(env.sourceDateEpoch);
  } catch (error) {
    return usageError((error as Error).message);
  }
  try {
    const packages = await buildPackages({
      specKey: parsed.values.key ?? defaultKey(specPath),
      specPath,
      outDir: parsed.values.out,
      formats,
      timestamp,
    });
    return { code: EXIT.ok, stdout: `${JSON.stringify(packages, null, 2)}\n`, stderr: "" };
  } catch (error) {
    const code = error instanceof InputError ? EXIT.badInput : EXIT.failure;
    return { code, stdout: "", stderr: `${formatErrorLines(error).join("\n")}\n` };
  }
}

/** `local/<file name without extension and "-spec">/1-spec.json`. */
function defaultKey(specPath: string): string {
  const stem = basename(specPath, extname(specPath)).replace(/[-_.]spec$/, "");
  return `local/${stem}/1-spec.json`;
}

function usageError(message: string): CliResult {
  return { code: EXIT.usage, stdout: "", stderr: `error: ${message}\n\n${USAGE}\n` };
}

if (import.meta.main) {
  const result = await runCli(Deno.args, {
    sourceDateEpoch: Deno.env.get("SOURCE_DATE_EPOCH"),
  });
  await Deno.stdout.write(new TextEncoder().encode(result.stdout));
  await Deno.stderr.write(new TextEncoder().encode(result.stderr));
  Deno.exit(result.code);
}
