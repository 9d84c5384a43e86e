/**
 * The few table operations the package database needs, over DynamoDB
 * (dynamodb_table_store.ts) or a local file (local_table_store.ts). The access
 * patterns (specs.ts, credentials.ts) are written once, on this interface, so the
 * local default behaves as DynamoDB does.
 *
 * Implementations throw {@link TransientError} for faults a retry may fix.
 *
 * @module
 */

import type { TableRef } from "./tables.ts";

/** An attribute value: a string (S), a number (N) or bytes (B). */
export type AttributeValue = string | number | Uint8Array;

/** An item: attribute name → value. */
export type Item = Record<string, AttributeValue>;

/** A query: every item of one partition of a table or index, optionally by sort-key prefix. */
export interface Query {
  /** Query this secondary index instead of the table. */
  index?: string;
  /** The partition key value (of the index when `index` is given). */
  partition: string;
  /** Only items whose sort key (of the table or index) starts with this. */
  sortKeyPrefix?: string;
}

/** One write of a transaction. */
export type WriteOperation = { put: Item } | { delete: Item };

/** Table operations. */
export interface TableStore {
  /** The item with this primary key, or `null`. */
  get(table: TableRef, key: Item): Promise<Item | null>;
  /**
   * Every matching item (all pages), in ascending sort-key order (UTF-8 byte order, as
   * DynamoDB sorts strings); an index without a sort key returns its items in no
   * particular order.
   */
  query(table: TableRef, query: Query): Promise<Item[]>;
  /**
   * Writes an item. With `ifAbsent`, refuses (returns `false`) when an item with the
   * same primary key exists; otherwise overwrites it and returns `true`.
   */
  put(table: TableRef, item: Item, options?: { ifAbsent?: boolean }): Promise<boolean>;
  /** All writes or none (at most 100 operations). */
  transact(table: TableRef, operations: readonly WriteOperation[]): Promise<void>;
  /** Deletes the items with these primary keys (any number; not atomic). */
  deleteMany(table: TableRef, keys: readonly Item[]): Promise<void>;
}

/** The primary key of an item of `table`. */
export function primaryKeyOf(table: TableRef, item: Item): Item {
  const { partitionKey, sortKey } = table.definition;
  return { [partitionKey]: item[partitionKey], [sortKey]: item[sortKey] };
}
