/** diagnoseCopy: the rows a rebuild's copy could not take, counted by SQLite itself. */
import { describe, expect, it } from "vitest";
import { diagnoseCopy } from "../../src/apply/diagnose.js";
import type { Step } from "../../src/plan/step.js";
import { testDriver } from "../helpers/driver-env.js";

const step: Step = { sql: [], why: "rebuild o", safety: "safe", table: "o", rebuild: true, checks: [], losses: [] };

async function copyInto(newTable: string, copy: string, target = "o__new") {
  const conn = (await testDriver()).memory();
  conn.exec("CREATE TABLE o (code TEXT, n INT); INSERT INTO o VALUES ('a', 1), ('b', 2), ('c', NULL), ('a', 4)");
  conn.exec(`BEGIN; ${newTable}`);
  let message = "";
  try {
    conn.exec(copy);
  } catch (error) {
    message = (error as Error).message;
  }
  const diagnosis = diagnoseCopy(conn, copy, message, step, 1, 1);
  const rowsAfter = conn.query(`SELECT count(*) AS n FROM "${target}"`)[0]?.n;
  conn.exec("ROLLBACK");
  conn.close();
  return { message, diagnosis, rowsAfter };
}

describe("diagnoseCopy", () => {
  it("counts and samples the rows a CHECK, NOT NULL or UNIQUE skips, and leaves nothing behind", async () => {
    const { message, diagnosis, rowsAfter } = await copyInto(
      `CREATE TABLE "o__new" (code TEXT UNIQUE CHECK (code <> 'b'), n INT NOT NULL)`,
      `INSERT OR ABORT INTO "o__new" (rowid, "code", "n") SELECT rowid, "code", "n" FROM "o"`,
    );
    expect(message).toMatch(/constraint failed/);
    expect(diagnosis?.code).toBe("REFUSED_DATA");
    expect(diagnosis?.message).toContain("3 rows in o violate it, e.g. rowid=2; rowid=3; rowid=4 (step 1/1: rebuild o)");
    expect(rowsAfter).toBe(0);
  });

  it("samples by rowid whatever the copy's name", async () => {
    const { diagnosis } = await copyInto(
      `CREATE TABLE "o; new copy" (code TEXT CHECK (code <> 'a'), n INT)`,
      `INSERT OR ABORT INTO "o; new copy" (rowid, "code", "n") SELECT rowid, "code", "n" FROM "o"`,
      "o; new copy",
    );
    expect(diagnosis?.message).toContain("2 rows in o violate it, e.g. rowid=1; rowid=4 (step 1/1: rebuild o)");
  });

  it("says nothing for what OR IGNORE does not skip (a STRICT type error), or for other statements", async () => {
    const strict = await copyInto(`CREATE TABLE "o__new" (code INTEGER, n INT) STRICT`, `INSERT OR ABORT INTO "o__new" (rowid, "code", "n") SELECT rowid, "code", "n" FROM "o"`);
    expect(strict.message).toMatch(/cannot store TEXT value/);
    expect(strict.diagnosis).toBeNull();
    expect(strict.rowsAfter).toBe(0);
    const other = await copyInto(`CREATE TABLE "o__new" (code TEXT CHECK (code <> 'b'), n INT)`, `UPDATE o SET code = code`);
    expect(other.diagnosis).toBeNull();
  });
});
