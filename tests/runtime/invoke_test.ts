import assert from "node:assert/strict";
import { join } from "node:path";
import { invokeLocally } from "../../src/runtime/invoke.ts";
import { snsEvent } from "../helpers/memory_storage.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

const ROOT = new URL("../../", import.meta.url);

async function runTask(args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["task", "-q", "invoke", ...args],
    cwd: ROOT,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const stdout = new TextDecoder().decode(output.stdout);
  return { code: output.code, stdout, stderr: new TextDecoder().decode(output.stderr) };
}

/** The summary invoke prints last (indented JSON), after the runtime's one-line logs. */
function summaryOf(stdout: string) {
  const start = stdout.startsWith("{\n") ? 0 : stdout.lastIndexOf("\n{\n") + 1;
  return JSON.parse(stdout.slice(start));
}

Deno.test({
  name: "deno task invoke runs the real runtime on the bundled event and local storage",
  sanitizeResources: false,
  async fn() {
    const storageDir = await Deno.makeTempDir({ prefix: "oa-invoke-" });
    try {
      const result = await runTask([], {
        LOCAL_STORAGE_DIR: storageDir,
      });
      assert.equal(result.code, 0, result.stderr);
      const summary = summaryOf(result.stdout);
      assert.equal(summary.ok, true);
      assert.equal(summary.response.objects[0].status, "built");
      const report = JSON.parse(
        await Deno.readTextFile(
          join(storageDir, "openalchemy-packages", "user1", "employee", "1-build.json"),
        ),
      );
      assert.deepEqual(summary.response.objects[0].report, report, "the report is printed");
      assert.ok(summary.coldStartMs > 0);
      const bucket = join(storageDir, "openalchemy-packages", "user1", "employee");
      const files = (await Array.fromAsync(Deno.readDir(bucket))).map((entry) => entry.name).sort();
      assert.deepEqual(files, [
        "1-build.json",
        "1-spec.json",
        "employee-1.0.0-py3-none-any.whl",
        "employee-1.0.0.tar.gz",
      ]);
    } finally {
      await Deno.remove(storageDir, { recursive: true });
    }
  },
});

Deno.test({
  name: "deno task invoke exits non-zero and prints the posted error for a malformed event",
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "oa-invoke-" });
    try {
      const eventPath = join(dir, "event.json");
      await Deno.writeTextFile(eventPath, JSON.stringify({ Records: [{ Sns: {} }] }));
      const result = await runTask([eventPath], {
        LOCAL_STORAGE_DIR: dir,
      });
      assert.equal(result.code, 1);
      const summary = summaryOf(result.stdout);
      assert.equal(summary.error.errorType, "EventError");
      assert.match(summary.error.errorMessage, /Records\[0\]\.Sns\.Message is missing/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "a warm invocation reuses the runtime process",
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "oa-invoke-" });
    try {
      const key = "u/employee/1-spec.json";
      await Deno.mkdir(join(dir, "b", "u", "employee"), { recursive: true });
      await Deno.copyFile(PROJECT_EXAMPLE, join(dir, "b", "u", "employee", "1-spec.json"));
      const outcomes = await invokeLocally({
        event: snsEvent("b", key),
        env: { LOCAL_STORAGE_DIR: dir, PACKAGE_STORAGE: "local" },
        times: 3,
      });
      assert.equal(outcomes.length, 3);
      for (const outcome of outcomes) assert.equal(outcome.result.ok, true);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
