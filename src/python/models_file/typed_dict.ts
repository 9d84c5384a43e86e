/**
 * The TypedDict classes of a model (`<Model>Dict`, and `_<Model>DictBase` for the
 * required keys when there are both required and optional keys).
 *
 * @module
 */

import type { PropertyArtifacts } from "../../spec/artifacts/mod.ts";
import { typedDictType } from "./types.ts";

/** What the TypedDicts of a model are made from: its name and its properties. */
export interface TypedDictModel {
  /** The model (class) name. */
  readonly name: string;
  /** The properties, in OpenAlchemy's order. */
  readonly properties: readonly (readonly [string, PropertyArtifacts])[];
}

/** One key of a TypedDict: its name and its Python type. */
export interface TypedDictField {
  /** The key (a property name). */
  readonly name: string;
  /** The Python type annotation. */
  readonly type: string;
}

/**
 * The source of the TypedDict classes of a model, each class preceded by two blank
 * lines and followed by a line break.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { typedDictSource } from "./typed_dict.ts";
 * assert.equal(
 *   typedDictSource({ name: "Pet", properties: [] }),
 *   '\n\nclass PetDict(typing.TypedDict, total=False):\n    """TypedDict for properties that are not required."""\n',
 * );
 * ```
 */
export function typedDictSource(model: TypedDictModel): string {
  const required = typedDictFields(model, true);
  const notRequired = typedDictFields(model, false);
  const dictName = `${model.name}Dict`;

  if (required.length > 0 && notRequired.length > 0) {
    const baseName = `_${model.name}DictBase`;
    return requiredClass(baseName, "typing.TypedDict", required) +
      notRequiredClass(dictName, baseName, notRequired);
  }
  if (required.length > 0) return requiredClass(dictName, "typing.TypedDict", required);
  return notRequiredClass(dictName, "typing.TypedDict", notRequired);
}

/** The TypedDict keys of a model that are (or are not) required, in property order. */
export function typedDictFields(model: TypedDictModel, required: boolean): TypedDictField[] {
  const fields: TypedDictField[] = [];
  for (const [name, property] of model.properties) {
    if (isRequired(property) !== required) continue;
    if (property.type === "simple" && property.extension.dictIgnore === true) continue;
    if (isWriteOnly(property)) continue;
    fields.push({ name, type: typedDictType(property) });
  }
  return fields;
}

function isRequired(property: PropertyArtifacts): boolean {
  return property.type !== "backref" && property.required;
}

function isWriteOnly(property: PropertyArtifacts): boolean {
  if (property.type === "backref") return false;
  const writeOnly = property.type === "relationship"
    ? property.writeOnly
    : property.openApi.writeOnly;
  return writeOnly === true;
}

function fieldLines(fields: readonly TypedDictField[]): string {
  return fields.map((field) => `\n    ${field.name}: ${field.type}`).join("");
}

function requiredClass(name: string, parent: string, fields: readonly TypedDictField[]): string {
  return `\n\nclass ${name}(${parent}, total=True):\n` +
    `    """TypedDict for properties that are required."""\n` +
    fieldLines(fields) + "\n";
}

function notRequiredClass(
  name: string,
  parent: string,
  fields: readonly TypedDictField[],
): string {
  const body = fields.length > 0 ? `\n${fieldLines(fields)}` : "";
  return `\n\nclass ${name}(${parent}, total=False):\n` +
    `    """TypedDict for properties that are not required."""${body}\n`;
}
