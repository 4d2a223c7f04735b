/** The sql.js adapter reads rows without getAsObject (column names once per statement): same rows. */
import initSqlJs from "sql.js";
import { describe, expect, it } from "vitest";
import { loadSqlJs } from "../../src/db/sqljs.js";

const QUERIES: [string, (number | string | null)[]][] = [
  ["SELECT 1 AS a, 'x' AS b, NULL AS c, 2.5 AS d, x'00ff' AS e", []],
  ["SELECT 1 AS a, 2 AS a, 3 AS b, 4 AS a", []],
  ['SELECT 1 AS "__proto__", 2 AS "constructor", 3 AS "toString"', []],
  ["SELECT ? AS p, ? AS q", [9007199254740991, "y"]],
  ["SELECT value, key FROM json_each('[1,\"two\",null,3.5]')", []],
  ["SELECT name FROM sqlite_schema WHERE 0", []],
  ["SELECT t.*, 5 AS n FROM t ORDER BY id", []],
  ["PRAGMA table_xinfo(t)", []],
];

describe("sql.js rows", () => {
  it.each(QUERIES)("%s", async (sql, params) => {
    const setup = 'CREATE TABLE t (id INTEGER PRIMARY KEY, "a b" TEXT, c BLOB); INSERT INTO t VALUES (1, \'x\', x\'01\'), (2, NULL, NULL);';
    const conn = (await loadSqlJs()).memory();
    const raw = new (await initSqlJs()).Database();
    try {
      conn.exec(setup);
      raw.exec(setup);
      const stmt = raw.prepare(sql);
      stmt.bind(params);
      const expected: unknown[] = [];
      while (stmt.step()) expected.push(stmt.getAsObject());
      stmt.free();
      const rows = conn.query(sql, params);
      expect(rows).toEqual(expected);
      // Same own keys in the same order (toEqual ignores order), `__proto__` an own property.
      expect(rows.map((r) => Object.keys(r))).toEqual(expected.map((r) => Object.keys(r as object)));
      expect(rows.map((r) => Object.getPrototypeOf(r))).toEqual(expected.map((r) => Object.getPrototypeOf(r)));
    } finally {
      conn.close();
      raw.close();
    }
  });
});
