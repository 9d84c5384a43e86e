/**
 * The Lambda handler: for every spec an SNS/S3 event names, download it, build its
 * packages, upload them beside it with a build report, and delete them again if the
 * spec was deleted meanwhile.
 *
 * Error policy: an invalid spec is the user's error (reported, logged, the handler
 * returns); a storage fault throws, so Lambda retries and finally dead-letters the
 * event. Re-delivery writes the same bytes again.
 *
 * @module
 */

import { join } from "node:path";
import {
  type BuildOutcome,
  buildPackageSet,
  type BuildPackagesOptions,
} from "../build_packages.ts";
import { InputError, SpecKeyError } from "../errors.ts";
import { createLogger, type Logger } from "../log.ts";
import { parseSpecKey, type SpecKey } from "../package/spec_key.ts";
import type { Storage } from "../storage/storage.ts";
import type { SpecRecordWriter } from "../db/spec_records.ts";
import type { LambdaContext } from "./context.ts";
import { parseSnsEvent, type S3ObjectRef } from "./event.ts";
import { type BuildReport, invalidReport, reportKey, successReport } from "./report.ts";

/** What happened to one object of the event. */
export interface ObjectOutcome {
  /** The bucket the event named. */
  bucket: string;
  /** The object key the event named, URL-decoded. */
  key: string;
  /**
   * `built`: packages stored; `invalid`: spec rejected, report stored; `missing`: the spec
   * was gone before we read it; `deleted`: the spec was deleted while we built, so what we
   * stored was removed; `skipped`: the key is not a spec key.
   */
  status: "built" | "invalid" | "missing" | "deleted" | "skipped";
  /** Storage keys written (and kept). */
  stored: string[];
  /** The build report stored beside the spec (`built` and `invalid`), else `null`. */
  report: BuildReport | null;
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
  /** Scratch folder, emptied before and removed after each spec. @default "/tmp/build" */
  buildDir?: string;
  /** The builder. @default buildPackageSet */
  build?: (options: BuildPackagesOptions) => Promise<BuildOutcome>;
  /** Where logs go. @default JSON lines on standard output */
  logger?: Logger;
  /**
   * Records each successful build whose spec still exists in the package database
   * (`Specs`), after its packages and report are stored. @default none
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
 * Creates the handler.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createHandler } from "./handler.ts";
 * import { LocalStorage } from "../storage/local_storage.ts";
 * import { localContext } from "./context.ts";
 * const dir = await Deno.makeTempDir();
 * const handler = createHandler({ storage: new LocalStorage(dir), buildDir: `${dir}/build` });
 * const result = await handler({ Records: [] }, localContext());
 * assert.deepEqual(result.objects, []);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export function createHandler(options: HandlerOptions): Handler {
  const buildDir = options.buildDir ?? "/tmp/build";
  const build = options.build ?? buildPackageSet;
  const baseLogger = options.logger ?? createLogger();
  let storage: Storage | null = typeof options.storage === "function" ? null : options.storage;
  const storageNow = async (): Promise<Storage> => {
    if (storage === null) storage = await (options.storage as () => Promise<Storage>)();
    return storage;
  };

  return async (event, context) => {
    const logger = baseLogger.child({ requestId: context.awsRequestId });
    const parsed = parseSnsEvent(event);
    if (parsed.testEvents > 0) {
      logger.info("ignored S3 test notification", { count: parsed.testEvents });
    }
    const objects: ObjectOutcome[] = [];
    for (const object of parsed.objects) {
      const log = logger.child({ bucket: object.bucket, key: object.key });
      const started = performance.now();
      const step = { storage: storageNow, buildDir, build, log, specRecords: options.specRecords };
      const outcome = await processObject(object, step);
      log.info("processed spec", {
        status: outcome.status,
        stored: outcome.stored,
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
  buildDir: string;
  build: (options: BuildPackagesOptions) => Promise<BuildOutcome>;
  log: Logger;
  specRecords: SpecRecordWriter | undefined;
}

async function processObject(object: S3ObjectRef, step: Step): Promise<ObjectOutcome> {
  const { bucket, key } = object;
  let specKey: SpecKey;
  try {
    specKey = parseSpecKey(key);
  } catch (error) {
    if (!(error instanceof SpecKeyError)) throw error;
    step.log.warn("skipped object: not a spec key", { reason: error.message });
    return { bucket, key, status: "skipped", stored: [], report: null };
  }
  await resetDir(step.buildDir);
  try {
    const storage = await step.storage();
    const spec = await storage.get(bucket, key);
    if (spec === null) {
      step.log.info("spec no longer exists; nothing to build");
      return { bucket, key, status: "missing", stored: [], report: null };
    }
    const specPath = join(step.buildDir, "spec.json");
    await Deno.writeFile(specPath, spec);
    const { report, stored } = await buildAndUpload(object, specKey, specPath, storage, step);
    stored.push(await storeReport(bucket, specKey, report, storage));
    if (await wasDeletedMeanwhile(bucket, key, storage)) {
      step.log.warn("spec was deleted during the build; removing what was stored", { stored });
      await storage.deleteMany(bucket, stored);
      return { bucket, key, status: "deleted", stored: [], report: null };
    }
    const status = report.status === "success" ? "built" : "invalid";
    if (report.package !== null) await step.specRecords?.({ specKey, package: report.package });
    return { bucket, key, status, stored, report };
  } finally {
    await Deno.remove(step.buildDir, { recursive: true }).catch(() => {});
  }
}

/**
 * Builds the packages and uploads each beside the spec. An input error (invalid spec,
 * version…) becomes an `invalid` report; anything else propagates.
 */
async function buildAndUpload(
  object: S3ObjectRef,
  specKey: SpecKey,
  specPath: string,
  storage: Storage,
  step: Step,
): Promise<{ report: BuildReport; stored: string[] }> {
  const stored: string[] = [];
  let outcome: BuildOutcome;
  try {
    const started = performance.now();
    outcome = await step.build({ specKey: object.key, specPath });
    step.log.info("built packages", {
      name: outcome.name,
      version: outcome.version,
      buildMs: Math.round(performance.now() - started),
    });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    step.log.warn("invalid spec", { error: error.message, path: error.path });
    return { report: invalidReport(specKey, error), stored };
  }
  for (const item of outcome.packages) {
    const bytes = await Deno.readFile(item.path);
    await storage.put(object.bucket, item.storageLocation, bytes, CONTENT_TYPES[item.format]);
    stored.push(item.storageLocation);
  }
  return { report: successReport(specKey, outcome), stored };
}

/** Writes `{sub}/{specId}/{version}-build.json` and returns its key. */
async function storeReport(
  bucket: string,
  specKey: SpecKey,
  report: BuildReport,
  storage: Storage,
): Promise<string> {
  const location = reportKey(specKey);
  const text = `${JSON.stringify(report, null, 2)}\n`;
  await storage.put(bucket, location, new TextEncoder().encode(text), "application/json");
  return location;
}

/** Whether the spec is gone now (deleted while we built): ListObjectsV2, Prefix = key. */
async function wasDeletedMeanwhile(
  bucket: string,
  key: string,
  storage: Storage,
): Promise<boolean> {
  const remaining = await storage.list(bucket, key, 10);
  return !remaining.includes(key);
}

/** Removes `dir` (folder or file) if it exists and creates it empty. */
async function resetDir(dir: string): Promise<void> {
  await Deno.remove(dir, { recursive: true }).catch((error) => {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  });
  await Deno.mkdir(dir, { recursive: true });
}
