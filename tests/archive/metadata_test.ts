import assert from "node:assert/strict";
import fc from "fast-check";
import {
  BUILD_REQUIRES,
  coreMetadata,
  type DistributionMetadata,
  METADATA_VERSION,
  pyprojectToml,
  REQUIRES_DIST,
  SUMMARY_MAX_LENGTH,
  summaryLine,
} from "../../src/archive/metadata.ts";
import { runOk } from "../helpers/python.ts";
import { TOOLS_PYTHON } from "../helpers/tools.ts";
import { UNRULY_DESCRIPTION, UNRULY_TITLE } from "./fixtures.ts";

/** What packaging reads from each core metadata text (validate=True), or its error. */
interface Parsed {
  readonly error: string | null;
  readonly unparsed: Record<string, unknown>;
  readonly metadataVersion: string | null;
  readonly summary: string | null;
  readonly description: string | null;
  readonly descriptionContentType: string | null;
  readonly requiresDist: string[] | null;
  readonly dynamic: string[] | null;
}

const PARSE = `
import json, sys
from packaging.metadata import ExceptionGroup, Metadata, parse_email
results = []
for text in json.load(sys.stdin):
    raw, unparsed = parse_email(text.encode("utf-8"))
    result = {"error": None, "unparsed": unparsed}
    try:
        metadata = Metadata.from_raw(raw, validate=True)
        result.update(
            metadataVersion=metadata.metadata_version,
            summary=metadata.summary,
            description=metadata.description,
            descriptionContentType=metadata.description_content_type,
            requiresDist=[str(r) for r in metadata.requires_dist or []],
            dynamic=metadata.dynamic,
        )
    except ExceptionGroup as group:
        result["error"] = "; ".join(str(error) for error in group.exceptions)
    results.append(result)
print(json.dumps(results))`;

/** Parses core metadata texts with packaging, validating every field. */
async function parseWithPackaging(texts: readonly string[]): Promise<Parsed[]> {
  return JSON.parse(await runOk(TOOLS_PYTHON, ["-c", PARSE], { stdin: JSON.stringify(texts) }));
}

function metadataOf(summary: string | null, description?: string | null): DistributionMetadata {
  return { name: "employee", version: "1.0", summary, description };
}

Deno.test("the summary folds every line boundary Python's str.splitlines knows into one space", async () => {
  const boundaries: string[] = JSON.parse(
    await runOk(TOOLS_PYTHON, [
      "-c",
      "import json, sys; print(json.dumps([chr(c) for c in range(sys.maxunicode + 1) " +
      "if len(('a' + chr(c) + 'b').splitlines()) == 2] + ['\\r\\n']))",
    ]),
  );
  // \n \v \f \r \x1c \x1d \x1e \x85 \u2028 \u2029, and \r\n.
  assert.equal(boundaries.length, 11);
  for (const boundary of boundaries) {
    assert.equal(summaryLine(`a${boundary}b`), "a b", JSON.stringify(boundary));
  }
  const parsed = await parseWithPackaging(
    boundaries.map((boundary) => coreMetadata(metadataOf(`a${boundary}b${boundary}`))),
  );
  for (const result of parsed) {
    assert.equal(result.error, null);
    assert.equal(result.summary, "a b");
  }
});

Deno.test("the summary loses control characters: NUL, escape, DEL, C1 controls", () => {
  assert.equal(summaryLine("a\u0000b\u001b[31mc\u007fd\u0080\u009be"), "ab[31mcde");
  assert.equal(
    summaryLine(UNRULY_TITLE),
    "Staff and divisions , hires and leavers of the company [31mred end",
  );
});

Deno.test("the summary is at most 512 characters, cut with an ellipsis, never inside a character", () => {
  const words = "word ".repeat(200);
  const long = summaryLine(words);
  assert.equal([...long].length, SUMMARY_MAX_LENGTH);
  assert.equal(long, `${words.slice(0, SUMMARY_MAX_LENGTH - 1)}…`);
  // A space where the text is cut is trimmed before the ellipsis.
  assert.equal(summaryLine(`${"x".repeat(510)} yyy`), `${"x".repeat(510)}…`);
  const emoji = summaryLine("\u{1f600}".repeat(600));
  assert.equal([...emoji].length, SUMMARY_MAX_LENGTH);
  assert.equal(emoji, `${"\u{1f600}".repeat(SUMMARY_MAX_LENGTH - 1)}…`);
  assert.equal(summaryLine("x".repeat(SUMMARY_MAX_LENGTH)), "x".repeat(SUMMARY_MAX_LENGTH));
});

Deno.test("a title that folds to nothing gives no Summary field", () => {
  assert.doesNotMatch(coreMetadata(metadataOf(" \n\u0000\u0085 ")), /Summary/);
  assert.doesNotMatch(coreMetadata(metadataOf(null)), /Summary/);
});

Deno.test("core metadata is version 2.4, valid for packaging, with nothing Dynamic", async () => {
  const [parsed] = await parseWithPackaging([
    coreMetadata(metadataOf(UNRULY_TITLE, UNRULY_DESCRIPTION)),
  ]);
  assert.equal(parsed.error, null);
  assert.deepEqual(parsed.unparsed, {});
  assert.equal(parsed.metadataVersion, METADATA_VERSION);
  assert.equal(METADATA_VERSION, "2.4");
  assert.equal(parsed.summary, summaryLine(UNRULY_TITLE));
  assert.equal(parsed.description, UNRULY_DESCRIPTION);
  assert.equal(parsed.descriptionContentType, "text/markdown");
  assert.deepEqual(parsed.requiresDist, ["OpenAlchemy>=2.5.0"]);
  assert.equal(parsed.dynamic, null);
});

Deno.test("the long description round-trips exactly through packaging, whatever its characters", async () => {
  const characters = fc.constantFrom(
    ..."a #:-\n\r\t\u0000\u001b\u0085\u2028\u2029\u000b\u000c\u001c\u00e9\u{1f600}\ufeff",
    "\r\n",
    "From ",
    "Summary: x",
  );
  const descriptions = fc.sample(
    fc.array(characters, { minLength: 1, maxLength: 30 }).map((parts) => parts.join("")),
    { numRuns: 400, seed: 11 },
  );
  const parsed = await parseWithPackaging(
    descriptions.map((description) => coreMetadata(metadataOf("Title", description))),
  );
  for (const [index, description] of descriptions.entries()) {
    assert.equal(parsed[index].error, null, JSON.stringify(description));
    assert.equal(parsed[index].description, description, JSON.stringify(description));
    assert.equal(parsed[index].summary, "Title");
  }
});

Deno.test("random titles always give a summary packaging accepts, equal to ours", async () => {
  const tricky = fc.constantFrom(
    ..."\n\r\v\f\t\u001c\u001d\u001e\u001f\u0085\u2028\u2029\u0000\u001b\u007f\u009b\u00a0\ufeff",
    "\r\n",
  );
  const parts = fc.oneof(tricky, fc.string({ unit: "binary", maxLength: 4 }));
  const titles = fc.sample(fc.array(parts, { maxLength: 12 }).map((items) => items.join("")), {
    numRuns: 400,
    seed: 7,
  });
  const parsed = await parseWithPackaging(
    titles.map((title) => coreMetadata(metadataOf(title))),
  );
  for (const [index, title] of titles.entries()) {
    assert.equal(parsed[index].error, null, JSON.stringify(title));
    const summary = summaryLine(title);
    assert.equal(parsed[index].summary, summary === "" ? null : summary, JSON.stringify(title));
  }
});

Deno.test("an empty or missing description writes no body and no content type", () => {
  for (const description of [undefined, null, ""]) {
    const text = coreMetadata(metadataOf("Title", description));
    assert.doesNotMatch(text, /Description-Content-Type/);
    assert.ok(text.endsWith("Requires-Dist: OpenAlchemy>=2.5.0\n"));
  }
});

Deno.test("a lone surrogate in the description becomes U+FFFD, which UTF-8 can hold", () => {
  assert.ok(coreMetadata(metadataOf(null, "a\ud800b")).endsWith("\n\na\ufffdb"));
});

Deno.test("the requirement and build requirement parse with packaging, with their lower bounds", async () => {
  const script = `
import json, sys
from packaging.requirements import Requirement
print(json.dumps([[r.name, str(r.specifier)] for r in map(Requirement, sys.argv[1:])]))`;
  const parsed = JSON.parse(
    await runOk(TOOLS_PYTHON, ["-c", script, REQUIRES_DIST, BUILD_REQUIRES]),
  );
  assert.deepEqual(parsed, [["OpenAlchemy", ">=2.5.0"], ["setuptools", ">=68.1"]]);
});

Deno.test("pyproject.toml holds the same metadata as PKG-INFO, as TOML Python reads", async () => {
  const metadata = metadataOf(UNRULY_TITLE, `${UNRULY_DESCRIPTION}\ud800`);
  const script = `
import json, sys
try:
    import tomllib
except ImportError:  # Python before 3.11: the TOML reader pip carries
    from pip._vendor import tomli as tomllib
print(json.dumps(tomllib.loads(sys.stdin.read())))`;
  const toml = JSON.parse(
    await runOk(TOOLS_PYTHON, ["-c", script], { stdin: pyprojectToml(metadata, ["spec.json"]) }),
  );
  assert.deepEqual(toml["build-system"], {
    requires: ["setuptools>=68.1"],
    "build-backend": "setuptools.build_meta",
  });
  assert.deepEqual(toml.project, {
    name: "employee",
    version: "1.0",
    description: summaryLine(UNRULY_TITLE),
    readme: { text: `${UNRULY_DESCRIPTION}\ufffd`, "content-type": "text/markdown" },
    "requires-python": ">=3.8",
    dependencies: ["OpenAlchemy>=2.5.0"],
  });
  assert.deepEqual(toml.tool.setuptools, {
    packages: ["employee"],
    "include-package-data": false,
    "package-data": { employee: ["spec.json"] },
  });
});
