/**
 * Source distributions (PEP 625 / the sdist format): `{name}-{version}.tar.gz` holding
 * `{name}-{version}/PKG-INFO`, a `pyproject.toml` that setuptools builds from, and the
 * package folder.
 *
 * @module
 */

import { type ArchiveEntry, type ArchiveOptions, utf8 } from "./entries.ts";
import { coreMetadata, type DistributionMetadata, pyprojectToml } from "./metadata.ts";
import { writeTarGz } from "./tar_gz.ts";
import { type Archive, fileNameComponent, type SourceFile } from "./wheel.ts";

/**
 * Builds an sdist. Every non-Python file of the package is declared as package data so
 * setuptools puts it in the wheel it builds.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildSdist } from "./sdist.ts";
 * const sdist = await buildSdist(
 *   { name: "employee", version: "1.0", summary: null },
 *   [{ name: "__init__.py", bytes: new Uint8Array() }],
 * );
 * assert.equal(sdist.fileName, "employee-1.0.tar.gz");
 * ```
 */
export async function buildSdist(
  metadata: DistributionMetadata,
  files: readonly SourceFile[],
  options: ArchiveOptions = {},
): Promise<Archive> {
  const stem = `${fileNameComponent(metadata.name)}-${fileNameComponent(metadata.version)}`;
  const dataFiles = files.map((file) => file.name).filter((name) => !name.endsWith(".py"));
  const entries: ArchiveEntry[] = [
    { path: `${stem}/PKG-INFO`, bytes: utf8(coreMetadata(metadata)) },
    { path: `${stem}/pyproject.toml`, bytes: utf8(pyprojectToml(metadata, dataFiles)) },
  ];
  for (const file of files) {
    entries.push({ path: `${stem}/${metadata.name}/${file.name}`, bytes: file.bytes });
  }
  return { fileName: `${stem}.tar.gz`, bytes: await writeTarGz(entries, options) };
}
