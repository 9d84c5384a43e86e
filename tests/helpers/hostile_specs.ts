/**
 * Specs an attacker (or an unlucky user) could store, with what the function must make
 * of each: the report's status and, where one of the function's limits applies, the
 * limit's variable. Shared by tests/aws/hostile_test.ts and bench/lambda_hostile.ts.
 *
 * @module
 */

import { DEFAULT_LIMITS } from "../../src/lambda/limits.ts";

/** One hostile spec. */
export interface HostileSpec {
  /** What it is. */
  name: string;
  /** Its storage key. */
  key: string;
  /** Where its report goes. */
  reportKey: string;
  /** Its content (built when needed: some are large). */
  text: () => string;
  /**
   * The outcomes the handler may give. Long chains may be valid (`built`) or not: what
   * matters is a report, a successful invocation, and the time and memory the bench
   * measures.
   */
  status: readonly ("built" | "invalid" | "failed")[];
  /** The limit the report must name, when one of the function's limits applies. */
  limit?: string;
  /** The report's `truncated` list, when user text must be cut. */
  truncated?: string[];
  /** What the report's message must say, when the core parser's limit applies. */
  mentions?: RegExp;
}

function spec(schemas: Record<string, unknown>, info: Record<string, unknown> = {}): string {
  return JSON.stringify({
    openapi: "3.0.3",
    info: { title: "Hostile", version: "1.0.0", ...info },
    paths: {},
    components: { schemas },
  });
}

function model(properties: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: "object",
    "x-tablename": "hostile",
    properties: { id: { type: "integer", "x-primary-key": true }, ...properties },
  };
}

/** A property nested `depth` objects deep. */
function deepProperty(depth: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: "string" };
  for (let level = 0; level < depth; level++) {
    schema = { type: "object", properties: { inner: schema } };
  }
  return schema;
}

function allOfChain(length: number): Record<string, unknown> {
  const schemas: Record<string, unknown> = { Base: model() };
  let previous = "Base";
  for (let index = 0; index < length; index++) {
    schemas[`Link${index}`] = { allOf: [{ $ref: `#/components/schemas/${previous}` }] };
    previous = `Link${index}`;
  }
  return schemas;
}

function refChain(length: number): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    Base: model({ value: { $ref: "#/components/schemas/Ref0" } }),
  };
  for (let index = 0; index < length; index++) {
    schemas[`Ref${index}`] = { $ref: `#/components/schemas/Ref${index + 1}` };
  }
  schemas[`Ref${length}`] = { type: "string" };
  return schemas;
}

/** A small YAML document naming one 100 KB string 999 times: a 100 MB spec. */
function wideAliasBomb(): string {
  const lines = [
    "openapi: 3.0.3",
    "info: {title: Wide, version: '1'}",
    `x-big: &big "${"a".repeat(100_000)}"`,
    "components:",
    "  schemas:",
    "    Item:",
    "      type: object",
    "      x-tablename: item",
    "      properties:",
    "        id: {type: integer, x-primary-key: true}",
  ];
  for (let index = 0; index < 999; index++) {
    lines.push(`        p${index}: {type: string, description: *big}`);
  }
  return `${lines.join("\n")}\n`;
}

/** YAML whose aliases exceed the parser's alias budget (a "billion laughs" document). */
function aliasBomb(): string {
  const lines = [
    "openapi: 3.0.3",
    "info: {title: Bomb, version: '1'}",
    "x-laugh0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha, ha]",
  ];
  for (let level = 1; level <= 9; level++) {
    const refs = Array(10).fill(`*l${level - 1}`).join(", ");
    lines.push(`x-laugh${level}: &l${level} [${refs}]`);
  }
  lines.push("components: {schemas: {}}");
  return `${lines.join("\n")}\n`;
}

const report = (key: string) => key.replace(/-spec\.json$/, "-build.json");
const key = (specId: string, version = "1") => `hostile/${specId}/${version}-spec.json`;

/** The hostile specs of issue 12, in the order the tests and the bench run them. */
export const HOSTILE_SPECS: readonly HostileSpec[] = [
  {
    name: "8,000 levels of nested objects",
    key: key("deep"),
    reportKey: report(key("deep")),
    text: () => spec({ Deep: model({ nested: deepProperty(8000) }) }),
    status: ["invalid"],
    mentions: /maxDepth/,
  },
  {
    name: "an allOf chain of 1,700 schemas",
    key: key("all_of_chain"),
    reportKey: report(key("all_of_chain")),
    text: () => spec(allOfChain(1700)),
    status: ["built", "invalid", "failed"],
  },
  {
    name: "a $ref chain of 5,000 schemas",
    key: key("ref_chain"),
    reportKey: report(key("ref_chain")),
    text: () => spec(refChain(5000)),
    status: ["built", "invalid", "failed"],
  },
  {
    name: "a 240-character spec id",
    key: key("s".repeat(240)),
    reportKey: report(key("s".repeat(240))),
    text: () => spec({ Item: model() }),
    status: ["invalid"],
    limit: "SPEC_ID_MAX_LENGTH",
  },
  {
    name: "a 261-character version in the key",
    key: key("long_key_version", "9".repeat(261)),
    reportKey: report(key("long_key_version", "9".repeat(261))),
    text: () => spec({ Item: model() }),
    status: ["invalid"],
    limit: "SPEC_VERSION_MAX_LENGTH",
  },
  {
    name: "a 261-character info.version",
    key: key("long_info_version"),
    reportKey: report(key("long_info_version")),
    text: () => spec({ Item: model() }, { version: Array(131).fill("1").join(".") }),
    status: ["invalid"],
    limit: "PACKAGE_VERSION_MAX_LENGTH",
  },
  {
    name: "a 60 MB spec",
    key: key("sixty_mb"),
    reportKey: report(key("sixty_mb")),
    text: () => spec({ Item: model() }, { description: "x".repeat(60 * 1024 * 1024) }),
    status: ["invalid"],
    limit: "SPEC_MAX_BYTES",
  },
  {
    name: "a YAML alias bomb",
    key: key("alias_bomb"),
    reportKey: report(key("alias_bomb")),
    text: aliasBomb,
    status: ["invalid"],
    mentions: /maxAliasExpansion/,
  },
  {
    name: "148 KB of YAML naming a 100 KB string 999 times",
    key: key("wide_alias_bomb"),
    reportKey: report(key("wide_alias_bomb")),
    text: wideAliasBomb,
    status: ["invalid"],
    limit: "SPEC_MAX_BYTES",
  },
  {
    name: "a description just under the spec size limit",
    key: key("huge_description"),
    reportKey: report(key("huge_description")),
    text: () =>
      spec({ Item: model() }, { description: "d".repeat(DEFAULT_LIMITS.specMaxBytes - 1000) }),
    status: ["built"],
    truncated: ["package.description"],
  },
];
