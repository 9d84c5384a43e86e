/** Function URL events (payload 2.0) to requests and responses back. */

import assert from "node:assert/strict";
import { EventError } from "../../src/errors.ts";
import { httpHandler, requestOf, resultOf } from "../../src/index/lambda_http.ts";

const event = (overrides: Record<string, unknown> = {}) => ({
  version: "2.0",
  routeKey: "$default",
  rawPath: "/simple/Employee%20DB/",
  rawQueryString: "a=1&b=2",
  headers: { authorization: "Basic eA==", accept: "text/html" },
  cookies: ["c=1", "d=2"],
  requestContext: { domainName: "abc.lambda-url.eu-west-1.on.aws", http: { method: "get" } },
  isBase64Encoded: false,
  ...overrides,
});

Deno.test("an event becomes the request it describes, path still encoded", async () => {
  const request = requestOf(event());
  assert.equal(
    request.url,
    "https://abc.lambda-url.eu-west-1.on.aws/simple/Employee%20DB/?a=1&b=2",
  );
  assert.equal(request.method, "GET");
  assert.equal(request.headers.get("authorization"), "Basic eA==");
  assert.equal(request.headers.get("cookie"), "c=1; d=2");
  const post = requestOf(event({
    requestContext: { domainName: "h", http: { method: "POST" } },
    body: btoa("\x00\x01"),
    isBase64Encoded: true,
  }));
  assert.deepEqual(new Uint8Array(await post.arrayBuffer()), new Uint8Array([0, 1]));
});

Deno.test("what is not a payload-2.0 HTTP event is an EventError", () => {
  for (
    const bad of [
      null,
      "x",
      event({ version: "1.0" }),
      event({ rawPath: "simple" }),
      event({ requestContext: {} }),
    ]
  ) {
    assert.throws(() => requestOf(bad), EventError);
  }
});

Deno.test("responses: text as text, bytes as base64, cookies apart, headers kept", async () => {
  const text = await resultOf(
    new Response("<p>é</p>", { status: 404, headers: { "content-type": "text/html" } }),
  );
  assert.deepEqual(text, {
    statusCode: 404,
    headers: { "content-type": "text/html" },
    body: "<p>é</p>",
    isBase64Encoded: false,
  });
  const json = await resultOf(
    new Response("{}", { headers: { "content-type": "application/vnd.pypi.simple.v1+json" } }),
  );
  assert.equal(json.isBase64Encoded, false);
  const headers = new Headers({ "content-type": "application/zip" });
  headers.append("set-cookie", "a=1");
  const binary = await resultOf(new Response(new Uint8Array([0, 255]), { headers }));
  assert.equal(binary.body, btoa("\x00\xff"));
  assert.equal(binary.isBase64Encoded, true);
  assert.deepEqual(binary.cookies, ["a=1"]);
  assert.equal(binary.headers["set-cookie"], undefined);
  const redirect = await resultOf(new Response(null, { status: 302, headers: { location: "x" } }));
  assert.deepEqual(redirect, {
    statusCode: 302,
    headers: { location: "x" },
    body: "",
    isBase64Encoded: false,
  });
});

Deno.test("the handler answers events through the app", async () => {
  const handler = httpHandler((request) =>
    Promise.resolve(new Response(request.headers.get("accept")))
  );
  assert.equal((await handler(event())).body, "text/html");
});
