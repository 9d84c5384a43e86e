/**
 * The runtime under AWS's own Runtime Interface Emulator (the program `sam local invoke`
 * and the Lambda base images run), started with the Dockerfile's ENTRYPOINT command:
 * a build, a malformed event, a response over Lambda's 6 MB, a handler that outlives its
 * deadline, and the runtime serving again afterwards. Every line the runtime prints is
 * JSON.
 *
 * The emulator is `../shared/tools/aws-lambda-rie` beside the repository, or the program
 * `AWS_LAMBDA_RIE` names.
 */

import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedSpec } from "../../../bench/generated_spec.ts";
import { cacheModules } from "../../../src/runtime/invoke.ts";
import { snsEvent } from "../../helpers/memory_storage.ts";
import { PROJECT_EXAMPLE } from "../../helpers/specs.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const RIE = Deno.env.get("AWS_LAMBDA_RIE") ??
  resolve(ROOT, "..", "shared", "tools", "aws-lambda-rie");
const BUCKET = "rie-packages";
const TIMEOUT_SECONDS = 2;

/** The Dockerfile's ENTRYPOINT, with `deno` resolved to the running executable. */
async function entrypoint(): Promise<string[]> {
  const dockerfile = await Deno.readTextFile(join(ROOT, "Dockerfile"));
  const line = dockerfile.split("\n").find((text) => text.startsWith("ENTRYPOINT "));
  assert.ok(line, "the Dockerfile has an exec-form ENTRYPOINT");
  const [command, ...args] = JSON.parse(line.slice("ENTRYPOINT ".length)) as string[];
  assert.equal(command, "deno");
  return [Deno.execPath(), ...args];
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

interface Rie {
  invoke(body: string): Promise<{ status: number; text: string }>;
  output(): string;
  stop(): Promise<void>;
}

async function startRie(env: Record<string, string>): Promise<Rie> {
  const address = `127.0.0.1:${freePort()}`;
  const child = new Deno.Command(RIE, {
    args: [
      "--runtime-interface-emulator-address",
      address,
      "--runtime-api-address",
      `127.0.0.1:${freePort()}`,
      ...await entrypoint(),
    ],
    cwd: ROOT,
    env,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const decoder = new TextDecoder();
  const collect = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) output += decoder.decode(chunk, { stream: true });
  };
  const collected = Promise.all([collect(child.stdout), collect(child.stderr)]);
  const url = `http://${address}/2015-03-31/functions/function/invocations`;
  for (let attempt = 0;; attempt++) {
    try {
      const connection = await Deno.connect({
        hostname: "127.0.0.1",
        port: Number(address.split(":")[1]),
      });
      connection.close();
      break;
    } catch {
      if (attempt > 100) throw new Error(`the emulator did not listen: ${output}`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }
  return {
    async invoke(body) {
      const response = await fetch(url, { method: "POST", body });
      return { status: response.status, text: await response.text() };
    },
    output: () => output,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await collected;
    },
  };
}

/** An event of many records whose keys grow when echoed as JSON (control characters). */
function floodEvent(): string {
  const key = "%01".repeat(340);
  const keys = Array.from({ length: 4000 }, (_, index) => `${key}${index}`);
  return JSON.stringify(snsEvent(BUCKET, ...keys)).replaceAll("%2501", "%01");
}

Deno.test({
  name:
    "under AWS's Runtime Interface Emulator the runtime builds, reports errors, and survives a timeout",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const isFile = await Deno.stat(RIE).then((info) => info.isFile, () => false);
    assert.ok(
      isFile,
      `Cannot find AWS's Runtime Interface Emulator at ${RIE} (set AWS_LAMBDA_RIE)`,
    );
    await cacheModules();
    const storage = await Deno.makeTempDir({ prefix: "oa-rie-" });
    const folder = join(storage, BUCKET, "u", "employee");
    await Deno.mkdir(folder, { recursive: true });
    await Deno.copyFile(PROJECT_EXAMPLE, join(folder, "1-spec.json"));
    await Deno.mkdir(join(storage, BUCKET, "u", "slow"));
    await Deno.writeTextFile(
      join(storage, BUCKET, "u", "slow", "1-spec.json"),
      JSON.stringify(generatedSpec(30_000)),
    );
    const rie = await startRie({
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: Deno.env.get("HOME") ?? storage,
      PACKAGE_STORAGE: "local",
      LOCAL_STORAGE_DIR: storage,
      SPEC_MAX_BYTES: String(64 * 1024 * 1024),
      AWS_LAMBDA_FUNCTION_TIMEOUT: String(TIMEOUT_SECONDS),
      AWS_LAMBDA_FUNCTION_NAME: "openalchemy-package-builder",
    });
    const success = JSON.stringify(snsEvent(BUCKET, "u/employee/1-spec.json"));
    try {
      await t.step("a spec is built and the handler's result returned", async () => {
        const { status, text } = await rie.invoke(success);
        assert.equal(status, 200, text);
        assert.equal(JSON.parse(text).objects[0].status, "built");
      });

      await t.step("a malformed event returns the error body with its type", async () => {
        const { text } = await rie.invoke(JSON.stringify({ Records: 5 }));
        assert.deepEqual(JSON.parse(text), {
          errorMessage: "Cannot read the event: event.Records must be a list, not a number",
          errorType: "EventError",
          stackTrace: [],
        });
      });

      await t.step("a result over 6 MB is refused by the runtime itself, as an error", async () => {
        const { text } = await rie.invoke(floodEvent());
        const body = JSON.parse(text);
        assert.equal(body.errorType, "Function.ResponseSizeTooLarge");
        assert.match(body.errorMessage, /more than the 6291456 bytes Lambda accepts/);
      });

      await t.step("a handler that outlives its deadline is stopped by the emulator", async () => {
        const { text } = await rie.invoke(JSON.stringify(snsEvent(BUCKET, "u/slow/1-spec.json")));
        assert.match(text, new RegExp(`Task timed out after ${TIMEOUT_SECONDS}\\.00 seconds`));
      });

      await t.step("the runtime serves again afterwards", async () => {
        const { status, text } = await rie.invoke(success);
        assert.equal(status, 200, text);
        assert.equal(JSON.parse(text).objects[0].status, "built");
      });
    } finally {
      await rie.stop();
      await Deno.remove(storage, { recursive: true });
    }
    const runtimeLines = rie.output().split("\n").filter((line) =>
      line !== "" && !/^(START|END|REPORT) RequestId|^\d{2} \w{3} \d{4} /.test(line)
    );
    assert.ok(runtimeLines.length > 0, "the runtime logged");
    for (const line of runtimeLines) {
      assert.doesNotThrow(() => JSON.parse(line), `not a JSON line: ${line.slice(0, 200)}`);
    }
  },
});
