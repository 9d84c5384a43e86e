/**
 * HTTP Basic authentication of index requests: the user name is a public key, the
 * password its secret key, checked against the `Credentials` table.
 *
 * Verifying a secret costs one PBKDF2 (600,000 iterations, ~110 ms of CPU). A warm
 * process remembers, per public key and stored hash, the SHA-256 of the last secret
 * that verified, so later requests with the same credentials cost one table lookup and
 * one SHA-256. The lookup happens on every request: deleted or re-created credentials
 * take effect at once.
 *
 * @module
 */

import type { StoredCredentials } from "../db/credentials.ts";
import { sha256Hex } from "./distributions.ts";

/** What authentication needs from the `Credentials` table. */
export interface CredentialsLookup {
  /** The credentials with this public key, or `null`. */
  findByPublicKey(publicKey: string): Promise<StoredCredentials | null>;
  /** Whether `secretKey` is the secret of `stored` (slow). */
  matches(stored: StoredCredentials, secretKey: string): Promise<boolean>;
}

/** Who a request is from. */
export interface Principal {
  /** The user. */
  sub: string;
  /** Their credentials' id. */
  credentialsId: string;
}

/** The `WWW-Authenticate` challenge of a 401. */
export const CHALLENGE = 'Basic realm="OpenAlchemy package index", charset="UTF-8"';

/**
 * The user name and password of a `Basic` `Authorization` header, or `null`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseBasicAuth } from "./auth.ts";
 * assert.deepEqual(parseBasicAuth(`Basic ${btoa("pk_a:sk_b")}`), { user: "pk_a", password: "sk_b" });
 * assert.equal(parseBasicAuth("Bearer x"), null);
 * ```
 */
export function parseBasicAuth(header: string | null): { user: string; password: string } | null {
  const match = header?.match(/^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match) return null;
  let text: string;
  try {
    const binary = atob(match[1]);
    text = new TextDecoder("utf-8", { fatal: true }).decode(
      Uint8Array.from(binary, (char) => char.charCodeAt(0)),
    );
  } catch {
    return null;
  }
  const colon = text.indexOf(":");
  if (colon <= 0) return null;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * Authenticates requests, remembering verified secrets (bounded, least recently used
 * first out).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Authenticator } from "./auth.ts";
 * import { Credentials } from "../db/credentials.ts";
 * import { LocalTableStore } from "../db/local_table_store.ts";
 * const dir = await Deno.makeTempDir();
 * const credentials = new Credentials(new LocalTableStore(`${dir}/package-database.json`));
 * const { publicKey, secretKey } = await credentials.create("user1");
 * const auth = new Authenticator(credentials);
 * const header = `Basic ${btoa(`${publicKey}:${secretKey}`)}`;
 * assert.equal((await auth.authenticate(header))?.sub, "user1");
 * assert.equal(await auth.authenticate(`Basic ${btoa(`${publicKey}:wrong`)}`), null);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class Authenticator {
  readonly #credentials: CredentialsLookup;
  readonly #verified = new Map<string, string>();
  readonly #cacheSize: number;

  /** @param credentials The table. @param cacheSize Credentials remembered. */
  constructor(credentials: CredentialsLookup, cacheSize = 1000) {
    this.#credentials = credentials;
    this.#cacheSize = cacheSize;
  }

  /** The principal of an `Authorization` header, or `null` (→ 401). */
  async authenticate(header: string | null): Promise<Principal | null> {
    const basic = parseBasicAuth(header);
    if (basic === null) return null;
    const stored = await this.#credentials.findByPublicKey(basic.user);
    if (stored === null) return null;
    const cacheKey = `${stored.publicKey}\u0000${hex(stored.salt)}\u0000${
      hex(stored.secretKeyHash)
    }`;
    const presented = await sha256Hex(`${hex(stored.salt)}:${basic.password}`);
    const remembered = this.#verified.get(cacheKey);
    if (remembered === undefined || remembered !== presented) {
      if (!await this.#credentials.matches(stored, basic.password)) return null;
    }
    this.#verified.delete(cacheKey);
    this.#verified.set(cacheKey, presented);
    while (this.#verified.size > this.#cacheSize) {
      this.#verified.delete(this.#verified.keys().next().value!);
    }
    return { sub: stored.sub, credentialsId: stored.id };
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
