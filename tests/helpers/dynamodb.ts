/**
 * DynamoDB tables on a moto server for tests: created from the package database's own
 * table definitions, under names unique to the test, with a raw client to read items
 * back exactly as stored.
 *
 * @module
 */

import {
  type AttributeValue,
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  type KeySchemaElement,
  ScanCommand,
} from "@aws-sdk/client-dynamodb";
import { CREDENTIALS_TABLE, SPECS_TABLE, type TableDefinition } from "../../src/db/tables.ts";

/** Environment pointing the DynamoDB client at `endpoint` with dummy credentials. */
export function dynamoDbEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
    AWS_REGION: "us-east-1",
  };
}

/** A raw (not document) client on `endpoint`. */
export function rawClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  });
}

/** CreateTable input for a definition: string keys, every index projecting all. */
export function createTableInput(
  definition: TableDefinition,
  tableName: string,
): CreateTableCommandInput {
  const attributes = new Set([definition.partitionKey, definition.sortKey]);
  const local: CreateTableCommandInput["LocalSecondaryIndexes"] = [];
  const global: CreateTableCommandInput["GlobalSecondaryIndexes"] = [];
  for (const [name, index] of Object.entries(definition.indexes)) {
    attributes.add(index.partitionKey);
    const keys: KeySchemaElement[] = [{ AttributeName: index.partitionKey, KeyType: "HASH" }];
    if (index.sortKey !== undefined) {
      attributes.add(index.sortKey);
      keys.push({ AttributeName: index.sortKey, KeyType: "RANGE" });
    }
    const declared = {
      IndexName: name,
      KeySchema: keys,
      Projection: { ProjectionType: "ALL" as const },
    };
    if (index.kind === "local") local.push(declared);
    else global.push(declared);
  }
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [...attributes].map((name) => ({
      AttributeName: name,
      AttributeType: "S",
    })),
    KeySchema: [
      { AttributeName: definition.partitionKey, KeyType: "HASH" },
      { AttributeName: definition.sortKey, KeyType: "RANGE" },
    ],
    ...(local.length > 0 ? { LocalSecondaryIndexes: local } : {}),
    ...(global.length > 0 ? { GlobalSecondaryIndexes: global } : {}),
  };
}

let tableCount = 0;

/** Creates a fresh `Specs` and `Credentials` table pair and returns their names. */
export async function createTables(
  client: DynamoDBClient,
): Promise<{ specsTable: string; credentialsTable: string }> {
  const suffix = `${Date.now().toString(36)}-${++tableCount}`;
  const specsTable = `Specs-${suffix}`;
  const credentialsTable = `Credentials-${suffix}`;
  await client.send(new CreateTableCommand(createTableInput(SPECS_TABLE, specsTable)));
  await client.send(
    new CreateTableCommand(createTableInput(CREDENTIALS_TABLE, credentialsTable)),
  );
  return { specsTable, credentialsTable };
}

/** Every item of a table as DynamoDB stores it (typed attribute values). */
export async function scanRaw(
  client: DynamoDBClient,
  tableName: string,
): Promise<Record<string, AttributeValue>[]> {
  const response = await client.send(new ScanCommand({ TableName: tableName }));
  return response.Items ?? [];
}
