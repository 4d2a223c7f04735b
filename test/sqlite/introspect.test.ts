import { describe, expect, it } from "vitest";
import type { Connection } from "../../src/db/driver.js";
import type { ForeignKey, PrimaryKey, Table } from "../../src/model.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { colKey, column, exprKey, index, memoryDb, schemaOf, table, tableOf } from "./helpers.js";

const pk = (columns: string[], over: Partial<PrimaryKey> = {}): PrimaryKey => ({ name: null, columns, autoincrement: false, desc: false, onConflict: null, ...over });
const fk = (columns: string[], refTable: string, refColumns: string[], over: Partial<ForeignKey> = {}): ForeignKey => ({
  name: null, columns, refTable, refColumns, onDelete: "NO ACTION", onUpdate: "NO ACTION", deferred: false, ...over,
});

const tableCases: [string, string, Table][] = [
  ["types as declared", "CREATE TABLE t(a INTEGER, b varchar(255), c, d DOUBLE PRECISION, e NUMERIC(10, 2))",
    table("t", [column("a", { type: "INTEGER" }), column("b", { type: "varchar(255)" }), column("c"), column("d", { type: "DOUBLE PRECISION" }), column("e", { type: "NUMERIC(10, 2)" })])],
  ["NOT NULL", "CREATE TABLE t(a TEXT NOT NULL, b TEXT NULL)",
    table("t", [column("a", { type: "TEXT", notNull: true }), column("b", { type: "TEXT" })])],
  ["defaults of every kind",
    "CREATE TABLE t(a DEFAULT 0, b DEFAULT -1.5, c DEFAULT 'open', d DEFAULT current_timestamp, e DEFAULT (1+1), f DEFAULT NULL, g DEFAULT + 3, h DEFAULT x'00ff', i DEFAULT true, j DEFAULT ((2)), k DEFAULT 'it''s', l DEFAULT (datetime('now')))",
    table("t", [
      column("a", { default: "0" }), column("b", { default: "-1.5" }), column("c", { default: "'open'" }),
      column("d", { default: "CURRENT_TIMESTAMP" }), column("e", { default: "(1 + 1)" }), column("f", { default: "NULL" }),
      column("g", { default: "+3" }), column("h", { default: "x'00ff'" }), column("i", { default: "TRUE" }),
      column("j", { default: "(2)" }), column("k", { default: "'it''s'" }), column("l", { default: "(datetime('now'))" }),
    ])],
  ["composite primary key in non-column order", "CREATE TABLE t(a, b, c, PRIMARY KEY (c, a))",
    table("t", [column("a"), column("b"), column("c")], { primaryKey: pk(["c", "a"]) })],
  ["AUTOINCREMENT", "CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, x)",
    table("t", [column("id", { type: "INTEGER" }), column("x")], { primaryKey: pk(["id"], { autoincrement: true }) })],
  ["PRIMARY KEY DESC on the column", "CREATE TABLE t(id INTEGER PRIMARY KEY DESC)",
    table("t", [column("id", { type: "INTEGER" })], { primaryKey: pk(["id"], { desc: true }) })],
  ["table-level PRIMARY KEY(x DESC) keeps an INTEGER rowid alias", "CREATE TABLE t(id INTEGER, PRIMARY KEY(id DESC))",
    table("t", [column("id", { type: "INTEGER" })], { primaryKey: pk(["id"]) })],
  ["table-level DESC on a TEXT key", "CREATE TABLE t(id TEXT, PRIMARY KEY(id DESC))",
    table("t", [column("id", { type: "TEXT" })], { primaryKey: pk(["id"], { desc: true }) })],
  ["named PRIMARY KEY with ON CONFLICT", "CREATE TABLE t(a, b, CONSTRAINT pk_t PRIMARY KEY (a, b) ON CONFLICT REPLACE)",
    table("t", [column("a"), column("b")], { primaryKey: pk(["a", "b"], { name: "pk_t", onConflict: "REPLACE" }) })],
  ["named column PRIMARY KEY", "CREATE TABLE t(a TEXT CONSTRAINT pk_a PRIMARY KEY ON CONFLICT IGNORE)",
    table("t", [column("a", { type: "TEXT" })], { primaryKey: pk(["a"], { name: "pk_a", onConflict: "IGNORE" }) })],
  ["UNIQUE at column and table level, with names", "CREATE TABLE t(a UNIQUE, b CONSTRAINT uq_b UNIQUE ON CONFLICT FAIL, c, CONSTRAINT uq_ac UNIQUE (c, a), UNIQUE (b, c) ON CONFLICT ROLLBACK)",
    table("t", [column("a"), column("b"), column("c")], {
      uniques: [
        { name: null, columns: ["a"], onConflict: null },
        { name: "uq_b", columns: ["b"], onConflict: "FAIL" },
        { name: null, columns: ["b", "c"], onConflict: "ROLLBACK" },
        { name: "uq_ac", columns: ["c", "a"], onConflict: null },
      ],
    })],
  ["CHECK named and unnamed, column and table level", "CREATE TABLE t(a INT CHECK (a>0) CONSTRAINT ck_a CHECK( a < 100 ), b, CHECK (b IN ('x','y')), CONSTRAINT ck_ab CHECK ((a) + (b) > 0))",
    table("t", [column("a", { type: "INT", checks: [{ name: null, expr: "a > 0" }, { name: "ck_a", expr: "a < 100" }] }), column("b")], {
      // sorted by content: their order means nothing to SQLite
      checks: [{ name: "ck_ab", expr: "(a) + (b) > 0" }, { name: null, expr: "b IN ('x', 'y')" }],
    })],
  ["COLLATE", "CREATE TABLE t(a TEXT COLLATE nocase, b TEXT COLLATE RTRIM, c TEXT COLLATE binary)",
    table("t", [column("a", { type: "TEXT", collate: "NOCASE" }), column("b", { type: "TEXT", collate: "RTRIM" }), column("c", { type: "TEXT", collate: "BINARY" })])],
  ["generated VIRTUAL and STORED", "CREATE TABLE t(a INT, b INT GENERATED ALWAYS AS (a*2) VIRTUAL, c AS (a + 1) STORED, d TEXT AS (lower('X')))",
    table("t", [
      column("a", { type: "INT" }), column("b", { type: "INT", generated: { expr: "a * 2", stored: false } }),
      column("c", { generated: { expr: "a + 1", stored: true } }), column("d", { type: "TEXT", generated: { expr: "lower('X')", stored: false } }),
    ])],
  ["foreign keys: actions, deferrable, names, no parent columns, multi-column, sorted by content",
    `CREATE TABLE p(x, y, PRIMARY KEY (x, y));
     CREATE TABLE c(a REFERENCES p ON DELETE SET NULL, b, c CONSTRAINT fk_c REFERENCES p(x) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
       FOREIGN KEY (a, b) REFERENCES p (x, y) ON DELETE CASCADE ON UPDATE RESTRICT,
       CONSTRAINT fk_b FOREIGN KEY (b) REFERENCES p(y) ON DELETE SET DEFAULT NOT DEFERRABLE INITIALLY DEFERRED,
       FOREIGN KEY (c) REFERENCES p(x) DEFERRABLE)`,
    table("c", [column("a"), column("b"), column("c")], {
      foreignKeys: [
        fk(["b"], "p", ["y"], { name: "fk_b", onDelete: "SET DEFAULT" }),
        fk(["c"], "p", ["x"], { name: "fk_c", onUpdate: "CASCADE", deferred: true }),
        fk(["a", "b"], "p", ["x", "y"], { onDelete: "CASCADE", onUpdate: "RESTRICT" }),
        fk(["a"], "p", [], { onDelete: "SET NULL" }),
        fk(["c"], "p", ["x"]),
      ],
    })],
  ["STRICT and WITHOUT ROWID", "CREATE TABLE t(k TEXT PRIMARY KEY, v ANY) WITHOUT ROWID, STRICT",
    table("t", [column("k", { type: "TEXT", notNull: true }), column("v", { type: "ANY" })], { primaryKey: pk(["k"]), strict: true, withoutRowid: true })],
  ["indexes: unique, partial, expression, DESC, COLLATE",
    `CREATE TABLE t(a, b TEXT, c);
     CREATE UNIQUE INDEX u_ab ON t(a, b);
     CREATE INDEX i_part ON t(c) WHERE c IS NOT NULL AND "a" > 0;
     CREATE INDEX i_expr ON t(lower(b), a + c DESC);
     CREATE INDEX i_desc ON t(c DESC, a ASC);
     CREATE INDEX i_coll ON t(b COLLATE nocase, lower(b) COLLATE rtrim DESC);
     CREATE INDEX i_paren ON t((a))`,
    table("t", [column("a"), column("b", { type: "TEXT" }), column("c")], {
      indexes: [
        index("i_coll", "t", [colKey("b", { collate: "NOCASE" }), exprKey("lower(b)", { collate: "RTRIM", desc: true })]),
        index("i_desc", "t", [colKey("c", { desc: true }), colKey("a")]),
        index("i_expr", "t", [exprKey("lower(b)"), exprKey("a + c", { desc: true })]),
        index("i_paren", "t", [colKey("a")]),
        index("i_part", "t", [colKey("c")], { where: "c IS NOT NULL AND a > 0" }),
        index("u_ab", "t", [colKey("a"), colKey("b")], { unique: true }),
      ],
    })],
  ["quoted identifiers: spaces, embedded quotes, keywords, unicode, mixed case",
    `CREATE TABLE "my ""odd"" table"("first name" TEXT, "order" INT CHECK ("order" > 0), [group] INT, \`Ünïcode\` TEXT, MixedCase INT CHECK (mixedcase > 0));
     CREATE INDEX "idx ""q""" ON "my ""odd"" table"("order", "first name")`,
    table('my "odd" table', [
      column("first name", { type: "TEXT" }), column("order", { type: "INT", checks: [{ name: null, expr: '"order" > 0' }] }),
      column("group", { type: "INT" }), column("Ünïcode", { type: "TEXT" }), column("MixedCase", { type: "INT", checks: [{ name: null, expr: "MixedCase > 0" }] }),
    ], { indexes: [index('idx "q"', 'my "odd" table', [colKey("order"), colKey("first name")])] })],
  ["CREATE TABLE ... AS SELECT", "CREATE TABLE s(a INT, b TEXT); CREATE TABLE t AS SELECT a, b FROM s",
    table("t", [column("a", { type: "INT" }), column("b", { type: "TEXT" })])],
];

describe("introspect: tables", () => {
  it.each(tableCases)("%s", async (_title, ddl, expected) => {
    expect(await tableOf(ddl, expected.name)).toEqual(expected);
  });

  it("skips automatic indexes and internal tables", async () => {
    const s = await schemaOf(`CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, a UNIQUE, b TEXT);
      CREATE TABLE w(k TEXT PRIMARY KEY, a UNIQUE);
      CREATE TABLE _schemadiff_history(x); CREATE TABLE "_SchemaDiff_x"(y); INSERT INTO t(a) VALUES (1); ANALYZE`);
    expect(s.tables.map((t) => t.name)).toEqual(["t", "w"]);
    expect(s.tables.map((t) => t.indexes)).toEqual([[], []]);
  });

  it("sorts tables, views, triggers and virtual tables by name in byte order", async () => {
    const s = await schemaOf(`CREATE TABLE b(x); CREATE TABLE "Zeta"(x); CREATE TABLE a(x); CREATE TABLE "é"(x); CREATE TABLE "z"(x);
      CREATE TABLE "\u{1D4B3}"(x); CREATE TABLE "\uFF21"(x);
      CREATE VIEW vb AS SELECT 1; CREATE VIEW va AS SELECT 2;
      CREATE TRIGGER tb AFTER INSERT ON a BEGIN SELECT 1; END; CREATE TRIGGER ta AFTER INSERT ON a BEGIN SELECT 1; END;
      CREATE VIRTUAL TABLE fb USING fts4(x); CREATE VIRTUAL TABLE fa USING fts4(x)`);
    // Code point order puts U+FF21 before U+1D4B3, where UTF-16 order would not.
    expect(s.tables.map((t) => t.name)).toEqual(["Zeta", "a", "b", "z", "é", "\uFF21", "\u{1D4B3}"]);
    expect(s.views.map((v) => v.name)).toEqual(["va", "vb"]);
    expect(s.triggers.map((v) => v.name)).toEqual(["ta", "tb"]);
    expect(s.virtualTables.map((v) => v.name)).toEqual(["fa", "fb"]);
  });
});

describe("introspect: views, triggers, virtual tables", () => {
  it("reads views with and without column lists", async () => {
    const s = await schemaOf(`CREATE TABLE t(a, "b c");
      CREATE VIEW v1 AS select a,"b c" from t where a>0;
      CREATE VIEW "v 2"(x, "y z") AS SELECT a, "b c" FROM t`);
    expect(s.views).toEqual([
      { name: "v 2", columns: ["x", "y z"], select: 'SELECT a, "b c" FROM t' },
      { name: "v1", columns: null, select: 'SELECT a, "b c" FROM t WHERE a > 0' },
    ]);
  });

  it("keeps a double-quoted word that names nothing quoted (it is a string literal)", async () => {
    const s = await schemaOf(`CREATE TABLE t(status); CREATE VIEW v AS SELECT "status" FROM t WHERE "status" = "open"`);
    expect(s.views[0].select).toBe('SELECT status FROM t WHERE status = "open"');
  });

  it.each([
    ["CREATE TRIGGER tr BEFORE INSERT ON t BEGIN SELECT 1; END", { timing: "BEFORE", event: "INSERT", ofColumns: [], when: null, body: "SELECT 1;" }],
    ["CREATE TRIGGER tr INSERT ON t BEGIN SELECT 1; END", { timing: "BEFORE", event: "INSERT", ofColumns: [], when: null, body: "SELECT 1;" }],
    ["CREATE TRIGGER tr AFTER DELETE ON t FOR EACH ROW BEGIN DELETE FROM u WHERE a = old.a; END",
      { timing: "AFTER", event: "DELETE", ofColumns: [], when: null, body: "DELETE FROM u WHERE a = old.a;" }],
    ["CREATE TRIGGER tr AFTER UPDATE OF a, \"b\" ON t WHEN (new.a <> old.a) BEGIN update u set a=new.a where a=old.a ; insert into u(a) values (case when new.a > 0 then 1 else 2 end); END",
      { timing: "AFTER", event: "UPDATE", ofColumns: ["a", "b"], when: "new.a != old.a", body: "UPDATE u SET a = new.a WHERE a = old.a;\nINSERT INTO u(a) VALUES (CASE WHEN new.a > 0 THEN 1 ELSE 2 END);" }],
    ["CREATE TRIGGER tr BEFORE UPDATE ON t BEGIN SELECT RAISE(ABORT, 'no; -- way'); END",
      { timing: "BEFORE", event: "UPDATE", ofColumns: [], when: null, body: "SELECT RAISE(ABORT, 'no; -- way');" }],
  ])("reads %s", async (ddl, expected) => {
    const s = await schemaOf(`CREATE TABLE t(a, b); CREATE TABLE u(a); ${ddl}`);
    expect(s.triggers).toEqual([{ name: "tr", table: "t", ...expected }]);
  });

  it("reads INSTEAD OF triggers on views", async () => {
    const s = await schemaOf(`CREATE TABLE t(a); CREATE VIEW v AS SELECT a FROM t;
      CREATE TRIGGER tr INSTEAD OF INSERT ON v BEGIN INSERT INTO t(a) VALUES (new.a); END`);
    expect(s.triggers).toEqual([{ name: "tr", table: "v", timing: "INSTEAD OF", event: "INSERT", ofColumns: [], when: null, body: "INSERT INTO t(a) VALUES (new.a);" }]);
  });

  it("reads FTS virtual tables and never reports their shadow tables (sql.js has fts3/fts4, not fts5 or rtree)", async () => {
    const s = await schemaOf(`CREATE VIRTUAL TABLE docs USING FTS4(title,  body, tokenize=porter); CREATE VIRTUAL TABLE "n b" USING fts3`);
    expect(s.tables).toEqual([]);
    expect(s.virtualTables).toEqual([
      { name: "docs", module: "fts4", sql: "CREATE VIRTUAL TABLE docs USING fts4(title, body, tokenize = porter)" },
      { name: "n b", module: "fts3", sql: 'CREATE VIRTUAL TABLE "n b" USING fts3' },
    ]);
  });

  it("recognises shadow tables of a module this build lacks by their names", async () => {
    const db = await memoryDb(`CREATE TABLE t(a); CREATE TABLE x_data(a); CREATE TABLE x_config(k); CREATE TABLE x_other(a);
      PRAGMA writable_schema = ON;
      INSERT INTO sqlite_schema VALUES ('table', 'x', 'x', 0, 'CREATE VIRTUAL TABLE x USING fts5(a)');`);
    const reopened = (await import("../../src/db/sqljs.js")).loadSqlJs().then((d) => d.fromBytes(db.export()));
    const r = introspect(await reopened);
    expect(r.ok && r.value.tables.map((t) => t.name)).toEqual(["t", "x_other"]);
    expect(r.ok && r.value.virtualTables).toEqual([{ name: "x", module: "fts5", sql: "CREATE VIRTUAL TABLE x USING fts5(a)" }]);
  });
});

describe("introspect: options, warnings and errors", () => {
  it("leaves out what ignore() names, with the indexes and triggers of ignored tables", async () => {
    const db = await memoryDb(`CREATE TABLE keep(a); CREATE TABLE skip(a); CREATE INDEX skip_a ON skip(a); CREATE INDEX keep_a ON keep(a);
      CREATE TRIGGER trg AFTER INSERT ON skip BEGIN SELECT 1; END; CREATE VIEW v_skip AS SELECT 1`);
    const r = introspect(db, { ignore: (n) => n.includes("skip") });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.tables.map((t) => [t.name, t.indexes.map((i) => i.name)])).toEqual([["keep", ["keep_a"]]]);
    expect(r.value.triggers).toEqual([]);
    expect(r.value.views).toEqual([]);
  });

  it.each([
    ["CREATE TABLE t(a NOT NULL ON CONFLICT IGNORE)", "NOT NULL ON CONFLICT IGNORE"],
    ["CREATE TABLE t(a CONSTRAINT nn NOT NULL)", '"nn"'],
    ["CREATE TABLE t(a CONSTRAINT d DEFAULT 1)", '"d"'],
    ["CREATE TABLE t(a, b, UNIQUE (a COLLATE NOCASE, b))", "COLLATE NOCASE"],
    ["CREATE TABLE t(a, b, PRIMARY KEY (a, b DESC))", "DESC"],
    ["CREATE TABLE p(x PRIMARY KEY); CREATE TABLE t(a REFERENCES p(x) MATCH FULL)", "MATCH"],
  ])("warns about what the model cannot hold: %s", async (ddl, fragment) => {
    const r = introspect(await memoryDb(ddl));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].code).toBe("WARN_UNMODELLED");
    expect(r.warnings[0].message).toContain('table "t"');
    expect(r.warnings[0].message).toContain(fragment);
  });

  it("gives no warnings for an ordinary schema", async () => {
    const r = introspect(await memoryDb("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT NOT NULL UNIQUE CHECK (a <> ''))"));
    expect(r.ok && r.warnings).toEqual([]);
  });

  it("returns DB_CORRUPT when a catalog query fails part-way, without throwing", async () => {
    const db = await memoryDb("CREATE TABLE t(a); CREATE TABLE u(b)");
    let n = 0;
    const flaky: Connection = {
      ...db,
      query: (sql, params) => {
        if (++n === 3) throw new Error("database disk image is malformed");
        return db.query(sql, params);
      },
    };
    const r = introspect(flaky);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.code)).toEqual(["DB_CORRUPT"]);
    expect(r.diagnostics[0].message).toContain("malformed");
  });

  it("returns DB_CORRUPT when a query fails", () => {
    const failing: Connection = {
      query: () => { throw new Error("database disk image is malformed"); },
      exec: () => undefined, export: () => new Uint8Array(), close: () => undefined, sqliteVersion: "3.54.1",
    };
    const r = introspect(failing);
    expect(!r.ok && r.diagnostics[0]).toMatchObject({ code: "DB_CORRUPT", message: expect.stringContaining("malformed") });
  });

  it("refuses with DB_UNSUPPORTED, naming the object, a CREATE statement it cannot read", async () => {
    const db = await memoryDb(`CREATE TABLE t(a); CREATE TABLE ok(b); PRAGMA writable_schema = ON;
      UPDATE sqlite_schema SET sql = 'CREATE TABLE t(a) GARBAGE' WHERE name = 't';`);
    const r = introspect(db);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: "DB_UNSUPPORTED", message: expect.stringContaining('table "t"') });
  });

  it("runs a fixed number of queries however many tables there are", async () => {
    const ddl = Array.from({ length: 300 }, (_, k) =>
      `CREATE TABLE t${k}(id INTEGER PRIMARY KEY, p INT REFERENCES t0(id), v TEXT CHECK (v <> '')); CREATE INDEX i${k} ON t${k}(v);`).join("\n");
    const db = await memoryDb(ddl);
    let queries = 0;
    const counting: Connection = { ...db, query: (sql, params) => { queries++; return db.query(sql, params); } };
    const r = introspect(counting);
    expect(r.ok && r.value.tables).toHaveLength(300);
    expect(queries).toBeLessThanOrEqual(6);
  });
});
