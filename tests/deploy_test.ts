/**
 * The deployment files: the SAM template passes cfn-lint, the container runs the same
 * command as `deno task invoke`, and the sample event is one the handler reads.
 */

import assert from "node:assert/strict";
import { CACHE_ARGS, RUNTIME_ARGS } from "../src/runtime/main.ts";
import { parseSnsEvent } from "../src/lambda/event.ts";
import { toolCommand } from "./helpers/tools.ts";

const ROOT = new URL("../", import.meta.url);

Deno.test("template.yaml passes cfn-lint (with the SAM translator)", async () => {
  const [command, ...launcher] = toolCommand("cfn-lint");
  const output = await new Deno.Command(command, {
    args: [...launcher, "template.yaml"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  assert.equal(output.code, 0, text);
});

Deno.test("the Dockerfile's entry point is the runtime command deno task invoke runs", async () => {
  const dockerfile = await Deno.readTextFile(new URL("Dockerfile", ROOT));
  const line = dockerfile.split("\n").find((text) => text.startsWith("ENTRYPOINT "));
  assert.ok(line, "Dockerfile has an exec-form ENTRYPOINT");
  assert.deepEqual(JSON.parse(line.slice("ENTRYPOINT ".length)), ["deno", ...RUNTIME_ARGS]);
  assert.ok(RUNTIME_ARGS.includes("--cached-only"), "nothing is downloaded at run time");
  assert.match(dockerfile, /^FROM public\.ecr\.aws\/lambda\/provided:al2023$/m);
});

Deno.test("the image caches the modules as deno task invoke does, then warms the code cache", async () => {
  const dockerfile = await Deno.readTextFile(new URL("Dockerfile", ROOT));
  const runs = dockerfile.split("\n").filter((text) => text.startsWith("RUN deno "));
  assert.deepEqual(runs, [
    `RUN deno ${CACHE_ARGS.join(" ")}`,
    "RUN deno run --cached-only --allow-all src/runtime/warm_up.ts \\",
  ]);
  assert.match(dockerfile, /^ENV DENO_DIR=\/opt\/deno-dir /m);
  for (const path of ["deno.json", "deno.lock", "mod.ts", "src/", "examples/"]) {
    assert.match(dockerfile, new RegExp(`^COPY .*\\b${path.replace(".", "\\.")}`, "m"), path);
  }
});

Deno.test("the sample event for sam local invoke is an SNS event naming a spec", async () => {
  const samconfig = await Deno.readTextFile(new URL("samconfig.toml", ROOT));
  const eventPath = samconfig.match(/^event = "(.+)"$/m)?.[1];
  assert.equal(eventPath, "events/sns-spec-created.json");
  const event = JSON.parse(await Deno.readTextFile(new URL(eventPath!, ROOT)));
  assert.deepEqual(parseSnsEvent(event).objects.map((object) => object.key), [
    "user1/employee/1-spec.json",
  ]);
});
