/**
 * The preflight judges CHECKs and keys on values as the new column will store them, so its SQL
 * emulation of column affinity (applyAffinity) must agree with SQLite storing the value for
 * real: for every value, `quote()` and `typeof()` of both must match. (The fuzzer found the
 * need: a CHECK over a retyped or generated column was refused on values it accepts.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Connection } from "../../src/db/driver.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { addedColumnDefault, applyAffinity, type Affinity } from "../../src/plan/sql-facts.js";

const AFFINITIES: [Affinity, string][] = [
  ["INTEGER", "INTEGER"],
  ["TEXT", "TEXT"],
  ["BLOB", "BLOB"],
  ["REAL", "REAL"],
  ["NUMERIC", "NUMERIC"],
];

const LITERALS = [
  "NULL", "0", "1", "-7", "42", "1.0", "1.5", "-2.25", "1e20", "1e300", "-0.0", "9223372036854775807", "9223372036854775808",
  "'12'", "' 12 '", "'1e3'", "'1.50'", "'1.0'", "'0x10'", "'abc'", "''", "'12abc'", "'+5'", "'-7'", "'.5'", "'5.'", "'1e400'",
  "'9223372036854775808'", "'007'", "' '", "'NaN'", "'inf'", "X''", "X'00'", "X'3132'", "'١٢'",
];

function agree(conn: Connection, literal: string, affinity: Affinity): { stored: unknown; emulated: unknown } {
  conn.exec(`DELETE FROM t; INSERT INTO t (v) VALUES (${literal})`);
  const stored = conn.query("SELECT quote(v) AS q, typeof(v) AS t FROM t")[0];
  const emulated = conn.query(`SELECT quote(e) AS q, typeof(e) AS t FROM (SELECT ${applyAffinity(literal, affinity)} AS e)`)[0];
  return { stored, emulated };
}

describe("applyAffinity emulates column affinity exactly", () => {
  it.each(AFFINITIES)("%s: a table of awkward values", async (affinity, type) => {
    const conn = (await loadSqlJs()).memory();
    conn.exec(`CREATE TABLE t (v ${type})`);
    for (const literal of LITERALS) {
      const { stored, emulated } = agree(conn, literal, affinity);
      expect(emulated, `${literal} into ${type}`).toEqual(stored);
    }
    conn.close();
  });

  it("random numeric-looking text, numbers and blobs, under every affinity", async () => {
    const conn = (await loadSqlJs()).memory();
    const text = fc
      .array(fc.constantFrom("0", "1", "5", "9", ".", "e", "E", "-", "+", " ", "x", "a"), { maxLength: 8 })
      .map((cs) => `'${cs.join("")}'`);
    const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((n) => (Object.is(n, -0) ? "-0.0" : String(n)));
    const literal = fc.oneof(text, number, fc.uint8Array({ maxLength: 3 }).map((b) => `X'${Buffer.from(b).toString("hex")}'`));
    for (const [affinity, type] of AFFINITIES) {
      conn.exec(`DROP TABLE IF EXISTS t; CREATE TABLE t (v ${type})`);
      fc.assert(
        fc.property(literal, (lit) => {
          const { stored, emulated } = agree(conn, lit, affinity);
          expect(emulated, `${lit} into ${type}`).toEqual(stored);
        }),
        { numRuns: 400, seed: 42 },
      );
    }
    conn.close();
  });
});

describe("addedColumnDefault emulates what old rows read from a column added with a DEFAULT", () => {
  const DEFAULTS = ["0", "1", "-1", "42", "0x10", "-0x10", "1.5", "-2.5", "1e3", "1.0", "1.50", ".5", "'12'", "'1e3'", "'x'", "''", "NULL", "TRUE", "FALSE", "X'00ff'", "'1.0'"];
  it.each([...AFFINITIES, ["BLOB", ""] as [Affinity, string]])("%s (declared %s)", async (affinity, type) => {
    const conn = (await loadSqlJs()).memory();
    for (const dflt of DEFAULTS) {
      conn.exec(`DROP TABLE IF EXISTS t; CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1); ALTER TABLE t ADD COLUMN v ${type} DEFAULT ${dflt}`);
      const read = conn.query("SELECT quote(v) AS q, typeof(v) AS t FROM t")[0];
      const emulated = conn.query(`SELECT quote(e) AS q, typeof(e) AS t FROM (SELECT ${addedColumnDefault(dflt, affinity)} AS e)`)[0];
      expect(emulated, `DEFAULT ${dflt} in ${type || "a column without a type"}`).toEqual(read);
    }
    conn.close();
  });
});
