/**
 * Shell entry of the builder: read a spec file, build its packages, write them to a
 * `dist` folder beside it. (First version: contract only; the implementation lands with
 * the builder core.)
 *
 * @module
 */

/** Archive formats the builder can write. */
export type PackageFormat = "sdist" | "wheel";

/** Options of {@link buildPackages}. */
export interface BuildPackagesOptions {
  /** `{sub}/{specId}/{version}-spec.json`, already URL-decoded. */
  specKey: string;
  /** A readable local file holding the spec (JSON or YAML). */
  specPath: string;
  /** Formats to build. @default ["sdist", "wheel"] */
  formats?: readonly PackageFormat[];
}

/** One archive written by the builder. */
export interface Package {
  /** Where the archive belongs in storage: `{sub}/{specId}/{archive file name}`. */
  storageLocation: string;
  /** Local path of the written archive. */
  path: string;
}

/** One archive with its digest, as the build report lists it. */
export interface BuiltPackage extends Package {
  /** `sdist` or `wheel`. */
  format: PackageFormat;
  /** Hex sha256 of the archive bytes. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

/** Everything a build produced, for callers that report on it (the Lambda handler). */
export interface BuildOutcome {
  /** Distribution name (specId with `-` → `_`). */
  name: string;
  /** Normalised PEP 440 version used in the archives. */
  version: string;
  /** `info.title` of the spec, if a string. */
  title: string | null;
  /** `info.description` of the spec, if a string. */
  description: string | null;
  /** Number of models (schemas that become SQLAlchemy models). */
  modelCount: number;
  /** The archives written, in format order (sdist, wheel). */
  packages: BuiltPackage[];
}
