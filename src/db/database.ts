/**
 * Which package database a process uses, from its environment, and opening it. The
 * tables' modules load when the database is opened (not when the builder starts), and
 * the DynamoDB module (with the AWS SDK) only when DynamoDB is chosen.
 *
 * - `PACKAGE_DATABASE=dynamodb`, or `SPECS_TABLE` / `CREDENTIALS_TABLE` set: DynamoDB,
 *   tables `SPECS_TABLE` (default `Specs`) and `CREDENTIALS_TABLE` (default
 *   `Credentials`), client settings as in dynamodb_table_store.ts;
 * - `PACKAGE_DATABASE=local`, or local package storage (see
 *   src/lambda/default_storage.ts): the file `package-database.json` in the local
 *   storage folder (`LOCAL_STORAGE_DIR`, default `.storage`);
 * - otherwise (S3 storage, no table configured): none.
 *
 * @module
 */

import { join } from "node:path";
import { usesS3 } from "../lambda/default_storage.ts";
import type { Credentials } from "./credentials.ts";
import type { Specs } from "./specs.ts";
import type { TableStore } from "./table_store.ts";
import { CREDENTIALS_TABLE, SPECS_TABLE } from "./tables.ts";
import { type Environment, nonEmpty } from "../environment.ts";

/** The local database's file name, in the local storage folder. */
export const LOCAL_DATABASE_FILE = "package-database.json";

/** Where the package database is. */
export type DatabaseLocation =
  | { kind: "dynamodb"; specsTable: string; credentialsTable: string }
  | { kind: "local"; path: string };

/** The package database: both tables. */
export interface PackageDatabase {
  /** Where it is. */
  location: DatabaseLocation;
  /** The `Specs` table. */
  specs: Specs;
  /** The `Credentials` table. */
  credentials: Credentials;
  /** Releases connections (DynamoDB); nothing for the local file. */
  close(): void;
}

/**
 * The database the environment names, or `null` when it names none.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { databaseLocation } from "./database.ts";
 * const env: Record<string, string> = { SPECS_TABLE: "stack-Specs-1" };
 * assert.deepEqual(databaseLocation((name) => env[name]), {
 *   kind: "dynamodb", specsTable: "stack-Specs-1", credentialsTable: "Credentials",
 * });
 * ```
 *
 * @throws {RangeError} for a `PACKAGE_DATABASE` other than `dynamodb` or `local`.
 */
export function databaseLocation(env: Environment): DatabaseLocation | null {
  const choice = nonEmpty(env("PACKAGE_DATABASE"));
  if (choice !== undefined && choice !== "dynamodb" && choice !== "local") {
    throw new RangeError(
      `Cannot open the package database: PACKAGE_DATABASE is ${JSON.stringify(choice)}, ` +
        `expected "dynamodb" or "local"`,
    );
  }
  const specsTable = nonEmpty(env("SPECS_TABLE"));
  const credentialsTable = nonEmpty(env("CREDENTIALS_TABLE"));
  const tablesNamed = specsTable !== undefined || credentialsTable !== undefined;
  if (choice === "dynamodb" || (choice === undefined && tablesNamed)) {
    return {
      kind: "dynamodb",
      specsTable: specsTable ?? SPECS_TABLE.name,
      credentialsTable: credentialsTable ?? CREDENTIALS_TABLE.name,
    };
  }
  if (choice === "local" || !usesS3(env)) {
    const dir = nonEmpty(env("LOCAL_STORAGE_DIR")) ?? ".storage";
    return { kind: "local", path: join(dir, LOCAL_DATABASE_FILE) };
  }
  return null;
}

/** Opens the database at `location`. */
export async function openDatabase(
  location: DatabaseLocation,
  env: Environment,
): Promise<PackageDatabase> {
  const [{ Specs }, { Credentials }] = await Promise.all([
    import("./specs.ts"),
    import("./credentials.ts"),
  ]);
  let store: TableStore;
  let close = () => {};
  if (location.kind === "local") {
    const { LocalTableStore } = await import("./local_table_store.ts");
    store = new LocalTableStore(location.path);
  } else {
    const { DynamoDbTableStore } = await import("./dynamodb_table_store.ts");
    const dynamoDb = DynamoDbTableStore.fromEnv(env);
    store = dynamoDb;
    close = () => dynamoDb.destroy();
  }
  const specsTable = location.kind === "dynamodb" ? location.specsTable : undefined;
  const credentialsTable = location.kind === "dynamodb" ? location.credentialsTable : undefined;
  return {
    location,
    specs: new Specs(store, specsTable),
    credentials: new Credentials(store, { tableName: credentialsTable }),
    close,
  };
}

/** Opens the database the environment names, or returns `null` when it names none. */
export async function databaseFromEnv(env: Environment): Promise<PackageDatabase | null> {
  const location = databaseLocation(env);
  return location === null ? null : await openDatabase(location, env);
}
