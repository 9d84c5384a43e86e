/**
 * The package database's tables in template.yaml are the ones the code addresses
 * (src/db/tables.ts), and the builder may only add spec records.
 */

import assert from "node:assert/strict";
import { CREDENTIALS_TABLE, SPECS_TABLE, type TableDefinition } from "../../src/db/tables.ts";
import { allowed, readTemplate, type TemplateResource } from "../helpers/template.ts";

interface KeyElement {
  AttributeName: string;
  KeyType: "HASH" | "RANGE";
}

/** The keys and indexes a table resource declares, in the definitions' shape. */
function declared(resource: TemplateResource, name: string): TableDefinition {
  const properties = resource.Properties as Record<string, unknown>;
  const keys = (schema: KeyElement[]) => ({
    partitionKey: schema.find((key) => key.KeyType === "HASH")!.AttributeName,
    sortKey: schema.find((key) => key.KeyType === "RANGE")?.AttributeName,
  });
  const indexes: Record<string, TableDefinition["indexes"][string]> = {};
  for (const kind of ["local", "global"] as const) {
    const field = kind === "local" ? "LocalSecondaryIndexes" : "GlobalSecondaryIndexes";
    for (const index of (properties[field] ?? []) as Record<string, unknown>[]) {
      assert.deepEqual(index.Projection, { ProjectionType: "ALL" });
      const { partitionKey, sortKey } = keys(index.KeySchema as KeyElement[]);
      indexes[index.IndexName as string] = sortKey === undefined
        ? { kind, partitionKey }
        : { kind, partitionKey, sortKey };
    }
  }
  const table = keys(properties.KeySchema as KeyElement[]);
  for (const attribute of properties.AttributeDefinitions as Record<string, string>[]) {
    assert.equal(attribute.AttributeType, "S", `${name}.${attribute.AttributeName} is a string`);
  }
  return { name, partitionKey: table.partitionKey, sortKey: table.sortKey!, indexes };
}

Deno.test("the template declares Specs and Credentials with the keys and indexes the code uses", async () => {
  const template = await readTemplate();
  assert.equal(template.Resources.SpecsTable.Type, "AWS::DynamoDB::Table");
  assert.equal(template.Resources.CredentialsTable.Type, "AWS::DynamoDB::Table");
  assert.deepEqual(declared(template.Resources.SpecsTable, "Specs"), SPECS_TABLE);
  assert.deepEqual(declared(template.Resources.CredentialsTable, "Credentials"), CREDENTIALS_TABLE);
});

Deno.test("the builder may only put items into Specs, and knows the table's name", async () => {
  const builder = (await readTemplate()).Resources.BuilderFunction;
  const dynamoDb = allowed(builder).filter(([action]) => action.startsWith("dynamodb:"));
  assert.deepEqual(dynamoDb, [[
    "dynamodb:PutItem",
    JSON.stringify({ "Fn::GetAtt": "SpecsTable.Arn" }),
  ]]);
  const variables = (builder.Properties!.Environment as { Variables: Record<string, unknown> })
    .Variables;
  assert.deepEqual(variables.SPECS_TABLE, { Ref: "SpecsTable" });
  assert.equal(variables.CREDENTIALS_TABLE, undefined);
});
