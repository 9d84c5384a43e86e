/**
 * `deno task serve [--port 8080] [--hostname 127.0.0.1]`: the package index over HTTP,
 * with the same handler as the Lambda function, on the local storage folder and local
 * database by default (after `deno task invoke` and `deno task credentials create`),
 * or on S3 and DynamoDB when the environment names them (see index_from_env.ts).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { createLogger } from "../log.ts";
import { indexFromEnv } from "./index_from_env.ts";
import { LOCAL_FILES_PATH } from "./local_package_files.ts";

/** A running local index. */
export interface LocalIndex {
  /** `http://host:port`. */
  origin: string;
  /** What it serves. */
  describe: { bucket: string; storage: string; database: string };
  /** Stops the server and releases the clients. */
  stop(): Promise<void>;
}

/** Options of {@link serveIndex}. */
export interface ServeOptions {
  /** @default "127.0.0.1" */
  hostname?: string;
  /** 0 for any free port. @default 8080 */
  port?: number;
  /** The environment. @default Deno.env.get */
  env?: (name: string) => string | undefined;
  /** Log request lines. @default true */
  log?: boolean;
}

/**
 * Starts the index server.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { serveIndex } from "./serve.ts";
 * const dir = await Deno.makeTempDir();
 * const index = await serveIndex({ port: 0, log: false, env: (name) =>
 *   ({ LOCAL_STORAGE_DIR: dir, PACKAGE_STORAGE: "local" } as Record<string, string>)[name] });
 * const response = await fetch(`${index.origin}/simple/`);
 * assert.equal(response.status, 401);
 * await response.body?.cancel();
 * await index.stop();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function serveIndex(options: ServeOptions = {}): Promise<LocalIndex> {
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const logger = options.log === false ? undefined : createLogger();
  const setup = await indexFromEnv(env, logger);
  const server = Deno.serve(
    { hostname: options.hostname ?? "127.0.0.1", port: options.port ?? 8080, onListen: () => {} },
    (request) => {
      const path = new URL(request.url).pathname;
      if (setup.localFiles !== null && path.startsWith(LOCAL_FILES_PATH)) {
        return setup.localFiles.serve(request);
      }
      return setup.app(request);
    },
  );
  const { hostname, port } = server.addr;
  return {
    origin: `http://${hostname}:${port}`,
    describe: setup.describe,
    async stop() {
      await server.shutdown();
      setup.close();
    },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { port: { type: "string", default: "8080" }, hostname: { type: "string" } },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`deno task serve: --port must be a port number, not ${values.port}`);
    Deno.exit(2);
  }
  try {
    const index = await serveIndex({ port, hostname: values.hostname });
    const { bucket, storage, database } = index.describe;
    console.error(
      `Package index on ${index.origin}/simple/ (bucket ${bucket} in ${storage}, ` +
        `database ${database})\n` +
        `pip install --no-deps --index-url http://<public key>:<secret key>@` +
        `${index.origin.slice("http://".length)}/simple/ <package>`,
    );
  } catch (error) {
    console.error((error as Error).message);
    Deno.exit(1);
  }
}
