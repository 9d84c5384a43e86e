/**
 * Content negotiation of the simple repository API (PEP 691): JSON
 * (`application/vnd.pypi.simple.v1+json`) or HTML (`application/vnd.pypi.simple.v1+html`,
 * or `text/html`), chosen from the request's `Accept` header.
 *
 * @module
 */

/** A representation the index can answer with. */
export interface Representation {
  /** Which renderer. */
  format: "json" | "html";
  /** The response's `Content-Type`. */
  contentType: string;
}

/** The media type of PEP 691's JSON. */
export const JSON_V1 = "application/vnd.pypi.simple.v1+json";
/** The media type of PEP 691's HTML. */
export const HTML_V1 = "application/vnd.pypi.simple.v1+html";

interface Candidate {
  /** The media type a client may name. */
  type: string;
  representation: Representation;
}

const JSON_REPRESENTATION: Representation = { format: "json", contentType: JSON_V1 };
const HTML_REPRESENTATION: Representation = { format: "html", contentType: HTML_V1 };
const TEXT_HTML: Representation = { format: "html", contentType: "text/html; charset=utf-8" };

/** In order of preference when a client names several with the same quality. */
const CANDIDATES: Candidate[] = [
  { type: JSON_V1, representation: JSON_REPRESENTATION },
  { type: "application/vnd.pypi.simple.latest+json", representation: JSON_REPRESENTATION },
  { type: HTML_V1, representation: HTML_REPRESENTATION },
  { type: "application/vnd.pypi.simple.latest+html", representation: HTML_REPRESENTATION },
  { type: "text/html", representation: TEXT_HTML },
];

interface MediaRange {
  type: string;
  subtype: string;
  quality: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(",")) {
    const [mediaType, ...parameters] = part.split(";").map((item) => item.trim());
    const [type, subtype] = mediaType.toLowerCase().split("/");
    if (!type || !subtype) continue;
    let quality = 1;
    for (const parameter of parameters) {
      const [name, value] = parameter.split("=").map((item) => item.trim());
      if (name.toLowerCase() === "q") quality = Number(value);
    }
    if (Number.isFinite(quality)) ranges.push({ type, subtype, quality });
  }
  return ranges;
}

/** Quality and specificity (2 exact, 1 `type/*`, 0 `*\/*`) of the best range naming `type`. */
function match(ranges: MediaRange[], mediaType: string): { quality: number; specificity: number } {
  const [type, subtype] = mediaType.split("/");
  let best = { quality: 0, specificity: -1 };
  for (const range of ranges) {
    let specificity = -1;
    if (range.type === type && range.subtype === subtype) specificity = 2;
    else if (range.type === type && range.subtype === "*") specificity = 1;
    else if (range.type === "*" && range.subtype === "*") specificity = 0;
    if (specificity > best.specificity) best = { quality: range.quality, specificity };
  }
  return best;
}

/**
 * The representation for an `Accept` header: the acceptable candidate with the highest
 * quality, then the most specific match, then JSON before HTML; but among candidates
 * that only a wildcard accepts (curl's `*\/*`), `text/html`. No header: `text/html`.
 * `null` when nothing is acceptable (406).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { negotiate } from "./negotiate.ts";
 * const pip = "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; " +
 *   "q=0.1, text/html; q=0.01";
 * assert.equal(negotiate(pip)?.contentType, "application/vnd.pypi.simple.v1+json");
 * assert.equal(negotiate(null)?.contentType, "text/html; charset=utf-8");
 * assert.equal(negotiate("*\/*")?.contentType, "text/html; charset=utf-8");
 * assert.equal(negotiate("application/xml"), null);
 * ```
 */
export function negotiate(accept: string | null): Representation | null {
  if (accept === null || accept.trim() === "") return TEXT_HTML;
  const ranges = parseAccept(accept);
  const scored = CANDIDATES.map((candidate, order) => ({
    candidate,
    order,
    ...match(ranges, candidate.type),
  })).filter((item) => item.quality > 0 && item.specificity >= 0);
  if (scored.length === 0) return null;
  const quality = Math.max(...scored.map((item) => item.quality));
  const top = scored.filter((item) => item.quality === quality);
  const specificity = Math.max(...top.map((item) => item.specificity));
  const tied = top.filter((item) => item.specificity === specificity);
  if (specificity < 2) {
    const html = tied.find((item) => item.candidate.representation === TEXT_HTML);
    if (html !== undefined) return TEXT_HTML;
  }
  tied.sort((a, b) => a.order - b.order);
  return tied[0].candidate.representation;
}
