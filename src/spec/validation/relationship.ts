/**
 * The checks of a relationship property, as OpenAlchemy 2.5 makes them: first the
 * property itself (an object, or an array of objects, referencing a model; where each
 * extension key may go; no key twice in an `allOf`), then what the relationship needs
 * of the models on both sides (the foreign key's target column, a foreign-key property
 * already defined, the primary keys of a many-to-many's sides, a back reference
 * property already defined).
 *
 * @module
 */

import {
  isJsonObject,
  isPythonNumber,
  type JsonObject,
  type JsonValue,
  pythonEquals,
  pythonNumberText,
  type Schemas,
} from "../../json.ts";
import { peekKey, preferLocal, type Reader, SchemaProblem } from "../schema/peek.ts";
import { referenced, refOf } from "../schema/relationship.ts";
import { type RelationshipKind, relationshipKindOf } from "../schema/kind.ts";
import { propertiesItems, propertiesValues } from "../schema/iterate.ts";
import { constructable } from "../schema/models.ts";
import {
  boolKey,
  checkedNullable,
  defaultOf,
  integerKey,
  objectKey,
  readType,
  stringKey,
} from "../schema/values.ts";
import { checkModel } from "./model.ts";
import { checkSimple } from "./simple.ts";

/** Where a relationship property sits. */
export interface RelationshipPlace {
  /** All schemas. */
  readonly schemas: Schemas;
  /** The name of the model that has the property. */
  readonly model: string;
  /** The schema of the model that has the property. */
  readonly modelSchema: JsonObject;
  /** The property's name. */
  readonly propertyName: string;
}

/**
 * Checks a relationship property.
 *
 * @throws {SchemaProblem} for the first thing wrong with it.
 */
export function checkRelationship(schema: JsonObject, place: RelationshipPlace): void {
  const { schemas } = place;
  checkRelationshipType(schema, schemas);
  if (readType(schema, schemas) === "object") checkObject(schema, schemas);
  else checkArray(schema, schemas);
  checkSides(schema, place);
}

// --- the property itself ---------------------------------------------------------------

function checkRelationshipType(schema: JsonObject, schemas: Schemas): void {
  const type = readType(schema, schemas);
  if (type !== "object" && type !== "array") {
    throw new SchemaProblem("a relationship must be an object or an array");
  }
  if (preferLocal(boolKey("x-json"), schema, schemas) === true) {
    throw new SchemaProblem("the property is JSON");
  }
}

/** An x-to-one relationship, or the items of an x-to-many one. */
function checkObject(schema: JsonObject, schemas: Schemas, where = ""): void {
  if (refOf(schema, schemas) === undefined) {
    throw new SchemaProblem(`${where}not a reference to another object`);
  }
  const [name, target] = referenced(schema, schemas);
  if (!constructable(target, schemas)) {
    throw new SchemaProblem(
      `${where}the relationship references ${name}, which is not a model ` +
        "(no x-tablename of its own)",
    );
  }
  const local = <T>(read: Reader<T>) => preferLocal(read, schema, schemas);
  local(checkedNullable);
  local(stringKey("description"));
  local(boolKey("writeOnly"));
  const backref = local(stringKey("x-backref"));
  const uselist = local(boolKey("x-uselist"));
  if (uselist === false && backref === undefined) {
    throw new SchemaProblem(`${where}a one-to-one relationship must define a back reference`);
  }
  local(stringKey("x-foreign-key-column"));
  const kwargs = local(objectKey("x-kwargs"));
  for (const key of ["backref", "secondary"]) {
    if (kwargs !== undefined && Object.hasOwn(kwargs, key)) {
      throw new SchemaProblem(`${where}x-kwargs may not contain the ${key} key`);
    }
  }
  checkAllOfDuplicates(schema, where);
}

/** No key may be given twice among the items of a relationship's `allOf`. */
function checkAllOfDuplicates(schema: JsonObject, where: string): void {
  const allOf = schema.allOf;
  if (allOf === undefined || allOf === null || allOf === "") return;
  if (!Array.isArray(allOf)) {
    if (isJsonObject(allOf) && Object.keys(allOf).length === 0) return;
    throw new SchemaProblem(`${where}the value of allOf must be a list`);
  }
  const seen = new Set<string>();
  for (const item of allOf) {
    if (!isJsonObject(item)) throw new SchemaProblem(`${where}the items of allOf must be objects`);
    for (const key of Object.keys(item)) {
      if (seen.has(key)) throw new SchemaProblem(`${where}multiple ${key} defined in allOf`);
    }
    for (const key of Object.keys(item)) seen.add(key);
  }
}

/** Keys that belong on the items of an x-to-many relationship, not on the array. */
const ITEMS_ONLY_KEYS = [
  "x-secondary",
  "x-backref",
  "x-foreign-key-column",
  "x-kwargs",
  "x-uselist",
];

function checkArray(schema: JsonObject, schemas: Schemas): void {
  stringKey("description")(schema, schemas);
  boolKey("writeOnly")(schema, schemas);
  for (const key of ITEMS_ONLY_KEYS) {
    if (peekKey(schema, schemas, key) !== undefined) {
      throw new SchemaProblem(
        `${key} cannot be defined on x-to-many relationship property root (put it in items)`,
      );
    }
  }
  const items = objectKey("items")(schema, schemas);
  if (items === undefined) throw new SchemaProblem("array relationships must define items");
  const where = "items :: ";
  const itemsType = readType(items, schemas);
  if (itemsType !== "object" && itemsType !== "array") {
    throw new SchemaProblem(`${where}a relationship must be an object`);
  }
  if (preferLocal(boolKey("x-json"), items, schemas) === true) {
    throw new SchemaProblem(`${where}the property is JSON`);
  }
  if (itemsType !== "object") throw new SchemaProblem(`${where}type not an object`);
  if (checkedNullable(items, schemas) === true) {
    throw new SchemaProblem("x-to-many relationships are not nullable");
  }
  if (boolKey("x-uselist")(items, schemas) === false) {
    throw new SchemaProblem("x-to-many relationships do not support x-uselist False");
  }
  checkObject(items, schemas, where);
  if (stringKey("x-secondary")(items, schemas) !== undefined) {
    if (stringKey("x-foreign-key-column")(items, schemas) !== undefined) {
      throw new SchemaProblem("many-to-many relationship does not support x-foreign-key-column");
    }
  }
}

// --- what the relationship needs of the models on both sides -----------------------

function itemsOf(schema: JsonObject, schemas: Schemas): JsonObject {
  const items = objectKey("items")(schema, schemas);
  if (items === undefined) throw new SchemaProblem("array relationships must define items");
  return items;
}

/** The schema a relationship (or its items) references. */
function referencedSchema(schema: JsonObject, schemas: Schemas): JsonObject {
  return referenced(schema, schemas)[1];
}

function checkSides(schema: JsonObject, place: RelationshipPlace): void {
  const { schemas, modelSchema } = place;
  const kind = relationshipKindOf(schema, schemas);
  if (kind === "many-to-many") {
    atSide("source schema", () => checkManyToManySide(modelSchema, schemas));
    const target = referencedSchema(itemsOf(schema, schemas), schemas);
    atSide("referenced schema", () => checkManyToManySide(target, schemas));
  } else {
    checkForeignKey(kind, schema, place);
  }
  const backrefProblem = backrefPropertyProblem(schema, kind, place);
  if (backrefProblem !== undefined) {
    throw new SchemaProblem(`backref property :: ${backrefProblem}`);
  }
}

/** Runs a check of one side, naming the side in what it finds. */
function atSide(side: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof SchemaProblem) throw new SchemaProblem(`${side} :: ${error.message}`);
    throw error;
  }
}

/** A side of a many-to-many relationship: a valid model with one simple primary key. */
function checkManyToManySide(schema: JsonObject, schemas: Schemas): void {
  checkModel(schema, schemas);
  const keys = propertiesItems(schema, schemas, { stayWithinTablename: true }).filter((
    [, value],
  ) => isJsonObject(value) && boolKey("x-primary-key")(value, schemas) === true);
  if (keys.length === 0) throw new SchemaProblem("schema must have a primary key");
  if (keys.length > 1) {
    throw new SchemaProblem(
      "many-to-many relationships currently only support single primary key schemas",
    );
  }
  const [[name, key]] = keys;
  if (isJsonObject(key)) {
    const problem = simpleProblem(key, schemas);
    if (problem !== undefined) throw new SchemaProblem(`${name} property :: ${problem}`);
  }
}

/**
 * A many-to-one, one-to-one or one-to-many relationship: the model the foreign key
 * points at is valid and has the column; a foreign-key property already defined on the
 * model that gets it matches that column.
 */
function checkForeignKey(
  kind: Exclude<RelationshipKind, "many-to-many">,
  schema: JsonObject,
  place: RelationshipPlace,
): void {
  const { schemas, modelSchema, propertyName } = place;
  const oneToMany = kind === "one-to-many";
  const holder = oneToMany ? itemsOf(schema, schemas) : schema;
  const column = preferLocal(stringKey("x-foreign-key-column"), holder, schemas) ?? "id";
  const [targetName, target] = oneToMany ? [place.model, modelSchema] : referenced(schema, schemas);
  atSide("foreign key target schema", () => checkModel(target, schemas));
  const modify = oneToMany ? referencedSchema(holder, schemas) : modelSchema;
  const tablename = preferLocal(stringKey("x-tablename"), target, schemas);
  if (tablename === undefined) {
    throw new SchemaProblem("the model the foreign key points at has no table name of its own");
  }
  const foreignKeyProperty = oneToMany
    ? `${tablename}_${propertyName}_${column}`
    : `${propertyName}_${column}`;

  const targetColumn = propertiesItems(target, schemas, { stayWithinTablename: true })
    .find(([name]) => name === column)?.[1];
  if (targetColumn === undefined) {
    throw new SchemaProblem(
      `a ${kind} relationship needs the column ${JSON.stringify(column)} on ${targetName}, ` +
        "which it does not have (set x-foreign-key-column to an existing property)",
    );
  }
  if (!isJsonObject(targetColumn)) {
    throw new SchemaProblem(`${column} property :: property values must be dictionaries`);
  }
  const columnProblem = simpleProblem(targetColumn, schemas);
  if (columnProblem !== undefined) {
    throw new SchemaProblem(`${column} property :: ${columnProblem}`);
  }
  checkDefinedForeignKey(
    foreignKeyProperty,
    targetColumn,
    modify,
    `${tablename}.${column}`,
    schemas,
  );
}

/** The foreign-key property, when the model already defines it, matches its target. */
function checkDefinedForeignKey(
  name: string,
  targetColumn: JsonObject,
  modify: JsonObject,
  foreignKey: string,
  schemas: Schemas,
): void {
  const defined = propertiesItems(modify, schemas, { stayWithinTablename: true })
    .find(([property]) => property === name)?.[1];
  if (defined === undefined) return;
  if (!isJsonObject(defined)) {
    throw new SchemaProblem(`${name} property :: property values must be dictionaries`);
  }
  const problem = simpleProblem(defined, schemas);
  if (problem !== undefined) throw new SchemaProblem(`${name} property :: ${problem}`);
  const mismatch = mismatchOf(targetColumn, defined, schemas, [
    "type",
    "format",
    "maxLength",
    "default",
  ]);
  if (mismatch !== undefined) throw new SchemaProblem(`${name} :: ${mismatch}`);
  const actual = stringKey("x-foreign-key")(defined, schemas);
  if (actual === undefined) throw new SchemaProblem(`${name} must define a foreign key`);
  if (actual !== foreignKey) {
    throw new SchemaProblem(
      `the x-foreign-key of ${name} is wrong, expected ${foreignKey}, the actual is ${actual}`,
    );
  }
}

/** The keys compared between a column and a property that must match it. */
type MatchedKey = "type" | "format" | "maxLength" | "default";

const MATCHED_READERS: Record<
  MatchedKey,
  (schema: JsonObject, schemas: Schemas) => JsonValue | undefined
> = {
  type: (schema, schemas) => readType(schema, schemas),
  format: stringKey("format"),
  maxLength: integerKey("maxLength"),
  default: (schema, schemas) => defaultOf(schema, schemas),
};

/**
 * The first of `keys` whose value (read preferring the schema's own `allOf` items)
 * differs between the two schemas, described; `undefined` when all match.
 */
export function mismatchOf(
  expected: JsonObject,
  actual: JsonObject,
  schemas: Schemas,
  keys: readonly MatchedKey[],
): string | undefined {
  for (const key of keys) {
    const read = MATCHED_READERS[key];
    const want = preferLocal(read, expected, schemas);
    const have = preferLocal(read, actual, schemas);
    if (!pythonEquals(want, have)) {
      const describe = (value: JsonValue | undefined, absent: string) =>
        value === undefined
          ? absent
          : `"${isPythonNumber(value) ? pythonNumberText(value) : String(value)}"`;
      return `${key} :: expected ${describe(want, "not to be defined")}, actual is ${
        describe(have, "not defined")
      }`;
    }
  }
  return undefined;
}

/** What the simple-column checks find wrong with a schema, if anything. */
function simpleProblem(schema: JsonObject, schemas: Schemas): string | undefined {
  try {
    checkSimple(schema, schemas);
    return undefined;
  } catch (error) {
    if (error instanceof SchemaProblem) return error.message;
    throw error;
  }
}

// --- a back reference property already defined on the other model ------------------

/** The type a back reference property must have, per relationship kind. */
const BACKREF_TYPE: Record<RelationshipKind, string> = {
  "many-to-one": "array",
  "one-to-one": "object",
  "one-to-many": "object",
  "many-to-many": "array",
};

/**
 * When the referenced model already defines the property the back reference would add,
 * what is wrong with it (it must be a readOnly property of the right shape whose
 * properties are the model's own).
 */
function backrefPropertyProblem(
  schema: JsonObject,
  kind: RelationshipKind,
  place: RelationshipPlace,
): string | undefined {
  const { schemas } = place;
  const holder = kind === "one-to-many" || kind === "many-to-many"
    ? itemsOf(schema, schemas)
    : schema;
  const backref = backrefOf(schema, schemas);
  if (backref === undefined) return undefined;
  const existing = propertiesItems(holder, schemas).find(([name]) => name === backref)?.[1];
  if (existing === undefined) return undefined;
  try {
    if (!isJsonObject(existing)) throw new SchemaProblem("property values must be dictionaries");
    return existingBackrefProblem(existing, kind, place);
  } catch (error) {
    if (error instanceof SchemaProblem) return `malformed schema :: ${error.message}`;
    throw error;
  }
}

/** `x-backref` of a relationship (of its items, for an array). */
function backrefOf(schema: JsonObject, schemas: Schemas): string | undefined {
  const items = objectKey("items")(schema, schemas);
  if (items !== undefined) return backrefOf(items, schemas);
  return stringKey("x-backref")(schema, schemas);
}

function existingBackrefProblem(
  property: JsonObject,
  kind: RelationshipKind,
  place: RelationshipPlace,
): string | undefined {
  const { schemas } = place;
  if (!boolKey("readOnly")(property, schemas)) return "the property must be readOnly";
  const type = readType(property, schemas);
  const expected = BACKREF_TYPE[kind];
  if (type !== expected) return `unexpected type, expected ${expected} actual ${type}`;
  if (expected === "array") {
    const items = objectKey("items")(property, schemas);
    if (items === undefined) return "items must be defined";
    const problem = backrefPropertiesProblem(items, place);
    return problem === undefined ? undefined : `items :: properties :: ${problem}`;
  }
  const problem = backrefPropertiesProblem(property, place);
  return problem === undefined ? undefined : `properties :: ${problem}`;
}

/** The properties of a back reference must be properties of the model, alike. */
function backrefPropertiesProblem(
  backref: JsonObject,
  place: RelationshipPlace,
): string | undefined {
  const { schemas, modelSchema, propertyName } = place;
  if (readType(backref, schemas) !== "object") {
    return "the back reference schema must be an object";
  }
  for (const value of propertiesValues(backref, schemas)) {
    if (!isJsonObject(value)) return "value of properties must be a dictionary";
  }
  const items = propertiesItems(backref, schemas);
  if (items.some(([name]) => name === propertyName)) {
    return "properties cannot contain the property name of the relationship to avoid " +
      "circular references";
  }
  const modelProperties = new Map(propertiesItems(modelSchema, schemas));
  const missing = items.find(([name]) => !modelProperties.has(name));
  if (missing !== undefined) return `could not find ${missing[0]} in the model schema`;
  for (const [name, value] of items) {
    if (!isJsonObject(value)) return `${name} :: property values must be dictionaries`;
  }
  for (const key of ["type", "format", "maxLength", "default"] as const) {
    for (const [name, value] of items) {
      const reference = modelProperties.get(name);
      if (!isJsonObject(reference) || !isJsonObject(value)) continue;
      const mismatch = mismatchOf(reference, value, schemas, [key]);
      if (mismatch !== undefined) return `${name} :: ${mismatch}`;
    }
  }
  return undefined;
}
