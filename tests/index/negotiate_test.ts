/** Content negotiation of PEP 691. */

import assert from "node:assert/strict";
import { negotiate } from "../../src/index/negotiate.ts";

const JSON_V1 = "application/vnd.pypi.simple.v1+json";
const HTML_V1 = "application/vnd.pypi.simple.v1+html";
const TEXT_HTML = "text/html; charset=utf-8";

Deno.test("each Accept header gets the representation PEP 691 asks for", () => {
  const cases: [string | null, string | null][] = [
    // pip's header
    [`${JSON_V1}, ${HTML_V1}; q=0.1, text/html; q=0.01`, JSON_V1],
    [null, TEXT_HTML],
    ["", TEXT_HTML],
    ["*/*", TEXT_HTML],
    ["text/*", TEXT_HTML],
    ["text/html", TEXT_HTML],
    [HTML_V1, HTML_V1],
    ["application/vnd.pypi.simple.latest+json", JSON_V1],
    ["application/vnd.pypi.simple.latest+html", HTML_V1],
    [`${JSON_V1};q=0.2, ${HTML_V1};q=0.9`, HTML_V1],
    [`${JSON_V1}, ${HTML_V1}`, JSON_V1],
    [`text/html;q=0.5, */*;q=0.1`, TEXT_HTML],
    [`${JSON_V1};q=0, */*`, TEXT_HTML],
    ["application/*", JSON_V1],
    ["APPLICATION/VND.PYPI.SIMPLE.V1+JSON", JSON_V1],
    ["application/json", null],
    [`${JSON_V1};q=0`, null],
    ["image/png, application/xml", null],
  ];
  for (const [accept, expected] of cases) {
    assert.equal(negotiate(accept)?.contentType ?? null, expected, String(accept));
  }
});
