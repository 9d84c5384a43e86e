/**
 * Foreign-key columns OpenAlchemy adds for relationships: a many-to-one or one-to-one
 * property `division` adds `division_id` to its model; a one-to-many property
 * `employees` of Division adds `division_employees_id` to the referenced model. The
 * columns are added as `{"allOf": [model, {"type": "object", "properties": {…}}]}`,
 * models in name order, unless the model already defines the column.
 *
 * @module
 */

import { isJsonObject, type JsonObject, type JsonValue, type Schemas } from "../../json.ts";
import { forEachPart, peekKey, peekLocal, resolveRef } from "../helpers/peek.ts";
import { modelNames, modelProperties, modelSchema } from "../validation/mod.ts";

type RelationshipKind = "many-to-one" | "one-to-one" | "one-to-many" | "many-to-many";

const SIMPLE = new Set(["integer", "number", "string", "boolean"]);

function typeOf(schema: JsonObject, schemas: Schemas): string | undefined {
  const type = peekKey(schema, schemas, "type");
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((item) => item !== "null") as string | undefined;
  return undefined;
}

/** The relationship kind of a property, or null for columns and backrefs. */
export function relationshipKind(schema: JsonObject, schemas: Schemas): RelationshipKind | null {
  if (peekKey(schema, schemas, "x-json") === true) return null;
  const type = typeOf(schema, schemas);
  if (type === undefined || SIMPLE.has(type)) return null;
  if (peekKey(schema, schemas, "readOnly") === true) return null;
  if (type === "object") {
    return peekLocal(schema, schemas, "x-uselist") === false ? "one-to-one" : "many-to-one";
  }
  const items = peekKey(schema, schemas, "items") as JsonObject;
  return peekKey(items, schemas, "x-secondary") !== undefined ? "many-to-many" : "one-to-many";
}

/** `[name, schema]` of the first `$ref` found (local, then through `allOf`). */
export function referenced(schema: JsonObject, schemas: Schemas): [string, JsonObject] {
  return resolveRef(peekKey(schema, schemas, "$ref"), schemas);
}

/** Every property of a schema (through `$ref` and `allOf`, parents included). */
export function allProperties(schema: JsonObject, schemas: Schemas): [string, JsonValue][] {
  const found = new Map<string, JsonValue>();
  forEachPart(schema, schemas, (part) => {
    if (!isJsonObject(part.properties)) return;
    for (const [name, value] of Object.entries(part.properties)) {
      if (!found.has(name)) found.set(name, value);
    }
  });
  return [...found.entries()];
}

function requiredNames(schema: JsonObject, schemas: Schemas): Set<string> {
  const names = new Set<string>();
  forEachPart(schema, schemas, (part) => {
    if (!Array.isArray(part.required)) return;
    for (const item of part.required) if (typeof item === "string") names.add(item);
  });
  return names;
}

interface ForeignKey {
  /** The model that gets the column. */
  model: string;
  name: string;
  schema: JsonObject;
}

function foreignKeyOf(
  schemas: Schemas,
  parentName: string,
  parent: JsonObject,
  propertyName: string,
  property: JsonObject,
  kind: "many-to-one" | "one-to-one" | "one-to-many",
): ForeignKey | null {
  const columnSource = kind === "one-to-many"
    ? peekKey(property, schemas, "items") as JsonObject
    : property;
  const columnValue = peekLocal(columnSource, schemas, "x-foreign-key-column");
  const column = typeof columnValue === "string" ? columnValue : "id";
  const target = kind === "one-to-many" ? parent : referenced(property, schemas)[1];
  const [modifyName, modifySchema] = kind === "one-to-many"
    ? referenced(peekKey(property, schemas, "items") as JsonObject, schemas)
    : [parentName, parent];
  const tablename = peekLocal(target, schemas, "x-tablename") as string;
  const name = kind === "one-to-many"
    ? `${tablename}_${propertyName}_${column}`
    : `${propertyName}_${column}`;
  if (allProperties(modifySchema, schemas).some(([existing]) => existing === name)) return null;
  const targetColumn = allProperties(target, schemas).find(([existing]) => existing === column);
  if (!targetColumn || !isJsonObject(targetColumn[1])) return null;
  const columnSchema = targetColumn[1];

  let nullable: boolean | undefined;
  let required: boolean | undefined;
  if (kind !== "one-to-many") {
    required = requiredNames(parent, schemas).has(propertyName);
    const value = peekKey(property, schemas, "nullable");
    nullable = typeof value === "boolean" ? value : undefined;
  }
  const defaultValue = peekKey(columnSchema, schemas, "default");
  const serverDefault = peekKey(columnSchema, schemas, "x-server-default");
  const defaulted = defaultValue !== undefined || serverDefault !== undefined;
  const isNullable = nullable ?? !(required || defaulted);

  const schema: JsonObject = {
    type: typeOf(columnSchema, schemas) ?? "integer",
    "x-dict-ignore": true,
    nullable: isNullable,
    "x-foreign-key": `${tablename}.${column}`,
  };
  const format = peekKey(columnSchema, schemas, "format");
  if (format !== undefined) schema.format = format;
  const maxLength = peekKey(columnSchema, schemas, "maxLength");
  if (maxLength !== undefined) schema.maxLength = maxLength;
  if (defaultValue !== undefined) schema.default = defaultValue;
  if (serverDefault !== undefined) schema["x-server-default"] = serverDefault;
  return { model: modifyName, name, schema };
}

/** Adds the foreign-key columns relationships need, as OpenAlchemy does. */
export function addForeignKeys(schemas: Schemas): void {
  const found: ForeignKey[] = [];
  for (const name of modelNames(schemas as Record<string, JsonObject>)) {
    const schema = modelSchema(schemas[name] as JsonObject, schemas);
    for (const [propertyName, property] of modelProperties(schema, schemas)) {
      if (!isJsonObject(property)) continue;
      const kind = relationshipKind(property, schemas);
      if (kind === null || kind === "many-to-many") continue;
      const key = foreignKeyOf(schemas, name, schema, propertyName, property, kind);
      if (key) found.push(key);
    }
  }
  const byModel = new Map<string, JsonObject>();
  const sorted = [...found].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  for (const key of sorted) {
    const properties = byModel.get(key.model) ?? {};
    properties[key.name] = key.schema;
    byModel.set(key.model, properties);
  }
  for (const [model, properties] of byModel) {
    schemas[model] = { allOf: [schemas[model], { type: "object", properties }] };
  }
}
