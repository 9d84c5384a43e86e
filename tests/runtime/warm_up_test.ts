import assert from "node:assert/strict";
import { warmUp } from "../../src/runtime/warm_up.ts";

Deno.test({
  name:
    "the image build's warm-up serves a local build (JSON and YAML) and an S3 NoSuchKey, and the index",
  sanitizeResources: false,
  async fn() {
    const result = await warmUp();
    assert.deepEqual(result, {
      local: ["built", "built"],
      s3: ["missing"],
      index: { local: 200, s3: 503 },
    });
  },
});
