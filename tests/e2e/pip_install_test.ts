/** The project's own specs, built and installed with pip. */

import { PROJECT_EXAMPLE } from "../helpers/specs.ts";
import { checkPipInstall } from "./pip_install.ts";

Deno.test({
  name: "built wheels and sdists install with pip and expose name, version, requirements and files",
  sanitizeResources: false,
  fn: (t) => checkPipInstall(t, [PROJECT_EXAMPLE]),
});
