/** OpenAlchemy's 27 example specs, built and installed with pip. */

import { PROJECT_EXAMPLE } from "../../helpers/specs.ts";
import { checkPipInstall } from "../../e2e/pip_install.ts";
import { exampleSpecPaths } from "../corpus.ts";

Deno.test({
  name: "the packages of all of OpenAlchemy's examples install with pip and expose their files",
  sanitizeResources: false,
  fn: async (t) => checkPipInstall(t, [PROJECT_EXAMPLE, ...await exampleSpecPaths()]),
});
