/**
 * A database whose foreign key names a table that does not exist (SQLite allows it; apps that run
 * with foreign keys off end up with one when a parent table is dropped). `dump` then `check`
 * must report no drift, a rebuild keeps the key, and a new such key over rows that have a value
 * is refused with the rows, before anything is written.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testDriver } from "../helpers/driver-env.js";
import { cli, fileHash, tempDir } from "./helpers.js";

async function database(dir: string, sql: string): Promise<string> {
  const conn = (await testDriver()).memory();
  try {
    conn.exec(sql);
    const path = join(dir, "app.db");
    writeFileSync(path, conn.export());
    return path;
  } finally {
    conn.close();
  }
}

describe("foreign keys to a table that does not exist", () => {
  it("dump then check: no drift, and a warning naming the key", async () => {
    const dir = tempDir();
    const db = await database(dir, "CREATE TABLE notes (id INTEGER PRIMARY KEY, legacy_id INTEGER REFERENCES legacy (id)); INSERT INTO notes VALUES (1, 7);");
    const schema = join(dir, "schema.yaml");
    const dumped = await cli("dump", "--db", db, "--out", schema);
    expect(dumped.code).toBe(0);
    const checked = await cli("check", "--db", db, "--schema", schema);
    expect(checked.code).toBe(0);
    expect(checked.stderr).toMatch(/warning: .*schema\.yaml:\d+:\d+: column `legacy_id` references `legacy`, which is not declared/);
  });

  it("a new one over rows with a value is refused with the rows, and nothing is written", async () => {
    const dir = tempDir();
    const db = await database(dir, "CREATE TABLE notes (id INTEGER PRIMARY KEY, legacy_id INTEGER); INSERT INTO notes VALUES (1, 7), (2, NULL);");
    const schema = join(dir, "schema.yaml");
    writeFileSync(
      schema,
      "tables:\n  notes:\n    columns:\n      id: { type: INTEGER, primary_key: true }\n      legacy_id: { type: INTEGER, references: { table: legacy, column: id } }\n",
    );
    const before = fileHash(db);
    const refused = await cli("apply", "--db", db, "--schema", schema, "--yes", "--no-backup");
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/FOREIGN KEY notes -> legacy: 1 row in notes .*rowid=1/);
    expect(fileHash(db)).toBe(before);

    // Without a value in the key column, nothing violates it: it applies, and converges.
    writeFileSync(db, "");
    const clean = await database(dir, "CREATE TABLE notes (id INTEGER PRIMARY KEY, legacy_id INTEGER); INSERT INTO notes VALUES (2, NULL);");
    expect((await cli("apply", "--db", clean, "--schema", schema, "--yes", "--no-backup")).code).toBe(0);
    expect((await cli("check", "--db", clean, "--schema", schema)).code).toBe(0);
  });
});
