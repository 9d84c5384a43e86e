/**
 * The simple repository pages, as HTML (PEP 503, with PEP 592/658/714 attributes) and
 * as JSON (PEP 691, API version 1.1 of PEP 700). Pure: the files are given.
 *
 * Links are relative: a project page's file links are the file names, so the page, its
 * files and their `.metadata` (`<file>.metadata`, PEP 658) all live under
 * `/simple/<project>/`, wherever the index is mounted.
 *
 * @module
 */

import type { IndexFile } from "./project_files.ts";

/** The repository API version the pages declare (PEP 629, PEP 700). */
export const API_VERSION = "1.1";

/** A project of the root page. */
export interface ProjectLink {
  /** The name shown. */
  name: string;
  /** The canonical name (the URL segment). */
  id: string;
}

/** Escapes text for HTML content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

function htmlPage(title: string, links: string[]): string {
  return [
    "<!DOCTYPE html>",
    "<html>",
    "  <head>",
    `    <meta name="pypi:repository-version" content="${API_VERSION}">`,
    `    <title>${escapeHtml(title)}</title>`,
    "  </head>",
    "  <body>",
    `    <h1>${escapeHtml(title)}</h1>`,
    ...links.map((link) => `    ${link}<br>`),
    "  </body>",
    "</html>",
    "",
  ].join("\n");
}

/**
 * The root page (`/simple/`): one link per project.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rootHtml } from "./pages.ts";
 * const html = rootHtml([{ name: "Employee_DB", id: "employee-db" }]);
 * assert.ok(html.includes('<a href="employee-db/">Employee_DB</a>'));
 * ```
 */
export function rootHtml(projects: readonly ProjectLink[]): string {
  const links = projects.map((project) =>
    `<a href="${escapeHtml(encodeURIComponent(project.id))}/">${escapeHtml(project.name)}</a>`
  );
  return htmlPage("Simple index", links);
}

/** The root page as PEP 691 JSON. */
export function rootJson(projects: readonly ProjectLink[]): string {
  return JSON.stringify({
    meta: { "api-version": API_VERSION },
    projects: projects.map((project) => ({ name: project.name })),
  });
}

/**
 * A project page: one link per file, `#sha256=` of the file, `data-requires-python`, and
 * for wheels `data-core-metadata` (PEP 714) and `data-dist-info-metadata` (its PEP 658
 * spelling, for older pip) with the metadata's sha256.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { projectHtml } from "./pages.ts";
 * const html = projectHtml("employee", [{
 *   fileName: "employee-1.0.0.tar.gz", key: "u/employee/employee-1.0.0.tar.gz",
 *   kind: "sdist", version: "1.0.0", sha256: "ab", size: 10,
 *   requiresPython: ">=3.8", coreMetadata: null,
 * }]);
 * assert.ok(html.includes(
 *   '<a href="employee-1.0.0.tar.gz#sha256=ab" data-requires-python="&gt;=3.8">',
 * ));
 * ```
 */
export function projectHtml(projectId: string, files: readonly IndexFile[]): string {
  const links = files.map((file) => {
    const attributes = [
      `href="${escapeHtml(encodeURIComponent(file.fileName))}#sha256=${file.sha256}"`,
    ];
    if (file.requiresPython !== null) {
      attributes.push(`data-requires-python="${escapeHtml(file.requiresPython)}"`);
    }
    if (file.coreMetadata !== null) {
      const hash = `sha256=${file.coreMetadata.sha256}`;
      attributes.push(`data-core-metadata="${hash}"`, `data-dist-info-metadata="${hash}"`);
    }
    return `<a ${attributes.join(" ")}>${escapeHtml(file.fileName)}</a>`;
  });
  return htmlPage(`Links for ${projectId}`, links);
}

/** A project page as PEP 691 JSON (API version 1.1: `versions` and `size`). */
export function projectJson(projectId: string, files: readonly IndexFile[]): string {
  const versions = [...new Set(files.map((file) => file.version))].sort();
  return JSON.stringify({
    meta: { "api-version": API_VERSION },
    name: projectId,
    versions,
    files: files.map((file) => {
      const entry: Record<string, unknown> = {
        filename: file.fileName,
        url: encodeURIComponent(file.fileName),
        hashes: { sha256: file.sha256 },
        size: file.size,
      };
      if (file.requiresPython !== null) entry["requires-python"] = file.requiresPython;
      if (file.coreMetadata !== null) {
        const hashes = { sha256: file.coreMetadata.sha256 };
        entry["core-metadata"] = hashes;
        entry["dist-info-metadata"] = hashes;
      }
      return entry;
    }),
  });
}
