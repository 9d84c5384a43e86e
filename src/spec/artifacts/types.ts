/**
 * What OpenAlchemy knows about each model once the schemas are valid and processed: the
 * "schema artifacts" (OpenAlchemy 2.5 `open_alchemy.schemas.artifacts`), from which the
 * typed models file (`__init__.py`) is written.
 *
 * Naming follows OpenAlchemy's fields in camelCase (`read_only` → `readOnly`,
 * `foreign_key_property` → `foreignKeyProperty`). A field OpenAlchemy sets to `None` is
 * absent here (`undefined`); `null` never appears. Lists of `[name, value]` pairs keep
 * OpenAlchemy's iteration order, which decides the order of classes and attributes in
 * the generated Python.
 *
 * @module
 */

import { JsonFloat, type JsonObject, type JsonValue } from "../../json.ts";
import type { RelationshipKind } from "../schema/kind.ts";

/** A column default as OpenAPI allows it (`default:` of a simple property). */
export type ColumnDefault = string | number | bigint | JsonFloat | boolean;

/** Whether a value can be a column's default ({@link ColumnDefault}). */
export function isColumnDefault(value: JsonValue): value is ColumnDefault {
  return typeof value === "string" || typeof value === "number" || typeof value === "bigint" ||
    typeof value === "boolean" || value instanceof JsonFloat;
}

/** The kind of a property, as OpenAlchemy classifies it. */
export type { PropertyKind } from "../schema/kind.ts";

/** The four kinds of relationship. */
export type RelationshipSubType = RelationshipKind;

/** Whether a back reference holds one object or a list of them. */
export type BackrefSubType = "object" | "array";

// --- simple columns --------------------------------------------------------------------

/** The OpenAPI keys of a simple column (`type` integer, number, string or boolean). */
export interface OpenApiSimpleArtifacts {
  /** `type` (the non-null entry when `type` is a list). */
  readonly type: string;
  /** `format`, e.g. `int64`, `date-time`, `binary`. */
  readonly format?: string;
  /** `maxLength`. */
  readonly maxLength?: number | bigint;
  /** `nullable`, or `true` when `type` is a list that holds `"null"` (OpenAPI 3.1). */
  readonly nullable?: boolean;
  /** `default`. */
  readonly default?: ColumnDefault;
  /** `readOnly`. */
  readonly readOnly?: boolean;
  /** `writeOnly`. */
  readonly writeOnly?: boolean;
}

/** The extension keys (`x-…`, in either prefix) of a simple column. */
export interface ExtensionSimpleArtifacts {
  /** `x-primary-key` is `true` (false when absent). */
  readonly primaryKey: boolean;
  /** `x-autoincrement`. */
  readonly autoincrement?: boolean;
  /** `x-index`. */
  readonly index?: boolean;
  /** `x-unique`. */
  readonly unique?: boolean;
  /** `x-server-default`. */
  readonly serverDefault?: string;
  /** `x-foreign-key`, e.g. `division.id`. */
  readonly foreignKey?: string;
  /** `x-kwargs` (keyword arguments for the SQLAlchemy `Column`). */
  readonly kwargs?: JsonObject;
  /** `x-foreign-key-kwargs` (keyword arguments for the `ForeignKey`). */
  readonly foreignKeyKwargs?: JsonObject;
  /** `x-dict-ignore`. */
  readonly dictIgnore?: boolean;
}

/** A column of type integer, number, string or boolean. */
export interface SimplePropertyArtifacts {
  /** Discriminator. */
  readonly type: "simple";
  /** Whether the property is in the model's `required` list (parents' lists included). */
  readonly required: boolean;
  /** `description`. */
  readonly description?: string;
  /**
   * The column's schema as OpenAlchemy records it: `type`, then when present `format`,
   * `maxLength`, `description`, `nullable`, `default`, `readOnly`, `writeOnly`,
   * `x-dict-ignore` (in that key order).
   */
  readonly schema: JsonObject;
  /** The OpenAPI keys. */
  readonly openApi: OpenApiSimpleArtifacts;
  /** The extension keys. */
  readonly extension: ExtensionSimpleArtifacts;
}

// --- JSON columns ----------------------------------------------------------------------

/** The OpenAPI keys of a JSON column. */
export interface OpenApiJsonArtifacts {
  /** `nullable` (or `"null"` in a `type` list). */
  readonly nullable?: boolean;
  /** `readOnly`. */
  readonly readOnly?: boolean;
  /** `writeOnly`. */
  readonly writeOnly?: boolean;
}

/** The extension keys of a JSON column. */
export interface ExtensionJsonArtifacts {
  /** `x-primary-key` is `true`. */
  readonly primaryKey: boolean;
  /** `x-index`. */
  readonly index?: boolean;
  /** `x-unique`. */
  readonly unique?: boolean;
  /** `x-foreign-key`. */
  readonly foreignKey?: string;
  /** `x-kwargs`. */
  readonly kwargs?: JsonObject;
  /** `x-foreign-key-kwargs`. */
  readonly foreignKeyKwargs?: JsonObject;
}

/** A column stored as JSON (`x-json: true`). */
export interface JsonPropertyArtifacts {
  /** Discriminator. */
  readonly type: "json";
  /** Whether the property is in the model's `required` list. */
  readonly required: boolean;
  /** `description`. */
  readonly description?: string;
  /**
   * The property's schema with every `$ref` resolved and `allOf` merged (nested
   * properties and items too), extension keys removed, then `x-json: true` added.
   */
  readonly schema: JsonObject;
  /** The OpenAPI keys. */
  readonly openApi: OpenApiJsonArtifacts;
  /** The extension keys. */
  readonly extension: ExtensionJsonArtifacts;
}

// --- relationships ---------------------------------------------------------------------

/** What every relationship has. */
interface RelationshipArtifactsBase {
  /** Discriminator. */
  readonly type: "relationship";
  /** Whether the property is in the model's `required` list. */
  readonly required: boolean;
  /** The name of the referenced model (the schema the `$ref` names). */
  readonly parent: string;
  /** `x-backref`: the attribute the referenced model gets. */
  readonly backrefProperty?: string;
  /**
   * `x-kwargs` (keyword arguments for SQLAlchemy's `relationship`), as written: OpenAlchemy
   * reads it here without checking it, and the models file does not use it.
   */
  readonly kwargs?: JsonValue;
  /** `writeOnly`. */
  readonly writeOnly?: boolean;
  /**
   * `description` (not read from the referenced model), as written: OpenAlchemy does not
   * check its type here, and its models file shows it as Python's `str()` would.
   */
  readonly description?: JsonValue;
}

/** What many-to-one, one-to-one and one-to-many have: a foreign-key column. */
interface ForeignKeyArtifacts {
  /** The foreign key, `<table>.<column>`, e.g. `division.id`. */
  readonly foreignKey: string;
  /** The foreign-key property, e.g. `division_id` or `division_employees_id`. */
  readonly foreignKeyProperty: string;
}

/**
 * The schema OpenAlchemy records for an x-to-one relationship:
 * `{"type": "object", "x-de-$ref": <parent>}` then, when present, `description`,
 * `nullable`, `writeOnly`.
 */
export type ObjectRefSchema = JsonObject;

/**
 * The schema OpenAlchemy records for an x-to-many relationship:
 * `{"type": "array", "items": {"type": "object", "x-de-$ref": <parent>}}` then, when
 * present, `description`, `writeOnly`.
 */
export type ArrayRefSchema = JsonObject;

/** A many-to-one relationship (`type: object`, a `$ref` to another model). */
export interface ManyToOneRelationshipArtifacts
  extends RelationshipArtifactsBase, ForeignKeyArtifacts {
  /** Which relationship. */
  readonly subType: "many-to-one";
  /** See {@link ObjectRefSchema}. */
  readonly schema: ObjectRefSchema;
  /** `nullable`. */
  readonly nullable?: boolean;
}

/** A one-to-one relationship (an object with `x-uselist: false`). */
export interface OneToOneRelationshipArtifacts
  extends RelationshipArtifactsBase, ForeignKeyArtifacts {
  /** Which relationship. */
  readonly subType: "one-to-one";
  /** See {@link ObjectRefSchema}. */
  readonly schema: ObjectRefSchema;
  /** `nullable`. */
  readonly nullable?: boolean;
}

/** A one-to-many relationship (`type: array`, items a `$ref`, no `x-secondary`). */
export interface OneToManyRelationshipArtifacts
  extends RelationshipArtifactsBase, ForeignKeyArtifacts {
  /** Which relationship. */
  readonly subType: "one-to-many";
  /** See {@link ArrayRefSchema}. */
  readonly schema: ArrayRefSchema;
}

/** A many-to-many relationship (array items with `x-secondary`). */
export interface ManyToManyRelationshipArtifacts extends RelationshipArtifactsBase {
  /** Which relationship. */
  readonly subType: "many-to-many";
  /** See {@link ArrayRefSchema}. */
  readonly schema: ArrayRefSchema;
  /** `x-secondary`: the association table. */
  readonly secondary: string;
}

/** Any relationship. */
export type RelationshipPropertyArtifacts =
  | ManyToOneRelationshipArtifacts
  | OneToOneRelationshipArtifacts
  | OneToManyRelationshipArtifacts
  | ManyToManyRelationshipArtifacts;

// --- back references declared as properties --------------------------------------------

/** A `readOnly` object or array property: a back reference written in the spec. */
export interface BackrefPropertyArtifacts {
  /** Discriminator. */
  readonly type: "backref";
  /** OpenAlchemy records no `required` for a back reference. */
  readonly required?: undefined;
  /** `description`. */
  readonly description?: string;
  /** One object or a list. */
  readonly subType: BackrefSubType;
  /** The schema, references resolved and merged, extension keys removed. */
  readonly schema: JsonObject;
  /** The names of the properties the object (or each item) has. */
  readonly properties: readonly string[];
}

/** Any property of a model. */
export type PropertyArtifacts =
  | SimplePropertyArtifacts
  | JsonPropertyArtifacts
  | RelationshipPropertyArtifacts
  | BackrefPropertyArtifacts;

// --- models ----------------------------------------------------------------------------

/** One entry of `x-composite-index`, in its long form. */
export interface IndexArtifacts {
  /** The column names or SQL expressions. */
  readonly expressions: readonly string[];
  /** The index name. */
  readonly name?: string;
  /** Whether the index is unique. */
  readonly unique?: boolean;
}

/** One entry of `x-composite-unique`, in its long form. */
export interface UniqueArtifacts {
  /** The column names. */
  readonly columns: readonly string[];
  /** The constraint name. */
  readonly name?: string;
}

/** A back reference another model's relationship gives this model (`x-backrefs`). */
export interface ModelBackrefArtifacts {
  /** One object or a list. */
  readonly type: BackrefSubType;
  /** The model on the other side (whose relationship declares `x-backref`). */
  readonly child: string;
}

/** Everything OpenAlchemy records about one model. */
export interface ModelArtifacts {
  /** `x-tablename` (a single-table child has its parent's). */
  readonly tablename: string;
  /** `true` when `x-inherits` is `true` or a name, `false` when `false`, else absent. */
  readonly inherits?: boolean;
  /** The parent model's name when the model inherits. */
  readonly parent?: string;
  /** `description` of the model. */
  readonly description?: string;
  /** `x-mixins` as a list of dotted import paths. */
  readonly mixins?: readonly string[];
  /** `x-kwargs` of the model (`__table_args__` keyword arguments and the like). */
  readonly kwargs?: JsonObject;
  /** `x-composite-index`, every form turned into a list of {@link IndexArtifacts}. */
  readonly compositeIndex?: readonly IndexArtifacts[];
  /** `x-composite-unique`, every form turned into a list of {@link UniqueArtifacts}. */
  readonly compositeUnique?: readonly UniqueArtifacts[];
  /** `x-backrefs` added by processing, in OpenAlchemy's order, each name once. */
  readonly backrefs: readonly (readonly [string, ModelBackrefArtifacts])[];
  /**
   * The properties in OpenAlchemy's order, each name once. With
   * `stayWithinModel: false` (what the models file uses) an inheriting model lists its
   * parents' properties too.
   */
  readonly properties: readonly (readonly [string, PropertyArtifacts])[];
}

/** The artifacts of every model, in the order the schemas define them. */
export type ModelsArtifacts = ReadonlyMap<string, ModelArtifacts>;

/** Re-exported so users of the artifacts need one import. */
export type { JsonObject, JsonValue };
