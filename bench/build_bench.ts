/**
 * Core build time (no file I/O) for generated specs of 1 to 10,000 models, and
 * for the bundled example: validation + package files alone, and everything up to the
 * sdist and wheel bytes.
 *
 * Run: `deno task bench`
 */

import { buildArchives } from "../src/build.ts";
import { packageContentsOf } from "../src/package/package_files.ts";
import { generatedSpec } from "./generated_spec.ts";

const example = JSON.parse(
  await Deno.readTextFile(new URL("../examples/employee-spec.json", import.meta.url)),
);

Deno.bench({
  name: "example spec: validation + package files",
  group: "example",
  baseline: true,
  fn() {
    packageContentsOf(example, "employee");
  },
});

Deno.bench({
  name: "example spec: sdist + wheel",
  group: "example",
  async fn() {
    await buildArchives(example, { packageName: "employee" });
  },
});

for (const count of [1, 10, 100, 1000, 10000]) {
  const spec = generatedSpec(count);
  Deno.bench({
    name: `${count} models: sdist + wheel`,
    group: "models",
    baseline: count === 1,
    n: count >= 10000 ? 3 : count >= 1000 ? 20 : undefined,
    warmup: count >= 10000 ? 1 : undefined,
    async fn() {
      await buildArchives(spec, { packageName: "generated" });
    },
  });
}
