/**
 * Docstring texts of the model protocol: the class docstring (description and
 * attributes) and the `__init__` / `from_dict` docstrings (arguments), laid out and
 * wrapped as OpenAlchemy lays them out. The texts returned here are docstring values;
 * {@link docstringBody} makes them safe to put between triple quotes.
 *
 * @module
 */

import { wrapText } from "../text_wrap.ts";

/** A documented column: its name and its description, if any. */
export interface DocumentedColumn {
  /** The column (property or back reference) name. */
  readonly name: string;
  /** The description, if any. */
  readonly description?: string;
}

/** What the model's docstrings are made from. */
export interface DocstringSource {
  /** The model name. */
  readonly name: string;
  /** The model description, if any. */
  readonly description?: string;
  /** The columns of the protocol, in order. */
  readonly columns: readonly DocumentedColumn[];
}

const DEFAULT_DOCSTRING = "SQLAlchemy model protocol.";

/**
 * The docstring of the `T<Model>` protocol class.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { modelDocstring } from "./docstrings.ts";
 * assert.equal(modelDocstring({ name: "Employee", columns: [] }), "SQLAlchemy model protocol.");
 * ```
 */
export function modelDocstring(source: DocstringSource): string {
  const empty = source.columns.length === 0;
  if (source.description === undefined && empty) return DEFAULT_DOCSTRING;

  let text = `\n    ${DEFAULT_DOCSTRING}`;
  if (source.description !== undefined) {
    text += `\n\n    ${wrapText(source.description, 75).join("\n    ")}`;
  }
  if (!empty) {
    const attributes = source.columns.map((column) =>
      columnDoc(column, source.name, { first: 71, rest: 67, separator: "\n            " })
    );
    text += `\n\n    Attrs:\n        ${attributes.join("\n        ")}`;
  }
  return `${text}\n\n    `;
}

/** The docstring of `__init__`. */
export function initDocstring(source: DocstringSource): string {
  return functionDocstring(source, "Construct.");
}

/** The docstring of `from_dict`. */
export function fromDictDocstring(source: DocstringSource): string {
  return functionDocstring(
    source,
    "Construct from a dictionary (eg. a POST payload).",
    "Model instance based on the dictionary.",
  );
}

function functionDocstring(
  source: DocstringSource,
  summary: string,
  returns?: string,
): string {
  const empty = source.columns.length === 0;
  if (empty && returns === undefined) return summary;
  const returnsDoc = returns === undefined ? "" : `Returns:\n            ${returns}\n\n        `;
  if (empty) return `\n        ${summary}\n\n        ${returnsDoc}`;

  const args = argumentDocs(source);
  return `\n        ${summary}\n\n        Args:\n            ${
    args.join("\n            ")
  }\n\n        ${returnsDoc}`;
}

const argumentDocsCache = new WeakMap<DocstringSource, string[]>();

/** The `Args:` entries, shared by `__init__` and `from_dict`. */
function argumentDocs(source: DocstringSource): string[] {
  let docs = argumentDocsCache.get(source);
  if (docs === undefined) {
    docs = source.columns.map((column) =>
      columnDoc(column, source.name, { first: 67, rest: 63, separator: "\n                " })
    );
    argumentDocsCache.set(source, docs);
  }
  return docs;
}

interface ColumnLayout {
  readonly first: number;
  readonly rest: number;
  readonly separator: string;
}

/** `name: description`, first line wrapped at one width and the rest at another. */
function columnDoc(column: DocumentedColumn, modelName: string, layout: ColumnLayout): string {
  const description = column.description ?? `The ${column.name} of the ${modelName}.`;
  let lines = wrapText(`${column.name}: ${description}`, layout.first);
  if (lines.length > 1) {
    lines = [lines[0], ...wrapText(lines.slice(1).join(" "), layout.rest)];
  }
  return lines.join(layout.separator);
}
