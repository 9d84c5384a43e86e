/**
 * The build report written beside the spec as `{sub}/{specId}/{version}-build.json`:
 * what the package database service records. No time stamps, so a re-delivered event
 * writes the same bytes again.
 *
 * @module
 */

import type { BuildOutcome } from "../build_packages.ts";
import type { SpecKey } from "../package/spec_key.ts";
import type { InputError } from "../errors.ts";

/** The report of one spec's build. */
export interface BuildReport {
  /** `success`: packages stored; `invalid`: the spec was rejected (nothing stored). */
  status: "success" | "invalid";
  /** The spec's key. */
  specKey: string;
  /** Package facts, for a successful build. */
  package: {
    name: string;
    version: string;
    title: string | null;
    description: string | null;
    modelCount: number;
  } | null;
  /** The stored archives. */
  packages: { storageLocation: string; format: string; sha256: string; size: number }[];
  /** Why the spec was rejected, for an invalid one. */
  error: { type: string; message: string; path: readonly string[] } | null;
}

/** Storage key of the report of a spec. */
export function reportKey(key: SpecKey): string {
  return `${key.sub}/${key.specId}/${key.version}-build.json`;
}

/** The report of a successful build. */
export function successReport(key: SpecKey, outcome: BuildOutcome): BuildReport {
  return {
    status: "success",
    specKey: key.key,
    package: {
      name: outcome.name,
      version: outcome.version,
      title: outcome.title,
      description: outcome.description,
      modelCount: outcome.modelCount,
    },
    packages: outcome.packages.map((item) => ({
      storageLocation: item.storageLocation,
      format: item.format,
      sha256: item.sha256,
      size: item.size,
    })),
    error: null,
  };
}

/** The report of a spec the builder rejected. */
export function invalidReport(key: SpecKey, error: InputError): BuildReport {
  return {
    status: "invalid",
    specKey: key.key,
    package: null,
    packages: [],
    error: { type: error.name, message: error.message, path: error.path },
  };
}
