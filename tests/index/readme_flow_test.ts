/**
 * The README's local path, with the commands of the deno.json tasks: `deno task invoke`
 * builds the example into local storage (and records it), `deno task credentials
 * create --sub user1` makes credentials, `deno task serve` serves the index, and pip
 * installs `employee` from it.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { run, runOk } from "../helpers/python.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TASKS: Record<string, string> = JSON.parse(
  await Deno.readTextFile(join(ROOT, "deno.json")),
).tasks;

/** The deno arguments of a task (its command without the leading `deno`). */
function taskArgs(name: string): string[] {
  const [deno, ...args] = TASKS[name].split(" ");
  assert.equal(deno, "deno", `task ${name} runs deno`);
  return args;
}

Deno.test({
  name: "invoke, credentials create and serve: pip installs the example from the local index",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const work = await Deno.makeTempDir({ prefix: "oa-readme-index-" });
    const env = { LOCAL_STORAGE_DIR: join(work, "storage"), NO_COLOR: "1" };
    let server: Deno.ChildProcess | null = null;
    try {
      const deno = (args: string[]) =>
        new Deno.Command(Deno.execPath(), {
          args,
          cwd: ROOT,
          env,
          stdout: "piped",
          stderr: "piped",
        })
          .output();
      const invoked = await deno(taskArgs("invoke"));
      assert.equal(invoked.code, 0, new TextDecoder().decode(invoked.stderr));
      const created = await deno([...taskArgs("credentials"), "create", "--sub", "user1"]);
      const text = new TextDecoder().decode(created.stdout);
      assert.equal(created.code, 0, new TextDecoder().decode(created.stderr));
      const publicKey = text.match(/public key: (\S+)/)![1];
      const secretKey = text.match(/secret key: (\S+)/)![1];

      server = new Deno.Command(Deno.execPath(), {
        args: [...taskArgs("serve"), "--port", "0"],
        cwd: ROOT,
        env,
        stdout: "null",
        stderr: "piped",
      }).spawn();
      const reader = server.stderr.pipeThrough(new TextDecoderStream()).getReader();
      let banner = "";
      while (!banner.includes("\n")) {
        const { value, done } = await reader.read();
        if (done) break;
        banner += value;
      }
      reader.releaseLock();
      server.stderr.cancel().catch(() => {});
      const host = banner.match(/http:\/\/(127\.0\.0\.1:\d+)\/simple\//)?.[1];
      assert.ok(host, banner);

      await runOk("python3", ["-m", "venv", join(work, "venv")]);
      const python = join(work, "venv", "bin", "python");
      const output = await run(python, [
        "-m",
        "pip",
        "install",
        "--isolated",
        "--disable-pip-version-check",
        "--no-input",
        "--retries",
        "0",
        "--no-deps",
        "--index-url",
        `http://${publicKey}:${secretKey}@${host}/simple/`,
        "employee",
      ]);
      assert.equal(output.code, 0, output.stdout + output.stderr);
      // Importing it needs OpenAlchemy (--no-deps: not installed); its metadata is there.
      const version = await runOk(python, [
        "-c",
        "import importlib.metadata as m; print(m.version('employee'))",
      ]);
      assert.equal(version.trim(), "1.0.0");
    } finally {
      if (server !== null) {
        server.kill("SIGTERM");
        await server.status;
      }
      await Deno.remove(work, { recursive: true });
    }
  },
});
