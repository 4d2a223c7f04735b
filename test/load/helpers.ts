/** Loader test helpers: load YAML text and read diagnostics as [code, line, col]. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Driver } from "../../src/db/driver.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import type { Diagnostic, Result } from "../../src/errors.js";
import { loadSchemaFromText, type Declared } from "../../src/load/index.js";

let cached: Driver | undefined;

/** The sql.js driver, loaded once. */
export async function sqljs(): Promise<Driver> {
  cached ??= await loadSqlJs();
  return cached;
}

/** Loads YAML text (joined lines) as `schema.yaml`. */
export async function load(...lines: string[]): Promise<Result<Declared>> {
  return loadSchemaFromText(lines.join("\n"), "schema.yaml", await sqljs());
}

/** The diagnostics of a failed load (fails the test when the load succeeded). */
export function diagnosticsOf(result: Result<unknown>): readonly Diagnostic[] {
  if (result.ok) throw new Error("expected the load to fail, but it succeeded");
  return result.diagnostics;
}

/** `[code, line, col]` of each diagnostic. */
export function positions(result: Result<unknown>): [string, number | undefined, number | undefined][] {
  return diagnosticsOf(result).map((d) => [d.code, d.line, d.col]);
}

/** `[code, line, col]` of each warning of a successful load (fails the test when the load failed). */
export function warningPositions(result: Result<unknown>): [string, number | undefined, number | undefined][] {
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.warnings.map((d) => [d.code, d.line, d.col]);
}

/** The loaded value (fails the test with the diagnostics when the load failed). */
export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.value;
}

/** A fresh temp folder holding `files` (name -> text). */
export function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "schemadiff-load-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
