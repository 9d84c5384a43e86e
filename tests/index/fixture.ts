/**
 * An index over a local storage folder and a local database, with real archives built
 * from the example spec: user1 owns `employee-db` (1.0.0 and 1.1.0), user2 owns
 * `payroll`.
 *
 * @module
 */

import { join } from "node:path";
import { buildPackageSet } from "../../src/build_packages.ts";
import { Credentials, type NewCredentials } from "../../src/db/credentials.ts";
import { LocalTableStore } from "../../src/db/local_table_store.ts";
import { Specs } from "../../src/db/specs.ts";
import { createIndexApp, type IndexApp } from "../../src/index/app.ts";
import { Authenticator } from "../../src/index/auth.ts";
import { LocalPackageFiles } from "../../src/index/local_package_files.ts";
import type { PackageFiles } from "../../src/index/package_files.ts";
import { ProjectFiles } from "../../src/index/project_files.ts";
import { createLogger } from "../../src/log.ts";
import { PROJECT_EXAMPLE } from "../helpers/specs.ts";

/** The fixture. */
export interface IndexFixture {
  app: IndexApp;
  files: LocalPackageFiles;
  bucketDir: string;
  user1: NewCredentials;
  user2: NewCredentials;
  credentials: Credentials;
  logs: Record<string, unknown>[];
  /** Basic authorization header of credentials. */
  auth(user: NewCredentials): Record<string, string>;
  /** The clock of download URLs, in ms. */
  clock: { now: number };
}

const EXAMPLE = JSON.parse(await Deno.readTextFile(PROJECT_EXAMPLE));

/** Builds the example at `version` as `sub/specId` into the bucket folder. */
async function build(
  work: string,
  bucketDir: string,
  sub: string,
  specId: string,
  version: string,
) {
  const specPath = join(work, `${sub}-${specId}-${version}.json`);
  await Deno.writeTextFile(
    specPath,
    JSON.stringify({ ...EXAMPLE, info: { ...EXAMPLE.info, version } }),
  );
  return await buildPackageSet({
    specKey: `${sub}/${specId}/${version}-spec.json`,
    specPath,
    outDir: join(bucketDir, sub, specId),
  });
}

/** Runs `fn` with a fresh fixture; `wrapFiles` may wrap the bucket (fault injection). */
export async function withIndex(
  fn: (fixture: IndexFixture) => Promise<void>,
  wrapFiles: (files: PackageFiles) => PackageFiles = (files) => files,
): Promise<void> {
  const work = await Deno.makeTempDir({ prefix: "oa-index-" });
  try {
    const root = join(work, "storage");
    const bucketDir = join(root, "packages");
    const store = new LocalTableStore(join(root, "package-database.json"));
    const specs = new Specs(store);
    const credentials = new Credentials(store);
    const facts = (outcome: Awaited<ReturnType<typeof build>>) => ({
      version: outcome.version,
      modelCount: outcome.modelCount,
      title: outcome.title,
      description: outcome.description,
    });
    await build(work, bucketDir, "user1", "employee-db", "1.0.0");
    const latest = await build(work, bucketDir, "user1", "employee-db", "1.1.0");
    await specs.put({ sub: "user1", name: "employee-db", updatedAt: 2, ...facts(latest) });
    const payroll = await build(work, bucketDir, "user2", "payroll", "3.0.0");
    await specs.put({ sub: "user2", name: "payroll", updatedAt: 3, ...facts(payroll) });
    // Not archives of the project: never listed.
    await Deno.writeTextFile(join(bucketDir, "user1", "employee-db", "1.0.0-spec.json"), "{}");
    await Deno.writeTextFile(join(bucketDir, "user1", "employee-db", "other-1.0.tar.gz"), "x");
    const clock = { now: Date.now() };
    const files = await LocalPackageFiles.create(root, "packages", () => clock.now);
    const logs: Record<string, unknown>[] = [];
    const logger = createLogger((line) => logs.push(JSON.parse(line)));
    const wrapped = wrapFiles(files);
    const app = createIndexApp({
      authenticator: new Authenticator(credentials),
      specs,
      files: wrapped,
      projectFiles: new ProjectFiles(wrapped, { logger }),
      logger,
    });
    await fn({
      app,
      files,
      bucketDir,
      user1: await credentials.create("user1"),
      user2: await credentials.create("user2"),
      credentials,
      logs,
      auth: (user) => ({ authorization: `Basic ${btoa(`${user.publicKey}:${user.secretKey}`)}` }),
      clock,
    });
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

/** GET `path` on the index at a fixed origin. */
export function get(
  app: IndexApp,
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<Response> {
  return app(new Request(`http://index.test${path}`, { method, headers }));
}
