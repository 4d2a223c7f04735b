/**
 * The driver the tests run on: CI runs the suite once per driver (issue 8) by setting
 * SCHEMADIFF_DRIVER, which the CLI reads as its default engine and in-process tests read here.
 */
import type { Driver } from "../../src/db/driver.js";
import { selectDriver } from "../../src/db/select.js";
import { loadSqlJs } from "../../src/db/sqljs.js";

/**
 * The environment a CLI run in the tests sees: the driver this run tests, and the run's own
 * cache of loaded schemas (test/helpers/cache-setup.ts), so every CLI test also goes through it.
 */
export function cliEnv(): Record<string, string> {
  const driver = process.env.SCHEMADIFF_DRIVER;
  const cache = process.env.SCHEMADIFF_TEST_CACHE_DIR;
  return { ...(driver ? { SCHEMADIFF_DRIVER: driver } : {}), ...(cache ? { SCHEMADIFF_CACHE_DIR: cache } : {}) };
}

let cached: Promise<Driver> | undefined;

/**
 * The driver in-process tests use, loaded once: sql.js when SCHEMADIFF_DRIVER=sqljs, otherwise
 * what the CLI's default `auto` picks (native when better-sqlite3 loads, else sql.js). An explicit
 * SCHEMADIFF_DRIVER=native fails loudly when better-sqlite3 is unavailable, as the CLI does.
 */
export async function testDriver(): Promise<Driver> {
  cached ??= pick();
  return cached;
}

async function pick(): Promise<Driver> {
  const choice = process.env.SCHEMADIFF_DRIVER;
  if (choice === "sqljs") return loadSqlJs();
  const selected = await selectDriver(choice === "native" ? "native" : "auto");
  if (!selected.ok) throw new Error(`no SQLite driver: ${JSON.stringify(selected.diagnostics)}`);
  return selected.value;
}
