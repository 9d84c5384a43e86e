/**
 * Walking a model the way OpenAlchemy 2.5 does (`schemas/helpers/iterate.py`): the
 * properties, required names and `x-backrefs` a model collects through `$ref` and `allOf`, in OpenAlchemy's order.
 *
 * The order matters for byte-equal output: for one schema, the target of its `$ref`
 * comes first, then its `allOf` items that are not references (in order), then those
 * that are, and last the schema's own key. A name seen before is skipped.
 *
 * @module
 */

import {
  isJsonObject,
  JsonFloat,
  type JsonObject,
  type JsonValue,
  type Schemas,
} from "../../json.ts";
import { followRef, peekKey, SchemaProblem } from "./peek.ts";
import { inheritanceType, retrieveParent } from "./inheritance.ts";

export { constructable, constructables } from "./models.ts";

/** Which properties to collect for an inheriting model. */
export interface PropertiesOptions {
  /**
   * Leave out what comes from the parent model (single and joined table inheritance),
   * so each property is listed by one model only.
   * @default false
   */
  stayWithinModel?: boolean;
  /**
   * Leave out what comes from the parent model for joined table inheritance only (the
   * columns of the model's own table).
   * @default false
   */
  stayWithinTablename?: boolean;
}

/**
 * Every value of `properties` met while walking the model, in OpenAlchemy's order.
 * Nothing when the parent model to leave out cannot be worked out.
 */
export function propertiesValues(
  schema: JsonObject,
  schemas: Schemas,
  options: PropertiesOptions = {},
): JsonValue[] {
  return modelValues(schema, schemas, options, "properties");
}

/**
 * `[name, schema]` of each property of a model, first occurrence of a name winning.
 * Nothing when the parent model to leave out cannot be worked out.
 */
export function propertiesItems(
  schema: JsonObject,
  schemas: Schemas,
  options: PropertiesOptions = {},
): [string, JsonValue][] {
  return entriesOnce(propertiesValues(schema, schemas, options));
}

/**
 * Every value of `required` met while walking the model (parents' unless
 * `stayWithinModel`), lists or not.
 */
export function requiredValues(
  schema: JsonObject,
  schemas: Schemas,
  options: { stayWithinModel?: boolean } = {},
): JsonValue[] {
  return modelValues(schema, schemas, { stayWithinModel: options.stayWithinModel }, "required");
}

/** The names in the model's `required` lists (parents' lists unless `stayWithinModel`). */
export function requiredItems(
  schema: JsonObject,
  schemas: Schemas,
  options: { stayWithinModel?: boolean } = {},
): JsonValue[] {
  const names: JsonValue[] = [];
  for (const value of requiredValues(schema, schemas, options)) {
    if (Array.isArray(value)) names.push(...value);
  }
  return names;
}

/** `[name, schema]` of each entry of the model's `x-backrefs`, first occurrence winning. */
export function backrefsItems(schema: JsonObject, schemas: Schemas): [string, JsonValue][] {
  return entriesOnce(keyValues(schema, schemas, undefined, "x-backrefs"));
}

/**
 * The values of `key` met while walking a model, leaving out the parent the options say;
 * nothing when that parent cannot be worked out.
 */
function modelValues(
  schema: JsonObject,
  schemas: Schemas,
  options: PropertiesOptions,
  key: string,
): JsonValue[] {
  let skipName: string | undefined;
  try {
    skipName = parentToSkip(schema, schemas, options);
  } catch (error) {
    if (error instanceof SchemaProblem) return [];
    throw error;
  }
  return keyValues(schema, schemas, skipName, key);
}

/** The entries of the objects among `values`, the first occurrence of a name winning. */
function entriesOnce(values: readonly JsonValue[]): [string, JsonValue][] {
  // Most models have one `properties` (or `x-backrefs`): its entries are the answer.
  if (values.length === 1) return isJsonObject(values[0]) ? Object.entries(values[0]) : [];
  const found = new Map<string, JsonValue>();
  for (const value of values) {
    if (!isJsonObject(value)) continue;
    for (const [name, item] of Object.entries(value)) {
      if (!found.has(name)) found.set(name, item);
    }
  }
  return [...found.entries()];
}

/**
 * Follows `$ref` until a schema without one; a reference to `skipName` gives `{}`.
 *
 * @throws {SchemaProblem} for a malformed, dangling or circular reference.
 */
export function resolveChain(
  schema: JsonObject,
  schemas: Schemas,
  skipName?: string,
): [string, JsonObject] {
  let name = "";
  let current = schema;
  const seen = new Set<string>();
  while (current.$ref !== undefined && current.$ref !== null) {
    const [refName, target] = followRef(current.$ref, schemas, seen);
    if (refName === skipName) return [name, {}];
    name = refName;
    current = target;
  }
  return [name, current];
}

/** The parent model whose properties are left out, per the options. */
function parentToSkip(
  schema: JsonObject,
  schemas: Schemas,
  options: PropertiesOptions,
): string | undefined {
  if (!options.stayWithinModel && !options.stayWithinTablename) return undefined;
  const type = inheritanceType(schema, schemas);
  if (type === "none") return undefined;
  if (options.stayWithinModel) return retrieveParent(schema, schemas);
  return type === "joined" ? retrieveParent(schema, schemas) : undefined;
}

/** The values of `key` met while walking the schema, in OpenAlchemy's order. */
function keyValues(
  schema: JsonValue,
  schemas: Schemas,
  skipName: string | undefined,
  key: string,
): JsonValue[] {
  const values: JsonValue[] = [];
  collect(schema, schemas, skipName, key, values);
  return values;
}

/**
 * Appends the values of `key` in the schema and what it reaches. As in OpenAlchemy, a
 * reference that cannot be followed or an `allOf` that is not a list ends the walk of
 * that schema (its own key is then not read).
 */
function collect(
  schema: JsonValue,
  schemas: Schemas,
  skipName: string | undefined,
  key: string,
  values: JsonValue[],
): void {
  if (!isJsonObject(schema)) return;
  if (schema.$ref !== undefined && schema.$ref !== null) {
    let target: JsonObject;
    try {
      target = resolveChain(schema, schemas, skipName)[1];
    } catch (error) {
      if (error instanceof SchemaProblem) return;
      throw error;
    }
    collect(target, schemas, skipName, key, values);
  }
  const allOf = schema.allOf;
  if (allOf !== undefined && allOf !== null) {
    if (!Array.isArray(allOf)) return;
    const items = allOf.filter(isJsonObject);
    const isRef = (item: JsonObject) => truthy(peekKey(item, schemas, "$ref"));
    for (const item of items.filter((item) => !isRef(item))) {
      collect(item, schemas, skipName, key, values);
    }
    for (const item of items.filter(isRef)) collect(item, schemas, skipName, key, values);
  }
  const value = schema[key];
  if (value !== undefined && value !== null) values.push(value);
}

/** Python truthiness of a JSON value. */
export function truthy(value: JsonValue | undefined): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") {
    return false;
  }
  if (value instanceof JsonFloat) return value.value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isJsonObject(value)) return Object.keys(value).length > 0;
  return true;
}
