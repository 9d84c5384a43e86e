/**
 * Spec parsing against plain `JSON.parse`, on generated specs of 1,000 and 10,000 models: text
 * whose numbers `JSON.parse` reads with the right kind (the usual case), and text holding whole
 * floats (`1.0`), which our reader takes. Also YAML, for scale.
 *
 * Run: `deno bench --allow-all bench/parse_bench.ts`
 */

import { stringify } from "yaml";
import { parseSpecText } from "../src/spec/parse.ts";
import { generatedSpec } from "./generated_spec.ts";

for (const count of [1000, 10000]) {
  const spec = generatedSpec(count);
  const text = JSON.stringify(spec, null, 2);
  // One whole float per model: `JSON.parse` would read `1.0` as the int 1.
  const withFloats = text.replaceAll('"format": "float",', '"format": "float", "default": 1.0,');
  const group = `${count} models JSON (${(text.length / 1e6).toFixed(1)} MB)`;
  const n = count >= 10000 ? 20 : 100;
  Deno.bench({
    name: `${count} models: JSON.parse`,
    group,
    baseline: true,
    n,
    fn() {
      JSON.parse(text);
    },
  });
  Deno.bench({
    name: `${count} models: parseSpecText, no whole floats`,
    group,
    n,
    async fn() {
      await parseSpecText(text);
    },
  });
  Deno.bench({
    name: `${count} models: parseSpecText, whole floats (our reader)`,
    group,
    n,
    async fn() {
      await parseSpecText(withFloats);
    },
  });
}

const yamlText = stringify(generatedSpec(1000));
Deno.bench({
  name: "1000 models: parseSpecText, YAML",
  group: "1000 models YAML",
  n: 5,
  async fn() {
    await parseSpecText(yamlText);
  },
});
