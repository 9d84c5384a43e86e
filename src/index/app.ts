/**
 * The package index as a fetch handler (`Request` → `Response`): the same function
 * behind the Lambda Function URL (lambda_http.ts) and `deno task serve` (serve.ts).
 *
 * Routes (every one needs HTTP Basic credentials, else 401 with `WWW-Authenticate`):
 * - `/simple/`: the user's projects (their specs' latest records);
 * - `/simple/<project>/`: the project's wheels and sdists (PEP 503; PEP 691 JSON on
 *   request); a name that is not canonical redirects (301) to the canonical URL;
 * - `/simple/<project>/<file>`: 302 to a short-lived download URL;
 * - `/simple/<project>/<wheel>.metadata`: the wheel's core metadata (PEP 658).
 * A user only ever sees their own specs: another user's project is a 404, as is
 * anything unknown.
 *
 * @module
 */

import { canonicalizeName } from "../db/canonical_name.ts";
import type { SpecRecord } from "../db/specs.ts";
import type { Logger } from "../log.ts";
import { type Authenticator, CHALLENGE, type Principal } from "./auth.ts";
import { negotiate, type Representation } from "./negotiate.ts";
import type { PackageFiles } from "./package_files.ts";
import { projectHtml, projectJson, type ProjectLink, rootHtml, rootJson } from "./pages.ts";
import type { IndexFile, ProjectFiles } from "./project_files.ts";

/** What the index reads from the `Specs` table. */
export interface SpecsLookup {
  /** The latest record of each of a user's specs. */
  list(sub: string): Promise<SpecRecord[]>;
  /** The latest record of a spec (by any spelling of its id), or `null`. */
  get(sub: string, specId: string): Promise<SpecRecord | null>;
}

/** Dependencies of {@link createIndexApp}. */
export interface IndexAppOptions {
  /** Checks credentials. */
  authenticator: Authenticator;
  /** The `Specs` table. */
  specs: SpecsLookup;
  /** The package bucket. */
  files: PackageFiles;
  /** Projects' files (with their cached facts), over `files`. */
  projectFiles: ProjectFiles;
  /** One line per request. */
  logger?: Logger;
}

/** A fetch handler. */
export type IndexApp = (request: Request) => Promise<Response>;

/** A PEP 508 project name (what pip can ask for). */
const PROJECT_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/**
 * Creates the index.
 *
 * @example
 * ```ts
 * import { createIndexApp } from "./app.ts";
 * // const app = createIndexApp({ authenticator, specs, files, projectFiles });
 * // const response = await app(new Request("http://127.0.0.1:8080/simple/"));
 * ```
 */
export function createIndexApp(options: IndexAppOptions): IndexApp {
  return async (request) => {
    const started = performance.now();
    let principal: Principal | null = null;
    let response: Response;
    try {
      if (request.method !== "GET" && request.method !== "HEAD") {
        response = text(405, "Method not allowed\n", { allow: "GET, HEAD" });
      } else {
        principal = await options.authenticator.authenticate(request.headers.get("authorization"));
        response = principal === null
          ? text(
            401,
            "Unauthorized: use your public key and secret key as user name and password\n",
            {
              "www-authenticate": CHALLENGE,
            },
          )
          : await route(request, principal, options);
      }
    } catch (error) {
      options.logger?.error("index request failed", {
        path: new URL(request.url).pathname,
        errorType: (error as Error)?.name,
        errorMessage: (error as Error)?.message,
      });
      response = text(503, "The index cannot answer right now; try again\n", {
        "retry-after": "1",
      });
    }
    options.logger?.info("index request", {
      requestId: request.headers.get("x-request-id") ?? undefined,
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      sub: principal?.sub,
      durationMs: Math.round(performance.now() - started),
    });
    if (request.method === "HEAD") {
      return new Response(null, { status: response.status, headers: response.headers });
    }
    return response;
  };
}

async function route(
  request: Request,
  principal: Principal,
  options: IndexAppOptions,
): Promise<Response> {
  const path = new URL(request.url).pathname;
  if (path === "/") return redirect(301, "simple/");
  if (path === "/simple") return redirect(301, "simple/");
  if (!path.startsWith("/simple/")) return notFound();
  let segments: string[];
  try {
    segments = path.slice("/simple/".length).split("/").map(decodeURIComponent);
  } catch {
    return notFound();
  }
  if (segments.length === 1 && segments[0] === "") {
    return await rootPage(request, principal, options);
  }
  const [name, fileName, ...rest] = segments;
  if (rest.length > 0 || !PROJECT_NAME.test(name)) return notFound();
  const id = canonicalizeName(name);
  if (fileName === undefined) return redirect(301, `${encodeURIComponent(id)}/`);
  if (name !== id) {
    return redirect(301, `../${encodeURIComponent(id)}/${encodeURIComponent(fileName)}`);
  }
  const record = await options.specs.get(principal.sub, id);
  if (record === null) return notFound();
  const files = await options.projectFiles.list(`${record.sub}/${record.name}/`, id);
  if (fileName === "") return projectPage(request, id, files);
  return await fileResponse(fileName, files, options.files);
}

async function rootPage(
  request: Request,
  principal: Principal,
  options: IndexAppOptions,
): Promise<Response> {
  const representation = negotiate(request.headers.get("accept"));
  if (representation === null) return notAcceptable();
  const projects: ProjectLink[] = (await options.specs.list(principal.sub)).map((record) => ({
    name: record.name,
    id: record.id,
  }));
  const body = representation.format === "json" ? rootJson(projects) : rootHtml(projects);
  return page(representation, body);
}

function projectPage(request: Request, id: string, files: IndexFile[]): Response {
  const representation = negotiate(request.headers.get("accept"));
  if (representation === null) return notAcceptable();
  const body = representation.format === "json" ? projectJson(id, files) : projectHtml(id, files);
  return page(representation, body);
}

async function fileResponse(
  fileName: string,
  files: IndexFile[],
  packageFiles: PackageFiles,
): Promise<Response> {
  const file = files.find((item) => item.fileName === fileName);
  if (file !== undefined) {
    return redirect(302, await packageFiles.downloadUrl(file.key));
  }
  if (fileName.endsWith(".metadata")) {
    const wheel = files.find((item) => `${item.fileName}.metadata` === fileName);
    if (wheel?.coreMetadata) {
      return new Response(wheel.coreMetadata.bytes as Uint8Array<ArrayBuffer>, {
        headers: {
          "content-type": "text/plain; charset=utf-8",
          "cache-control": "private, no-store",
        },
      });
    }
  }
  return notFound();
}

function page(representation: Representation, body: string): Response {
  return new Response(body, {
    headers: {
      "content-type": representation.contentType,
      "cache-control": "private, no-store",
      vary: "Accept, Authorization",
    },
  });
}

function redirect(status: 301 | 302, location: string): Response {
  return new Response(null, {
    status,
    headers: { location, "cache-control": "private, no-store" },
  });
}

function notFound(): Response {
  return text(404, "Not found\n");
}

function notAcceptable(): Response {
  return text(
    406,
    "Not acceptable: this index answers application/vnd.pypi.simple.v1+json, " +
      "application/vnd.pypi.simple.v1+html and text/html\n",
  );
}

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });
}
