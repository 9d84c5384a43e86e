/**
 * What the builder calls after a successful build whose spec still exists: record it in
 * the `Specs` table (see specs.ts). The handler depends only on the
 * {@link SpecRecordWriter} type; the database opens on the first record.
 *
 * @module
 */

import type { SpecKey } from "../package/spec_key.ts";
import { databaseLocation, openDatabase } from "./database.ts";
import type { Environment } from "../environment.ts";
import type { Specs } from "./specs.ts";

/** A successful build, as the handler knows it. */
export interface BuiltSpec {
  /** The spec's storage key. */
  specKey: SpecKey;
  /** What the build found (the build report's package facts). */
  package: {
    version: string;
    title: string | null;
    description: string | null;
    modelCount: number;
  };
}

/** Records a successful build. Throws `TransientError` on a database fault. */
export type SpecRecordWriter = (built: BuiltSpec) => Promise<void>;

/**
 * A writer into `Specs` (opened on first use), stamping each record with `now()`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { specRecordWriter } from "./spec_records.ts";
 * import { Specs } from "./specs.ts";
 * import { LocalTableStore } from "./local_table_store.ts";
 * import { parseSpecKey } from "../package/spec_key.ts";
 * const dir = await Deno.makeTempDir();
 * const specs = new Specs(new LocalTableStore(`${dir}/package-database.json`));
 * const write = specRecordWriter(() => Promise.resolve(specs), () => 1700000000000);
 * await write({
 *   specKey: parseSpecKey("user1/employee/1-spec.json"),
 *   package: { version: "1.0.0", title: null, description: null, modelCount: 3 },
 * });
 * assert.equal((await specs.get("user1", "employee"))?.updatedAt, 1700000000);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function specRecordWriter(
  open: () => Promise<Specs>,
  now: () => number = Date.now,
): SpecRecordWriter {
  let specs: Promise<Specs> | null = null;
  return async ({ specKey, package: facts }) => {
    specs ??= open().catch((error) => {
      specs = null;
      throw error;
    });
    await (await specs).put({
      sub: specKey.sub,
      name: specKey.specId,
      version: facts.version,
      modelCount: facts.modelCount,
      title: facts.title,
      description: facts.description,
      updatedAt: Math.floor(now() / 1000),
    });
  };
}

/**
 * The writer the environment asks for (see database.ts), or `undefined` when it names
 * no database (S3 storage without `SPECS_TABLE`): then no records are written.
 */
export function specRecordsFromEnv(env: Environment): SpecRecordWriter | undefined {
  const location = databaseLocation(env);
  if (location === null) return undefined;
  return specRecordWriter(async () => (await openDatabase(location, env)).specs);
}
