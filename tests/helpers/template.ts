/**
 * template.yaml read as data: CloudFormation's short-form intrinsic functions (`!Ref`,
 * `!Sub`, `!GetAtt`…) become their long forms (`{Ref: …}`, `{"Fn::Sub": …}`…).
 *
 * @module
 */

import assert from "node:assert/strict";
import { type CollectionTag, parse, type ScalarTag } from "yaml";

const FUNCTIONS = [
  "And",
  "Base64",
  "Cidr",
  "Equals",
  "FindInMap",
  "GetAZs",
  "GetAtt",
  "If",
  "ImportValue",
  "Join",
  "Not",
  "Or",
  "Select",
  "Split",
  "Sub",
];

function tags(): (ScalarTag | CollectionTag)[] {
  const all: (ScalarTag | CollectionTag)[] = [
    { tag: "!Ref", resolve: (value: string) => ({ Ref: value }) },
    { tag: "!Condition", resolve: (value: string) => ({ Condition: value }) },
  ];
  for (const name of FUNCTIONS) {
    const key = `Fn::${name}`;
    all.push({ tag: `!${name}`, resolve: (value: string) => ({ [key]: value }) });
    for (const collection of ["seq", "map"] as const) {
      all.push({
        tag: `!${name}`,
        collection,
        resolve: (value) => ({ [key]: value.toJSON() }),
      } as CollectionTag);
    }
  }
  return all;
}

/** A resource of the template. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The parsed template. */
export interface Template {
  Resources: Record<string, TemplateResource>;
  Outputs: Record<string, { Value: unknown }>;
  [section: string]: unknown;
}

/** Reads and parses the repository's template.yaml. */
export async function readTemplate(): Promise<Template> {
  const text = await Deno.readTextFile(new URL("../../template.yaml", import.meta.url));
  return parse(text, { customTags: tags() }) as Template;
}

/** Every (action, resource) pair a function's inline policies allow. */
export function allowed(resource: TemplateResource): [string, string][] {
  const pairs: [string, string][] = [];
  const policies = (resource.Properties?.Policies ?? []) as {
    Statement: { Effect: string; Action: string | string[]; Resource: unknown }[];
  }[];
  for (const policy of policies) {
    for (const statement of policy.Statement) {
      assert.equal(statement.Effect, "Allow");
      const actions = [statement.Action].flat();
      const resources = [statement.Resource].flat().map((item) => JSON.stringify(item));
      for (const action of actions) for (const target of resources) pairs.push([action, target]);
    }
  }
  return pairs;
}
