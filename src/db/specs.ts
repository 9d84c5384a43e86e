/**
 * The `Specs` table: what the builder records after every successful build, and the
 * access patterns over it.
 *
 * Record layout (one build writes two items in one transaction):
 * - `sub`: the user; `id`: the spec id canonicalised as pip does
 *   (`packaging.utils.canonicalize_name`); `name`: the spec id as stored (the folder of
 *   the packages, `{sub}/{name}/`); `version`: the package version; `model_count`
 *   (number); `title`, `description` (only when the spec has them); `updated_at`: the
 *   build time in epoch seconds, as a string;
 * - the version item: `updated_at_id` = `updated_at` zero-padded to 20 characters, `#`,
 *   `id`; `id_updated_at` = `id`, `#`, the same padded `updated_at`;
 * - the latest item: the same attributes, with `latest` in place of the padded
 *   `updated_at` in both keys (`latest#{id}`, `{id}#latest`), overwritten by each build.
 *
 * @module
 */

import { canonicalizeName } from "./canonical_name.ts";
import { SPECS_TABLE, type TableRef } from "./tables.ts";
import type { Item, TableStore } from "./table_store.ts";

/** What replaces `updated_at` in the keys of a spec's latest item. */
export const LATEST = "latest";

/** What the builder records about one successful build. */
export interface NewSpecRecord {
  /** The user. */
  sub: string;
  /** The spec id as stored (`{sub}/{name}/{version}-spec.json`). */
  name: string;
  /** The package version. */
  version: string;
  /** Number of models. */
  modelCount: number;
  /** `info.title`, if any. */
  title: string | null;
  /** `info.description`, if any. */
  description: string | null;
  /** Build time, seconds since the epoch. */
  updatedAt: number;
}

/** One item of the table, read back. */
export interface SpecRecord extends NewSpecRecord {
  /** The canonical spec id. */
  id: string;
}

/**
 * The sort key of an item: `updated_at` zero-padded to 20 characters (or `latest`),
 * `#`, the canonical id.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { updatedAtId } from "./specs.ts";
 * assert.equal(updatedAtId("1700000000", "employee"), "00000000001700000000#employee");
 * assert.equal(updatedAtId("latest", "employee"), "latest#employee");
 * ```
 */
export function updatedAtId(updatedAt: string, id: string): string {
  return `${padUpdatedAt(updatedAt)}#${id}`;
}

/**
 * The local secondary index's sort key: the canonical id, `#`, `updated_at` zero-padded
 * to 20 characters (or `latest`), so a spec's versions sort by time.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { idUpdatedAt } from "./specs.ts";
 * assert.equal(idUpdatedAt("employee", "1700000000"), "employee#00000000001700000000");
 * ```
 */
export function idUpdatedAt(id: string, updatedAt: string): string {
  return `${id}#${padUpdatedAt(updatedAt)}`;
}

function padUpdatedAt(updatedAt: string): string {
  return updatedAt === LATEST ? LATEST : updatedAt.padStart(20, "0");
}

/**
 * The two items one build writes: the version item and the latest item.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { specItems } from "./specs.ts";
 * const { latest } = specItems({
 *   sub: "user1", name: "Employee_DB", version: "1.0.0", modelCount: 2,
 *   title: null, description: null, updatedAt: 1700000000,
 * });
 * assert.equal(latest.id, "employee-db");
 * assert.equal(latest.updated_at_id, "latest#employee-db");
 * assert.equal(latest.updated_at, "1700000000");
 * ```
 */
export function specItems(record: NewSpecRecord): { version: Item; latest: Item } {
  const id = canonicalizeName(record.name);
  const updatedAt = String(Math.trunc(record.updatedAt));
  const attributes: Item = {
    sub: record.sub,
    id,
    name: record.name,
    version: record.version,
    model_count: record.modelCount,
    updated_at: updatedAt,
  };
  if (record.title !== null) attributes.title = record.title;
  if (record.description !== null) attributes.description = record.description;
  return {
    version: {
      ...attributes,
      updated_at_id: updatedAtId(updatedAt, id),
      id_updated_at: idUpdatedAt(id, updatedAt),
    },
    latest: {
      ...attributes,
      updated_at_id: updatedAtId(LATEST, id),
      id_updated_at: idUpdatedAt(id, LATEST),
    },
  };
}

/** An item read back as a record. */
export function specRecordOf(item: Item): SpecRecord {
  const text = (name: string): string | null =>
    typeof item[name] === "string" ? item[name] as string : null;
  return {
    sub: String(item.sub),
    id: String(item.id),
    name: String(item.name),
    version: String(item.version),
    modelCount: Number(item.model_count),
    title: text("title"),
    description: text("description"),
    updatedAt: Number(item.updated_at),
  };
}

/**
 * The access patterns of the `Specs` table. Spec ids given to lookups are canonicalised
 * first, so `Employee_DB` finds `employee-db`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Specs } from "./specs.ts";
 * import { LocalTableStore } from "./local_table_store.ts";
 * const dir = await Deno.makeTempDir();
 * const specs = new Specs(new LocalTableStore(`${dir}/package-database.json`));
 * await specs.put({
 *   sub: "user1", name: "employee", version: "1.0.0", modelCount: 3,
 *   title: null, description: null, updatedAt: 1700000000,
 * });
 * assert.equal(await specs.latestVersion("user1", "Employee"), "1.0.0");
 * assert.equal(await specs.countModels("user1"), 3);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class Specs {
  readonly #store: TableStore;
  readonly #table: TableRef;

  /**
   * @param store Where the table lives.
   * @param tableName Its physical name. @default "Specs"
   */
  constructor(store: TableStore, tableName: string = SPECS_TABLE.name) {
    this.#store = store;
    this.#table = { definition: SPECS_TABLE, tableName };
  }

  /** Records a successful build: the version item and the latest item, atomically. */
  async put(record: NewSpecRecord): Promise<void> {
    const items = specItems(record);
    await this.#store.transact(this.#table, [{ put: items.version }, { put: items.latest }]);
  }

  /** The number of models of a user: the sum of the `model_count`s of the latest items. */
  async countModels(sub: string): Promise<number> {
    let count = 0;
    for (const item of await this.#latestItems(sub)) count += Number(item.model_count);
    return count;
  }

  /** The version of the latest build of a spec, or `null` when there is none. */
  async latestVersion(sub: string, specId: string): Promise<string | null> {
    return (await this.get(sub, specId))?.version ?? null;
  }

  /** The latest record of each of a user's specs, by id. */
  async list(sub: string): Promise<SpecRecord[]> {
    return (await this.#latestItems(sub)).map(specRecordOf);
  }

  /** The latest record of a spec, or `null`. */
  async get(sub: string, specId: string): Promise<SpecRecord | null> {
    const id = canonicalizeName(specId);
    const item = await this.#store.get(this.#table, {
      sub,
      updated_at_id: updatedAtId(LATEST, id),
    });
    return item === null ? null : specRecordOf(item);
  }

  /** Every build of a spec (not the latest item), oldest first. */
  async listVersions(sub: string, specId: string): Promise<SpecRecord[]> {
    const latestKey = updatedAtId(LATEST, canonicalizeName(specId));
    const items = await this.#itemsOf(sub, specId);
    return items.filter((item) => item.updated_at_id !== latestKey).map(specRecordOf);
  }

  /** Deletes every item of a spec. */
  async delete(sub: string, specId: string): Promise<void> {
    await this.#store.deleteMany(this.#table, await this.#itemsOf(sub, specId));
  }

  /** Deletes every item of a user. */
  async deleteAll(sub: string): Promise<void> {
    const items = await this.#store.query(this.#table, { partition: sub });
    await this.#store.deleteMany(this.#table, items);
  }

  #latestItems(sub: string): Promise<Item[]> {
    return this.#store.query(this.#table, { partition: sub, sortKeyPrefix: `${LATEST}#` });
  }

  /** Every item of a spec, through the local secondary index, in time order. */
  #itemsOf(sub: string, specId: string): Promise<Item[]> {
    return this.#store.query(this.#table, {
      index: "idUpdatedAt",
      partition: sub,
      sortKeyPrefix: `${canonicalizeName(specId)}#`,
    });
  }
}
