/**
 * The deployment files: the SAM template passes cfn-lint and configures what operators
 * expect (JSON logs with levels, failed events with their error, old versions expired, a
 * failed first deploy that does not block the next); the image keeps the base image's
 * layout and runs the same command as `deno task invoke`; the sample event is one the
 * handler reads.
 */

import assert from "node:assert/strict";
import { CACHE_ARGS, RUNTIME_ARGS } from "../src/runtime/main.ts";
import { parseSnsEvent } from "../src/lambda/event.ts";
import { toolCommand } from "./helpers/tools.ts";
import { execForm, finalStage, readDockerfile } from "./helpers/dockerfile.ts";
import { readTemplate } from "./helpers/template.ts";

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

Deno.test("the image starts /var/runtime/bootstrap through the base image's entrypoint, with deno task invoke's command", async () => {
  const instructions = await readDockerfile();
  const final = finalStage(instructions);
  assert.equal(
    final.find((instruction) => instruction.keyword === "ENTRYPOINT"),
    undefined,
    "the base image's ENTRYPOINT (/lambda-entrypoint.sh) is kept",
  );
  const cmd = execForm(final.find((instruction) => instruction.keyword === "CMD"));
  assert.equal(cmd?.length, 1, "/lambda-entrypoint.sh requires exactly one argument");
  assert.ok(
    final.some((instruction) =>
      instruction.keyword === "COPY" &&
      instruction.args === "src/runtime/bootstrap /var/runtime/bootstrap"
    ),
  );
  const bootstrap = await Deno.readTextFile(new URL("src/runtime/bootstrap", ROOT));
  assert.match(bootstrap, /^#!\/bin\/sh\n/);
  const exec = bootstrap.split("\n").filter((line) => line.startsWith("exec "));
  assert.equal(exec.length, 1);
  assert.deepEqual(exec[0].split(" ").slice(1), ["deno", ...RUNTIME_ARGS]);
  assert.ok(RUNTIME_ARGS.includes("--cached-only"), "nothing is downloaded at run time");
  const mode = (await Deno.stat(new URL("src/runtime/bootstrap", ROOT))).mode! & 0o777;
  assert.equal(mode & 0o111, 0o111, "the bootstrap is executable");
});

Deno.test("both stages are linux/amd64, the template's architecture, on a supported Node", async () => {
  const froms = (await readDockerfile()).filter((instruction) => instruction.keyword === "FROM");
  assert.deepEqual(froms.map((from) => from.args.split(" ")[0]), [
    "--platform=linux/amd64",
    "--platform=linux/amd64",
  ]);
  assert.match(
    froms[1].args,
    /^--platform=linux\/amd64 public\.ecr\.aws\/lambda\/provided:al2023$/,
  );
  const node = Number(froms[0].args.match(/ node:(\d+)-/)?.[1]);
  // Node's LTS lines still supported: 22 (until 2027-04-30) and 24 (until 2028-04-30).
  assert.ok([22, 24].includes(node), `node:${node} is not a supported LTS line`);
  const template = await readTemplate();
  for (const name of ["BuilderFunction", "IndexFunction"]) {
    assert.deepEqual(template.Resources[name].Properties?.Architectures, ["x86_64"], name);
  }
});

Deno.test("the builder logs JSON with levels, and failed events reach operators with their error", async () => {
  const template = await readTemplate();
  const builder = template.Resources.BuilderFunction.Properties!;
  assert.deepEqual(builder.LoggingConfig, {
    LogFormat: "JSON",
    ApplicationLogLevel: { Ref: "LogLevel" },
    SystemLogLevel: "WARN",
  });
  assert.equal(
    (template.Parameters as Record<string, { Default: string }>).LogLevel.Default,
    "INFO",
  );
  const invoke = builder.EventInvokeConfig as Record<string, unknown>;
  assert.deepEqual(invoke.DestinationConfig, {
    OnFailure: { Type: "SQS", Destination: { "Fn::GetAtt": "BuildDeadLetterQueue.Arn" } },
  });
  assert.equal(builder.DeadLetterQueue, undefined, "one place for failed events");
});

Deno.test("the bucket expires old versions and is not kept when the stack's creation fails", async () => {
  const template = await readTemplate();
  for (const name of ["PackageBucket", "PackageBucketForExistingTopic"]) {
    const bucket = template.Resources[name];
    assert.equal(bucket.DeletionPolicy, "RetainExceptOnCreate", name);
    assert.equal(bucket.UpdateReplacePolicy, "Retain", name);
    const rules =
      (bucket.Properties!.LifecycleConfiguration as { Rules: Record<string, unknown>[] })
        .Rules;
    assert.deepEqual(rules.map((rule) => [rule.Status, rule.NoncurrentVersionExpiration]), [
      ["Enabled", { NoncurrentDays: { Ref: "NoncurrentVersionDays" } }],
    ]);
    const events = (bucket.Properties!.NotificationConfiguration as {
      TopicConfigurations: { Event: string }[];
    }).TopicConfigurations.map((configuration) => configuration.Event);
    assert.deepEqual(events, ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"], name);
  }
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
