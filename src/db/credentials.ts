/**
 * The `Credentials` table: the keys users put in their index URL
 * (`https://<public key>:<secret key>@<host>/simple/`).
 *
 * Item layout: `sub` (the user), `id` (names the credentials among the user's),
 * `public_key` (string, found through the global secondary index `publicKey`),
 * `secret_key_hash` and `salt` (bytes): the secret key itself is returned once, when the
 * credentials are created, and never stored (see secret_hash.ts).
 *
 * @module
 */

import { CredentialsError } from "../errors.ts";
import { equalBytes, hashSecret, newSalt, PBKDF2_ITERATIONS } from "./secret_hash.ts";
import { CREDENTIALS_TABLE, type TableRef } from "./tables.ts";
import type { Item, TableStore } from "./table_store.ts";

/** Credentials as created: the only time the secret key is known. */
export interface NewCredentials {
  /** Names the credentials among the user's. */
  id: string;
  /** The user name part of the index URL. */
  publicKey: string;
  /** The password part of the index URL. */
  secretKey: string;
}

/** Credentials as listed: no secret. */
export interface CredentialsInfo {
  /** Names the credentials among the user's. */
  id: string;
  /** The public key. */
  publicKey: string;
}

/** Stored credentials, as authentication reads them. */
export interface StoredCredentials extends CredentialsInfo {
  /** The user. */
  sub: string;
  /** PBKDF2-HMAC-SHA256 of the secret key. */
  secretKeyHash: Uint8Array;
  /** The hash's salt. */
  salt: Uint8Array;
}

/** Options of {@link Credentials}. */
export interface CredentialsOptions {
  /** Physical table name. @default "Credentials" */
  tableName?: string;
  /** PBKDF2 iterations. @default PBKDF2_ITERATIONS */
  iterations?: number;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The access patterns of the `Credentials` table.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Credentials } from "./credentials.ts";
 * import { LocalTableStore } from "./local_table_store.ts";
 * const dir = await Deno.makeTempDir();
 * const credentials = new Credentials(new LocalTableStore(`${dir}/package-database.json`));
 * const created = await credentials.create("user1", { id: "laptop" });
 * const owner = await credentials.verify(created.publicKey, created.secretKey);
 * assert.deepEqual(owner, { sub: "user1", id: "laptop" });
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class Credentials {
  readonly #store: TableStore;
  readonly #table: TableRef;
  readonly #iterations: number;

  /** @param store Where the table lives. */
  constructor(store: TableStore, options: CredentialsOptions = {}) {
    this.#store = store;
    this.#table = {
      definition: CREDENTIALS_TABLE,
      tableName: options.tableName ?? CREDENTIALS_TABLE.name,
    };
    this.#iterations = options.iterations ?? PBKDF2_ITERATIONS;
  }

  /**
   * Creates credentials for a user and returns them with their secret key, which is
   * not stored and cannot be read again.
   *
   * @param options.id The credentials' id (letters, digits, `.`, `_`, `-`; at most 64).
   *   @default a random UUID
   * @throws {CredentialsError} for a malformed id or one the user already has.
   */
  async create(sub: string, options: { id?: string } = {}): Promise<NewCredentials> {
    if (sub.length === 0) {
      throw new CredentialsError("Cannot create credentials: the sub is empty", ["sub"]);
    }
    const id = options.id ?? crypto.randomUUID();
    if (!ID_PATTERN.test(id)) {
      throw new CredentialsError(
        `Cannot create credentials with the id ${JSON.stringify(id)}: an id is 1 to 64 ` +
          `letters, digits, ".", "_" or "-", starting with a letter or digit`,
        ["id"],
      );
    }
    const publicKey = `pk_${randomToken(15)}`;
    const secretKey = `sk_${randomToken(32)}`;
    const salt = newSalt();
    const item: Item = {
      sub,
      id,
      public_key: publicKey,
      secret_key_hash: await hashSecret(secretKey, salt, this.#iterations),
      salt,
    };
    if (!await this.#store.put(this.#table, item, { ifAbsent: true })) {
      throw new CredentialsError(
        `Cannot create credentials with the id ${JSON.stringify(id)}: ${sub} already has ` +
          `credentials with that id`,
        ["id"],
      );
    }
    return { id, publicKey, secretKey };
  }

  /** A user's credentials, by id. */
  async list(sub: string): Promise<CredentialsInfo[]> {
    const items = await this.#store.query(this.#table, { partition: sub });
    return items.map(infoOf);
  }

  /** One of a user's credentials, or `null`. */
  async get(sub: string, id: string): Promise<CredentialsInfo | null> {
    const item = await this.#store.get(this.#table, { sub, id });
    return item === null ? null : infoOf(item);
  }

  /** The credentials with this public key (through the `publicKey` index), or `null`. */
  async findByPublicKey(publicKey: string): Promise<StoredCredentials | null> {
    const items = await this.#store.query(this.#table, {
      index: "publicKey",
      partition: publicKey,
    });
    if (items.length === 0) return null;
    const item = items[0];
    return {
      ...infoOf(item),
      sub: String(item.sub),
      secretKeyHash: item.secret_key_hash as Uint8Array,
      salt: item.salt as Uint8Array,
    };
  }

  /** Whether `secretKey` is the secret of `stored` (hashes it: slow on purpose). */
  async matches(stored: StoredCredentials, secretKey: string): Promise<boolean> {
    const hash = await hashSecret(secretKey, stored.salt, this.#iterations);
    return equalBytes(hash, stored.secretKeyHash);
  }

  /** The user and credentials id a public and secret key belong to, or `null`. */
  async verify(publicKey: string, secretKey: string): Promise<{ sub: string; id: string } | null> {
    const stored = await this.findByPublicKey(publicKey);
    if (stored === null || !await this.matches(stored, secretKey)) return null;
    return { sub: stored.sub, id: stored.id };
  }

  /** Deletes one of a user's credentials (nothing when there is no such id). */
  async delete(sub: string, id: string): Promise<void> {
    await this.#store.deleteMany(this.#table, [{ sub, id }]);
  }

  /** Deletes all of a user's credentials. */
  async deleteAll(sub: string): Promise<void> {
    const items = await this.#store.query(this.#table, { partition: sub });
    await this.#store.deleteMany(this.#table, items);
  }
}

function infoOf(item: Item): CredentialsInfo {
  return { id: String(item.id), publicKey: String(item.public_key) };
}

/** `bytes` random bytes in unpadded base64url (safe in a URL's user info). */
function randomToken(bytes: number): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...random)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}
