/**
 * A full run of the function (`deno task invoke`: emulator, runtime process, handler,
 * local storage) leaves the system temp folder as it found it.
 */

import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);

Deno.test({
  name: "a full handler run through the runtime leaves no temp folder behind",
  sanitizeResources: false,
  async fn() {
    const temp = await Deno.makeTempDir({ prefix: "oa-temp-check-" });
    const storage = await Deno.makeTempDir({ prefix: "oa-temp-storage-" });
    try {
      const output = await new Deno.Command(Deno.execPath(), {
        args: ["task", "-q", "invoke"],
        cwd: ROOT,
        // TMPDIR is where every process of the run makes its temporary files.
        env: { TMPDIR: temp, LOCAL_STORAGE_DIR: storage },
        clearEnv: false,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
      const built = await Array.fromAsync(
        Deno.readDir(`${storage}/openalchemy-packages/user1/employee`),
      );
      assert.equal(built.length, 4, "spec, sdist, wheel and report are stored");
      const left = (await Array.fromAsync(Deno.readDir(temp))).map((entry) => entry.name);
      assert.deepEqual(left, [], "the temp folder is as it was");
    } finally {
      await Deno.remove(temp, { recursive: true });
      await Deno.remove(storage, { recursive: true });
    }
  },
});
