/**
 * `docker run -p 9000:8080 IMAGE` and curl, as AWS documents for container images, without
 * Docker: the Dockerfile replayed into a folder standing for the image
 * (tests/helpers/image.ts), then what the base image's ENTRYPOINT, /lambda-entrypoint.sh,
 * does without AWS_LAMBDA_RUNTIME_API: AWS's own Runtime Interface Emulator (the program
 * the base images and `sam local invoke` run) starting /var/runtime/bootstrap, with the
 * image's environment, in its WORKDIR, `_HANDLER` set to the image's CMD. (The emulator
 * listens on a free loopback port instead of 8080, as `-p 9000:8080` would map it.)
 * Through it: a build, a malformed event, a response over Lambda's 6 MB, a handler that
 * outlives its deadline, and the runtime serving again afterwards. Every line the runtime
 * prints is JSON.
 *
 * The emulator is `../shared/tools/aws-lambda-rie` beside the repository, or the program
 * `AWS_LAMBDA_RIE` names.
 */

import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedSpec } from "../../../bench/generated_spec.ts";
import { type ReplayedImage, replayImage, unlockImage } from "../../helpers/image.ts";
import { snsEvent } from "../../helpers/memory_storage.ts";
import { PROJECT_EXAMPLE } from "../../helpers/specs.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const EVENT = join(ROOT, "events", "sns-spec-created.json");
const RIE = Deno.env.get("AWS_LAMBDA_RIE") ??
  resolve(ROOT, "..", "shared", "tools", "aws-lambda-rie");
const BUCKET = "openalchemy-packages";
const TIMEOUT_SECONDS = 2;

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

/** What /lambda-entrypoint.sh runs without AWS_LAMBDA_RUNTIME_API, plus `docker run -e` values. */
function startRie(image: ReplayedImage, variables: Record<string, string>): Promise<Rie> {
  assert.equal(image.cmd.length, 1, "/lambda-entrypoint.sh needs exactly one argument");
  const address = `127.0.0.1:${freePort()}`;
  const child = new Deno.Command(RIE, {
    args: [
      "--runtime-interface-emulator-address",
      address,
      "--runtime-api-address",
      `127.0.0.1:${freePort()}`,
      image.path("/var/runtime/bootstrap"),
    ],
    cwd: image.workdir,
    clearEnv: true,
    env: { ...image.env, _HANDLER: image.cmd[0], TMPDIR: image.tmp, ...variables },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  return rieOf(child, address);
}

async function rieOf(child: Deno.ChildProcess, address: string): Promise<Rie> {
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
    "the image answers AWS's documented docker run + curl, and its runtime survives errors and a timeout",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn(t) {
    const isFile = await Deno.stat(RIE).then((info) => info.isFile, () => false);
    assert.ok(
      isFile,
      `Cannot find AWS's Runtime Interface Emulator at ${RIE} (set AWS_LAMBDA_RIE)`,
    );
    const work = await Deno.makeTempDir({ prefix: "oa-rie-" });
    await Deno.chmod(work, 0o755);
    const image = await replayImage({ dir: join(work, "image"), warmUp: true });
    // The storage a user would mount with `-v "$PWD/.storage:/tmp/storage"` after
    // `deno task invoke` seeded it, and a spec slow enough to outlive the deadline.
    const storage = join(image.tmp, "storage");
    const folder = join(storage, BUCKET, "user1", "employee");
    await Deno.mkdir(folder, { recursive: true });
    await Deno.copyFile(PROJECT_EXAMPLE, join(folder, "1-spec.json"));
    await Deno.mkdir(join(storage, BUCKET, "u", "slow"), { recursive: true });
    await Deno.writeTextFile(
      join(storage, BUCKET, "u", "slow", "1-spec.json"),
      JSON.stringify(generatedSpec(30_000)),
    );
    const rie = await startRie(image, {
      PACKAGE_STORAGE: "local",
      LOCAL_STORAGE_DIR: storage,
      SPEC_MAX_BYTES: String(64 * 1024 * 1024),
      AWS_LAMBDA_FUNCTION_TIMEOUT: String(TIMEOUT_SECONDS),
    });
    const example = await Deno.readTextFile(EVENT);
    try {
      await t.step(
        "curl with the example event: the spec is built and the result returned",
        async () => {
          const { status, text } = await rie.invoke(example);
          assert.equal(status, 200, text);
          assert.equal(JSON.parse(text).objects[0].status, "built");
        },
      );

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
        const { status, text } = await rie.invoke(example);
        assert.equal(status, 200, text);
        assert.equal(JSON.parse(text).objects[0].status, "built");
      });
    } finally {
      await rie.stop();
      await unlockImage(image);
      await Deno.remove(work, { recursive: true });
    }
    const runtimeLines = rie.output().split("\n").filter((line) =>
      line !== "" && !/^(START|END|REPORT) RequestId|^\d{2} \w{3} \d{4} /.test(line)
    );
    assert.ok(runtimeLines.length > 0, "the runtime logged");
    for (const line of runtimeLines) {
      const record = JSON.parse(line);
      assert.match(record.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      assert.ok(["DEBUG", "INFO", "WARN", "ERROR"].includes(record.level), line.slice(0, 200));
    }
  },
});
