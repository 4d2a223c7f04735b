import { describe, expect, it } from "vitest";
import { introspect } from "../../src/sqlite/introspect.js";
import { renderSchema } from "../../src/sqlite/render.js";
import { memoryDb, schemaOf } from "./helpers.js";

/** Varied schemas: every model feature, odd names, and realistic app schemas. */
const SCHEMAS: Record<string, string> = {
  "plain types": "CREATE TABLE t(a INTEGER, b varchar(255), c, d DOUBLE PRECISION, e NUMERIC(10, 2), f BLOB, g REAL)",
  "not null": "CREATE TABLE t(a TEXT NOT NULL, b INT NOT NULL DEFAULT 0)",
  "defaults": "CREATE TABLE t(a DEFAULT 0, b DEFAULT -1.5, c DEFAULT 'open', d DEFAULT current_timestamp, e DEFAULT (1+1), f DEFAULT NULL, g DEFAULT +3, h DEFAULT x'00ff', i DEFAULT true, j DEFAULT ((2)), k DEFAULT 'it''s', l DEFAULT (datetime('now')), m DEFAULT CURRENT_DATE, n DEFAULT current_time, o DEFAULT 1e3, p DEFAULT 0x1F, q DEFAULT -0)",
  "composite pk out of order": "CREATE TABLE t(a, b, c, PRIMARY KEY (c, a))",
  "autoincrement": "CREATE TABLE t(id INTEGER PRIMARY KEY AUTOINCREMENT, x TEXT); INSERT INTO t(x) VALUES ('a')",
  "rowid alias": "CREATE TABLE t(id INTEGER PRIMARY KEY, x)",
  "pk desc column": "CREATE TABLE t(id INTEGER PRIMARY KEY DESC, x)",
  "pk desc table integer": "CREATE TABLE t(id INTEGER, x, PRIMARY KEY (id DESC))",
  "pk desc table text": "CREATE TABLE t(id TEXT, x, PRIMARY KEY (id DESC))",
  "pk named on conflict": "CREATE TABLE t(a, b, CONSTRAINT pk_t PRIMARY KEY (a, b) ON CONFLICT REPLACE)",
  "pk column named": "CREATE TABLE t(a TEXT CONSTRAINT pk_a PRIMARY KEY ON CONFLICT IGNORE, b)",
  "uniques": "CREATE TABLE t(a UNIQUE, b CONSTRAINT uq_b UNIQUE ON CONFLICT FAIL, c, CONSTRAINT uq_ac UNIQUE (c, a), UNIQUE (b, c) ON CONFLICT ROLLBACK, UNIQUE (a))",
  "checks": "CREATE TABLE t(a INT CHECK (a>0) CONSTRAINT ck_a CHECK( a < 100 ), b, CHECK (b IN ('x','y')), CONSTRAINT ck_ab CHECK ((a) + (b) > 0))",
  "check with keyword column": 'CREATE TABLE t("order" INT CHECK ("order" >= 0), "group" TEXT CHECK ("group" <> \'\'), CHECK ("order" < 10 OR "group" IS NULL))',
  "check with strings that look like sql": "CREATE TABLE t(s TEXT CHECK (s <> '--' AND s <> ';' AND s <> '\"' AND s NOT LIKE '%/*%'))",
  "check with dq string": 'CREATE TABLE t(status TEXT CHECK (status IN ("open", "done")))',
  "collate": "CREATE TABLE t(a TEXT COLLATE nocase, b TEXT COLLATE RTRIM, c TEXT COLLATE binary NOT NULL)",
  "generated": "CREATE TABLE t(a INT, b INT GENERATED ALWAYS AS (a*2) VIRTUAL, c AS (a + 1) STORED, d TEXT AS (lower('X')) NOT NULL)",
  "foreign keys": `CREATE TABLE p(x, y, PRIMARY KEY (x, y));
    CREATE TABLE c(a REFERENCES p ON DELETE SET NULL, b, c CONSTRAINT fk_c REFERENCES p(x) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
      FOREIGN KEY (a, b) REFERENCES p (x, y) ON DELETE CASCADE ON UPDATE RESTRICT,
      CONSTRAINT fk_b FOREIGN KEY (b) REFERENCES p(y) ON DELETE SET DEFAULT,
      FOREIGN KEY (c) REFERENCES p(x) DEFERRABLE)`,
  "self reference": "CREATE TABLE goals(id TEXT PRIMARY KEY, parent_id TEXT REFERENCES goals(id) ON DELETE CASCADE)",
  "fk to missing table": "CREATE TABLE c(a REFERENCES nowhere(id))",
  "strict": "CREATE TABLE t(a INTEGER, b TEXT, c ANY, d REAL, e BLOB, f INT) STRICT",
  "without rowid": "CREATE TABLE t(k TEXT PRIMARY KEY, v) WITHOUT ROWID",
  "without rowid strict composite": "CREATE TABLE t(a TEXT, b INT, v ANY, PRIMARY KEY (b, a)) STRICT, WITHOUT ROWID",
  "indexes": `CREATE TABLE t(a, b TEXT, c);
    CREATE UNIQUE INDEX u_ab ON t(a, b);
    CREATE INDEX i_part ON t(c) WHERE c IS NOT NULL AND "a" > 0;
    CREATE INDEX i_expr ON t(lower(b), a + c DESC);
    CREATE INDEX i_desc ON t(c DESC, a ASC);
    CREATE INDEX i_coll ON t(b COLLATE nocase, lower(b) COLLATE rtrim DESC);
    CREATE UNIQUE INDEX u_part ON t(b) WHERE b LIKE 'x%'`,
  "json index": "CREATE TABLE t(doc TEXT); CREATE INDEX i_json ON t(doc ->> '$.name', json_extract(doc, '$.age'))",
  "views": `CREATE TABLE t(a, "b c");
    CREATE VIEW v1 AS select a,"b c" from t where a>0;
    CREATE VIEW "v 2"(x, "y z") AS SELECT a, "b c" FROM t;
    CREATE VIEW v3 AS SELECT x FROM "v 2" UNION ALL SELECT a FROM v1`,
  "view on view created out of order": `CREATE TABLE t(a); CREATE VIEW zz AS SELECT a FROM t; CREATE VIEW aa AS SELECT a FROM zz; CREATE VIEW mm AS SELECT * FROM aa JOIN zz USING (a)`,
  "view with cte and window": `CREATE TABLE t(g, v);
    CREATE VIEW ranked AS WITH x AS (SELECT g, v FROM t) SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v DESC) AS rn FROM x`,
  "triggers all timings and events": `CREATE TABLE t(a, b); CREATE TABLE log(m TEXT);
    CREATE TRIGGER t_bi BEFORE INSERT ON t BEGIN INSERT INTO log VALUES ('bi'); END;
    CREATE TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW BEGIN INSERT INTO log VALUES ('ai'); END;
    CREATE TRIGGER t_bu BEFORE UPDATE ON t BEGIN SELECT RAISE(ABORT, 'no; -- way') WHERE new.a < 0; END;
    CREATE TRIGGER t_au AFTER UPDATE OF a, b ON t WHEN new.a <> old.a BEGIN UPDATE log SET m = 'x' WHERE m = old.a; DELETE FROM log WHERE m IS NULL; END;
    CREATE TRIGGER t_bd BEFORE DELETE ON t BEGIN DELETE FROM log; END;
    CREATE TRIGGER t_ad AFTER DELETE ON t WHEN old.a IS NOT NULL BEGIN INSERT INTO log SELECT old.a; END;
    CREATE TRIGGER t_default INSERT ON t BEGIN SELECT 1; END`,
  "instead of trigger on view": `CREATE TABLE t(a); CREATE VIEW v AS SELECT a FROM t;
    CREATE TRIGGER v_ins INSTEAD OF INSERT ON v BEGIN INSERT INTO t(a) VALUES (new.a); END;
    CREATE TRIGGER v_upd INSTEAD OF UPDATE OF a ON v BEGIN UPDATE t SET a = new.a WHERE a = old.a; END`,
  "fts4 virtual table": "CREATE VIRTUAL TABLE docs USING fts4(title, body, tokenize=porter); CREATE TABLE t(a)",
  "fts3 without args and odd name": 'CREATE VIRTUAL TABLE "n b" USING fts3',
  "quoted names": `CREATE TABLE "my ""odd"" table"("first name" TEXT, "order" INT CHECK ("order" > 0), [group] INT, \`Ünïcode\` TEXT, MixedCase INT CHECK (mixedcase > 0));
    CREATE INDEX "idx ""q""" ON "my ""odd"" table"("order", "first name");
    CREATE VIEW "vue ""x""" AS SELECT "first name", [group] FROM "my ""odd"" table"`,
  "keyword names everywhere": `CREATE TABLE "select"("from" INTEGER PRIMARY KEY, "where" TEXT UNIQUE, "key" INT, action INT);
    CREATE INDEX "index" ON "select"("key", action);
    CREATE TRIGGER "trigger" AFTER INSERT ON "select" BEGIN UPDATE "select" SET "key" = new."from" WHERE "from" = new."from"; END`,
  "unicode": `CREATE TABLE "日本"("名前" TEXT NOT NULL DEFAULT 'なし', "ключ" INTEGER PRIMARY KEY);
    CREATE INDEX "索引" ON "日本"("名前" COLLATE NOCASE)`,
  "mixed case references": "CREATE TABLE Parent(ID INTEGER PRIMARY KEY); CREATE TABLE Child(Parent_ID INT REFERENCES Parent(ID), CHECK (parent_id > 0)); CREATE INDEX Child_idx ON Child(PARENT_ID)",
  "goals app": `CREATE TABLE goals (
      id TEXT PRIMARY KEY, parent_id TEXT REFERENCES goals(id) ON DELETE CASCADE, root_id TEXT NOT NULL,
      name TEXT NOT NULL COLLATE NOCASE, type TEXT NOT NULL CHECK (type IN ('UltimateGoal', 'PracticeSession')),
      completed BOOLEAN DEFAULT 0, created_at DATETIME DEFAULT CURRENT_TIMESTAMP, deleted_at DATETIME);
    CREATE INDEX idx_goals_root_type ON goals(root_id, type);
    CREATE INDEX idx_goals_completed ON goals(root_id, type) WHERE completed = 1;
    CREATE VIEW active_goals AS SELECT * FROM goals WHERE deleted_at IS NULL`,
  "tasks app": `CREATE TABLE milestones(id INTEGER PRIMARY KEY AUTOINCREMENT, total_tasks INT NOT NULL DEFAULT 0);
    CREATE TABLE tasks(id INTEGER PRIMARY KEY, milestone_id INT REFERENCES milestones(id), status TEXT DEFAULT 'open' CHECK (status IN ('open','done')),
      price REAL, qty INT, total REAL GENERATED ALWAYS AS (price * qty) STORED);
    CREATE TRIGGER trg_tasks_insert AFTER INSERT ON tasks WHEN NEW.milestone_id IS NOT NULL BEGIN
      UPDATE milestones SET total_tasks = total_tasks + 1 WHERE id = NEW.milestone_id;
    END`,
  "many to many": `CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE);
    CREATE TABLE roles(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE user_roles(user_id INT NOT NULL REFERENCES users ON DELETE CASCADE, role_id INT NOT NULL REFERENCES roles ON DELETE CASCADE,
      granted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), PRIMARY KEY (user_id, role_id)) WITHOUT ROWID;
    CREATE INDEX user_roles_role ON user_roles(role_id)`,
  "comments and whitespace in stored text": `CREATE TABLE t( -- the id
      id INTEGER   PRIMARY KEY, /* a block
      comment */ v TEXT CHECK ( v   <>  '' ) -- trailing
    );
    CREATE VIEW v AS SELECT id -- pick
      FROM t /* all */`,
  "case expression and casts": "CREATE TABLE t(a INT, b TEXT CHECK (CASE WHEN a > 0 THEN b IS NOT NULL ELSE 1 END), c AS (CAST(a AS TEXT) || '-' || coalesce(b, '')))",
  "negative numbers and unary": "CREATE TABLE t(a INT CHECK (a > -10 AND - a < 10 AND a - -1 > ~0), b DEFAULT - 5)",
  "between like glob is distinct": "CREATE TABLE t(a, b TEXT, CHECK (a BETWEEN 1 AND 10), CHECK (b LIKE 'x%' ESCAPE '\\'), CHECK (b GLOB '[a-z]*'), CHECK (a IS NOT DISTINCT FROM a))",
  "exists subquery in view": "CREATE TABLE a(id INTEGER PRIMARY KEY); CREATE TABLE b(a_id INT); CREATE VIEW orphans AS SELECT * FROM b WHERE NOT EXISTS (SELECT 1 FROM a WHERE a.id = b.a_id)",
  "empty schema": "",
};

async function roundTrip(ddl: string): Promise<void> {
  const first = await schemaOf(ddl);
  const statements = renderSchema(first);
  const db = await memoryDb();
  for (const s of statements) db.exec(s);
  const again = introspect(db);
  expect(again.ok && again.warnings).toEqual([]);
  expect(again.ok && again.value).toEqual(first);
  if (again.ok) expect(renderSchema(again.value)).toEqual(statements);
}

describe("round trip: introspect -> render -> execute -> introspect", () => {
  it("covers at least 40 schemas", () => {
    expect(Object.keys(SCHEMAS).length).toBeGreaterThanOrEqual(40);
  });
  it.each(Object.entries(SCHEMAS))("%s", async (_name, ddl) => roundTrip(ddl));
});
