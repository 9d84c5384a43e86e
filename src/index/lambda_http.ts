/**
 * A fetch handler as a Lambda handler of HTTP events: the payload format 2.0 that
 * Lambda Function URLs (and API Gateway HTTP APIs) send, and the response object they
 * expect.
 *
 * @module
 */

import { EventError } from "../errors.ts";

/** The fields of a payload-2.0 HTTP event this adapter reads. */
export interface HttpEvent {
  version: "2.0";
  rawPath: string;
  rawQueryString?: string;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { domainName: string; http: { method: string } };
}

/** The response Lambda turns into the HTTP response. */
export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
  cookies?: string[];
}

/**
 * The request an event describes.
 *
 * @throws {EventError} for an event that is not a payload-2.0 HTTP event.
 */
export function requestOf(event: unknown): Request {
  const http = event as Partial<HttpEvent> | null;
  const fail = (what: string): never => {
    throw new EventError(`Cannot read the HTTP event: ${what}`, [what.split(" ")[0]]);
  };
  if (typeof http !== "object" || http === null) fail("event is not an object");
  if (http!.version !== "2.0") fail("version is not 2.0 (a Function URL or HTTP API event)");
  const context = http!.requestContext;
  if (typeof context?.domainName !== "string" || typeof context.http?.method !== "string") {
    fail("requestContext lacks domainName or http.method");
  }
  if (typeof http!.rawPath !== "string" || !http!.rawPath.startsWith("/")) {
    fail("rawPath is not a path");
  }
  const query = http!.rawQueryString ? `?${http!.rawQueryString}` : "";
  const headers = new Headers();
  for (const [name, value] of Object.entries(http!.headers ?? {})) headers.set(name, value);
  if (http!.cookies?.length) headers.set("cookie", http!.cookies.join("; "));
  const method = context!.http.method.toUpperCase();
  let body: Uint8Array | string | undefined;
  if (http!.body !== undefined && method !== "GET" && method !== "HEAD") {
    body = http!.isBase64Encoded
      ? Uint8Array.from(atob(http!.body), (char) => char.charCodeAt(0))
      : http!.body;
  }
  return new Request(`https://${context!.domainName}${http!.rawPath}${query}`, {
    method,
    headers,
    body: body as BodyInit | undefined,
  });
}

const TEXT = /^(text\/|application\/(json|xml|javascript)|application\/[^;]*\+(json|xml))/i;

/** The result object of a response: text bodies as text, anything else base64. */
export async function resultOf(response: Response): Promise<HttpResult> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get("content-type") ?? "";
  const result: HttpResult = TEXT.test(type) || bytes.length === 0
    ? {
      statusCode: response.status,
      headers,
      body: new TextDecoder().decode(bytes),
      isBase64Encoded: false,
    }
    : {
      statusCode: response.status,
      headers,
      body: btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join("")),
      isBase64Encoded: true,
    };
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) result.cookies = cookies;
  return result;
}

/**
 * A Lambda handler of HTTP events that calls `app`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { httpHandler } from "./lambda_http.ts";
 * const handler = httpHandler(async (request) => new Response(new URL(request.url).pathname));
 * const result = await handler({
 *   version: "2.0", rawPath: "/simple/", headers: {},
 *   requestContext: { domainName: "abc.lambda-url.us-east-1.on.aws", http: { method: "GET" } },
 * });
 * assert.equal(result.body, "/simple/");
 * ```
 */
export function httpHandler(
  app: (request: Request) => Promise<Response>,
): (event: unknown) => Promise<HttpResult> {
  return async (event) => await resultOf(await app(requestOf(event)));
}
