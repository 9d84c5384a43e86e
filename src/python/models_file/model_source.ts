/**
 * The source of one model in the models file: its TypedDicts, the `T<Model>` protocol
 * (columns, `__init__`, `from_dict`, `from_str`, `to_dict`, `to_str`) and the
 * `<Model>` alias bound to the runtime model.
 *
 * @module
 */

import { SpecValidationError } from "../../errors.ts";
import { assertPythonName, docstringBody } from "../literal.ts";
import { defaultSource } from "./defaults.ts";
import {
  type DocstringSource,
  fromDictDocstring,
  initDocstring,
  modelDocstring,
} from "./docstrings.ts";
import type { ModelInput, ModelProperty } from "./input.ts";
import { typedDictFields, typedDictSource } from "./typed_dict.ts";
import { fromDictArgType, initArgType, modelType } from "./types.ts";

/** A column of the protocol: name, Python type and description. */
export interface ProtocolColumn {
  /** The attribute name. */
  readonly name: string;
  /** The Python type inside `sqlalchemy.Column[...]`. */
  readonly type: string;
  /** The description, if any. */
  readonly description?: string;
}

/** An argument of `__init__` / `from_dict`. */
export interface ProtocolArgument {
  /** The parameter name. */
  readonly name: string;
  /** The annotation in `__init__`. */
  readonly initType: string;
  /** The annotation in `from_dict`. */
  readonly fromDictType: string;
  /** The default value as Python source (only used for optional arguments). */
  readonly default: string;
  /** Whether the argument is left out of `from_dict`. */
  readonly readOnly: boolean;
}

/**
 * The source of one model: TypedDicts, protocol class and alias, without a trailing
 * line break.
 *
 * @throws {SpecValidationError} when a name that must appear in the source is not a
 *   usable Python identifier, or when a default value cannot be written.
 */
export function modelSource(model: ModelInput): string {
  assertPythonName(model.name, [model.name]);
  for (const required of [true, false]) {
    for (const field of typedDictFields(model, required)) {
      assertPythonName(field.name, [model.name, field.name]);
    }
  }
  return typedDictSource(model) + protocolSource(model);
}

/** The protocol's columns: properties that are not back references, then backrefs. */
export function protocolColumns(model: ModelInput): ProtocolColumn[] {
  const columns: ProtocolColumn[] = [];
  for (const [name, property] of model.properties) {
    if (property.kind === "backref") continue;
    if (property.kind === "simple" && property.dictIgnore === true) continue;
    columns.push({ name, type: modelType(property), description: property.description });
  }
  for (const [name, backref] of model.backrefs) {
    const type = backref.shape === "object"
      ? `typing.Optional["T${backref.child}"]`
      : `typing.Sequence["T${backref.child}"]`;
    columns.push({ name, type });
  }
  return columns;
}

/** The arguments of `__init__`, required ones first, then optional ones and backrefs. */
export function protocolArguments(model: ModelInput): {
  required: ProtocolArgument[];
  optional: ProtocolArgument[];
} {
  const required: ProtocolArgument[] = [];
  const optional: ProtocolArgument[] = [];
  for (const [name, property] of model.properties) {
    if (property.kind === "backref") continue;
    if (property.kind === "simple" && property.dictIgnore === true) continue;
    const argument: ProtocolArgument = {
      name,
      initType: initArgType(property),
      fromDictType: fromDictArgType(property),
      default: defaultSource(property, [model.name, name]),
      readOnly: isReadOnly(property),
    };
    (property.required ? required : optional).push(argument);
  }
  for (const [name, backref] of model.backrefs) {
    const initType = backref.shape === "object"
      ? `typing.Optional["T${backref.child}"]`
      : `typing.Optional[typing.Sequence["T${backref.child}"]]`;
    optional.push({ name, initType, fromDictType: "", default: "None", readOnly: true });
  }
  return { required, optional };
}

function isReadOnly(property: ModelProperty): boolean {
  return (property.kind === "simple" || property.kind === "json") &&
    property.readOnly === true;
}

function protocolSource(model: ModelInput): string {
  const name = model.name;
  const columns = protocolColumns(model);
  const { required, optional } = protocolArguments(model);
  for (const column of columns) assertPythonName(column.name, [name, column.name]);
  assertDistinctArguments(name, [...required, ...optional]);

  const docs: DocstringSource = { name, description: model.description, columns };
  const columnLines = columns.map((column) =>
    `\n    ${column.name}: 'sqlalchemy.Column[${column.type}]'`
  );
  const modelProperties = columns.length > 0
    ? `\n\n    # Model properties${columnLines.join("")}`
    : "";

  const initArgs = argumentList(required, optional, (argument) => argument.initType);
  const fromDictRequired = required.filter((argument) => !argument.readOnly);
  const fromDictOptional = optional.filter((argument) => !argument.readOnly);
  const fromDictArgs = argumentList(
    fromDictRequired,
    fromDictOptional,
    (argument) => argument.fromDictType,
  );
  const self = freeName("self", [...required, ...optional]);
  const cls = freeName("cls", [...fromDictRequired, ...fromDictOptional]);

  return `

class T${name}(typing.Protocol):
    """${docstringBody(modelDocstring(docs))}"""

    # SQLAlchemy properties
    __table__: sqlalchemy.Table
    __tablename__: str
    query: orm.Query${modelProperties}

    def __init__(${self}${initArgs}) -> None:
        """${docstringBody(initDocstring(docs))}"""
        ...

    @classmethod
    def from_dict(${cls}${fromDictArgs}) -> "T${name}":
        """${docstringBody(fromDictDocstring(docs))}"""
        ...

    @classmethod
    def from_str(cls, value: str) -> "T${name}":
        """
        Construct from a JSON string (eg. a POST payload).

        Returns:
            Model instance based on the JSON string.

        """
        ...

    def to_dict(self) -> ${name}Dict:
        """
        Convert to a dictionary (eg. to send back for a GET request).

        Returns:
            Dictionary based on the model instance.

        """
        ...

    def to_str(self) -> str:
        """
        Convert to a JSON string (eg. to send back for a GET request).

        Returns:
            JSON string based on the model instance.

        """
        ...


${name}: typing.Type[T${name}] = models.${name}  # type: ignore`;
}

function argumentList(
  required: readonly ProtocolArgument[],
  optional: readonly ProtocolArgument[],
  typeOf: (argument: ProtocolArgument) => string,
): string {
  const requiredText = required.map((argument) => `, ${argument.name}: ${typeOf(argument)}`);
  const optionalText = optional.map((argument) =>
    `, ${argument.name}: ${typeOf(argument)} = ${argument.default}`
  );
  return requiredText.join("") + optionalText.join("");
}

/**
 * The name for the implicit first parameter: `self` / `cls` unless a property already
 * takes it (OpenAlchemy would then write a duplicate parameter, which does not
 * compile), in which case underscores are prepended until the name is free.
 */
function freeName(preferred: string, taken: readonly ProtocolArgument[]): string {
  const names = new Set(taken.map((argument) => argument.name.normalize("NFKC")));
  let name = preferred;
  while (names.has(name)) name = `_${name}`;
  return name;
}

function assertDistinctArguments(model: string, argumentsList: readonly ProtocolArgument[]) {
  const seen = new Set<string>();
  for (const argument of argumentsList) {
    const normalised = argument.name.normalize("NFKC");
    if (seen.has(normalised)) {
      throw new SpecValidationError(
        `cannot generate the models file: more than one property or back reference is named ${
          JSON.stringify(argument.name)
        }`,
        [model, argument.name],
      );
    }
    seen.add(normalised);
  }
}
