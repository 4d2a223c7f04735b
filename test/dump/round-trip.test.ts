/**
 * dump -> load must be the identity on every schema a database can hold: build a database from
 * DDL, introspect it (S), write S as YAML, load that YAML back (render, scratch database,
 * introspect) and get S again, exactly.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import type { Driver } from "../../src/db/driver.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { toYaml } from "../../src/dump/to-yaml.js";
import { loadSchema, loadSchemaFromText } from "../../src/load/index.js";
import type { Schema } from "../../src/model.js";
import { introspect } from "../../src/sqlite/introspect.js";

let driver: Driver;
beforeAll(async () => {
  driver = await loadSqlJs();
});

function schemaOf(ddl: string, virtualTables: readonly [string, string][] = []): Schema {
  let conn = driver.memory();
  conn.exec(ddl);
  if (virtualTables.length > 0) {
    // sql.js has no FTS5 / R*Tree: write the statements the way a database that has them would.
    conn.exec("PRAGMA writable_schema = ON");
    for (const [name, sql] of virtualTables) {
      conn.query("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('table', ?, ?, 0, ?)", [name, name, sql]);
    }
    conn.exec("PRAGMA writable_schema = OFF");
    const image = conn.export();
    conn.close();
    conn = driver.fromBytes(image);
  }
  const result = introspect(conn);
  conn.close();
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

function roundTrip(s: Schema): { yaml: string; back: Schema } {
  const yaml = toYaml(s);
  const loaded = loadSchemaFromText(yaml, "dump.yaml", driver);
  if (!loaded.ok) throw new Error(`${yaml}\n${JSON.stringify(loaded.diagnostics, null, 2)}`);
  return { yaml, back: loaded.value.schema };
}

const CASES: Record<string, string> = {
  "plain types": "CREATE TABLE t (a INTEGER, b TEXT, c REAL, d BLOB, e NUMERIC, f ANY_THING);",
  "no type at all": "CREATE TABLE t (a, b, c TEXT);",
  "type names with arguments": "CREATE TABLE t (a VARCHAR(255), b DECIMAL(10, 2), c UNSIGNED BIG INT, d DOUBLE PRECISION, e NATIVE CHARACTER(70), f INT(-1, +2));",
  "single primary key": "CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT);",
  "integer primary key autoincrement": "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT);",
  "rowid alias and plain integer key": "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT); CREATE TABLE b (id INT PRIMARY KEY, v TEXT);",
  "composite primary key": "CREATE TABLE t (a TEXT, b INT, c, PRIMARY KEY (b, a));",
  "primary key desc on integer": "CREATE TABLE t (id INTEGER PRIMARY KEY DESC, v);",
  "primary key desc on text": "CREATE TABLE t (id TEXT PRIMARY KEY DESC, v);",
  "table-level primary key desc on integer": "CREATE TABLE t (id INTEGER, v, PRIMARY KEY (id DESC));",
  "named primary keys and conflicts":
    "CREATE TABLE a (id INTEGER CONSTRAINT pk_a PRIMARY KEY ON CONFLICT REPLACE); CREATE TABLE b (x, y, CONSTRAINT pk_b PRIMARY KEY (x, y) ON CONFLICT IGNORE);",
  "uniques of every kind":
    "CREATE TABLE t (a UNIQUE, b UNIQUE ON CONFLICT FAIL, c CONSTRAINT uq_c UNIQUE, d, e, UNIQUE (d, e), CONSTRAINT uq_ed UNIQUE (e, d) ON CONFLICT ROLLBACK, UNIQUE (a));",
  "column checks": "CREATE TABLE t (a INT CHECK (a > 0) CHECK (a < 100), b TEXT CONSTRAINT ck_b CHECK (length(b) < 10), c CHECK (c IN ('x', 'y''z')));",
  "table checks": "CREATE TABLE t (a, b, CHECK (a < b), CONSTRAINT ck_sum CHECK (a + b < 100), CHECK ((a)));",
  "collations": "CREATE TABLE t (a TEXT COLLATE NOCASE, b TEXT COLLATE rtrim, c COLLATE binary NOT NULL);",
  "generated columns":
    "CREATE TABLE t (price REAL, qty INT, total REAL GENERATED ALWAYS AS (price * qty) STORED, half AS (price / 2), label TEXT AS ('x' || qty) VIRTUAL NOT NULL);",
  "foreign keys, column-level": `CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT UNIQUE);
    CREATE TABLE c (a REFERENCES p, b REFERENCES p(id) ON DELETE CASCADE, d REFERENCES p (code) ON UPDATE SET NULL ON DELETE SET DEFAULT,
      e CONSTRAINT fk_e REFERENCES p DEFERRABLE INITIALLY DEFERRED, f REFERENCES p ON DELETE RESTRICT);`,
  "foreign keys, table-level and multi-column": `CREATE TABLE p (x, y, u UNIQUE, PRIMARY KEY (x, y));
    CREATE TABLE c (a, b, z, FOREIGN KEY (a, b) REFERENCES p (x, y) ON DELETE CASCADE, CONSTRAINT fk_ab FOREIGN KEY (b, a) REFERENCES p, FOREIGN KEY (z) REFERENCES p (u));`,
  "foreign keys out of column order": `CREATE TABLE p (id INTEGER PRIMARY KEY);
    CREATE TABLE c (a, b REFERENCES p, c, FOREIGN KEY (a) REFERENCES p, FOREIGN KEY (c) REFERENCES p, FOREIGN KEY (a) REFERENCES p ON DELETE CASCADE);`,
  "foreign key deferrable forms": `CREATE TABLE p (id INTEGER PRIMARY KEY);
    CREATE TABLE c (a REFERENCES p DEFERRABLE, b REFERENCES p NOT DEFERRABLE INITIALLY DEFERRED, d REFERENCES p DEFERRABLE INITIALLY IMMEDIATE);`,
  "self reference": "CREATE TABLE goals (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES goals (id) ON DELETE CASCADE, root_id TEXT REFERENCES goals);",
  "strict and without rowid":
    "CREATE TABLE s (a INT, b TEXT, c ANY) STRICT; CREATE TABLE w (k TEXT PRIMARY KEY, v) WITHOUT ROWID; CREATE TABLE sw (k INTEGER, j INT, PRIMARY KEY (k, j)) STRICT, WITHOUT ROWID;",
  "indexes of every kind": `CREATE TABLE t (a, b TEXT, c, created_at);
    CREATE INDEX i_plain ON t (a, b);
    CREATE UNIQUE INDEX i_unique ON t (c);
    CREATE INDEX i_partial ON t (a) WHERE b IS NOT NULL AND c > 0;
    CREATE INDEX i_desc ON t (a, created_at DESC);
    CREATE INDEX i_collate ON t (b COLLATE NOCASE, b COLLATE RTRIM DESC);
    CREATE INDEX i_expr ON t (lower(b), a + c, (a * 2) COLLATE NOCASE DESC, substr(b, 1, 2) COLLATE BINARY);
    CREATE UNIQUE INDEX i_everything ON t (lower(b) DESC, c) WHERE a = 1;`,
  "index on a rowid alias and quoted names": `CREATE TABLE "my items" (id INTEGER PRIMARY KEY, "the name" TEXT, "order" INT, "group" INT);
    CREATE INDEX "idx items by name" ON "my items" ("the name", "order" DESC, "group" COLLATE NOCASE);
    CREATE INDEX idx_id ON "my items" (id);`,
  "views": `CREATE TABLE goals (id TEXT PRIMARY KEY, name TEXT, deleted_at DATETIME);
    CREATE VIEW active_goals AS SELECT * FROM goals WHERE deleted_at IS NULL;
    CREATE VIEW goal_names (id, label) AS SELECT id, upper(name) FROM goals;
    CREATE VIEW on_view AS SELECT count(*) AS n FROM active_goals;
    CREATE VIEW with_cte AS WITH x AS (SELECT id FROM goals) SELECT * FROM x;
    CREATE VIEW "values view" AS VALUES (1, 'a'), (2, 'b');`,
  "view text with comments and odd spacing": `CREATE TABLE t (a, b);
    CREATE VIEW v AS
      SELECT a,   -- the first
             b /* the second */
      FROM t   WHERE a==1 AND b<>2;`,
  "triggers": `CREATE TABLE tasks (id INTEGER PRIMARY KEY, status TEXT, milestone_id INT, updated_at TEXT);
    CREATE TABLE milestones (id INTEGER PRIMARY KEY, total INT DEFAULT 0);
    CREATE TRIGGER trg_insert AFTER INSERT ON tasks WHEN NEW.milestone_id IS NOT NULL
      BEGIN UPDATE milestones SET total = total + 1 WHERE id = NEW.milestone_id; END;
    CREATE TRIGGER trg_update AFTER UPDATE OF status, milestone_id ON tasks FOR EACH ROW
      BEGIN UPDATE tasks SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id; SELECT CASE WHEN NEW.status = 'x' THEN RAISE(ABORT, 'no x') END; END;
    CREATE TRIGGER trg_before BEFORE DELETE ON tasks BEGIN DELETE FROM milestones WHERE id = OLD.milestone_id; END;
    CREATE TRIGGER trg_default_timing UPDATE ON milestones BEGIN SELECT 1; END;`,
  "instead of trigger on a view": `CREATE TABLE t (a, b);
    CREATE VIEW v AS SELECT a, b FROM t;
    CREATE TRIGGER v_insert INSTEAD OF INSERT ON v BEGIN INSERT INTO t (a, b) VALUES (NEW.a, NEW.b); END;
    CREATE TRIGGER v_delete INSTEAD OF DELETE ON v BEGIN DELETE FROM t WHERE a = OLD.a; END;`,
  "quoted identifiers": `CREATE TABLE "table with spaces" ("col with spaces" TEXT, "say ""hi""" INT, "order" INT, "group" TEXT, "select" INT, "true" INT, "null" TEXT);
    CREATE INDEX "idx ""quoted""" ON "table with spaces" ("say ""hi""", "true");
    CREATE VIEW "view ""q""" AS SELECT "order", "group" FROM "table with spaces";`,
  "names YAML would read as other things": `CREATE TABLE "true" ("1" INT, "2024" TEXT, "null" INT, "yes" INT, "~" INT, "- x" INT, "a: b" INT, "#c" INT, "" INT);
    CREATE TABLE "123" (id INTEGER PRIMARY KEY);
    CREATE TABLE "1.50" ("0x1F" INT);`,
  "integer-like column names keep their order": `CREATE TABLE t ("b" INT, "2" INT, "a" INT, "1" INT, "10" TEXT);`,
  "names with pointer characters": `CREATE TABLE "a/b" ("x~y" INT, "p/q" INT CHECK ("p/q" > 0)); CREATE INDEX "i/j" ON "a/b" ("x~y");`,
  "unicode and mixed case": `CREATE TABLE "Übersicht" ("Größe" REAL, "名前" TEXT, MixedCase INT, "emoji 🎉" TEXT DEFAULT '🎉');
    CREATE INDEX "índice" ON "Übersicht" ("名前", MixedCase);`,
  "numeric defaults": `CREATE TABLE t (a DEFAULT 0, b DEFAULT 1.50, c DEFAULT 1.5, d DEFAULT -1, e DEFAULT -1.5, f DEFAULT +5, g DEFAULT 0x1F,
      h DEFAULT 1e10, i DEFAULT 9223372036854775807, j DEFAULT -9223372036854775808, k DEFAULT .5, l DEFAULT 1E-3, m DEFAULT 1_000, n DEFAULT 00012, o DEFAULT - 7);`,
  "text defaults": `CREATE TABLE t (a DEFAULT 'open', b DEFAULT '0', c DEFAULT '', d DEFAULT 'it''s', e DEFAULT 'CURRENT_TIMESTAMP', f DEFAULT '(none)',
      g DEFAULT 'NULL', h DEFAULT 'true', i DEFAULT '123', j DEFAULT '-', k DEFAULT 'yes', l DEFAULT 'a: b', m DEFAULT ' padded ', n DEFAULT 'two
lines', o DEFAULT 'x''y''', p DEFAULT '''quoted''');`,
  "keyword and expression defaults": `CREATE TABLE t (a DEFAULT CURRENT_TIMESTAMP, b DEFAULT current_date, c DEFAULT CURRENT_TIME, d DEFAULT NULL, e DEFAULT TRUE,
      f DEFAULT false, g DEFAULT X'00ff', h DEFAULT (1 + 1), i DEFAULT ('a' || 'b'), j DEFAULT (datetime('now')), k DEFAULT x'');`,
  "odd defaults": `CREATE TABLE t (a DEFAULT abc, b DEFAULT "q", c DEFAULT -0, d DEFAULT 1e999, e DEFAULT +0.0, f DEFAULT ((1)));`,
  "not null everywhere": "CREATE TABLE t (id INTEGER PRIMARY KEY NOT NULL, a TEXT NOT NULL DEFAULT 'x', b NOT NULL, c INT NOT NULL CHECK (c >= 0));",
  "checks with quoted names and strings": `CREATE TABLE t ("my col" INT CHECK ("my col" > 0), s TEXT CHECK (s <> 'a''b' AND s NOT LIKE '%"%'), CHECK ("my col" < 10 OR s IS NULL));`,
  "virtual tables": "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT);",
  "empty schema": "",
  "everything together": `CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL COLLATE NOCASE UNIQUE, created_at TEXT DEFAULT CURRENT_TIMESTAMP) STRICT;
    CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES users ON DELETE CASCADE, title TEXT NOT NULL CHECK (length(title) > 0),
      body TEXT DEFAULT '', published INTEGER NOT NULL DEFAULT 0, slug TEXT AS (lower(title)) STORED, UNIQUE (author_id, slug));
    CREATE INDEX posts_recent ON posts (published, id DESC) WHERE published = 1;
    CREATE VIEW published_posts AS SELECT p.id, p.title, u.email FROM posts p JOIN users u ON u.id = p.author_id WHERE p.published;
    CREATE TRIGGER posts_touch AFTER UPDATE OF title ON posts WHEN OLD.title <> NEW.title BEGIN UPDATE posts SET published = 0 WHERE id = NEW.id; END;`,
};

describe("dump -> load is the identity", () => {
  for (const [name, ddl] of Object.entries(CASES)) {
    test(name, () => {
      const vt: [string, string][] =
        name === "virtual tables"
          ? [
              ["docs_fts", "CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs', content_rowid='id')"],
              ["Places", 'CREATE VIRTUAL TABLE "Places" USING RTREE(id, minX, maxX)'],
            ]
          : [];
      const s = schemaOf(ddl, vt);
      const { yaml, back } = roundTrip(s);
      expect(back, yaml).toEqual(s);
      expect(toYaml(back)).toBe(yaml);
    });
  }

  // Dangling references load with a warning each: with foreign_keys on every write to such a
  // table fails, so the dump of a database that has them says where they are, and still loads.
  test("a foreign key to a missing table comes back, with a warning where it is", () => {
    const s = schemaOf("CREATE TABLE c (a REFERENCES nowhere (id), b REFERENCES nowhere);");
    const loaded = loadSchemaFromText(toYaml(s), "dump.yaml", driver);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.schema).toEqual(s);
    expect(loaded.warnings.map((d) => [d.code, d.line])).toEqual([
      ["WARN_MISSING_PARENT", 5],
      ["WARN_MISSING_PARENT", 6],
    ]);
  });

  test("a foreign key to columns without a unique constraint comes back, with a warning", () => {
    const s = schemaOf("CREATE TABLE p (x, y); CREATE TABLE c (a, FOREIGN KEY (a) REFERENCES p (x));");
    const loaded = loadSchemaFromText(toYaml(s), "dump.yaml", driver);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.value.schema).toEqual(s);
    expect(loaded.warnings.map((d) => d.code)).toEqual(["WARN_FK_MISMATCH"]);
  });

  test("there are at least 40 cases", () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(40);
  });
});

describe("the example schemas in schema/", () => {
  for (const name of ["goals.yaml", "dashboard.yaml"]) {
    test(`${name} loads, and its dump loads back to the same schema`, () => {
      const loaded = loadSchema(fileURLToPath(new URL(`../../schema/${name}`, import.meta.url)), driver);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics, null, 2));
      const { back } = roundTrip(loaded.value.schema);
      expect(back).toEqual(loaded.value.schema);
    });
  }
});
