/**
 * The two adapters must be interchangeable: the same statements give the same rows (values, types,
 * blobs, 64-bit integers), and the introspector reads the same schema through either. Any
 * difference here is a bug, except the documented build differences at the end.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Connection, Driver, SqlValue } from "../../src/db/driver.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { loadSchema } from "../../src/load/index.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { CATALOG_SQL } from "../../src/sqlite/pragma-rows.js";
import { native, nativeDriver, nativeTitle } from "./helpers.js";

let sqljs: Driver;
beforeAll(async () => {
  sqljs = await loadSqlJs();
});

/** Runs `body` on a fresh in-memory connection of each driver. */
function both<T>(setup: string, body: (conn: Connection) => T): { sqljs: T; native: T } {
  const run = (driver: Driver): T => {
    const conn = driver.memory();
    try {
      conn.exec(setup);
      return body(conn);
    } finally {
      conn.close();
    }
  };
  return { sqljs: run(sqljs), native: run(nativeDriver()) };
}

/** A broad schema: every feature the model covers that both builds support. */
const BROAD = `
CREATE TABLE parents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL COLLATE NOCASE UNIQUE ON CONFLICT REPLACE,
  kind TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'closed')),
  score REAL DEFAULT -1.5,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP,
  doubled INTEGER GENERATED ALWAYS AS (score * 2) VIRTUAL,
  stored_len INTEGER AS (length(code)) STORED,
  blobby BLOB DEFAULT x'00ff',
  "odd ""name""" TEXT DEFAULT ('a' || 'b'),
  CONSTRAINT score_ok CHECK (score IS NULL OR score > -100)
);
CREATE TABLE children (
  parent_id INTEGER NOT NULL REFERENCES parents(id) ON DELETE CASCADE ON UPDATE SET NULL,
  seq INTEGER NOT NULL,
  label TEXT,
  other INTEGER,
  PRIMARY KEY (parent_id DESC, seq),
  FOREIGN KEY (other) REFERENCES parents DEFERRABLE INITIALLY DEFERRED,
  UNIQUE (label, seq)
) WITHOUT ROWID;
CREATE TABLE typed (id INTEGER PRIMARY KEY, n INT NOT NULL, t TEXT, a ANY) STRICT;
CREATE TABLE big (i INTEGER DEFAULT 9223372036854775807, j INTEGER DEFAULT -9223372036854775808, k REAL DEFAULT 1e308);
CREATE INDEX idx_children_label ON children(label COLLATE NOCASE DESC, seq);
CREATE UNIQUE INDEX idx_parents_lower ON parents(lower(code)) WHERE kind = 'open';
CREATE VIEW open_parents(pid, pcode) AS SELECT id, code FROM parents WHERE kind = 'open';
CREATE TRIGGER trg_children_touch AFTER UPDATE OF label, seq ON children FOR EACH ROW WHEN new.label IS NOT NULL
BEGIN
  UPDATE parents SET score = coalesce(score, 0) + 1 WHERE id = new.parent_id;
  INSERT INTO typed(n, t) VALUES (new.seq, new.label);
END;
CREATE TRIGGER trg_view INSTEAD OF DELETE ON open_parents BEGIN DELETE FROM parents WHERE id = old.pid; END;
CREATE VIRTUAL TABLE docs USING fts4(title, body);
INSERT INTO parents(code, kind, score) VALUES ('a', 'open', 1), ('B', 'closed', NULL);
INSERT INTO children VALUES (1, 1, 'x', NULL), (1, 2, NULL, 2);
INSERT INTO typed(n, t, a) VALUES (1, 'one', x'01'), (2, NULL, 2.5);
INSERT INTO big DEFAULT VALUES;
`;

describe.skipIf(!native)(nativeTitle("query results are identical on both drivers"), () => {
  it("binds parameters the same way (storage class and value)", () => {
    const params: SqlValue[][] = [
      [0], [1], [-1], [2147483647], [-2147483648], [2147483648], [-2147483649], [2 ** 53], [-(2 ** 53)],
      [1.5], [-0], [0.1], [1e308], [Number.MIN_VALUE], [Infinity], [-Infinity], [NaN],
      [5n], [-5n], [2n ** 40n], [2n ** 62n], ["text"], [""], ["é😀\u0000x"], [null],
      [new Uint8Array([0, 1, 255])], [new Uint8Array(0)],
    ];
    for (const p of params) {
      const sql = "SELECT typeof(?1) AS t, ?1 AS v, quote(?1) AS q, ?1 || '' AS s, ?1 + 0 AS plus, typeof(?) AS t2";
      const r = both("", (c) => c.query(sql, [...p, ...p]));
      expect(r.native, `param ${String(p[0])}`).toEqual(r.sqljs);
    }
  });

  it("binds numbered and named parameters positionally, missing ones as NULL", () => {
    const cases: [string, SqlValue[]][] = [
      ["SELECT ?1 AS a, ?1 AS b, ? AS c", [1, 2]],
      ["SELECT ?2 AS a, ?1 AS b", ["x", "y"]],
      ["SELECT ?3 AS a", [1, 2, 3]],
      ["SELECT :n AS a, @m AS b, $o AS c, :n AS d, ? AS e", [1, 2, 3, 4]],
      ["SELECT ? AS a, :x AS b, ? AS c", ["p", "q", "r"]],
      ["SELECT ? AS a, ? AS b", [1]],
      ["SELECT ?2 AS a", []],
      ["SELECT '?', ? AS a -- ?", [5]],
    ];
    for (const [sql, params] of cases) {
      const r = both("", (c) => c.query(sql, params));
      expect(r.native, sql).toEqual(r.sqljs);
    }
  });

  it("returns the same values for every storage class, 64-bit integers included", () => {
    const sql = `SELECT 9223372036854775807 AS max, -9223372036854775808 AS min, 9007199254740993 AS over53,
      123 AS small, 1.0 AS one, 2.5e-300 AS tiny, 'txt' AS t, x'deadbeef' AS b, x'' AS e, NULL AS n,
      zeroblob(3) AS z, CAST(1 AS REAL) AS r, 1 = 1 AS truth, json_array(1, 'a') AS j, char(0, 65) AS nul`;
    const r = both("", (c) => c.query(sql));
    expect(r.native).toEqual(r.sqljs);
  });

  it("returns the same rows for writes and reads with bound values, in the same order", () => {
    const setup = "CREATE TABLE v(k INTEGER PRIMARY KEY, a, b NUMERIC, c TEXT, d REAL, e BLOB);";
    const r = both(setup, (c) => {
      const rows: SqlValue[][] = [[1, "1", "1", 1, new Uint8Array([7])], [2.5, "2.50", 3, "4", null], [3n, null, "x", 5, "s"]];
      for (const row of rows) c.query("INSERT INTO v(a, b, c, d, e) VALUES (?, ?, ?, ?, ?)", row);
      return c.query("SELECT k, a, typeof(a) ta, b, typeof(b) tb, c, typeof(c) tc, d, typeof(d) td, e, typeof(e) te FROM v ORDER BY k");
    });
    expect(r.native).toEqual(r.sqljs);
  });

  it("keeps the last of duplicate column names, like sql.js", () => {
    const r = both("", (c) => c.query("SELECT 1 AS a, 2 AS a"));
    expect(r.native).toEqual(r.sqljs);
  });

  it("gives the same catalog rows (sqlite_schema, table_list, table_xinfo, index_xinfo, foreign_key_list)", () => {
    const names = JSON.stringify(["parents", "children", "typed", "big", "idx_children_label", "idx_parents_lower"]);
    const r = both(BROAD, (c) => {
      const out: Record<string, unknown> = {};
      for (const [key, sql] of Object.entries(CATALOG_SQL)) out[key] = c.query(sql, sql.includes("?") ? [names] : []);
      out.integrity = c.query("PRAGMA integrity_check");
      out.fkCheck = c.query("PRAGMA foreign_key_check");
      return out;
    });
    expect(r.native).toEqual(r.sqljs);
  });

  it("introspects the broad schema identically", () => {
    const r = both(BROAD, (c) => introspect(c));
    expect(r.sqljs.ok).toBe(true);
    expect(r.native).toEqual(r.sqljs);
  });

  it.each(["fixtures/goals/dev.db", "fixtures/goals/prod.db", "fixtures/dashboard/v1.db"])(
    "introspects %s identically (image in memory and file in place)",
    (file) => {
      const bytes = new Uint8Array(readFileSync(file));
      const read = (conn: Connection) => {
        try {
          return introspect(conn);
        } finally {
          conn.close();
        }
      };
      const viaSqlJs = read(sqljs.fromBytes(bytes));
      expect(viaSqlJs.ok).toBe(true);
      expect(read(nativeDriver().fromBytes(bytes))).toEqual(viaSqlJs);
      const opened = nativeDriver().openFile(file, { readonly: true, busyTimeoutMs: 0 });
      if (!opened.ok) throw new Error(JSON.stringify(opened.diagnostics));
      expect(read(opened.value)).toEqual(viaSqlJs);
    },
  );
});

describe.skipIf(!native)(nativeTitle("the scratch normalisation database gives the same schema on both drivers"), () => {
  it.each(["schema/goals.yaml", "schema/dashboard.yaml"])("%s", (file) => {
    const viaSqlJs = loadSchema(file, sqljs);
    if (!viaSqlJs.ok) throw new Error(JSON.stringify(viaSqlJs.diagnostics));
    expect(loadSchema(file, nativeDriver())).toEqual(viaSqlJs);
  });
});

describe.skipIf(!native)(nativeTitle("documented build differences (not adapter bugs)"), () => {
  function outcome(driver: Driver, sql: string): string {
    const conn = driver.memory();
    try {
      conn.exec(sql);
      return "ok";
    } catch (error) {
      return (error as Error).message;
    } finally {
      conn.close();
    }
  }

  it("better-sqlite3 is built with SQLITE_DQS=0: a double-quoted string in a CHECK fails at CREATE", () => {
    const sql = `CREATE TABLE t(a CHECK (a IN ("x")))`;
    expect(outcome(sqljs, sql)).toBe("ok");
    expect(outcome(nativeDriver(), sql)).toMatch(/no such column/);
  });

  it("only the native build has FTS5 and R*Tree", () => {
    for (const sql of ["CREATE VIRTUAL TABLE f USING fts5(a)", "CREATE VIRTUAL TABLE r USING rtree(id, x0, x1)"]) {
      expect(outcome(nativeDriver(), sql)).toBe("ok");
      expect(outcome(sqljs, sql)).toMatch(/no such module/);
    }
  });
});
