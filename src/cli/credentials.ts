/**
 * `deno task credentials create|list|delete --sub SUB …`: manages the index credentials
 * of a user in the package database the environment names (the local file beside
 * `.storage` by default; DynamoDB with `CREDENTIALS_TABLE`, see src/db/database.ts).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { databaseFromEnv } from "../db/database.ts";
import type { Environment } from "../environment.ts";
import { CredentialsError, formatError } from "../errors.ts";

const USAGE = `Usage: deno task credentials create --sub SUB [--id ID] [--json]
       deno task credentials list --sub SUB [--json]
       deno task credentials delete --sub SUB (--id ID | --all)

Manages a user's credentials for the package index (pip's --index-url
http://PUBLIC_KEY:SECRET_KEY@HOST/simple/). The secret key is printed once, by create;
only a salted PBKDF2-SHA256 hash of it is stored.

  --sub    the user (the identity provider's subject; the first segment of spec keys)
  --id     names the credentials among the user's (default: a random UUID)
  --all    with delete: every credential of the user
  --json   print JSON instead of text

Database: the local file .storage/package-database.json (LOCAL_STORAGE_DIR), or DynamoDB
when CREDENTIALS_TABLE (or PACKAGE_DATABASE=dynamodb) is set, with the usual AWS_*
variables.

Exit status: 0 done, 1 bad input (taken or malformed id), 2 bad usage, 3 anything else.`;

/** What the CLI prints and its exit status. */
export interface CliResult {
  /** Exit status. */
  code: number;
  /** Standard output. */
  stdout: string;
  /** Standard error. */
  stderr: string;
}

/**
 * Runs the CLI and returns its output instead of printing it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runCredentialsCli } from "./credentials.ts";
 * const dir = await Deno.makeTempDir();
 * const env = (name: string) => ({ LOCAL_STORAGE_DIR: dir } as Record<string, string>)[name];
 * const created = await runCredentialsCli(["create", "--sub", "user1", "--json"], env);
 * assert.equal(created.code, 0);
 * assert.equal(JSON.parse(created.stdout).sub, "user1");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function runCredentialsCli(
  args: readonly string[],
  env: Environment,
): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        sub: { type: "string" },
        id: { type: "string" },
        all: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
  const [command, ...extra] = positionals;
  if (extra.length > 0) return usage(`unexpected argument ${extra[0]}`);
  if (!["create", "list", "delete"].includes(command)) {
    return usage(command === undefined ? "no command" : `unknown command ${command}`);
  }
  if (values.sub === undefined || values.sub === "") return usage("--sub is required");
  if (command === "delete" && (values.id === undefined) === (values.all !== true)) {
    return usage("delete needs exactly one of --id and --all");
  }
  if (command !== "delete" && values.all) return usage("--all is only for delete");
  if (command === "list" && values.id !== undefined) return usage("--id is not for list");

  let database;
  try {
    database = await databaseFromEnv(env);
  } catch (error) {
    return { code: 3, stdout: "", stderr: `${formatError(error)}\n` };
  }
  if (database === null) {
    return {
      code: 3,
      stdout: "",
      stderr: "No package database: set CREDENTIALS_TABLE (DynamoDB) or PACKAGE_DATABASE=local\n",
    };
  }
  const sub = values.sub;
  try {
    const credentials = database.credentials;
    if (command === "create") {
      const created = await credentials.create(sub, { id: values.id });
      const stdout = values.json ? `${JSON.stringify({ sub, ...created }, null, 2)}\n` : [
        `Created credentials ${created.id} for ${sub}. The secret key is shown only now.`,
        `  public key: ${created.publicKey}`,
        `  secret key: ${created.secretKey}`,
        "Install a package (with deno task serve running):",
        `  pip install --no-deps --index-url http://${created.publicKey}:${created.secretKey}` +
        `@127.0.0.1:8080/simple/ <package>`,
        "",
      ].join("\n");
      return { code: 0, stdout, stderr: "" };
    }
    if (command === "list") {
      const listed = await credentials.list(sub);
      const stdout = values.json
        ? `${JSON.stringify(listed, null, 2)}\n`
        : listed.map((item) => `${item.id}\t${item.publicKey}\n`).join("");
      return { code: 0, stdout, stderr: "" };
    }
    if (values.all) await credentials.deleteAll(sub);
    else await credentials.delete(sub, values.id!);
    return { code: 0, stdout: "", stderr: "" };
  } catch (error) {
    const code = error instanceof CredentialsError ? 1 : 3;
    return { code, stdout: "", stderr: `${formatError(error)}\n` };
  } finally {
    database.close();
  }
}

function usage(message: string): CliResult {
  return { code: 2, stdout: "", stderr: `deno task credentials: ${message}\n\n${USAGE}\n` };
}

if (import.meta.main) {
  const result = await runCredentialsCli(Deno.args, (name) => Deno.env.get(name));
  await Deno.stdout.write(new TextEncoder().encode(result.stdout));
  await Deno.stderr.write(new TextEncoder().encode(result.stderr));
  Deno.exit(result.code);
}
