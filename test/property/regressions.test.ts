/**
 * Fuzz findings the golden-case harness (test/cases/) cannot state, replayed through the CLI on a
 * real file. The others live in test/cases/regressions/.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { cli } from "../cli/helpers.js";
import { tempDir, writeDb } from "../db/helpers.js";

async function applied(sql: string, yaml: string, driver: string): Promise<Record<string, unknown>[]> {
  const dir = tempDir();
  await writeDb(join(dir, "app.db"), sql);
  writeFileSync(join(dir, "schema.yaml"), yaml);
  const r = await cli(["apply", "--db", "app.db", "--schema", "schema.yaml", "--yes", "--allow-destructive", "--no-backup", "--driver", driver], { cwd: dir });
  expect(r.code, r.out + r.err).toBe(0);
  expect((await cli(["check", "--db", "app.db", "--schema", "schema.yaml", "--driver", driver], { cwd: dir })).code).toBe(0);
  const conn = (await loadSqlJs()).fromBytes(new Uint8Array(readFileSync(join(dir, "app.db"))));
  try {
    return conn.query("SELECT * FROM users ORDER BY 1");
  } finally {
    conn.close();
  }
}

describe.each(["sqljs", "native"])("fuzz regressions (--driver %s)", (driver) => {
  it("no value survives a rebuild: a new INTEGER PRIMARY KEY numbers the rows, whatever its DEFAULT", async () => {
    // The copy wrote the DEFAULT into every row ("UNIQUE constraint failed"); the golden harness
    // matches rows by the new key, which the old rows do not have.
    const rows = await applied(
      "CREATE TABLE users (code TEXT PRIMARY KEY, b TEXT) WITHOUT ROWID; INSERT INTO users VALUES ('a', 'x'), ('b', 'y'), ('c', NULL);",
      'tables:\n  users:\n    strict: true\n    columns:\n      qty: { type: INTEGER, not_null: true, default: "TRUE", primary_key: true }\n      price: TEXT\n',
      driver,
    );
    expect(rows).toEqual([
      { qty: 1, price: null },
      { qty: 2, price: null },
      { qty: 3, price: null },
    ]);
  });
});
