/**
 * The handler as deployed: storage chosen from the environment (S3 in Lambda, a local
 * folder for local runs), limits from the environment (`SPEC_MAX_BYTES`…, see
 * limits.ts), spec records in the package database the environment names
 * (src/db/database.ts). A limit variable that is not a positive integer fails the
 * function's initialisation.
 *
 * @module
 */

import { createHandler, type Handler } from "./handler.ts";
import { storageFromEnv } from "./default_storage.ts";
import { limitsFromEnv } from "./limits.ts";
import { specRecordsFromEnv } from "../db/spec_records.ts";

const env = (name: string): string | undefined => Deno.env.get(name);

/**
 * The function's handler.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { handler } from "./default_handler.ts";
 * import { localContext } from "./context.ts";
 * const result = await handler({ Records: [] }, localContext());
 * assert.deepEqual(result.objects, []);
 * ```
 */
export const handler: Handler = createHandler({
  storage: () => storageFromEnv(env),
  limits: limitsFromEnv(env),
  specRecords: specRecordsFromEnv(env),
});
