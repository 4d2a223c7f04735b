/** The bad-input catalogue's fixture: a folder with a seeded database, and what must not change. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { cli, expectNoTrace, type CliResult } from "../cli/helpers.js";
import { fingerprint, listing, tempDir, writeDb, type Fingerprint } from "../db/helpers.js";

/** The database every case starts from: a canary table whose rows must survive every bad input. */
export const SEED_SQL =
  "CREATE TABLE canary (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO canary (name) VALUES ('a'), ('b'), ('c');";

/** A schema that matches SEED_SQL exactly. */
export const SEED_YAML = "tables:\n  canary:\n    columns:\n      id: { type: INTEGER, primary_key: true }\n      name: { type: TEXT, not_null: true }\n";

/** A folder holding `app.db` (seeded) and the given schema files (path -> text). */
export async function workspace(files: Record<string, string> = {}): Promise<string> {
  const dir = tempDir();
  await writeDb(join(dir, "app.db"), SEED_SQL);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/** Everything a failed command must leave as it was: the database's bytes and mtime, the folder listing. */
export interface Untouched {
  readonly db: Fingerprint;
  readonly names: readonly string[];
}

/** The state of `dir` to compare after a run. */
export function state(dir: string): Untouched {
  return { db: fingerprint(join(dir, "app.db")), names: listing(dir) };
}

/** The commands that read a schema, each on `app.db` in the folder. */
export const SCHEMA_COMMANDS: Record<string, (schema: string) => string[]> = {
  plan: (schema) => ["plan", "--db", "app.db", "--schema", schema],
  check: (schema) => ["check", "--db", "app.db", "--schema", schema],
  apply: (schema) => ["apply", "--db", "app.db", "--schema", schema, "--yes", "--allow-destructive"],
  diff: (schema) => ["diff", "app.db", schema],
};

/**
 * Runs `argv` in `dir` and asserts the failure contract: the exit code, every expected message
 * fragment on stderr, no stack trace, the folder untouched (bytes, mtime, listing).
 */
export async function expectRefusal(dir: string, argv: readonly string[], code: number, messages: readonly RegExp[]): Promise<CliResult> {
  const before = state(dir);
  const r = await cli(argv, { cwd: dir });
  expect(r.code, `${argv.join(" ")}\n${r.out}${r.err}`).toBe(code);
  for (const m of messages) expect(r.err).toMatch(m);
  expectNoTrace(r);
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(state(dir)).toEqual(before);
  return r;
}

/** Diagnostic codes of a `--format json` failure. */
export function codesOf(r: CliResult): string[] {
  return (JSON.parse(r.out) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
}
