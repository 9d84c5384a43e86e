/**
 * The container image without Docker: the Dockerfile's final stage replayed into a folder
 * that stands for the image's file system. `COPY` (the Deno binary from the first stage is
 * the running executable), `ENV`, `WORKDIR`, `CMD`, and the `RUN` commands it knows
 * (`deno …`, `chmod …`), with every absolute path of the image mapped into the folder; any
 * other instruction fails the replay, so the replay cannot silently drift from the
 * Dockerfile. npm tarballs are copied from this machine's Deno cache first (no network).
 *
 * @module
 */

import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { envOf, execForm, finalStage, readDockerfile } from "./dockerfile.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Environment the base image (public.ecr.aws/lambda/provided:al2023) defines. */
const BASE_IMAGE_ENV: Record<string, string> = {
  LAMBDA_TASK_ROOT: "/var/task",
  LAMBDA_RUNTIME_DIR: "/var/runtime",
  LANG: "en_US.UTF-8",
};

/** A replayed image. */
export interface ReplayedImage {
  /** The folder standing for the image's `/`. */
  root: string;
  /** The final `WORKDIR` (`/var/task`), mapped. */
  workdir: string;
  /** `DENO_DIR`, mapped. */
  denoDir: string;
  /** `/tmp`, mapped (world-writable). */
  tmp: string;
  /** A container's environment: the base image's and the Dockerfile's, paths mapped. */
  env: Record<string, string>;
  /** The image's `CMD` (exec form). */
  cmd: string[];
  /** Maps an absolute path of the image to the folder. */
  path(imagePath: string): string;
}

/** Options of {@link replayImage}. */
export interface ReplayOptions {
  /** An empty folder for the image's file system. */
  dir: string;
  /** Whether to run the warm-up command of the `RUN` steps. @default true */
  warmUp?: boolean;
  /** Make the code and `DENO_DIR` read-only afterwards, as Lambda mounts them. @default true */
  readOnly?: boolean;
}

/**
 * Replays the Dockerfile's final stage into `options.dir`.
 *
 * @throws {Error} for an instruction or command the replay does not know.
 */
export async function replayImage(options: ReplayOptions): Promise<ReplayedImage> {
  const root = options.dir;
  const path = (imagePath: string) => join(root, imagePath);
  const instructions = finalStage(await readDockerfile());
  const env: Record<string, string> = { ...BASE_IMAGE_ENV };
  for (const [name, value] of Object.entries(envOf(instructions))) env[name] = value;
  for (const [name, value] of Object.entries(env)) {
    if (value.startsWith("/")) env[name] = path(value);
  }
  const binDir = path("/usr/local/bin");
  env.PATH = `${binDir}:/usr/bin:/bin`;
  const tmp = path("/tmp");
  await Deno.mkdir(tmp, { recursive: true });
  await Deno.chmod(tmp, 0o1777);
  await Deno.chmod(root, 0o755);
  let workdir = path("/");
  let cmd: string[] = [];
  let seeded = false;
  for (const { keyword, args } of instructions) {
    if (keyword === "FROM" || keyword === "ENV") continue;
    if (keyword === "WORKDIR") {
      workdir = path(args);
      await Deno.mkdir(workdir, { recursive: true });
    } else if (keyword === "COPY") {
      await copy(args, { path, workdir });
    } else if (keyword === "RUN") {
      if (!seeded) {
        await seedNpmCache(env.DENO_DIR);
        seeded = true;
      }
      await run(args, {
        path,
        workdir,
        env: { ...env, TMPDIR: tmp },
        warmUp: options.warmUp ?? true,
      });
    } else if (keyword === "CMD") {
      cmd = execForm({ keyword, args, stage: 0 }) ?? [];
    } else {
      throw new Error(`Cannot replay the Dockerfile: unknown instruction ${keyword} ${args}`);
    }
  }
  if (options.readOnly ?? true) await exec("chmod", ["-R", "a-w,a+rX", env.DENO_DIR, workdir]);
  return { root, workdir, denoDir: env.DENO_DIR, tmp, env, cmd, path };
}

/** Makes the image's files writable again, so that its folder can be removed. */
export async function unlockImage(image: ReplayedImage): Promise<void> {
  await exec("chmod", ["-R", "u+w", image.root]);
}

async function copy(
  args: string,
  context: { path: (imagePath: string) => string; workdir: string },
): Promise<void> {
  const words = args.split(/\s+/);
  if (words[0] === "--from=deno") {
    const [source, target] = words.slice(1);
    if (!source.endsWith("/deno")) throw new Error(`Cannot replay COPY ${args}`);
    const destination = context.path(target);
    await Deno.mkdir(join(destination, ".."), { recursive: true });
    await Deno.copyFile(Deno.execPath(), destination);
    await Deno.chmod(destination, 0o755);
    return;
  }
  const target = words.at(-1)!;
  const destination = target.startsWith("/") ? context.path(target) : join(context.workdir, target);
  const sources = words.slice(0, -1);
  if (sources.length === 1 && !target.endsWith("/")) {
    await Deno.mkdir(join(destination, ".."), { recursive: true });
    await exec("cp", ["-p", join(ROOT, sources[0]), destination]);
    return;
  }
  await Deno.mkdir(destination, { recursive: true });
  for (const source of sources) {
    const from = join(ROOT, source);
    const isDir = (await Deno.stat(from)).isDirectory;
    await exec("cp", [
      "-rp",
      isDir ? `${from.replace(/\/$/, "")}/.` : from,
      isDir ? join(destination) : destination,
    ]);
  }
}

async function run(
  args: string,
  context: {
    path: (imagePath: string) => string;
    workdir: string;
    env: Record<string, string>;
    warmUp: boolean;
  },
): Promise<void> {
  for (const command of args.split("&&").map((part) => part.trim())) {
    const [program, ...words] = command.split(/\s+/);
    if (program === "deno") {
      const isWarmUp = words.includes("src/runtime/warm_up.ts");
      if (isWarmUp && !context.warmUp) continue;
      await exec(context.path("/usr/local/bin/deno"), words, context.workdir, context.env);
    } else if (program === "chmod") {
      const mapped = words.map((word) => word.startsWith("/") ? context.path(word) : word);
      await exec("chmod", mapped, context.workdir);
    } else {
      throw new Error(`Cannot replay the Dockerfile: unknown command ${command}`);
    }
  }
}

/** Copies this machine's npm tarballs into the image's Deno cache (no network needed). */
async function seedNpmCache(denoDir: string): Promise<void> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    cwd: ROOT,
    stdout: "piped",
  }).output();
  const info = JSON.parse(new TextDecoder().decode(output.stdout));
  await Deno.mkdir(denoDir, { recursive: true });
  await exec("cp", ["-r", info.npmCache, join(denoDir, "npm")]);
}

async function exec(
  command: string,
  args: string[],
  cwd = ROOT,
  env: Record<string, string> = {},
): Promise<void> {
  const output = await new Deno.Command(command, {
    args,
    cwd,
    env,
    stdout: "null",
    stderr: "piped",
  })
    .output();
  if (!output.success) {
    const reason = new TextDecoder().decode(output.stderr);
    throw new Error(`Cannot replay the image build: ${command} ${args.join(" ")}: ${reason}`);
  }
}
