/**
 * Python type annotations for model properties, as OpenAlchemy writes them: for the
 * model protocol's columns, for the TypedDict fields and for the `__init__` and
 * `from_dict` arguments.
 *
 * @module
 */

import type {
  PropertyArtifacts,
  RelationshipPropertyArtifacts,
  SimplePropertyArtifacts,
} from "../../spec/artifacts/mod.ts";
import { isPythonName } from "../literal.ts";

/** A property that shows as a column (anything but a back reference written as one). */
export type ColumnProperty = Exclude<PropertyArtifacts, { type: "backref" }>;

const STRING_FORMAT_TYPES: Readonly<Record<string, string>> = {
  "binary": "bytes",
  "date": "datetime.date",
  "date-time": "datetime.datetime",
};

const OPTIONAL_PREFIX = "typing.Optional[";

/**
 * The forward reference to another model's protocol, `"T<Model>"`; `typing.Any` when
 * the model's name is not a Python identifier (such models are left out of the
 * models file, and a reference to them would not be a valid expression).
 */
export function modelReference(model: string): string {
  return isPythonName(model) ? `"T${model}"` : "typing.Any";
}

/**
 * Whether a column may hold `None`: `nullable` when given, otherwise unless it is
 * required, generated or defaulted (OpenAlchemy's `calculate_nullable`).
 */
export function isNullable(options: {
  nullable: boolean | undefined;
  generated: boolean;
  defaulted: boolean;
  required: boolean;
}): boolean {
  if (options.nullable !== undefined) return options.nullable;
  return !(options.required || options.generated || options.defaulted);
}

/** The Python type of a property that is not a back reference, on the model. */
export function modelType(property: ColumnProperty): string {
  if (property.type === "simple") return simpleModelType(property);
  if (property.type === "relationship") return relationshipModelType(property);
  return "typing.Any";
}

/** The Python type of any property in the model's TypedDict. */
export function typedDictType(property: PropertyArtifacts): string {
  if (property.type === "backref") {
    const inner = "typing.Dict[str, typing.Union[int, float, str, bool]]";
    return property.subType === "object"
      ? `typing.Optional[${inner}]`
      : `typing.Sequence[${inner}]`;
  }
  const type = modelType(property);
  if (property.type === "json") return type;
  if (property.type === "relationship") {
    return type.replaceAll(`T${property.parent}`, `${property.parent}Dict`);
  }
  return revertToString(type, property.openApi.format);
}

/** The Python type of a property (not a back reference) as an `__init__` argument. */
export function initArgType(property: ColumnProperty): string {
  const type = modelType(property);
  const optional = type.startsWith(OPTIONAL_PREFIX);
  if (property.type === "simple" && property.openApi.default !== undefined) {
    return optional ? type.slice(OPTIONAL_PREFIX.length, -1) : type;
  }
  if (!property.required && !optional) return `${OPTIONAL_PREFIX}${type}]`;
  return type;
}

/** The Python type of a property (not a back reference) as a `from_dict` argument. */
export function fromDictArgType(property: ColumnProperty): string {
  const type = initArgType(property);
  if (property.type === "relationship") {
    return type.replaceAll(`T${property.parent}`, `${property.parent}Dict`);
  }
  return type;
}

function simpleModelType(property: SimplePropertyArtifacts): string {
  const { openApi, extension } = property;
  const type = simplePythonType(openApi.type, openApi.format);
  const optional = isNullable({
    nullable: openApi.nullable,
    generated: extension.autoincrement === true,
    required: property.required,
    defaulted: openApi.default !== undefined || extension.serverDefault !== undefined,
  });
  return optional ? `${OPTIONAL_PREFIX}${type}]` : type;
}

function simplePythonType(type: string, format: string | undefined): string {
  if (type === "integer") return "int";
  if (type === "number") return "float";
  if (type === "boolean") return "bool";
  if (format !== undefined && Object.hasOwn(STRING_FORMAT_TYPES, format)) {
    return STRING_FORMAT_TYPES[format];
  }
  return "str";
}

function relationshipModelType(property: RelationshipPropertyArtifacts): string {
  const reference = modelReference(property.parent);
  if (property.subType === "one-to-many" || property.subType === "many-to-many") {
    return `typing.Sequence[${reference}]`;
  }
  const type = reference;
  const optional = isNullable({
    nullable: property.nullable,
    generated: false,
    required: property.required,
    defaulted: false,
  });
  return optional ? `${OPTIONAL_PREFIX}${type}]` : type;
}

/** TypedDicts hold binary, date and date-time values as strings. */
function revertToString(type: string, format: string | undefined): string {
  if (format === "binary") return type.replaceAll("bytes", "str");
  if (format === "date") return type.replaceAll("datetime.date", "str");
  if (format === "date-time") return type.replaceAll("datetime.datetime", "str");
  return type;
}
