/**
 * The checks of one model, in OpenAlchemy's order: what a model must have (parent when
 * it inherits, table name, object type, properties), then its modifiers (required,
 * description, mixins, kwargs, keys only columns may have, composite index and unique).
 *
 * @module
 */

import {
  isJsonObject,
  type JsonObject,
  jsonText,
  type JsonValue,
  type Schemas,
} from "../../json.ts";
import { jsonTypeName, peekKey, SchemaProblem } from "../schema/peek.ts";
import { compositeEntries, type CompositeKey } from "../schema/composite.ts";
import { getParent } from "../schema/inheritance.ts";
import {
  propertiesItems,
  propertiesValues,
  requiredItems,
  requiredValues,
  truthy,
} from "../schema/iterate.ts";
import { schemaInherits } from "../schema/models.ts";
import { readType, stringKey } from "../schema/values.ts";

/** Keys that only a column may have. */
const COLUMN_ONLY_KEYS = [
  "x-primary-key",
  "x-autoincrement",
  "x-index",
  "x-unique",
  "x-foreign-key",
  "x-foreign-key-kwargs",
];

/**
 * Checks a model; its properties are checked separately.
 *
 * @returns The model's own properties (those it does not inherit), in OpenAlchemy's
 *   order.
 * @throws {SchemaProblem} for the first thing wrong with the model.
 */
export function checkModel(schema: JsonObject, schemas: Schemas): [string, JsonValue][] {
  const own = checkMandatory(schema, schemas);
  checkModifiers(schema, schemas, new Set(own.map(([name]) => name)));
  return own;
}

function checkMandatory(schema: JsonObject, schemas: Schemas): [string, JsonValue][] {
  const inherits = schemaInherits(schema, schemas);
  if (inherits) getParent(schema, schemas);
  const tablename = stringKey("x-tablename")(schema, schemas);
  if (tablename === undefined && !inherits) {
    throw new SchemaProblem("every model must define x-tablename");
  }
  if (readType(schema, schemas) !== "object") {
    throw new SchemaProblem("models must have the object type");
  }
  for (const value of propertiesValues(schema, schemas)) {
    if (!isJsonObject(value)) throw new SchemaProblem("value of properties must be a dictionary");
  }
  const own = propertiesItems(schema, schemas, { stayWithinModel: true });
  if (own.length === 0) throw new SchemaProblem("models must have at least 1 property themself");
  for (const [name, value] of propertiesItems(schema, schemas)) {
    if (!isJsonObject(value)) {
      throw new SchemaProblem(`${name} :: property values must be dictionaries`);
    }
  }
  return own;
}

function checkModifiers(schema: JsonObject, schemas: Schemas, own: Set<string>): void {
  checkRequired(schema, schemas, own);
  stringKey("description")(schema, schemas);
  checkMixins(schema, schemas);
  checkModelKwargs(schema, schemas);
  for (const key of COLUMN_ONLY_KEYS) {
    if (peekKey(schema, schemas, key) !== undefined) {
      throw new SchemaProblem(`models do not support the ${key} key`);
    }
  }
  checkComposite(schema, schemas, "x-composite-index");
  checkComposite(schema, schemas, "x-composite-unique");
}

/**
 * `required`: lists of property names. As in OpenAlchemy, an empty value that is not a
 * list (`""`, `{}`, `0`, `false`) reads as no list, and an item that is not a string is
 * reported as such only when it is not empty either.
 */
function checkRequired(schema: JsonObject, schemas: Schemas, names: Set<string>): void {
  const values = requiredValues(schema, schemas, { stayWithinModel: true });
  if (values.some((value) => !Array.isArray(value) && truthy(value))) {
    throw new SchemaProblem("value of required must be a list");
  }
  const items = requiredItems(schema, schemas, { stayWithinModel: true });
  if (items.some((item) => typeof item !== "string" && truthy(item))) {
    throw new SchemaProblem("required :: all items must be strings");
  }
  for (const item of items) {
    if (typeof item !== "string" || !names.has(item)) {
      throw new SchemaProblem(`required :: all items must be properties, ${textOf(item)} is not`);
    }
  }
}

/** A dotted import path of at least two identifiers (`module.Mixin`). */
const IMPORT_PATH = /^[\p{XID_Start}_]\p{XID_Continue}*(\.[\p{XID_Start}_]\p{XID_Continue}*)+$/u;

function checkMixins(schema: JsonObject, schemas: Schemas): void {
  const mixins = peekKey(schema, schemas, "x-mixins");
  if (mixins === undefined) return;
  const list = typeof mixins === "string" ? [mixins] : mixins;
  if (!Array.isArray(list) || list.length === 0) {
    throw new SchemaProblem("x-mixins must be a string or a non-empty list of strings");
  }
  for (const item of list) {
    if (typeof item !== "string" || !IMPORT_PATH.test(item)) {
      throw new SchemaProblem(
        `x-mixins :: ${jsonText(item)} is not a dotted import path like "module.Mixin"`,
      );
    }
  }
}

function checkModelKwargs(schema: JsonObject, schemas: Schemas): void {
  const kwargs = peekKey(schema, schemas, "x-kwargs");
  if (kwargs === undefined) return;
  if (!isJsonObject(kwargs)) {
    throw new SchemaProblem(`x-kwargs must be an object, not ${jsonTypeName(kwargs)}`);
  }
  for (const key of Object.keys(kwargs)) {
    if (!key.startsWith("__") || !key.endsWith("__")) {
      throw new SchemaProblem("models x-kwargs must have keys that start and end with __");
    }
  }
  if ("__table_args__" in kwargs) {
    throw new SchemaProblem("models x-kwargs cannot define __table_args__");
  }
}

/** The columns of a composite index or unique must be columns of the model's table. */
function checkComposite(schema: JsonObject, schemas: Schemas, key: CompositeKey): void {
  const value = peekKey(schema, schemas, key);
  if (value === undefined) return;
  const names = new Set(
    propertiesItems(schema, schemas, { stayWithinTablename: true }).map(([name]) => name),
  );
  for (const column of compositeEntries(value, key).flatMap((entry) => entry.columns)) {
    if (!names.has(column)) {
      const what = key === "x-composite-index" ? "expressions" : "columns";
      throw new SchemaProblem(`${key} :: all ${what} must be properties, ${column} is not`);
    }
  }
}

/** How an item of a list shows in a message: a string as it is, anything else as JSON. */
function textOf(item: JsonValue): string {
  return typeof item === "string" ? item : jsonText(item);
}
