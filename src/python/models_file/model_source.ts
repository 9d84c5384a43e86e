/**
 * The source of one model in the models file: its TypedDicts, the `T<Model>` protocol
 * (columns, `__init__`, `from_dict`, `from_str`, `to_dict`, `to_str`) and the
 * `<Model>` alias bound to the runtime model.
 *
 * @module
 */

import { docstringBody, isPythonName } from "../literal.ts";
import { pythonStr } from "../repr.ts";
import { defaultSource } from "./defaults.ts";
import {
  type DocstringSource,
  fromDictDocstring,
  initDocstring,
  modelDocstring,
} from "./docstrings.ts";
import type { ModelArtifacts, PropertyArtifacts } from "../../spec/artifacts/mod.ts";
import { typedDictSource } from "./typed_dict.ts";
import {
  type ColumnProperty,
  fromDictArgType,
  initArgType,
  modelReference,
  modelType,
} from "./types.ts";

/** A model of the typed model, with its name. */
export interface NamedModel {
  /** The schema name, which becomes the class name. */
  readonly name: string;
  /** What OpenAlchemy records about the model. */
  readonly model: ModelArtifacts;
}

/** The parts of a model the models file shows, names that cannot be Python removed. */
interface UsableModel {
  readonly name: string;
  readonly description?: string;
  readonly properties: readonly (readonly [string, PropertyArtifacts])[];
  readonly backrefs: ModelArtifacts["backrefs"];
}

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
 * OpenAlchemy writes every name as it is, which does not compile when a name is not a
 * Python identifier (`a-b`, `class`, `Employee.Id`). Such a model is left out (empty
 * text), and such a property or back reference is left out of the model's source;
 * the runtime models still have them.
 *
 * @throws {SpecValidationError} when a default value cannot be written.
 */
export function modelSource({ name, model }: NamedModel): string {
  if (!isPythonName(name)) return "";
  const usable: UsableModel = {
    name,
    description: model.description,
    properties: model.properties.filter(([property]) => isPythonName(property)),
    backrefs: model.backrefs.filter(([backref]) => isPythonName(backref)),
  };
  return typedDictSource(usable) + protocolSource(usable);
}

/** The names the models file's own code uses at module level after the models. */
export const MODULE_NAMES: ReadonlySet<string> = new Set([
  "typing",
  "datetime",
  "sqlalchemy",
  "orm",
  "models",
]);

/**
 * The `<Model>` alias bound to the runtime model, after two blank lines; nothing for a
 * model named like a module the file uses (its alias is bound at the end of the file,
 * see {@link lateAliasesSource}).
 */
function aliasSource(model: UsableModel): string {
  if (MODULE_NAMES.has(model.name)) return "";
  return `\n\n${model.name}: typing.Type[T${model.name}] = models.${model.name}  # type: ignore`;
}

/**
 * The aliases of models named like a module the file uses (`typing`, `models`, …),
 * bound last through handles on the modules, so that no code of the file sees the
 * model where it expects the module (OpenAlchemy binds them in place, and the file then
 * fails on import). Empty when there are none.
 *
 * @param names Every model name of the file (the handles must differ from them).
 */
export function lateAliasesSource(names: readonly string[]): string {
  const late = names.filter((name) => MODULE_NAMES.has(name) && isPythonName(name));
  if (late.length === 0) return "";
  const taken = new Set(names);
  const handle = (module: string) => {
    let name = `_oa_${module}`;
    while (taken.has(name)) name = `_${name}`;
    taken.add(name);
    return name;
  };
  const typing = handle("typing");
  const models = handle("models");
  let text = "# Models named like a module this file uses are bound last.\n" +
    `${typing} = typing\n${models} = models\n`;
  for (const name of late) {
    text += `${name}: ${typing}.Type[T${name}] = ${models}.${name}  # type: ignore\n`;
  }
  return text;
}

/**
 * How the `to_dict` return annotation names the model's TypedDict: as is, or quoted
 * for a name Python would mangle inside the class body (one starting with `__`).
 */
function dictReference(name: string): string {
  return name.startsWith("__") ? `"${name}Dict"` : `${name}Dict`;
}

/** Whether a property shows as a column of the protocol and an argument. */
function isColumn(property: PropertyArtifacts): property is ColumnProperty {
  if (property.type === "backref") return false;
  return !(property.type === "simple" && property.extension.dictIgnore === true);
}

/** The protocol's columns: properties that are not back references, then backrefs. */
function protocolColumns(model: UsableModel): ProtocolColumn[] {
  const columns: ProtocolColumn[] = [];
  for (const [name, property] of model.properties) {
    if (!isColumn(property)) continue;
    const description = property.description;
    columns.push({
      name,
      type: modelType(property),
      // OpenAlchemy shows a relationship's description, which it does not check, with str().
      description: description === undefined ? undefined : pythonStr(description),
    });
  }
  for (const [name, backref] of model.backrefs) {
    const type = backref.type === "object"
      ? `typing.Optional[${modelReference(backref.child)}]`
      : `typing.Sequence[${modelReference(backref.child)}]`;
    columns.push({ name, type });
  }
  return columns;
}

/** The arguments of `__init__`, required ones first, then optional ones and backrefs. */
function protocolArguments(model: UsableModel): {
  required: ProtocolArgument[];
  optional: ProtocolArgument[];
} {
  const required: ProtocolArgument[] = [];
  const optional: ProtocolArgument[] = [];
  for (const [name, property] of model.properties) {
    if (!isColumn(property)) continue;
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
    const initType = backref.type === "object"
      ? `typing.Optional[${modelReference(backref.child)}]`
      : `typing.Optional[typing.Sequence[${modelReference(backref.child)}]]`;
    optional.push({ name, initType, fromDictType: "", default: "None", readOnly: true });
  }
  return { required, optional };
}

function isReadOnly(property: ColumnProperty): boolean {
  return property.type !== "relationship" && property.openApi.readOnly === true;
}

function protocolSource(model: UsableModel): string {
  const name = model.name;
  const columns = protocolColumns(model);
  const { required, optional } = distinctArguments(protocolArguments(model));

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

    def to_dict(self) -> ${dictReference(name)}:
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
${aliasSource(model)}`;
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

/**
 * Drops an argument whose name an earlier one already has (a back reference named
 * like a property), since Python rejects a repeated parameter.
 */
function distinctArguments(
  argumentsLists: { required: ProtocolArgument[]; optional: ProtocolArgument[] },
): { required: ProtocolArgument[]; optional: ProtocolArgument[] } {
  const seen = new Set<string>();
  const keep = (argument: ProtocolArgument) => {
    const normalised = argument.name.normalize("NFKC");
    if (seen.has(normalised)) return false;
    seen.add(normalised);
    return true;
  };
  return {
    required: argumentsLists.required.filter(keep),
    optional: argumentsLists.optional.filter(keep),
  };
}
