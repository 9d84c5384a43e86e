/** The index's routes, on local storage and the local database, with real archives. */

import assert from "node:assert/strict";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { TransientError } from "../../src/errors.ts";
import type { PackageFiles } from "../../src/index/package_files.ts";
import { runOk } from "../helpers/python.ts";
import { sha256Hex } from "../helpers/archives.ts";
import { get, withIndex } from "./fixture.ts";

const PROJECT = "/simple/employee-db/";
const WHEEL = "employee_db-1.1.0-py3-none-any.whl";

/** Anchors of an HTML page as Python's html.parser reads them: [text, attributes]. */
async function anchors(html: string): Promise<[string, Record<string, string>][]> {
  const script = `
import html.parser, json, sys
class Parser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.links = []; self.current = None
    def handle_starttag(self, tag, attrs):
        if tag == "a": self.current = [ "", dict(attrs) ]
    def handle_data(self, data):
        if self.current is not None: self.current[0] += data
    def handle_endtag(self, tag):
        if tag == "a" and self.current is not None: self.links.append(self.current); self.current = None
parser = Parser(); parser.feed(sys.stdin.read()); print(json.dumps(parser.links))`;
  return JSON.parse(await runOk("python3", ["-c", script], { stdin: html }));
}

Deno.test("every route needs valid credentials: 401 with a Basic challenge otherwise", () =>
  withIndex(async ({ app, user1, user2, credentials }) => {
    const wrong: Record<string, string>[] = [
      {},
      { authorization: "Bearer token" },
      { authorization: "Basic !!!" },
      { authorization: `Basic ${btoa("no-colon")}` },
      { authorization: `Basic ${btoa(`pk_unknown:${user1.secretKey}`)}` },
      { authorization: `Basic ${btoa(`${user1.publicKey}:${user2.secretKey}`)}` },
    ];
    for (
      const path of ["/", "/simple/", PROJECT, `${PROJECT}${WHEEL}`, `${PROJECT}${WHEEL}.metadata`]
    ) {
      for (const headers of wrong) {
        const response = await get(app, path, headers);
        await response.body?.cancel();
        assert.equal(response.status, 401, `${path} ${JSON.stringify(headers)}`);
        assert.equal(
          response.headers.get("www-authenticate"),
          'Basic realm="OpenAlchemy package index", charset="UTF-8"',
        );
      }
    }
    // Deleted credentials stop working at once.
    const auth = { authorization: `Basic ${btoa(`${user1.publicKey}:${user1.secretKey}`)}` };
    assert.equal((await get(app, "/simple/", auth)).status, 200);
    await credentials.deleteAll("user1");
    assert.equal((await get(app, "/simple/", auth)).status, 401);
  }));

Deno.test("the root page lists the user's projects only, as HTML or JSON", () =>
  withIndex(async ({ app, user1, user2, auth }) => {
    const html = await (await get(app, "/simple/", auth(user1))).text();
    assert.deepEqual(await anchors(html), [["employee-db", { href: "employee-db/" }]]);
    const json = await (await get(app, "/simple/", {
      ...auth(user2),
      accept: "application/vnd.pypi.simple.v1+json",
    })).json();
    assert.deepEqual(json, { meta: { "api-version": "1.1" }, projects: [{ name: "payroll" }] });
  }));

Deno.test("a project page links every archive with its sha256, Requires-Python and core metadata", () =>
  withIndex(async ({ app, user1, auth, bucketDir }) => {
    const response = await get(app, PROJECT, auth(user1));
    assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(response.headers.get("cache-control"), "private, no-store");
    const links = await anchors(await response.text());
    const folder = join(bucketDir, "user1", "employee-db");
    const names = [
      "employee_db-1.0.0-py3-none-any.whl",
      "employee_db-1.0.0.tar.gz",
      "employee_db-1.1.0-py3-none-any.whl",
      "employee_db-1.1.0.tar.gz",
    ];
    assert.deepEqual(links.map(([text]) => text), names);
    for (const [name, attributes] of links) {
      const bytes = await Deno.readFile(join(folder, name));
      assert.equal(attributes.href, `${name}#sha256=${await sha256Hex(bytes)}`);
      assert.equal(attributes["data-requires-python"], ">=3.8");
      if (name.endsWith(".whl")) {
        const metadata = Object.entries(unzipSync(bytes)).find(([path]) =>
          path.endsWith(".dist-info/METADATA")
        )![1];
        assert.equal(attributes["data-core-metadata"], `sha256=${await sha256Hex(metadata)}`);
        assert.equal(attributes["data-dist-info-metadata"], attributes["data-core-metadata"]);
        const served = await get(app, `${PROJECT}${name}.metadata`, auth(user1));
        assert.deepEqual(new Uint8Array(await served.arrayBuffer()), metadata);
      } else {
        assert.equal(attributes["data-core-metadata"], undefined);
        const missing = await get(app, `${PROJECT}${name}.metadata`, auth(user1));
        await missing.body?.cancel();
        assert.equal(missing.status, 404);
      }
    }
  }));

Deno.test("a project page as PEP 691 JSON, API 1.1: versions, sizes, hashes, core metadata", () =>
  withIndex(async ({ app, user1, auth, bucketDir }) => {
    const response = await get(app, PROJECT, {
      ...auth(user1),
      accept: "application/vnd.pypi.simple.v1+json, text/html;q=0.5",
    });
    assert.equal(response.headers.get("content-type"), "application/vnd.pypi.simple.v1+json");
    assert.match(response.headers.get("vary") ?? "", /Accept/);
    const page = await response.json();
    assert.deepEqual(page.meta, { "api-version": "1.1" });
    assert.equal(page.name, "employee-db");
    assert.deepEqual(page.versions, ["1.0.0", "1.1.0"]);
    const wheel = page.files.find((file: { filename: string }) => file.filename === WHEEL);
    const bytes = await Deno.readFile(join(bucketDir, "user1", "employee-db", WHEEL));
    const metadata = new Uint8Array(
      await (await get(app, `${PROJECT}${WHEEL}.metadata`, auth(user1))).arrayBuffer(),
    );
    assert.deepEqual(wheel, {
      filename: WHEEL,
      url: WHEEL,
      hashes: { sha256: await sha256Hex(bytes) },
      size: bytes.byteLength,
      "requires-python": ">=3.8",
      "core-metadata": { sha256: await sha256Hex(metadata) },
      "dist-info-metadata": { sha256: await sha256Hex(metadata) },
    });
    const sdist = page.files.find((file: { filename: string }) => file.filename.endsWith(".gz"));
    assert.equal(sdist["core-metadata"], undefined);
  }));

Deno.test("names that are not canonical, and missing slashes, redirect to the canonical URL", () =>
  withIndex(async ({ app, user1, auth }) => {
    const cases: [string, string][] = [
      ["/", "simple/"],
      ["/simple", "simple/"],
      ["/simple/employee-db", "employee-db/"],
      ["/simple/Employee_DB", "employee-db/"],
      ["/simple/Employee_DB/", "../employee-db/"],
      ["/simple/employee.db/", "../employee-db/"],
      [`/simple/EMPLOYEE--DB/${WHEEL}`, `../employee-db/${WHEEL}`],
    ];
    for (const [path, location] of cases) {
      const response = await get(app, path, auth(user1));
      assert.equal(response.status, 301, path);
      assert.equal(response.headers.get("location"), location, path);
      const followed = new URL(location, `http://index.test${path}`).pathname;
      assert.ok(["/simple/", PROJECT, `${PROJECT}${WHEEL}`].includes(followed), followed);
    }
  }));

Deno.test("another user's project, unknown projects and unknown files are 404", () =>
  withIndex(async ({ app, user1, user2, auth }) => {
    const paths = [
      ["/simple/payroll/", user1],
      ["/simple/payroll/payroll-3.0.0.tar.gz", user1],
      [PROJECT, user2],
      [`${PROJECT}${WHEEL}`, user2],
      ["/simple/unknown/", user1],
      [`${PROJECT}other-1.0.tar.gz`, user1],
      [`${PROJECT}1.0.0-spec.json`, user1],
      [`${PROJECT}employee_db-9.0.0.tar.gz`, user1],
      ["/simple/-bad-/", user1],
      ["/simple/a/b/c", user1],
      ["/elsewhere", user1],
      ["/simple/%E0%A4%A/", user1],
    ] as const;
    for (const [path, user] of paths) {
      const response = await get(app, path, auth(user));
      await response.body?.cancel();
      assert.equal(response.status, 404, path);
    }
  }));

Deno.test("a file redirects to a signed download URL that serves it for 60 seconds", () =>
  withIndex(async ({ app, files, user1, auth, bucketDir, clock }) => {
    const response = await get(app, `${PROJECT}${WHEEL}`, auth(user1));
    assert.equal(response.status, 302);
    const location = response.headers.get("location")!;
    assert.match(
      location,
      /^\/_local-files\/user1\/employee-db\/employee_db-1\.1\.0-py3-none-any\.whl\?expires=\d+&signature=[0-9a-f]{64}$/,
    );
    const download = await files.serve(new Request(`http://index.test${location}`));
    assert.equal(download.status, 200);
    assert.deepEqual(
      new Uint8Array(await download.arrayBuffer()),
      await Deno.readFile(join(bucketDir, "user1", "employee-db", WHEEL)),
    );
    const tampered = await files.serve(
      new Request(`http://index.test${location.replace("1.1.0", "1.0.0")}`),
    );
    await tampered.body?.cancel();
    assert.equal(tampered.status, 403);
    clock.now += 61_000;
    const expired = await files.serve(new Request(`http://index.test${location}`));
    await expired.body?.cancel();
    assert.equal(expired.status, 403);
  }));

Deno.test("HEAD answers as GET without a body; other methods are 405; unacceptable types 406", () =>
  withIndex(async ({ app, user1, auth }) => {
    const head = await get(app, PROJECT, auth(user1), "HEAD");
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
    const post = await get(app, PROJECT, auth(user1), "POST");
    await post.body?.cancel();
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET, HEAD");
    const xml = await get(app, PROJECT, { ...auth(user1), accept: "application/xml" });
    assert.equal(xml.status, 406);
    assert.match(await xml.text(), /application\/vnd\.pypi\.simple\.v1\+json/);
  }));

Deno.test("a storage fault answers 503 and is logged; an unreadable archive is left out", async () => {
  let failing = false;
  const faulty = (files: PackageFiles): PackageFiles => ({
    list: (prefix) => failing ? Promise.reject(new TransientError("injected")) : files.list(prefix),
    get: (key) => files.get(key),
    downloadUrl: (key) => files.downloadUrl(key),
  });
  await withIndex(async ({ app, user1, auth, logs, bucketDir }) => {
    await Deno.writeTextFile(
      join(bucketDir, "user1", "employee-db", "employee_db-9.0.0-py3-none-any.whl"),
      "not a zip",
    );
    const page = await (await get(app, PROJECT, {
      ...auth(user1),
      accept: "application/vnd.pypi.simple.v1+json",
    })).json();
    assert.deepEqual(page.versions, ["1.0.0", "1.1.0"]);
    assert.ok(logs.some((line) => line.message === "unreadable archive left out of the index"));
    failing = true;
    const response = await get(app, PROJECT, auth(user1));
    await response.body?.cancel();
    assert.equal(response.status, 503);
    assert.ok(logs.some((line) => line.message === "index request failed"));
  }, faulty);
});
