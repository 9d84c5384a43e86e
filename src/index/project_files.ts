/**
 * The files of one project in the package bucket: every wheel and sdist in the spec's
 * folder (`{sub}/{name}/`) whose distribution name is the project's, with the facts the
 * index lists (sha256, size, `Requires-Python`, a wheel's core metadata). Facts are read
 * from the archives and cached per key and entity tag, so a warm process reads each
 * archive once.
 *
 * @module
 */

import { canonicalizeName } from "../db/canonical_name.ts";
import type { Logger } from "../log.ts";
import {
  type DistributionFacts,
  distributionFacts,
  parseDistributionName,
  sha256Hex,
} from "./distributions.ts";
import type { PackageFiles, StoredObject } from "./package_files.ts";

/** One file of a project page. */
export interface IndexFile {
  /** The archive's file name (the last segment of its key). */
  fileName: string;
  /** Its storage key. */
  key: string;
  /** `wheel` or `sdist`. */
  kind: "wheel" | "sdist";
  /** The version its name gives. */
  version: string;
  /** Hex sha256 of the archive. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  /** `Requires-Python` of its metadata, if any. */
  requiresPython: string | null;
  /** A wheel's core metadata and its hex sha256 (PEP 658); `null` for an sdist. */
  coreMetadata: { bytes: Uint8Array; sha256: string } | null;
}

/** Options of {@link ProjectFiles}. */
export interface ProjectFilesOptions {
  /** Archives whose facts are kept in memory. @default 10000 */
  cacheSize?: number;
  /** Archives read at once. @default 8 */
  concurrency?: number;
  /** Where unreadable archives are reported. */
  logger?: Logger;
}

type Facts = Omit<IndexFile, "fileName" | "key" | "kind" | "version">;

/**
 * Lists projects' files, caching what it read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ProjectFiles } from "./project_files.ts";
 * import { LocalPackageFiles } from "./local_package_files.ts";
 * const root = await Deno.makeTempDir();
 * const project = new ProjectFiles(await LocalPackageFiles.create(root, "packages"));
 * assert.deepEqual(await project.list("user1/employee/", "employee"), []);
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export class ProjectFiles {
  readonly #files: PackageFiles;
  readonly #cache = new Map<string, { etag: string; facts: Facts }>();
  readonly #cacheSize: number;
  readonly #concurrency: number;
  readonly #logger: Logger | undefined;

  /** @param files The package bucket. */
  constructor(files: PackageFiles, options: ProjectFilesOptions = {}) {
    this.#files = files;
    this.#cacheSize = options.cacheSize ?? 10_000;
    this.#concurrency = options.concurrency ?? 8;
    this.#logger = options.logger;
  }

  /**
   * The wheels and sdists directly in the folder `prefix` (ending in `/`) whose
   * distribution name canonicalises to `projectId`, by file name. An archive that
   * vanished or cannot be read is left out (and logged).
   */
  async list(prefix: string, projectId: string): Promise<IndexFile[]> {
    const candidates: { object: StoredObject; file: Omit<IndexFile, keyof Facts> }[] = [];
    for (const object of await this.#files.list(prefix)) {
      const fileName = object.key.slice(prefix.length);
      if (fileName.includes("/")) continue;
      const parsed = parseDistributionName(fileName);
      if (parsed === null || canonicalizeName(parsed.name) !== projectId) continue;
      const file = { fileName, key: object.key, kind: parsed.kind, version: parsed.version };
      candidates.push({ object, file });
    }
    const listed: IndexFile[] = [];
    for (let start = 0; start < candidates.length; start += this.#concurrency) {
      const batch = candidates.slice(start, start + this.#concurrency);
      const facts = await Promise.all(
        batch.map(({ object, file }) => this.#facts(object, file.kind)),
      );
      batch.forEach(({ file }, index) => {
        if (facts[index] !== null) listed.push({ ...file, ...facts[index] });
      });
    }
    return listed.sort((a, b) => a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0);
  }

  async #facts(object: StoredObject, kind: "wheel" | "sdist"): Promise<Facts | null> {
    const cached = this.#cache.get(object.key);
    if (cached !== undefined && cached.etag === object.etag && object.etag !== "") {
      this.#cache.delete(object.key);
      this.#cache.set(object.key, cached);
      return cached.facts;
    }
    const bytes = await this.#files.get(object.key);
    if (bytes === null) return null;
    let read: DistributionFacts;
    try {
      read = await distributionFacts(kind, bytes);
    } catch (error) {
      this.#logger?.warn("unreadable archive left out of the index", {
        key: object.key,
        error: (error as Error).message,
      });
      return null;
    }
    const facts: Facts = {
      sha256: read.sha256,
      size: read.size,
      requiresPython: read.requiresPython,
      coreMetadata: read.coreMetadata === null
        ? null
        : { bytes: read.coreMetadata, sha256: await sha256Hex(read.coreMetadata) },
    };
    this.#cache.delete(object.key);
    this.#cache.set(object.key, { etag: object.etag, facts });
    while (this.#cache.size > this.#cacheSize) {
      this.#cache.delete(this.#cache.keys().next().value!);
    }
    return facts;
  }
}
