/**
 * A loopback proxy in front of an S3 server (moto) that lets a test act between the
 * requests a handler makes: hold one until released, delete the spec just before one is
 * forwarded, count them.
 *
 * @module
 */

/** A request as the proxy saw it (path-style addressing). */
export interface ProxiedRequest {
  /** HTTP method. */
  method: string;
  /** The bucket. */
  bucket: string;
  /** The object key, URL-decoded (empty for bucket requests). */
  key: string;
  /** Whether the request carries `If-Match`. */
  ifMatch: string | null;
}

/** A running proxy. */
export interface S3Proxy {
  /** Its endpoint, for `AWS_ENDPOINT_URL_S3`. */
  endpoint: string;
  /** Every request forwarded, in order. */
  seen: ProxiedRequest[];
  /** Stops the server. */
  stop(): Promise<void>;
}

/**
 * Starts the proxy; `before` runs (and is awaited) before each request is forwarded.
 */
export function startS3Proxy(
  target: string,
  before: (request: ProxiedRequest, index: number) => void | Promise<void> = () => {},
): S3Proxy {
  const seen: ProxiedRequest[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => {
      const url = new URL(request.url);
      const [bucket, ...rest] = url.pathname.slice(1).split("/");
      const proxied: ProxiedRequest = {
        method: request.method,
        bucket: decodeURIComponent(bucket),
        key: decodeURIComponent(rest.join("/")),
        ifMatch: request.headers.get("if-match"),
      };
      seen.push(proxied);
      const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
      await before(proxied, seen.length - 1);
      return await fetch(`${target}${url.pathname}${url.search}`, {
        method: request.method,
        headers: request.headers,
        body,
      });
    },
  );
  return {
    endpoint: `http://127.0.0.1:${server.addr.port}`,
    seen,
    stop: () => server.shutdown(),
  };
}

/** A promise with its resolver, for holding a request until the test releases it. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => open = resolve);
  return { promise, open };
}
