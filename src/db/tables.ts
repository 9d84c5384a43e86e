/**
 * The two tables of the package database, as DynamoDB declares them: keys and
 * secondary indexes. `template.yaml` declares the same (a test compares them), the
 * DynamoDB store uses the names, and the local store follows the same rules.
 *
 * @module
 */

/** A secondary index of a table. */
export interface IndexDefinition {
  /** `local`: same partition key as the table, another sort key; `global`: any keys. */
  readonly kind: "local" | "global";
  /** The index's partition key attribute. */
  readonly partitionKey: string;
  /** The index's sort key attribute, if any. */
  readonly sortKey?: string;
}

/** Keys and indexes of a table (every key attribute is a string). */
export interface TableDefinition {
  /** Logical name, as the template's resource and the local file call it. */
  readonly name: string;
  /** Partition key attribute. */
  readonly partitionKey: string;
  /** Sort key attribute. */
  readonly sortKey: string;
  /** Secondary indexes by name (all project every attribute). */
  readonly indexes: Readonly<Record<string, IndexDefinition>>;
}

/**
 * `Specs`: one item per built spec version and one `latest` item per spec, under the
 * user's `sub`; the local secondary index `idUpdatedAt` orders a spec's items by time.
 */
export const SPECS_TABLE: TableDefinition = {
  name: "Specs",
  partitionKey: "sub",
  sortKey: "updated_at_id",
  indexes: {
    idUpdatedAt: { kind: "local", partitionKey: "sub", sortKey: "id_updated_at" },
  },
};

/**
 * `Credentials`: a user's index credentials under their `sub`; the global secondary
 * index `publicKey` finds them by public key when a request authenticates.
 */
export const CREDENTIALS_TABLE: TableDefinition = {
  name: "Credentials",
  partitionKey: "sub",
  sortKey: "id",
  indexes: {
    publicKey: { kind: "global", partitionKey: "public_key" },
  },
};

/** A table as the stores address it: its definition and its physical name. */
export interface TableRef {
  /** Keys and indexes. */
  readonly definition: TableDefinition;
  /** Physical table name (DynamoDB: the stack's generated name). */
  readonly tableName: string;
}
