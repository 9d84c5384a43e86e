/**
 * What the models file generator needs to know about each model: the subset of the
 * schema artifacts (OpenAlchemy's `get_from_schemas(stay_within_model=False)`) that
 * shows in the typed models file.
 *
 * @module
 */

import type { JsonValue } from "../../json.ts";

/** A column of a plain OpenAPI type (integer, number, string, boolean). */
export interface SimpleProperty {
  /** Discriminator. */
  readonly kind: "simple";
  /** Whether the property is in the model's `required` list. */
  readonly required: boolean;
  /** The property's description, if any. */
  readonly description?: string;
  /** OpenAPI `type`. */
  readonly type: string;
  /** OpenAPI `format`, if any. */
  readonly format?: string;
  /** OpenAPI `nullable`, if given. */
  readonly nullable?: boolean;
  /** OpenAPI `default`, if given. */
  readonly default?: JsonValue;
  /** OpenAPI `readOnly`, if given. */
  readonly readOnly?: boolean;
  /** OpenAPI `writeOnly`, if given. */
  readonly writeOnly?: boolean;
  /** `x-autoincrement`, if given. */
  readonly autoincrement?: boolean;
  /** `x-server-default`, if given. */
  readonly serverDefault?: string;
  /** `x-dict-ignore`, if given. */
  readonly dictIgnore?: boolean;
}

/** A JSON column (`x-json`, or an object/array that is not a relationship). */
export interface JsonProperty {
  /** Discriminator. */
  readonly kind: "json";
  /** Whether the property is in the model's `required` list. */
  readonly required: boolean;
  /** The property's description, if any. */
  readonly description?: string;
  /** OpenAPI `nullable`, if given. */
  readonly nullable?: boolean;
  /** OpenAPI `readOnly`, if given. */
  readonly readOnly?: boolean;
  /** OpenAPI `writeOnly`, if given. */
  readonly writeOnly?: boolean;
}

/** The kinds of relationship OpenAlchemy distinguishes. */
export type RelationshipKind = "many-to-one" | "one-to-one" | "one-to-many" | "many-to-many";

/** A relationship to another model. */
export interface RelationshipProperty {
  /** Discriminator. */
  readonly kind: "relationship";
  /** Which kind of relationship. */
  readonly relationship: RelationshipKind;
  /** The name of the referenced model. */
  readonly parent: string;
  /** Whether the property is in the model's `required` list. */
  readonly required: boolean;
  /** The property's description, if any. */
  readonly description?: string;
  /** `nullable` of an x-to-one relationship, if given. */
  readonly nullable?: boolean;
  /** OpenAPI `writeOnly`, if given. */
  readonly writeOnly?: boolean;
}

/** A back reference declared in the model's properties (`readOnly` object/array). */
export interface BackrefProperty {
  /** Discriminator. */
  readonly kind: "backref";
  /** Whether it holds one object or an array of them. */
  readonly shape: "object" | "array";
  /** The property's description, if any. */
  readonly description?: string;
}

/** Any property of a model. */
export type ModelProperty =
  | SimpleProperty
  | JsonProperty
  | RelationshipProperty
  | BackrefProperty;

/** A back reference added to a model by another model's relationship (`x-backrefs`). */
export interface ModelBackref {
  /** Whether it holds one object or an array of them. */
  readonly shape: "object" | "array";
  /** The model on the other side. */
  readonly child: string;
}

/** One model (a schema with `x-tablename` or `x-inherits`). */
export interface ModelInput {
  /** The schema name, which becomes the class name. */
  readonly name: string;
  /** The model description, if any. */
  readonly description?: string;
  /** The properties, in OpenAlchemy's iteration order. */
  readonly properties: readonly (readonly [string, ModelProperty])[];
  /** The back references, in OpenAlchemy's iteration order. */
  readonly backrefs: readonly (readonly [string, ModelBackref])[];
}
