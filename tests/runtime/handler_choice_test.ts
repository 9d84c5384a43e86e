/** One image, two functions: FUNCTION_HANDLER picks the handler the runtime serves. */

import assert from "node:assert/strict";
import { loadHandler } from "../../src/runtime/handler_choice.ts";
import { handler as builder } from "../../src/lambda/default_handler.ts";
import { handler as index } from "../../src/index/default_handler.ts";

Deno.test("FUNCTION_HANDLER chooses the builder (default) or the index; anything else fails init", async () => {
  const choose = (value: string | undefined) =>
    loadHandler((name) => name === "FUNCTION_HANDLER" ? value : undefined);
  assert.equal(await choose(undefined), builder);
  assert.equal(await choose(""), builder);
  assert.equal(await choose("builder"), builder);
  assert.equal(await choose("index"), index);
  await assert.rejects(
    choose("indexer"),
    /FUNCTION_HANDLER is "indexer", expected one of builder, index/,
  );
});
