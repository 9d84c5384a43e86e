/**
 * The Lambda handler: for every spec key an SNS/S3 event names, make what is stored
 * beside the spec (sdist, wheel, build report) match the spec that is there now, or
 * remove it when the spec is gone.
 *
 * One round: read the spec (its ETag and version id with it; a spec larger than
 * `SPEC_MAX_BYTES` is not read), build in memory, upload the archives, then the report,
 * then ask S3 whether the spec still has the ETag and version id that were built
 * (HeadObject with `If-Match`). If it does, the stored result is that content's; if it
 * changed meanwhile, the next round builds the current content; if it was deleted, what
 * this round stored is deleted. A handler ends only after such a check, following its
 * last write, found the spec as built (or gone). So whatever the interleaving of events
 * for one key, the last write is followed by a check that the content it came from was
 * current, and the bucket ends with the current spec's packages and report (see the
 * README, "Overlapping events"). A spec that keeps changing for {@link MAX_ROUNDS}
 * rounds is a {@link TransientError}: Lambda retries the event later.
 *
 * Error policy: whatever a spec can cause is a report, never a retry: a spec the builder
 * rejects (an `InputError`, limits included) gets an `invalid` report, and any other
 * error of the in-memory build (deterministic, so a retry cannot fix it) a `failed`
 * report, logged with its stack for the operators. Storage faults throw, so Lambda
 * retries and finally dead-letters the event. Re-delivery writes the same bytes again.
 *
 * @module
 */

import { SpecKeyError, TransientError } from "../errors.ts";
import { createLogger, type Logger } from "../log.ts";
import { parseSpecKey, type SpecKey } from "../package/spec_key.ts";
import type { ObjectVersion, Storage, StoredObject } from "../storage/storage.ts";
import type { SpecRecordWriter } from "../db/spec_records.ts";
import type { LambdaContext } from "./context.ts";
import { parseSnsEvent, type S3ObjectRef } from "./event.ts";
import {
  type BuildInput,
  buildSpec,
  type BuiltArchive,
  type SpecBuild,
  specTooLarge,
} from "./build_spec.ts";
import { DEFAULT_LIMITS, type Limits, S3_MAX_KEY_BYTES, utf8Length } from "./limits.ts";
import { type BuildReport, errorReport, reportBytes, reportKey, successReport } from "./report.ts";

/** Rounds (read, build, upload, check) before a spec that keeps changing is retried later. */
export const MAX_ROUNDS = 5;

/** Largest build report read back when the spec is gone (to find what to delete). */
const REPORT_READ_MAX_BYTES = 1024 * 1024;

/** What happened to one object of the event. */
export interface ObjectOutcome {
  /** The bucket the event named. */
  bucket: string;
  /** The object key the event named, URL-decoded. */
  key: string;
  /**
   * `built`: packages and report stored; `invalid`: the spec was rejected, its report
   * stored; `failed`: the builder failed on the spec, its report stored; `missing`: the
   * spec was gone and nothing of it was stored; `deleted`: the spec was gone (before or
   * during the build) and what was stored of it was removed; `skipped`: the key is not a
   * spec key.
   */
  status: "built" | "invalid" | "failed" | "missing" | "deleted" | "skipped";
  /** Storage keys written (and kept). */
  stored: string[];
  /** The build report stored beside the spec (`built`, `invalid`, `failed`), else `null`. */
  report: BuildReport | null;
  /** The spec content the outcome is about, or `null` when the spec was gone. */
  spec: ObjectVersion | null;
  /**
   * Whether the event announced other content (ETag or version id) than the one built:
   * the spec had been replaced since, and the current content was built instead.
   */
  superseded: boolean;
  /** Rounds of read, build, upload and check (more than 1 when the spec changed meanwhile). */
  rounds: number;
}

/** The handler's return value. */
export interface HandlerResult {
  /** One entry per object of the event, in order. */
  objects: ObjectOutcome[];
  /** S3 test notifications acknowledged and ignored. */
  testEvents: number;
}

/** Options of {@link createHandler}. */
export interface HandlerOptions {
  /** The storage, or a function that creates it on first use. */
  storage: Storage | (() => Promise<Storage>);
  /** The function's limits. @default DEFAULT_LIMITS */
  limits?: Limits;
  /** The in-memory builder. @default buildSpec */
  build?: (input: BuildInput) => Promise<SpecBuild>;
  /** Where logs go. @default JSON lines on standard output */
  logger?: Logger;
  /**
   * Records each successful build whose spec was found unchanged after its upload in the
   * package database (`Specs`), with the report's (bounded) package facts. @default none
   */
  specRecords?: SpecRecordWriter;
}

/** A Lambda handler function. */
export type Handler = (event: unknown, context: LambdaContext) => Promise<HandlerResult>;

const CONTENT_TYPES: Record<string, string> = {
  sdist: "application/gzip",
  wheel: "application/zip",
};

/**
 * Creates the handler. It keeps no state between invocations apart from the storage
 * client: concurrent invocations are independent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createHandler } from "./handler.ts";
 * import { LocalStorage } from "../storage/local_storage.ts";
 * import { localContext } from "./context.ts";
 * import { createLogger } from "../log.ts";
 * const dir = await Deno.makeTempDir();
 * const handler = createHandler({ storage: new LocalStorage(dir), logger: createLogger(() => {}) });
 * assert.deepEqual(await handler({ Records: [] }, localContext()), { objects: [], testEvents: 0 });
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function createHandler(options: HandlerOptions): Handler {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const build = options.build ?? buildSpec;
  const baseLogger = options.logger ?? createLogger();
  let storage: Promise<Storage> | null = typeof options.storage === "function"
    ? null
    : Promise.resolve(options.storage);
  const storageNow = (): Promise<Storage> => {
    storage ??= (options.storage as () => Promise<Storage>)();
    return storage;
  };

  return async (event, context) => {
    const logger = baseLogger.child({ function_request_id: context.awsRequestId });
    const parsed = parseSnsEvent(event);
    if (parsed.testEvents > 0) {
      logger.info("ignored S3 test notification", { count: parsed.testEvents });
    }
    if (parsed.objects.length === 0 && parsed.testEvents === 0) {
      logger.warn(
        "the event names no object: SNS never sends an empty Records list, so the " +
          "function's event source may be misconfigured",
      );
    }
    const objects: ObjectOutcome[] = [];
    for (const object of parsed.objects) {
      const log = logger.child({ bucket: object.bucket, key: object.key });
      const started = performance.now();
      const step = { storage: storageNow, limits, build, log, specRecords: options.specRecords };
      const outcome = await processObject(object, step);
      log.info("processed spec", {
        status: outcome.status,
        stored: outcome.stored,
        eTag: outcome.spec?.eTag ?? null,
        versionId: outcome.spec?.versionId ?? null,
        event: { eTag: object.eTag, versionId: object.versionId, sequencer: object.sequencer },
        superseded: outcome.superseded,
        rounds: outcome.rounds,
        durationMs: Math.round(performance.now() - started),
        rssMb: Math.round(Deno.memoryUsage().rss / 1_000_000),
      });
      objects.push(outcome);
    }
    return { objects, testEvents: parsed.testEvents };
  };
}

interface Step {
  storage: () => Promise<Storage>;
  limits: Limits;
  build: (input: BuildInput) => Promise<SpecBuild>;
  log: Logger;
  specRecords: SpecRecordWriter | undefined;
}

async function processObject(object: S3ObjectRef, step: Step): Promise<ObjectOutcome> {
  const { bucket, key } = object;
  const outcome = (fields: Partial<ObjectOutcome> & Pick<ObjectOutcome, "status">) => ({
    bucket,
    key,
    stored: [],
    report: null,
    spec: null,
    superseded: false,
    rounds: 0,
    ...fields,
  });
  let specKey: SpecKey;
  try {
    specKey = parseSpecKey(key);
  } catch (error) {
    if (!(error instanceof SpecKeyError)) throw error;
    step.log.warn("skipped object: not a spec key", { reason: error.message });
    return outcome({ status: "skipped" });
  }
  const storage = await step.storage();
  let removedSomething = false;
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const found = await storage.get(bucket, key, { maxBytes: step.limits.specMaxBytes });
    if (found === null) {
      const removed = await removeOutputs(bucket, specKey, storage, step.log);
      removedSomething ||= removed.length > 0;
      if (await storage.head(bucket, key) === "missing") {
        if (removedSomething) step.log.info("spec is gone; removed what was stored", { removed });
        else step.log.info("spec no longer exists; nothing to build");
        return outcome({ status: removedSomething ? "deleted" : "missing", rounds: round });
      }
      step.log.info("spec was stored again meanwhile; building it", { round });
      continue;
    }
    const superseded = isSuperseded(object, found.version);
    if (superseded && round === 1) {
      step.log.info("the event's content was replaced; building the current content", {
        eventETag: object.eTag,
        eventVersionId: object.versionId,
        eTag: found.version.eTag,
        versionId: found.version.versionId,
      });
    }
    const { report, archives } = await buildReport(specKey, found, step);
    const stored = await upload(bucket, specKey, report, archives, storage, step.log);
    const now = await storage.head(bucket, key, { ifMatch: found.version.eTag });
    if (typeof now === "object" && now.versionId === found.version.versionId) {
      const status = report.status === "success"
        ? "built"
        : report.status === "invalid"
        ? "invalid"
        : "failed";
      if (report.package !== null) await step.specRecords?.({ specKey, package: report.package });
      return outcome({ status, stored, report, spec: found.version, superseded, rounds: round });
    }
    if (now === "missing") {
      step.log.warn("spec was deleted during the build; removing what was stored", { stored });
      await storage.deleteMany(bucket, stored);
      removedSomething = true;
      continue;
    }
    step.log.info("spec changed during the build; building the current content", { round });
  }
  throw new TransientError(
    `Cannot build s3://${bucket}/${key}: the spec changed during each of ${MAX_ROUNDS} ` +
      "builds; the event is retried later",
  );
}

/** Builds the spec's report and archives; any error of the build becomes the report. */
async function buildReport(
  key: SpecKey,
  found: StoredObject,
  step: Step,
): Promise<{ report: BuildReport; archives: readonly BuiltArchive[] }> {
  const context = { key, spec: found.version, limits: step.limits };
  const started = performance.now();
  try {
    if (found.bytes === null) throw specTooLarge(found.version.size, step.limits);
    const built = await step.build({ key, bytes: found.bytes, limits: step.limits });
    step.log.info("built packages", {
      name: built.name,
      version: built.version,
      buildMs: Math.round(performance.now() - started),
    });
    return { report: successReport(context, built), archives: built.archives };
  } catch (error) {
    const report = errorReport(context, error);
    if (report.status === "invalid") {
      step.log.warn("invalid spec", {
        error: report.error?.message,
        path: report.error?.path,
        limit: report.error?.limit?.name,
        problemCount: report.problemCount,
      });
    } else {
      // Not the user's doing: a fault of the builder that this spec triggers.
      step.log.error("the builder failed on the spec", { error });
    }
    return { report, archives: [] };
  }
}

/** Uploads the archives, then the report; returns the keys written. */
async function upload(
  bucket: string,
  key: SpecKey,
  report: BuildReport,
  archives: readonly BuiltArchive[],
  storage: Storage,
  log: Logger,
): Promise<string[]> {
  const stored: string[] = [];
  for (const archive of archives) {
    const contentType = CONTENT_TYPES[archive.format];
    await storage.put(bucket, archive.storageLocation, archive.bytes, contentType);
    stored.push(archive.storageLocation);
  }
  const location = reportKey(key);
  if (utf8Length(location) > S3_MAX_KEY_BYTES) {
    // Only a spec key of exactly 1,024 bytes: its report's key would be one byte longer.
    log.warn("cannot store the build report: its key would be longer than S3 allows", {
      keyBytes: utf8Length(location),
    });
    return stored;
  }
  await storage.put(bucket, location, reportBytes(report), "application/json");
  stored.push(location);
  return stored;
}

/**
 * Removes the report of a spec that is gone and the archives it lists (only archive
 * keys beside the spec, as the function writes them). Returns the keys removed.
 */
async function removeOutputs(
  bucket: string,
  key: SpecKey,
  storage: Storage,
  log: Logger,
): Promise<string[]> {
  const location = reportKey(key);
  if (utf8Length(location) > S3_MAX_KEY_BYTES) return [];
  const found = await storage.get(bucket, location, { maxBytes: REPORT_READ_MAX_BYTES });
  if (found === null) return [];
  const archives = found.bytes === null ? [] : archivesListed(found.bytes, key);
  if (archives === null) log.warn("the stored build report is not readable; removing it alone");
  const removed = [...(archives ?? []), location];
  await storage.deleteMany(bucket, removed);
  return removed;
}

/** The archive keys a stored report lists, or `null` when it cannot be read. */
function archivesListed(bytes: Uint8Array, key: SpecKey): string[] | null {
  let report: unknown;
  try {
    report = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  const packages = (report as { packages?: unknown })?.packages;
  if (!Array.isArray(packages)) return null;
  const folder = `${key.sub}/${key.specId}/`;
  const keys: string[] = [];
  for (const item of packages) {
    const location = (item as { storageLocation?: unknown })?.storageLocation;
    if (typeof location !== "string" || !location.startsWith(folder)) continue;
    const fileName = location.slice(folder.length);
    if (fileName.includes("/")) continue;
    if (fileName.endsWith(".whl") || fileName.endsWith(".tar.gz")) keys.push(location);
  }
  return keys;
}

/** Whether a creation event announced other content than `version`. */
function isSuperseded(object: S3ObjectRef, version: ObjectVersion): boolean {
  if (object.eventName !== null && !object.eventName.startsWith("ObjectCreated")) return false;
  if (object.eTag !== null && object.eTag !== version.eTag) return true;
  return object.versionId !== null && version.versionId !== null &&
    object.versionId !== version.versionId;
}
