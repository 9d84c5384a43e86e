/**
 * {@link TableStore} on Amazon DynamoDB (or any DynamoDB-compatible server) through
 * npm:@aws-sdk/client-dynamodb and its document client, npm:@aws-sdk/lib-dynamodb: the
 * one module that imports them, loaded only when DynamoDB is used. Endpoint, region and
 * credentials come from the standard AWS environment.
 *
 * @module
 */

import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { TransientError } from "../errors.ts";
import type { Environment } from "../environment.ts";
import { awsClientSettingsFromEnv } from "../aws/client_config.ts";
import type { TableRef } from "./tables.ts";
import {
  type Item,
  primaryKeyOf,
  type Query,
  type TableStore,
  type WriteOperation,
} from "./table_store.ts";

/**
 * Client settings from the environment: those of {@link awsClientSettingsFromEnv}, with
 * `AWS_ENDPOINT_URL_DYNAMODB`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { dynamoDbConfigFromEnv } from "./dynamodb_table_store.ts";
 * const env: Record<string, string> = { AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:5000" };
 * const config = dynamoDbConfigFromEnv((name) => env[name]);
 * assert.equal(config.endpoint, "http://127.0.0.1:5000");
 * assert.equal(config.region, "us-east-1");
 * ```
 */
export function dynamoDbConfigFromEnv(env: Environment): DynamoDBClientConfig {
  return awsClientSettingsFromEnv(env, "DYNAMODB");
}

/** Items per BatchWriteItem request (DynamoDB's limit). */
const BATCH_SIZE = 25;
/** Rounds of re-sending the items DynamoDB left unprocessed (throttling). */
const BATCH_ROUNDS = 8;

/**
 * DynamoDB tables. Any failure (throttling, a missing table, the network) is a
 * {@link TransientError} naming the operation and table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { DynamoDbTableStore } from "./dynamodb_table_store.ts";
 * const env: Record<string, string> = { AWS_REGION: "eu-west-1" };
 * const store = DynamoDbTableStore.fromEnv((name) => env[name]);
 * assert.ok(store instanceof DynamoDbTableStore);
 * store.destroy();
 * ```
 */
export class DynamoDbTableStore implements TableStore {
  readonly #client: DynamoDBDocumentClient;

  /** @param client The document client. */
  constructor(client: DynamoDBDocumentClient) {
    this.#client = client;
  }

  /** A store whose client is configured from the environment. */
  static fromEnv(env: Environment): DynamoDbTableStore {
    return new DynamoDbTableStore(
      DynamoDBDocumentClient.from(new DynamoDBClient(dynamoDbConfigFromEnv(env))),
    );
  }

  /** Closes the client's connections. */
  destroy(): void {
    this.#client.destroy();
  }

  async get(table: TableRef, key: Item): Promise<Item | null> {
    try {
      const response = await this.#client.send(
        new GetCommand({ TableName: table.tableName, Key: primaryKeyOf(table, key) }),
      );
      return (response.Item as Item | undefined) ?? null;
    } catch (error) {
      throw transient("GetItem", table, error);
    }
  }

  async query(table: TableRef, query: Query): Promise<Item[]> {
    const keys = query.index === undefined
      ? table.definition
      : table.definition.indexes[query.index];
    if (keys === undefined) {
      throw new RangeError(`Cannot query ${table.definition.name}: no index ${query.index}`);
    }
    const input: QueryCommandInput = {
      TableName: table.tableName,
      IndexName: query.index,
      KeyConditionExpression: "#partition = :partition",
      ExpressionAttributeNames: { "#partition": keys.partitionKey },
      ExpressionAttributeValues: { ":partition": query.partition },
    };
    if (query.sortKeyPrefix !== undefined) {
      if (keys.sortKey === undefined) {
        throw new RangeError(`Cannot query ${query.index}: the index has no sort key`);
      }
      input.KeyConditionExpression += " AND begins_with(#sort, :prefix)";
      input.ExpressionAttributeNames!["#sort"] = keys.sortKey;
      input.ExpressionAttributeValues![":prefix"] = query.sortKeyPrefix;
    }
    const items: Item[] = [];
    try {
      let start: Record<string, unknown> | undefined;
      do {
        const response = await this.#client.send(
          new QueryCommand({ ...input, ExclusiveStartKey: start }),
        );
        items.push(...(response.Items ?? []) as Item[]);
        start = response.LastEvaluatedKey;
      } while (start !== undefined);
    } catch (error) {
      throw transient("Query", table, error);
    }
    return items;
  }

  async put(table: TableRef, item: Item, options: { ifAbsent?: boolean } = {}): Promise<boolean> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: item,
          ...(options.ifAbsent
            ? {
              ConditionExpression: "attribute_not_exists(#partition)",
              ExpressionAttributeNames: { "#partition": table.definition.partitionKey },
            }
            : {}),
        }),
      );
      return true;
    } catch (error) {
      if (options.ifAbsent && (error as Error)?.name === "ConditionalCheckFailedException") {
        return false;
      }
      throw transient("PutItem", table, error);
    }
  }

  async transact(table: TableRef, operations: readonly WriteOperation[]): Promise<void> {
    if (operations.length === 0) return;
    try {
      await this.#client.send(
        new TransactWriteCommand({
          TransactItems: operations.map((operation) =>
            "put" in operation ? { Put: { TableName: table.tableName, Item: operation.put } } : {
              Delete: { TableName: table.tableName, Key: primaryKeyOf(table, operation.delete) },
            }
          ),
        }),
      );
    } catch (error) {
      throw transient("TransactWriteItems", table, error);
    }
  }

  async deleteMany(table: TableRef, keys: readonly Item[]): Promise<void> {
    for (let start = 0; start < keys.length; start += BATCH_SIZE) {
      let requests = keys.slice(start, start + BATCH_SIZE).map((key) => ({
        DeleteRequest: { Key: primaryKeyOf(table, key) },
      }));
      for (let round = 0; requests.length > 0; round++) {
        if (round === BATCH_ROUNDS) {
          throw new TransientError(
            `Cannot BatchWriteItem on table ${table.tableName}: ${requests.length} deletes ` +
              `still unprocessed after ${BATCH_ROUNDS} rounds`,
          );
        }
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
        try {
          const response = await this.#client.send(
            new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }),
          );
          requests = (response.UnprocessedItems?.[table.tableName] ?? []) as typeof requests;
        } catch (error) {
          throw transient("BatchWriteItem", table, error);
        }
      }
    }
  }
}

function transient(operation: string, table: TableRef, error: unknown): TransientError {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new TransientError(`Cannot ${operation} on table ${table.tableName}: ${reason}`, {
    cause: error,
  });
}
