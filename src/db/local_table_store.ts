/**
 * The package database in one local JSON file (the default for local runs, beside the
 * local storage folder's buckets): items in DynamoDB's JSON form (`{"S": …}`,
 * `{"N": "…"}`, `{"B": base64}`), keyed, ordered and indexed as DynamoDB does.
 *
 * Every operation reads the file, so separate processes (`deno task invoke` writing
 * spec records, `deno task serve` reading them, `deno task credentials`) see each
 * other's writes. Writers take a lock file and replace the file atomically (write a
 * temporary file, rename), so a reader never sees half a file.
 *
 * @module
 */

import { dirname } from "node:path";
import { TransientError } from "../errors.ts";
import type { TableRef } from "./tables.ts";
import {
  type AttributeValue,
  type Item,
  primaryKeyOf,
  type Query,
  type TableStore,
  type WriteOperation,
} from "./table_store.ts";

/** The file's `format` field. */
export const LOCAL_DATABASE_FORMAT = "openalchemy-package-database/1";

/** An attribute value in DynamoDB's JSON form. */
type StoredValue = { S: string } | { N: string } | { B: string };
type StoredItem = Record<string, StoredValue>;
interface DatabaseFile {
  format: string;
  tables: Record<string, StoredItem[]>;
}

/** Options of {@link LocalTableStore}. */
export interface LocalTableStoreOptions {
  /** A lock older than this is taken to be left by a crashed writer. @default 10000 */
  staleLockMs?: number;
  /** Give up waiting for the lock after this long. @default 10000 */
  lockTimeoutMs?: number;
}

/**
 * A {@link TableStore} on the JSON file `path` (created on the first write).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { LocalTableStore } from "./local_table_store.ts";
 * import { SPECS_TABLE } from "./tables.ts";
 * const dir = await Deno.makeTempDir();
 * const store = new LocalTableStore(`${dir}/package-database.json`);
 * const table = { definition: SPECS_TABLE, tableName: "Specs" };
 * await store.put(table, { sub: "user1", updated_at_id: "latest#employee" });
 * const items = await store.query(table, { partition: "user1", sortKeyPrefix: "latest#" });
 * assert.equal(items.length, 1);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class LocalTableStore implements TableStore {
  readonly #path: string;
  readonly #staleLockMs: number;
  readonly #lockTimeoutMs: number;

  /** @param path The database file. */
  constructor(path: string, options: LocalTableStoreOptions = {}) {
    this.#path = path;
    this.#staleLockMs = options.staleLockMs ?? 10_000;
    this.#lockTimeoutMs = options.lockTimeoutMs ?? 10_000;
  }

  async get(table: TableRef, key: Item): Promise<Item | null> {
    const items = (await this.#read()).tables[table.tableName] ?? [];
    const wanted = primaryKeyOf(table, key);
    const found = items.map(decodeItem).find((item) => sameKey(table, item, wanted));
    return found ?? null;
  }

  async query(table: TableRef, query: Query): Promise<Item[]> {
    const { partitionKey, sortKey } = keysOf(table, query.index);
    if (query.sortKeyPrefix !== undefined && sortKey === undefined) {
      throw new RangeError(`Cannot query ${query.index}: the index has no sort key`);
    }
    const items = ((await this.#read()).tables[table.tableName] ?? []).map(decodeItem);
    const matching = items.filter((item) => {
      if (item[partitionKey] !== query.partition) return false;
      if (sortKey === undefined) return true;
      const sortValue = item[sortKey];
      if (typeof sortValue !== "string") return false; // not in a sparse index
      return query.sortKeyPrefix === undefined || sortValue.startsWith(query.sortKeyPrefix);
    });
    if (sortKey !== undefined) {
      matching.sort((a, b) => compareUtf8(a[sortKey] as string, b[sortKey] as string));
    }
    return matching;
  }

  async put(table: TableRef, item: Item, options: { ifAbsent?: boolean } = {}): Promise<boolean> {
    let written = false;
    await this.#update((file) => {
      const items = (file.tables[table.tableName] ??= []);
      const index = items.findIndex((stored) =>
        sameKey(table, decodeItem(stored), primaryKeyOf(table, item))
      );
      if (index >= 0 && options.ifAbsent) return;
      if (index >= 0) items[index] = encodeItem(item);
      else items.push(encodeItem(item));
      written = true;
    });
    return written;
  }

  async transact(table: TableRef, operations: readonly WriteOperation[]): Promise<void> {
    if (operations.length > 100) {
      throw new RangeError(`Cannot write ${operations.length} items in one transaction (max 100)`);
    }
    await this.#update((file) => {
      const items = (file.tables[table.tableName] ??= []);
      for (const operation of operations) {
        const item = "put" in operation ? operation.put : operation.delete;
        const key = primaryKeyOf(table, item);
        const index = items.findIndex((stored) => sameKey(table, decodeItem(stored), key));
        if ("put" in operation) {
          if (index >= 0) items[index] = encodeItem(item);
          else items.push(encodeItem(item));
        } else if (index >= 0) {
          items.splice(index, 1);
        }
      }
    });
  }

  async deleteMany(table: TableRef, keys: readonly Item[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#update((file) => {
      const items = file.tables[table.tableName] ?? [];
      file.tables[table.tableName] = items.filter((stored) => {
        const item = decodeItem(stored);
        return !keys.some((key) => sameKey(table, item, primaryKeyOf(table, key)));
      });
    });
  }

  async #read(): Promise<DatabaseFile> {
    let text: string;
    try {
      text = await Deno.readTextFile(this.#path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) {
        return { format: LOCAL_DATABASE_FORMAT, tables: {} };
      }
      throw error;
    }
    const file = JSON.parse(text) as DatabaseFile;
    if (file?.format !== LOCAL_DATABASE_FORMAT || typeof file.tables !== "object") {
      throw new Error(
        `Cannot read the package database ${this.#path}: not a ${LOCAL_DATABASE_FORMAT} file`,
      );
    }
    return file;
  }

  /** Read, change and replace the file under the lock. */
  async #update(change: (file: DatabaseFile) => void): Promise<void> {
    await Deno.mkdir(dirname(this.#path), { recursive: true });
    const lock = `${this.#path}.lock`;
    await this.#lock(lock);
    try {
      const file = await this.#read();
      change(file);
      const temporary = `${this.#path}.${crypto.randomUUID()}.partial`;
      await Deno.writeTextFile(temporary, `${JSON.stringify(file, null, 1)}\n`);
      await Deno.rename(temporary, this.#path);
    } finally {
      await Deno.remove(lock).catch(() => {});
    }
  }

  async #lock(lock: string): Promise<void> {
    const deadline = Date.now() + this.#lockTimeoutMs;
    for (;;) {
      try {
        (await Deno.open(lock, { createNew: true, write: true })).close();
        return;
      } catch (error) {
        if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
      }
      const stat = await Deno.stat(lock).catch(() => null);
      if (stat?.mtime && Date.now() - stat.mtime.getTime() > this.#staleLockMs) {
        await Deno.remove(lock).catch(() => {});
        continue;
      }
      if (Date.now() > deadline) {
        throw new TransientError(
          `Cannot write the package database ${this.#path}: ${lock} is held by another writer`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
    }
  }
}

/** Partition and sort key attributes of the table or one of its indexes. */
function keysOf(table: TableRef, index: string | undefined): {
  partitionKey: string;
  sortKey: string | undefined;
} {
  if (index === undefined) return table.definition;
  const definition = table.definition.indexes[index];
  if (definition === undefined) {
    throw new RangeError(`Cannot query ${table.definition.name}: no index ${index}`);
  }
  return { partitionKey: definition.partitionKey, sortKey: definition.sortKey };
}

function sameKey(table: TableRef, item: Item, key: Item): boolean {
  const { partitionKey, sortKey } = table.definition;
  return item[partitionKey] === key[partitionKey] && item[sortKey] === key[sortKey];
}

const encoder = new TextEncoder();

/** Orders strings as DynamoDB does: by their UTF-8 bytes. */
export function compareUtf8(a: string, b: string): number {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    if (left[index] !== right[index]) return left[index] - right[index];
  }
  return left.length - right.length;
}

function encodeItem(item: Item): StoredItem {
  const stored: StoredItem = {};
  for (const [name, value] of Object.entries(item)) stored[name] = encodeValue(value);
  return stored;
}

function encodeValue(value: AttributeValue): StoredValue {
  if (typeof value === "string") return { S: value };
  if (typeof value === "number") return { N: String(value) };
  return { B: btoa(String.fromCharCode(...value)) };
}

function decodeItem(stored: StoredItem): Item {
  const item: Item = {};
  for (const [name, value] of Object.entries(stored)) {
    if ("S" in value) item[name] = value.S;
    else if ("N" in value) item[name] = Number(value.N);
    else item[name] = Uint8Array.from(atob(value.B), (char) => char.charCodeAt(0));
  }
  return item;
}
