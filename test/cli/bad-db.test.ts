/**
 * Every bad database input, through every command that reads a database: exit 2, a message that
 * names the file, no stack trace, the file's bytes and mtime unchanged, and nothing created.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDb, fingerprint, fromBase64, isRoot, listing, tempDir, writeDb } from "../db/helpers.js";
import { WAL_DB, WAL_FILE } from "../db/wal-fixture.js";
import { cli, expectNoTrace } from "./helpers.js";

const SCHEMA = "tables:\n  t:\n    columns:\n      id: { type: INTEGER, primary_key: true }\n      name: TEXT\n";
const SQL = "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t(name) VALUES ('a');";

/** argv for each command reading the database `db` (relative to the working folder). */
const COMMANDS: Record<string, (db: string) => string[]> = {
  plan: (db) => ["plan", "--db", db, "--schema", "schema.yaml"],
  check: (db) => ["check", "--db", db, "--schema", "schema.yaml"],
  apply: (db) => ["apply", "--db", db, "--schema", "schema.yaml", "--yes"],
  dump: (db) => ["dump", "--db", db],
  history: (db) => ["history", "--db", db],
  diff: (db) => ["diff", db, "schema.yaml"],
};

/** Bad inputs: a name, how to make it in `dir`, and the code and message expected. */
const BAD: [string, (dir: string) => Promise<void>, string, RegExp][] = [
  ["a missing file", async () => {}, "DB_NOT_FOUND", /app\.db: database file not found/],
  ["a directory", async (dir) => mkdirSync(join(dir, "app.db")), "DB_IS_DIRECTORY", /app\.db: is a directory/],
  ["an empty file", async (dir) => writeFileSync(join(dir, "app.db"), ""), "DB_NOT_SQLITE", /app\.db: is empty \(0 bytes\)/],
  [
    "a text file",
    async (dir) => writeFileSync(join(dir, "app.db"), "just some notes\n"),
    "DB_NOT_SQLITE",
    /app\.db: is not a SQLite database \(or it is encrypted\)/,
  ],
  [
    "an encrypted-looking file",
    async (dir) => writeFileSync(join(dir, "app.db"), new Uint8Array(8192).map((_, i) => (i * 7919) % 251)),
    "DB_NOT_SQLITE",
    /app\.db: is not a SQLite database \(or it is encrypted\)/,
  ],
  [
    "a truncated file",
    async (dir) => {
      const bytes = await buildDb(`${SQL} CREATE TABLE u(x); CREATE TABLE v(x); CREATE INDEX iu ON u(x);`);
      writeFileSync(join(dir, "app.db"), bytes.subarray(0, bytes.length - 4096));
    },
    "DB_CORRUPT",
    /app\.db: is truncated/,
  ],
  [
    "a newer file format",
    async (dir) => {
      const bytes = await buildDb(SQL);
      bytes[18] = 3;
      bytes[19] = 3;
      writeFileSync(join(dir, "app.db"), bytes);
    },
    "DB_UNSUPPORTED",
    /app\.db: uses a newer SQLite file format/,
  ],
  [
    "a damaged schema page",
    async (dir) => {
      const bytes = await buildDb(SQL);
      bytes.fill(0xee, 100, 4096);
      writeFileSync(join(dir, "app.db"), bytes);
    },
    "DB_CORRUPT",
    /app\.db: /,
  ],
];

async function folder(): Promise<string> {
  const dir = tempDir();
  writeFileSync(join(dir, "schema.yaml"), SCHEMA);
  return dir;
}

/** Snapshot of everything in the folder (files only), to compare after the run. */
function state(dir: string) {
  const names = listing(dir);
  let db: ReturnType<typeof fingerprint> | null = null;
  try {
    db = fingerprint(join(dir, "app.db"));
  } catch {
    db = null;
  }
  return { names, db };
}

describe.each(Object.keys(COMMANDS))("%s on a bad database", (command) => {
  const cases = BAD.map(([name, make, code, message]) => ({ name, make, code, message }));
  it.each(cases)("$name: exit 2 with $code, file untouched", async ({ make, code, message }) => {
    const dir = await folder();
    await make(dir);
    const before = state(dir);
    const json = command !== "dump";
    const r = await cli([...COMMANDS[command]!("app.db"), ...(json ? ["--format", "json"] : [])], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expectNoTrace(r);
    if (json) expect(JSON.parse(r.out).diagnostics.map((d: { code: string }) => d.code)).toContain(code);
    expect(state(dir)).toEqual(before);
  });

  it.skipIf(isRoot())("an unreadable file: exit 2, DB_READ_ONLY (skipped as root: permissions do not bite)", async () => {
    const dir = await folder();
    const path = await writeDb(join(dir, "app.db"), SQL);
    chmodSync(path, 0o000);
    try {
      const r = await cli(COMMANDS[command]!("app.db"), { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/app\.db: cannot be read: permission denied/);
      expectNoTrace(r);
    } finally {
      chmodSync(path, 0o644);
    }
  });
});

describe.each(["plan", "check", "dump", "diff", "history"])("%s with a -wal holding commits", (command) => {
  it("warns that the file may be stale, and leaves both files alone", async () => {
    const dir = await folder();
    writeFileSync(join(dir, "app.db"), fromBase64(WAL_DB));
    writeFileSync(join(dir, "app.db-wal"), fromBase64(WAL_FILE));
    const before = { db: fingerprint(join(dir, "app.db")), wal: fingerprint(join(dir, "app.db-wal")), names: listing(dir) };
    const r = await cli(COMMANDS[command]!("app.db"), { cwd: dir });
    expect(r.code === 0 || (command === "check" && r.code === 1)).toBe(true);
    expect(r.err).toMatch(/warning: app\.db: app\.db-wal holds committed changes not yet copied into the database file/);
    expectNoTrace(r);
    expect({ db: fingerprint(join(dir, "app.db")), wal: fingerprint(join(dir, "app.db-wal")), names: listing(dir) }).toEqual(before);
  });
});

describe("swapped --db and --schema", () => {
  it.each(["plan", "check", "apply"])("%s: exit 2 and the hint says they are swapped", async (command) => {
    const dir = await folder();
    await writeDb(join(dir, "app.db"), SQL);
    const before = state(dir);
    const yes = command === "apply" ? ["--yes"] : [];
    const r = await cli([command, "--db", "schema.yaml", "--schema", "app.db", ...yes], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/swap --db and --schema/);
    expectNoTrace(r);
    expect(state(dir)).toEqual(before);
  });
});
