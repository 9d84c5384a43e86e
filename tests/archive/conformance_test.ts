/**
 * Archive conformance: every archive the archive tests build (`fixtures.ts`) and the
 * archives the core builds from the bundled example, checked with the tools that consume
 * them:
 *
 * - `packaging`: core metadata of both archives validated (`Metadata.from_email(…,
 *   validate=True)`), file names parsed (`parse_wheel_filename`, `parse_sdist_filename`),
 *   the sdist extracted with `tarfile`'s `filter="data"`, its `pyproject.toml` read;
 * - a streaming zip read of every wheel (strictly from the local headers; Java's
 *   `ZipInputStream` too where `java` is installed);
 * - pip, with Python warnings as errors and no pip warning allowed: the wheels installed
 *   with `--require-hashes` and uninstalled without leftovers; the sdists built by
 *   setuptools (into wheels with the same name, files and metadata as ours) and installed.
 *
 * pip is the machine's (what `python3 -m venv` brings), run without the machine's pip
 * configuration so that only our archives can cause a warning.
 */

import assert from "node:assert/strict";
import { devNull } from "node:os";
import { join } from "node:path";
import { buildSdist } from "../../src/archive/sdist.ts";
import { buildWheel, fileNameComponent } from "../../src/archive/wheel.ts";
import {
  DESCRIPTION_CONTENT_TYPE,
  type DistributionMetadata,
  longDescription,
  METADATA_VERSION,
  REQUIRES_DIST,
  REQUIRES_PYTHON,
  summaryLine,
} from "../../src/archive/metadata.ts";
import { buildArchives } from "../../src/build.ts";
import { canonicalDistributionName } from "../../src/package/package_name.ts";
import type { SourceFile } from "../../src/archive/wheel.ts";
import { readZip, sha256Hex, textOf } from "../helpers/archives.ts";
import { run, runOk } from "../helpers/python.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";
import { TOOLS_PYTHON } from "../helpers/tools.ts";
import { javaAvailable, readZipStreaming, readZipsWithJava } from "../helpers/zip_stream.ts";
import { ARCHIVE_CASES, UNRULY_DESCRIPTION, UNRULY_TITLE } from "./fixtures.ts";

/** One package with both its archives written to disk. */
interface Built {
  readonly label: string;
  readonly metadata: DistributionMetadata;
  readonly files: readonly SourceFile[];
  readonly wheel: string;
  readonly sdist: string;
  readonly wheelBytes: Uint8Array;
}

/** The core metadata fields `packaging` reads, as the check script reports them. */
interface MetadataFields {
  readonly errors: string[];
  readonly metadata_version?: string;
  readonly name?: string;
  readonly version?: string;
  readonly summary?: string | null;
  readonly description?: string | null;
  readonly description_content_type?: string | null;
  readonly requires_dist?: string[];
  readonly requires_python?: string;
  readonly dynamic?: string[] | null;
}

/** What the check script reports for one package. */
interface Checked {
  readonly wheel_filename: [string, string, unknown[], string[]];
  readonly sdist_filename: [string, string];
  readonly wheel_bad_member: string | null;
  readonly wheel_dist_info: string[];
  readonly wheel_metadata: MetadataFields;
  readonly sdist_members: string[];
  readonly sdist_metadata: MetadataFields;
  readonly pyproject: {
    "build-system": { requires: string[]; "build-backend": string };
    project: Record<string, unknown>;
  };
}

const CHECK = `
import json, os, sys, tarfile, tempfile, zipfile
try:
    import tomllib
except ImportError:  # Python before 3.11: the TOML reader pip carries
    from pip._vendor import tomli as tomllib
from packaging.metadata import ExceptionGroup, Metadata
from packaging.utils import parse_sdist_filename, parse_wheel_filename

def fields(data):
    try:
        metadata = Metadata.from_email(data, validate=True)
    except ExceptionGroup as group:
        return {"errors": [str(error) for error in group.exceptions]}
    return {
        "errors": [],
        "metadata_version": metadata.metadata_version,
        "name": metadata.name,
        "version": str(metadata.version),
        "summary": metadata.summary,
        "description": metadata.description,
        "description_content_type": metadata.description_content_type,
        "requires_dist": [str(requirement) for requirement in metadata.requires_dist or []],
        "requires_python": str(metadata.requires_python),
        "dynamic": metadata.dynamic,
    }

reports = []
for case in json.load(sys.stdin):
    report = {}
    name, version, build, tags = parse_wheel_filename(os.path.basename(case["wheel"]))
    report["wheel_filename"] = [name, str(version), list(build), sorted(str(tag) for tag in tags)]
    name, version = parse_sdist_filename(os.path.basename(case["sdist"]))
    report["sdist_filename"] = [name, str(version)]
    with zipfile.ZipFile(case["wheel"]) as wheel:
        report["wheel_bad_member"] = wheel.testzip()
        metadata_paths = [path for path in wheel.namelist() if path.endswith(".dist-info/METADATA")]
        report["wheel_dist_info"] = [path.split("/")[0] for path in metadata_paths]
        report["wheel_metadata"] = fields(wheel.read(metadata_paths[0]))
    stem = os.path.basename(case["sdist"])[: -len(".tar.gz")]
    with tarfile.open(case["sdist"]) as sdist, tempfile.TemporaryDirectory() as folder:
        sdist.extractall(folder, filter="data")
        report["sdist_members"] = sorted(os.listdir(os.path.join(folder, stem)))
        with open(os.path.join(folder, stem, "PKG-INFO"), "rb") as file:
            report["sdist_metadata"] = fields(file.read())
        with open(os.path.join(folder, stem, "pyproject.toml"), "rb") as file:
            report["pyproject"] = tomllib.load(file)
    reports.append(report)
print(json.dumps(reports))
`;

/** What importlib.metadata sees of each installed distribution. */
const INSPECT = `
import importlib.metadata as metadata, json, sys
report = {}
for name in sys.argv[1:]:
    dist = metadata.distribution(name)
    report[name] = {
        "version": dist.version,
        "summary": dist.metadata["Summary"],
        "description": dist.metadata.get_payload() or None,
        "requires": dist.requires,
        "files": sorted(str(path) for path in dist.files if ".dist-info" not in str(path)
                        and "__pycache__" not in str(path)),
    }
print(json.dumps(report))
`;

const SITE_PACKAGES = `
import json, os, sysconfig
print(json.dumps(sorted(os.listdir(sysconfig.get_paths()["purelib"]))))
`;

/** Environment of a pip run that must not warn: only our archives can cause a warning. */
function strictEnvironment(work: string): Record<string, string> {
  return {
    PIP_CONFIG_FILE: devNull,
    PIP_CACHE_DIR: join(work, "pip-cache"),
    PIP_NO_INPUT: "1",
    // Warnings are errors, in pip and in the build backend it starts; pip 23 itself
    // imports its own copy of pkg_resources, which warns that it is deprecated.
    PYTHONWARNINGS: "error,ignore:pkg_resources is deprecated as an API:DeprecationWarning",
  };
}

/** Runs pip strictly: it must succeed and print no warning or deprecation. */
async function strictPip(python: string, work: string, args: string[]): Promise<string> {
  const output = await run(python, ["-m", "pip", ...args], { env: strictEnvironment(work) });
  const text = `${output.stdout}\n${output.stderr}`;
  assert.equal(output.code, 0, `pip ${args.join(" ")} failed:\n${text}`);
  assert.doesNotMatch(text, /^\s*(WARNING|DEPRECATION)/im, `pip ${args.join(" ")} warned`);
  return output.stdout;
}

/** Archives every fixture and the bundled example (as is, without a version, unruly). */
async function buildAll(work: string): Promise<Built[]> {
  const cases: { label: string; metadata: DistributionMetadata; files: readonly SourceFile[] }[] = [
    ...ARCHIVE_CASES,
  ];
  const example = JSON.parse(await Deno.readTextFile(PROJECT_EXAMPLE));
  const withoutVersion = { ...example, info: { title: example.info.title } };
  const unruly = {
    ...example,
    info: { version: "v2.0-RC1", title: UNRULY_TITLE, description: UNRULY_DESCRIPTION },
  };
  for (
    const [packageName, spec] of [
      ["staff", example],
      ["staff_hashed", withoutVersion],
      ["staff_unruly", unruly],
    ] as const
  ) {
    const { contents } = await buildArchives(spec, { packageName, formats: [] });
    cases.push({
      label: `the bundled example as ${packageName}`,
      metadata: {
        name: contents.name,
        version: contents.version,
        summary: contents.title,
        description: contents.description,
      },
      files: contents.files.map((file) => ({
        name: file.name,
        bytes: new TextEncoder().encode(file.text),
      })),
    });
  }
  const built: Built[] = [];
  for (const [index, { label, metadata, files }] of cases.entries()) {
    const dir = join(work, "dist", String(index));
    await Deno.mkdir(dir, { recursive: true });
    const wheel = await buildWheel(metadata, files);
    const sdist = await buildSdist(metadata, files);
    await Deno.writeFile(join(dir, wheel.fileName), wheel.bytes);
    await Deno.writeFile(join(dir, sdist.fileName), sdist.bytes);
    built.push({
      label,
      metadata,
      files,
      wheel: join(dir, wheel.fileName),
      sdist: join(dir, sdist.fileName),
      wheelBytes: wheel.bytes,
    });
  }
  return built;
}

/** The metadata fields every archive of `metadata` must carry. */
function expectedFields(metadata: DistributionMetadata): MetadataFields {
  const summary = metadata.summary === null ? "" : summaryLine(metadata.summary);
  const description = longDescription(metadata.description);
  return {
    errors: [],
    metadata_version: METADATA_VERSION,
    name: metadata.name,
    version: metadata.version,
    summary: summary === "" ? null : summary,
    description,
    description_content_type: description === null ? null : DESCRIPTION_CONTENT_TYPE,
    requires_dist: [REQUIRES_DIST],
    requires_python: REQUIRES_PYTHON,
    dynamic: null,
  };
}

Deno.test({
  name: "every archive passes packaging, a streaming read, and pip with warnings as errors",
  sanitizeResources: false,
  async fn(t) {
    const work = await Deno.makeTempDir({ prefix: "oa-conformance-" });
    try {
      const built = await buildAll(work);
      const names = built.map((item) => item.metadata.name);
      assert.equal(new Set(names.map(canonicalDistributionName)).size, names.length);

      await t.step(
        "packaging validates names, versions and metadata of both archives",
        async () => {
          const reports: Checked[] = JSON.parse(
            await runOk(TOOLS_PYTHON, ["-c", CHECK], {
              stdin: JSON.stringify(built.map(({ wheel, sdist }) => ({ wheel, sdist }))),
            }),
          );
          for (const [index, { label, metadata, files }] of built.entries()) {
            const report = reports[index];
            const name = canonicalDistributionName(metadata.name);
            const stem = `${fileNameComponent(metadata.name)}-${metadata.version}`;
            assert.deepEqual(report.wheel_filename, [name, metadata.version, [], ["py3-none-any"]]);
            assert.deepEqual(report.sdist_filename, [name, metadata.version], label);
            assert.equal(report.wheel_bad_member, null, label);
            assert.deepEqual(report.wheel_dist_info, [`${stem}.dist-info`], label);
            assert.deepEqual(report.wheel_metadata, expectedFields(metadata), label);
            assert.deepEqual(report.sdist_metadata, expectedFields(metadata), label);
            assert.deepEqual(
              report.sdist_members,
              ["PKG-INFO", metadata.name, "pyproject.toml"].sort(),
              label,
            );
            const description = longDescription(metadata.description);
            const summary = metadata.summary === null ? "" : summaryLine(metadata.summary);
            assert.deepEqual(report.pyproject.project, {
              name: metadata.name,
              version: metadata.version,
              ...(summary === "" ? {} : { description: summary }),
              ...(description === null
                ? {}
                : { readme: { text: description, "content-type": DESCRIPTION_CONTENT_TYPE } }),
              "requires-python": REQUIRES_PYTHON,
              dependencies: [REQUIRES_DIST],
            }, label);
            assert.ok(files.length > 0);
          }
        },
      );

      await t.step("every wheel reads as a stream, from its local headers alone", async () => {
        for (const { label, wheelBytes } of built) {
          const streamed = readZipStreaming(wheelBytes).map((entry) => entry.name);
          assert.deepEqual(streamed, [...readZip(wheelBytes).keys()], label);
        }
        if (await javaAvailable()) {
          const lines = await readZipsWithJava(built.map((item) => item.wheel));
          const expected = built.flatMap(({ wheel, wheelBytes }) =>
            [...readZip(wheelBytes)].map(([path, bytes]) => `${wheel} ${path} ${bytes.length}`)
          );
          assert.deepEqual(lines, expected);
        }
      });

      await t.step(
        "pip installs every wheel checking its hash, and uninstalls it cleanly",
        async () => {
          await runOk("python3", ["-m", "venv", join(work, "venv-wheels")]);
          const python = join(work, "venv-wheels", "bin", "python");
          const before = await runOk(python, ["-c", SITE_PACKAGES]);
          const requirements = [];
          for (const { metadata, wheel, wheelBytes } of built) {
            const hash = await sha256Hex(wheelBytes);
            requirements.push(`${metadata.name} @ file://${wheel} --hash=sha256:${hash}`);
          }
          const requirementsFile = join(work, "wheels.txt");
          await Deno.writeTextFile(requirementsFile, `${requirements.join("\n")}\n`);
          await strictPip(python, work, [
            "install",
            "--no-deps",
            "--no-index",
            "--require-hashes",
            "-r",
            requirementsFile,
          ]);
          await checkInstalled(python, built);
          await strictPip(python, work, ["uninstall", "--yes", ...names]);
          assert.equal(await runOk(python, ["-c", SITE_PACKAGES]), before);
        },
      );

      await t.step(
        "pip builds (setuptools) and installs every sdist: the wheels equal ours",
        async () => {
          await runOk("python3", ["-m", "venv", join(work, "venv-sdists")]);
          const python = join(work, "venv-sdists", "bin", "python");
          await runOk(python, [
            "-m",
            "pip",
            "install",
            "--quiet",
            "--retries",
            "0",
            "--upgrade",
            "setuptools>=68.1",
          ]);
          await strictPip(python, work, [
            "install",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            ...built.map((item) => item.sdist),
          ]);
          await checkInstalled(python, built);
          // The wheels setuptools built, as pip keeps them in its cache.
          const builtBySetuptools = new Map<string, string>();
          for await (const path of wheelsUnder(join(work, "pip-cache"))) {
            builtBySetuptools.set(path.split("/").at(-1)!, path);
          }
          for (const { label, wheel, wheelBytes } of built) {
            const fileName = wheel.split("/").at(-1)!;
            const theirsPath = builtBySetuptools.get(fileName);
            assert.ok(theirsPath, `${label}: setuptools built ${[...builtBySetuptools.keys()]}`);
            const theirs = readZip(await Deno.readFile(theirsPath));
            const ours = readZip(wheelBytes);
            assert.deepEqual([...theirs.keys()].sort(), [...ours.keys()].sort(), label);
            for (const [path, bytes] of ours) {
              if (path.endsWith("/RECORD") || path.endsWith("/WHEEL")) continue;
              let expected = textOf(bytes);
              // setuptools ends the file with a line break after a description without one.
              if (path.endsWith("/METADATA") && !expected.endsWith("\n")) expected += "\n";
              assert.equal(textOf(theirs.get(path)), expected, `${label}: ${path}`);
            }
          }
        },
      );
    } finally {
      await Deno.remove(work, { recursive: true });
    }
  },
});

/** Paths of the wheels in a folder and its subfolders. */
async function* wheelsUnder(dir: string): AsyncGenerator<string> {
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* wheelsUnder(path);
    else if (entry.name.endsWith(".whl")) yield path;
  }
}

/** Checks what Python sees of every installed package: version, metadata, files. */
async function checkInstalled(python: string, built: readonly Built[]): Promise<void> {
  const report = JSON.parse(
    await runOk(python, ["-c", INSPECT, ...built.map((item) => item.metadata.name)]),
  );
  for (const { label, metadata, files } of built) {
    const installed = report[metadata.name];
    const summary = metadata.summary === null ? "" : summaryLine(metadata.summary);
    const description = longDescription(metadata.description);
    assert.equal(installed.version, metadata.version, label);
    assert.equal(installed.summary, summary === "" ? null : summary, label);
    // importlib.metadata reads METADATA as text, with universal newlines (CR LF and CR
    // become LF), and setuptools ends a description with a line break: compare as such.
    const asRead = (text: string | null) => text?.replace(/\r\n?/g, "\n").replace(/\n$/, "");
    assert.equal(asRead(installed.description), asRead(description), label);
    assert.deepEqual(installed.requires, [REQUIRES_DIST], label);
    assert.deepEqual(
      installed.files,
      files.map((file) => `${metadata.name}/${file.name}`).sort(),
      label,
    );
  }
}
