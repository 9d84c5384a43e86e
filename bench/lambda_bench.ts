/**
 * The Lambda path as `deno task invoke` runs it: the runtime process (`deno run
 * --allow-all mod.ts`) against the local Runtime API emulator, on local-folder storage.
 *
 * - cold start: process start → the runtime asks for its first event;
 * - warm invocation: event queued → response posted, same process, bundled example spec.
 *
 * Run: `deno task bench`
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../src/runtime/emulator.ts";
import { RUNTIME_ARGS } from "../src/runtime/main.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const storageDir = await Deno.makeTempDir({ prefix: "oa-bench-" });
const key = "u/employee/1-spec.json";
await Deno.mkdir(join(storageDir, "b", "u", "employee"), { recursive: true });
await Deno.copyFile(join(ROOT, "examples", "employee-spec.json"), join(storageDir, "b", key));
const message = JSON.stringify({
  Records: [{ s3: { bucket: { name: "b" }, object: { key } } }],
});
const event = { Records: [{ Sns: { Message: message } }] };
const env = {
  LOCAL_STORAGE_DIR: storageDir,
  PACKAGE_STORAGE: "local",
  BUILD_DIR: join(storageDir, "build"),
};

function spawnRuntime(address: string): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), {
    args: [...RUNTIME_ARGS],
    cwd: ROOT,
    env: { ...env, AWS_LAMBDA_RUNTIME_API: address },
    stdout: "null",
    stderr: "null",
  }).spawn();
}

Deno.bench({
  name: "cold start: process start → ready for the first event",
  group: "lambda",
  n: 20,
  warmup: 2,
  async fn(b) {
    const emulator = startEmulator();
    b.start();
    const child = spawnRuntime(emulator.address);
    await emulator.firstPoll;
    b.end();
    child.kill("SIGTERM");
    await child.status;
    await emulator.close();
  },
});

const warm = startEmulator();
const warmChild = spawnRuntime(warm.address);
await warm.firstPoll;

Deno.bench({
  name: "warm invocation: example spec on local storage",
  group: "lambda",
  n: 50,
  async fn() {
    const result = await warm.invoke(event);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
  },
});

globalThis.addEventListener("unload", () => {
  warmChild.kill("SIGTERM");
  Deno.removeSync(storageDir, { recursive: true });
});
