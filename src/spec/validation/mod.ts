/**
 * OpenAlchemy's validation of a spec's schemas: the document shape, at least one model,
 * each model (table name, object type, properties, required, kwargs, composite
 * index/unique, keys only columns may have) and each property (type and format,
 * extension values and their types, defaults, JSON columns, relationships, backrefs).
 *
 * Every error names the schema and the property at fault.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { SpecValidationError } from "../../errors.ts";
import { jsonTypeName, peekKey, peekLocal, resolveRef, SchemaProblem } from "../schema/peek.ts";
import { inheritanceType } from "../schema/inheritance.ts";
import { constructable } from "../schema/models.ts";
import {
  peekString,
  readBool,
  readInteger,
  readNullable,
  readObject,
  readString,
  readType,
} from "../schema/values.ts";

const SIMPLE_TYPES = new Set(["integer", "number", "string", "boolean"]);
const TYPES = new Set([...SIMPLE_TYPES, "object", "array"]);
const VALID_FORMATS: Record<string, Set<string | undefined>> = {
  integer: new Set([undefined, "int32", "int64"]),
  number: new Set([undefined, "float"]),
  boolean: new Set([undefined]),
};
const COLUMN_ONLY_KEYS = [
  "x-primary-key",
  "x-autoincrement",
  "x-index",
  "x-unique",
  "x-foreign-key",
  "x-foreign-key-kwargs",
];
const RESERVED_COLUMN_KWARGS = [
  "nullable",
  "default",
  "server_default",
  "primary_key",
  "autoincrement",
  "index",
  "unique",
];

/**
 * Checks the whole spec and returns its `components.schemas`.
 *
 * @throws {SpecValidationError} naming schema and property at fault.
 */
export function validateSchemas(spec: JsonObject): Schemas {
  const components = spec.components;
  if (components === undefined || components === null) {
    throw new SpecValidationError("specification must define components", ["components"]);
  }
  if (!isJsonObject(components)) {
    throw new SpecValidationError("components value must be a dictionary", ["components"]);
  }
  const schemas = components.schemas;
  if (schemas === undefined || schemas === null) {
    throw new SpecValidationError("specification must define schemas", ["components", "schemas"]);
  }
  if (!isJsonObject(schemas)) {
    throw new SpecValidationError("schemas must be a dictionary", ["components", "schemas"]);
  }
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isJsonObject(schema)) {
      throw new SpecValidationError(`the value of ${name} must be a dictionary`, [name]);
    }
  }
  const models = modelNames(schemas as Record<string, JsonObject>);
  if (models.length === 0) {
    throw new SpecValidationError(
      "specification must define at least 1 schema with the x-tablename key",
      ["components", "schemas"],
    );
  }
  const context = modelContext(models, schemas);
  for (const name of models) checkModel(name, schemas, context);
  checkUniqueTablenames(models, schemas, context);
  return schemas;
}

/** What the model checks need to know about every model. */
interface ModelContext {
  /** Model name → the schema the model is built from (top-level `$ref` followed). */
  schema: Map<string, JsonObject>;
  /** Table name → model names. */
  byTable: Map<string, string[]>;
}

/** The schema a model is built from: a top-level `$ref` stands for its target. */
export function modelSchema(schema: JsonObject, schemas: Schemas): JsonObject {
  let current = schema;
  const seen = new Set<string>();
  while (current.$ref !== undefined && current.$ref !== null) {
    const ref = current.$ref;
    if (typeof ref === "string") {
      if (seen.has(ref)) throw new SchemaProblem("circular reference detected");
      seen.add(ref);
    }
    current = resolveRef(ref, schemas)[1];
  }
  return current;
}

function modelContext(models: string[], schemas: Schemas): ModelContext {
  const context: ModelContext = { schema: new Map(), byTable: new Map() };
  for (const name of models) {
    const schema = at([name], () => modelSchema(schemas[name] as JsonObject, schemas));
    context.schema.set(name, schema);
    let tablename: JsonValue | undefined;
    try {
      // The model's own table name wins over one reached through a parent's $ref.
      tablename = peekLocal(schema, schemas, "x-tablename");
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error;
    }
    if (typeof tablename === "string") {
      context.byTable.set(tablename, [...(context.byTable.get(tablename) ?? []), name]);
    }
  }
  return context;
}

/** Two models may share a table only through single-table inheritance. */
function checkUniqueTablenames(models: string[], schemas: Schemas, context: ModelContext): void {
  for (const [tablename, names] of context.byTable) {
    // A schema that is only a $ref to another model is that model, not a second one.
    const distinct = names.filter((name, index) =>
      names.findIndex((other) => context.schema.get(other) === context.schema.get(name)) === index
    );
    const owners = distinct.filter((name) => {
      const inherits = peekKey(context.schema.get(name)!, schemas, "x-inherits");
      return inherits === undefined || inherits === false;
    });
    if (owners.length > 1) {
      throw new SpecValidationError(
        `x-tablename "${tablename}" is also the table of ${owners[0]}; only a model that ` +
          "inherits (x-inherits) may share its parent's table",
        [owners[1]],
      );
    }
  }
  void models;
}

/** Names of the models a schema references through `$ref` / `allOf` (its parents). */
function parentModels(schema: JsonObject, schemas: Schemas): string[] {
  const parents: string[] = [];
  const seen = new Set<string>();
  const visit = (current: JsonObject) => {
    const ref = current.$ref;
    if (typeof ref === "string" && !seen.has(ref)) {
      seen.add(ref);
      const [name, target] = resolveRef(ref, schemas);
      if (isModelSchema(target, schemas)) parents.push(name);
      else visit(target);
    }
    if (Array.isArray(current.allOf)) {
      for (const item of current.allOf) if (isJsonObject(item)) visit(item);
    }
  };
  visit(schema);
  return parents;
}

function checkInherits(schema: JsonObject, schemas: Schemas): void {
  const inherits = peekKey(schema, schemas, "x-inherits");
  if (inherits === undefined || inherits === false) return;
  const parents = parentModels(schema, schemas);
  if (parents.length === 0) {
    throw new SchemaProblem(
      "x-inherits is set but the schema references no parent model (put the parent's $ref in allOf)",
    );
  }
  if (typeof inherits === "string" && !parents.includes(inherits)) {
    throw new SchemaProblem(
      `x-inherits names ${JSON.stringify(inherits)}, which is not a model this schema references`,
    );
  }
}

/** Runs a check, turning a SchemaProblem into a SpecValidationError at `path`. */
function at<T>(path: string[], check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof SchemaProblem) throw new SpecValidationError(error.message, path);
    throw error;
  }
}

/** Names of the schemas that become models: a table name, or inheritance. */
export function modelNames(schemas: Record<string, JsonObject>): string[] {
  const names: string[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    // OpenAlchemy skips schemas whose model-ness cannot be read (a broken $ref, …).
    let isModel = false;
    try {
      isModel = isModelSchema(schema, schemas);
    } catch (error) {
      if (!(error instanceof SchemaProblem)) throw error;
    }
    if (isModel) names.push(name);
  }
  return names;
}

/** Whether a schema (reached by reference) defines a model. */
function isModelSchema(schema: JsonObject, schemas: Schemas): boolean {
  const tablename = peekKey(schema, schemas, "x-tablename");
  const inherits = peekKey(schema, schemas, "x-inherits");
  return tablename !== undefined || (inherits !== undefined && inherits !== false);
}

/**
 * The properties of a model, following `$ref` and `allOf`, without those of a parent
 * model it inherits from.
 */
export function modelProperties(schema: JsonObject, schemas: Schemas): [string, JsonValue][] {
  const inherits = peekKey(schema, schemas, "x-inherits");
  const stayWithin = inherits !== undefined && inherits !== false;
  const found = new Map<string, JsonValue>();
  const seen = new Set<string>();
  const visit = (current: JsonObject, top: boolean) => {
    const properties = current.properties;
    if (properties !== undefined && properties !== null) {
      if (!isJsonObject(properties)) {
        throw new SchemaProblem("value of properties must be a dictionary");
      }
      for (const [name, value] of Object.entries(properties)) {
        if (!found.has(name)) found.set(name, value);
      }
    }
    const ref = current.$ref;
    if (ref !== undefined && ref !== null) {
      if (typeof ref === "string") {
        if (seen.has(ref)) throw new SchemaProblem("circular reference detected");
        seen.add(ref);
      }
      const [, target] = resolveRef(ref, schemas);
      if (!top && stayWithin && isModelSchema(target, schemas)) return;
      visit(target, false);
    }
    const allOf = current.allOf;
    if (allOf !== undefined && allOf !== null) {
      if (!Array.isArray(allOf)) throw new SchemaProblem("the value of allOf must be a list");
      for (const item of allOf) {
        if (!isJsonObject(item)) throw new SchemaProblem("the items of allOf must be objects");
        visit(item, false);
      }
    }
  };
  visit(schema, true);
  return [...found.entries()];
}

function checkModel(name: string, schemas: Schemas, context: ModelContext): void {
  const schema = context.schema.get(name)!;
  const path = [name];
  const properties = at(path, () => {
    const tablename = peekKey(schema, schemas, "x-tablename");
    if (tablename === undefined) throw new SchemaProblem("every model must define x-tablename");
    if (typeof tablename !== "string") {
      throw new SchemaProblem(`x-tablename must be a string, not ${jsonTypeName(tablename)}`);
    }
    const inherits = peekKey(schema, schemas, "x-inherits");
    if (inherits !== undefined && typeof inherits !== "string" && typeof inherits !== "boolean") {
      throw new SchemaProblem(
        `x-inherits must be a string or a boolean, not ${jsonTypeName(inherits)}`,
      );
    }
    const type = peekKey(schema, schemas, "type");
    if (type !== "object") throw new SchemaProblem("models must have the object type");
    checkInherits(schema, schemas);
    const properties = modelProperties(schema, schemas);
    if (properties.length === 0) {
      throw new SchemaProblem("models must have at least 1 property themself");
    }
    for (const [property, value] of properties) {
      if (!isJsonObject(value)) {
        throw new SchemaProblem(`${property} :: property values must be dictionaries`);
      }
    }
    checkRequired(schema, schemas, new Set(properties.map(([property]) => property)));
    peekString(schema, schemas, "description");
    checkMixins(schema, schemas);
    checkModelKwargs(schema, schemas);
    for (const key of COLUMN_ONLY_KEYS) {
      if (peekKey(schema, schemas, key) !== undefined) {
        throw new SchemaProblem(`models do not support the ${key} key`);
      }
    }
    const names = new Set(properties.map(([property]) => property));
    checkComposite(schema, schemas, "x-composite-index", names);
    checkComposite(schema, schemas, "x-composite-unique", names);
    return properties;
  });
  for (const [property, value] of properties) {
    at([name, property], () => checkProperty(value as JsonObject, schemas, name, context));
  }
}

function checkRequired(schema: JsonObject, schemas: Schemas, names: Set<string>): void {
  const required = peekKey(schema, schemas, "required");
  // An empty value (``, {}, 0, false) reads as no required list, as in OpenAlchemy.
  if (required === undefined || !truthy(required)) return;
  if (!Array.isArray(required)) throw new SchemaProblem("value of required must be a list");
  for (const item of required) {
    if (typeof item !== "string") throw new SchemaProblem("required :: all items must be strings");
    if (!names.has(item)) {
      throw new SchemaProblem(`required :: all items must be properties, ${item} is not`);
    }
  }
}

function truthy(value: JsonValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

function checkMixins(schema: JsonObject, schemas: Schemas): void {
  const mixins = peekKey(schema, schemas, "x-mixins");
  if (mixins === undefined) return;
  const list = typeof mixins === "string" ? [mixins] : mixins;
  if (!Array.isArray(list) || list.length === 0) {
    throw new SchemaProblem("x-mixins must be a string or a non-empty list of strings");
  }
  for (const item of list) {
    if (typeof item !== "string" || !/^[A-Za-z_][\w]*(\.[A-Za-z_]\w*)+$/.test(item)) {
      throw new SchemaProblem(
        `x-mixins :: ${JSON.stringify(item)} is not a dotted import path like "module.Mixin"`,
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

/** Columns named by a composite index/unique spec, checking its shape. */
function compositeColumns(value: JsonValue, key: string): string[] {
  const fail = (): never => {
    throw new SchemaProblem(
      `${key} must be a list of column names, a list of such lists, or objects with ` +
        "expressions/columns",
    );
  };
  const ofItem = (item: JsonValue): string[] => {
    if (typeof item === "string") return [item];
    if (Array.isArray(item)) {
      if (item.length === 0 || !item.every((entry) => typeof entry === "string")) fail();
      return item as string[];
    }
    if (isJsonObject(item)) {
      const columns = item.expressions ?? item.columns;
      if (!Array.isArray(columns) || columns.length === 0) fail();
      if (!(columns as JsonValue[]).every((entry) => typeof entry === "string")) fail();
      for (const extra of ["name", "unique"]) {
        if (
          extra in item && item[extra] !== null &&
          typeof item[extra] !== (extra === "name" ? "string" : "boolean")
        ) fail();
      }
      return columns as string[];
    }
    return fail();
  };
  if (!Array.isArray(value) && !isJsonObject(value)) fail();
  if (isJsonObject(value)) return ofItem(value);
  const list = value as JsonValue[];
  if (list.length === 0) fail();
  if (list.every((item) => typeof item === "string")) return list as string[];
  return list.flatMap(ofItem);
}

function checkComposite(
  schema: JsonObject,
  schemas: Schemas,
  key: "x-composite-index" | "x-composite-unique",
  names: Set<string>,
): void {
  const value = peekKey(schema, schemas, key);
  if (value === undefined) return;
  for (const column of compositeColumns(value, key)) {
    if (!names.has(column)) {
      const what = key === "x-composite-index" ? "expressions" : "columns";
      throw new SchemaProblem(`${key} :: all ${what} must be properties, ${column} is not`);
    }
  }
}

/** A boolean read the plain way (local, then `$ref`, then `allOf`). */
function peekBool(schema: JsonObject, schemas: Schemas, key: string): boolean | undefined {
  const value = peekKey(schema, schemas, key);
  if (value !== undefined && typeof value !== "boolean") {
    throw new SchemaProblem(`${key} must be a boolean, not ${jsonTypeName(value)}`);
  }
  return value;
}

function checkProperty(
  schema: JsonObject,
  schemas: Schemas,
  model: string,
  context: ModelContext,
): void {
  const type = readType(schema, schemas);
  if (!TYPES.has(type)) throw new SchemaProblem(`${type} is not a supported type`);
  const json = peekBool(schema, schemas, "x-json");
  const readOnly = peekBool(schema, schemas, "readOnly");
  peekBool(schema, schemas, "writeOnly");
  const items = peekKey(schema, schemas, "items");
  if (items !== undefined && !isJsonObject(items)) {
    throw new SchemaProblem(`items must be an object, not ${jsonTypeName(items)}`);
  }
  if (json === true || SIMPLE_TYPES.has(type)) {
    if (peekKey(schema, schemas, "x-backref") !== undefined) {
      throw new SchemaProblem("x-backref is only for relationships (object or array of a model)");
    }
  }
  if (json === true) return checkJson(schema, schemas);
  if (SIMPLE_TYPES.has(type)) return checkSimple(schema, schemas, type);
  if (readOnly === true) return checkBackref(schema, schemas, type);
  return checkRelationship(schema, schemas, type, model, context);
}

function checkColumnModifiers(schema: JsonObject, schemas: Schemas): void {
  readNullable(schema, schemas);
  readString(schema, schemas, "description");
  for (const key of ["x-primary-key", "x-index", "x-unique", "x-dict-ignore"]) {
    readBool(schema, schemas, key);
  }
  const kwargs = readObject(schema, schemas, "x-kwargs");
  if (kwargs) {
    const reserved = RESERVED_COLUMN_KWARGS.find((key) => key in kwargs);
    if (reserved) throw new SchemaProblem(`x-kwargs :: may not contain the ${reserved} key`);
  }
  const foreignKey = readString(schema, schemas, "x-foreign-key");
  const foreignKeyKwargs = readObject(schema, schemas, "x-foreign-key-kwargs");
  if (foreignKeyKwargs !== undefined && foreignKey === undefined) {
    throw new SchemaProblem("x-foreign-key-kwargs :: can only be defined alongside x-foreign-key");
  }
}

/** Property names of a model, its parents' included. */
function allPropertyNames(name: string, schemas: Schemas, context: ModelContext): Set<string> {
  const schema = context.schema.get(name);
  if (!schema) return new Set();
  const names = new Set(modelProperties(schema, schemas).map(([property]) => property));
  for (const parent of parentModels(schema, schemas)) {
    for (const property of allPropertyNames(parent, schemas, context)) names.add(property);
  }
  return names;
}

function checkSimple(schema: JsonObject, schemas: Schemas, type: string): void {
  const format = readString(schema, schemas, "format");
  if (type !== "string" && !VALID_FORMATS[type].has(format)) {
    throw new SchemaProblem(`${format} format is not supported for ${type}`);
  }
  const formatText = format === undefined ? "" : ` ${format} format`;
  const maxLength = readInteger(schema, schemas, "maxLength");
  if (
    maxLength !== undefined && (type !== "string" || format === "date" || format === "date-time")
  ) {
    throw new SchemaProblem(`${type}${formatText} does not support maxLength`);
  }
  const autoincrement = readBool(schema, schemas, "x-autoincrement");
  if (autoincrement !== undefined && type !== "integer") {
    throw new SchemaProblem(`${type}${formatText} does not support x-autoincrement`);
  }
  checkColumnModifiers(schema, schemas);
  readString(schema, schemas, "x-server-default");
  const value = peekKey(schema, schemas, "default");
  if (value !== undefined && !conforms(value, type, maxLength)) {
    throw new SchemaProblem(
      `the default value does not conform to the schema, the value is ${JSON.stringify(value)}`,
    );
  }
}

function conforms(value: JsonValue, type: string, maxLength: number | undefined): boolean {
  switch (type) {
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "boolean":
      return typeof value === "boolean";
    default:
      return typeof value === "string" &&
        (maxLength === undefined || [...value].length <= maxLength);
  }
}

function checkJson(schema: JsonObject, schemas: Schemas): void {
  checkColumnModifiers(schema, schemas);
  if (peekKey(schema, schemas, "x-autoincrement") !== undefined) {
    throw new SchemaProblem('json properties do not support "x-autoincrement"');
  }
  if (peekKey(schema, schemas, "x-server-default") !== undefined) {
    throw new SchemaProblem('json properties do not support "x-server-default"');
  }
}

function checkBackref(schema: JsonObject, schemas: Schemas, type: string): void {
  readString(schema, schemas, "description");
  if (type === "array") {
    const items = peekKey(schema, schemas, "items");
    if (!isJsonObject(items)) throw new SchemaProblem("items must be an object");
  }
}

/** The model a relationship points at (through `$ref` / `allOf`). */
function relatedModel(schema: JsonObject, schemas: Schemas): string {
  const direct = schema.$ref;
  if (direct !== undefined) {
    const [name, target] = resolveRef(direct, schemas);
    if (constructable(target, schemas)) return name;
    // An alias ($ref to a model) or a plain schema is not a model OpenAlchemy can relate to.
    throw new SchemaProblem(
      `the relationship references ${name}, which is not a model (no x-tablename of its own)`,
    );
  }
  const allOf = schema.allOf;
  if (Array.isArray(allOf)) {
    for (const item of allOf) {
      if (isJsonObject(item) && item.$ref !== undefined) return relatedModel(item, schemas);
    }
  }
  throw new SchemaProblem("a relationship must reference a model with $ref");
}

function primaryKeys(name: string, schemas: Schemas, context: ModelContext): string[] {
  const schema = context.schema.get(name);
  if (!schema) return [];
  const keys: string[] = [];
  for (const [property, value] of modelProperties(schema, schemas)) {
    if (isJsonObject(value) && peekKey(value, schemas, "x-primary-key") === true) {
      keys.push(property);
    }
  }
  // A joined-table child has its own table and so its own key; a single-table child
  // (or a model without a key of its own) uses its parent's.
  if (keys.length > 0 && inheritanceType(schema, schemas) === "joined") return keys;
  for (const parent of parentModels(schema, schemas)) {
    keys.push(...primaryKeys(parent, schemas, context));
  }
  return keys;
}

function requireColumn(
  model: string,
  column: string,
  schemas: Schemas,
  context: ModelContext,
  role: string,
): void {
  if (!allPropertyNames(model, schemas, context).has(column)) {
    throw new SchemaProblem(
      `${role} needs the column ${JSON.stringify(column)} on ${model}, which it does not have ` +
        "(set x-foreign-key-column to an existing property)",
    );
  }
}

function checkRelationship(
  schema: JsonObject,
  schemas: Schemas,
  type: string,
  model: string,
  context: ModelContext,
): void {
  readString(schema, schemas, "description");
  readNullable(schema, schemas);
  readString(schema, schemas, "x-backref");
  readObject(schema, schemas, "x-kwargs");
  if (type === "array") {
    const items = peekKey(schema, schemas, "items");
    if (items === undefined) throw new SchemaProblem("array relationships must define items");
    if (!isJsonObject(items)) throw new SchemaProblem("items must be an object");
    const secondary = readString(items, schemas, "x-secondary");
    if (secondary === undefined && peekKey(items, schemas, "x-secondary") !== undefined) {
      // OpenAlchemy ignores the siblings of a $ref here and then fails to build the table.
      throw new SchemaProblem(
        "x-secondary beside a $ref is ignored; put it in allOf with the $ref",
      );
    }
    const column = readString(items, schemas, "x-foreign-key-column") ?? "id";
    readString(items, schemas, "x-backref");
    readObject(items, schemas, "x-kwargs");
    const target = relatedModel(items, schemas);
    if (secondary !== undefined) {
      for (const side of [model, target]) {
        if (primaryKeys(side, schemas, context).length !== 1) {
          throw new SchemaProblem(
            `a many-to-many relationship (x-secondary) needs exactly one primary key on ${side}`,
          );
        }
      }
    } else {
      requireColumn(model, column, schemas, context, "a one-to-many relationship");
    }
    return;
  }
  readBool(schema, schemas, "x-uselist");
  const column = readString(schema, schemas, "x-foreign-key-column") ?? "id";
  const target = relatedModel(schema, schemas);
  requireColumn(target, column, schemas, context, "a many-to-one relationship");
}
