/**
 * A moto S3 server on a free loopback port, started by the test and stopped by PID, and
 * a fault-injecting proxy in front of it.
 *
 * @module
 */

import { S3Client } from "@aws-sdk/client-s3";
import { toolCommand } from "./tools.ts";

/** A running moto server. */
export interface Moto {
  endpoint: string;
  /** Environment for S3 clients and the runtime process. */
  env: Record<string, string>;
  client: S3Client;
  /** Stops the server (SIGTERM to its pid) and waits for it to exit. */
  stop(): Promise<void>;
  /** Sends SIGTERM to the server's pid without waiting (for unload handlers). */
  stopSync(): void;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Environment pointing the SDK at an endpoint with dummy credentials. */
export function s3Env(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
  };
}

/** Starts `moto_server` (from the tools environment) and waits until it answers. */
export async function startMoto(): Promise<Moto> {
  const port = freePort();
  const [command, ...launcher] = toolCommand("moto_server");
  const child = new Deno.Command(command, {
    args: [...launcher, "-H", "127.0.0.1", "-p", String(port)],
    stdout: "null",
    stderr: "null",
  }).spawn();
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`);
      await response.body?.cancel();
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill("SIGKILL");
        await child.status;
        throw new Error("moto_server did not start within 20 s");
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const env = s3Env(endpoint);
  const client = new S3Client({
    endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
  return {
    endpoint,
    env,
    client,
    async stop() {
      client.destroy();
      child.kill("SIGTERM");
      await child.status;
    },
    stopSync() {
      client.destroy();
      child.kill("SIGTERM");
    },
  };
}

/** A proxy to `target` that answers matching requests with an S3 503 SlowDown error. */
export function startFaultProxy(
  target: string,
  fails: (request: Request) => boolean,
): { endpoint: string; stop: () => Promise<void> } {
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      if (fails(request)) {
        await request.body?.cancel();
        return new Response(
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
          { status: 503, headers: { "content-type": "application/xml" } },
        );
      }
      const url = new URL(request.url);
      const forwarded = new Request(`${target}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      return await fetch(forwarded);
    },
  );
  return {
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    stop: () => server.shutdown(),
  };
}
