/** The pure pieces of apply: names, quoting, header bytes, copy detection, comparisons, history rows. */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planScript, planSha256 } from "../../src/apply/apply.js";
import {
  chooseBackupPath,
  formatVersionsOf,
  nodeFileSystem,
  restoreCommand,
  restoreFormatVersions,
  shellQuote,
  toEngineImage,
  utcStamp,
} from "../../src/apply/file.js";
import { readHistory, recordHistory } from "../../src/apply/history.js";
import { foreignKeyViolations, formatRow, newForeignKeyViolations, type ForeignKeyViolation } from "../../src/apply/preflight.js";
import { copySource } from "../../src/apply/progress.js";
import { integrityProblems, remainingDrift, withoutIgnored } from "../../src/apply/verify.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { testDriver } from "../helpers/driver-env.js";
import { canonicalJson, schemaHash, sha256Hex } from "../../src/hash.js";
import { asWalMode, buildImage, declared, expectSuccess, FIXED_NOW, plan, step, tempDir } from "./helpers.js";

describe("file names and commands", () => {
  it("stamps backups with a sortable UTC time", () => {
    expect(utcStamp(FIXED_NOW())).toBe("20261121T153000Z");
    expect(utcStamp(new Date(Date.UTC(2027, 0, 2, 3, 4, 5, 678)))).toBe("20270102T030405Z");
  });

  it("picks the next free default backup name, and refuses an existing chosen one", () => {
    const dir = tempDir();
    const db = join(dir, "x.db");
    expect(expectSuccess(chooseBackupPath(nodeFileSystem, db, { kind: "default" }, FIXED_NOW()))).toBe(`${db}.20261121T153000Z.bak`);
    writeFileSync(`${db}.20261121T153000Z.bak`, "");
    writeFileSync(`${db}.20261121T153000Z-2.bak`, "");
    expect(expectSuccess(chooseBackupPath(nodeFileSystem, db, { kind: "default" }, FIXED_NOW()))).toBe(`${db}.20261121T153000Z-3.bak`);
    const taken = chooseBackupPath(nodeFileSystem, db, { kind: "path", path: `${db}.20261121T153000Z.bak` }, FIXED_NOW());
    expect(taken.ok ? null : taken.diagnostics[0].code).toBe("USAGE");
    const itself = chooseBackupPath(nodeFileSystem, db, { kind: "path", path: db }, FIXED_NOW());
    expect(itself.ok ? null : itself.diagnostics[0].code).toBe("USAGE");
  });

  it("quotes shell words, so the restore command works for any file name", () => {
    expect(shellQuote("it's here")).toBe(`'it'\\''s here'`);
    const dir = tempDir();
    const backup = join(dir, `o'dd $name "x".bak`);
    const db = join(dir, "my db`.sqlite");
    writeFileSync(backup, "original");
    writeFileSync(db, "changed");
    writeFileSync(`${db}-journal`, "hot");
    execFileSync("sh", ["-c", restoreCommand(backup, db)]);
    expect(readFileSync(db, "utf8")).toBe("original");
    expect(readdirSync(dir).sort()).toEqual([`my db\`.sqlite`, `o'dd $name "x".bak`]);
  });
});

describe("journal mode bytes", () => {
  it("opens a WAL database as rollback in memory and restores WAL on export, in place (no second image)", async () => {
    const wal = asWalMode(await buildImage("CREATE TABLE t (a)"));
    const original = Uint8Array.from(wal);
    const versions = formatVersionsOf(wal);
    expect(versions).toEqual({ write: 2, read: 2 });
    const forEngine = toEngineImage(wal);
    expect(forEngine).toBe(wal);
    expect([forEngine[18], forEngine[19]]).toEqual([1, 1]);
    expect(forEngine.subarray(20)).toEqual(original.subarray(20));
    const restored = restoreFormatVersions(forEngine, versions);
    expect(restored).toBe(forEngine);
    expect(restored).toEqual(original);
  });

  it("leaves a rollback database's bytes as they are", async () => {
    const image = await buildImage("CREATE TABLE t (a)");
    const original = Uint8Array.from(image);
    const versions = formatVersionsOf(image);
    expect(versions).toEqual({ write: 1, read: 1 });
    expect(restoreFormatVersions(toEngineImage(image), versions)).toEqual(original);
  });
});

describe("copySource (progress of a rebuild)", () => {
  it.each([
    ['INSERT INTO "_new_t" ("a", "b") SELECT "a", "b" FROM "t"', "t"],
    ['INSERT INTO "n" SELECT rowid, * FROM "my ""odd"" t"', 'my "odd" t'],
    ["INSERT INTO n (a) SELECT (SELECT max(x) FROM other) FROM main.t WHERE a > 0", "t"],
    ["insert into n select a from t order by a", "t"],
  ])("%s reads from %s", (sql, table) => {
    expect(copySource(sql)).toBe(table);
  });

  it.each([
    "INSERT INTO n VALUES (1)",
    "CREATE TABLE n (a)",
    'UPDATE "t" SET a = (SELECT 1 FROM x)',
    "INSERT INTO n SELECT a FROM (SELECT a FROM t)",
  ])("%s is not a copy from a table", (sql) => {
    expect(copySource(sql)).toBeNull();
  });
});

describe("foreign-key violations", () => {
  const v = (table: string, rowid: number | null, parent = "p", fkid = 0): ForeignKeyViolation => ({ table, rowid, parent, fkid });

  it("only violations the plan introduced count, duplicates included", () => {
    const before = [v("c", 1), v("c", null), v("c", null)];
    const after = [v("c", 1, "p", 1), v("c", null), v("c", null), v("c", null), v("c", 7)];
    expect(newForeignKeyViolations(before, after)).toEqual([v("c", null), v("c", 7)]);
  });

  it("a key SQLite cannot check (foreign key mismatch) leaves its table out, not the others", async () => {
    const conn = (await testDriver()).memory();
    try {
      conn.exec(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);" +
          "CREATE TABLE posts (id INTEGER PRIMARY KEY, author_email TEXT REFERENCES users (email));" +
          "CREATE TABLE tags (id INTEGER PRIMARY KEY, post_id INTEGER REFERENCES posts (id));" +
          "INSERT INTO posts VALUES (1, 'nobody'); INSERT INTO tags VALUES (1, 1), (2, 9);",
      );
      expect(() => conn.query("PRAGMA foreign_key_check")).toThrow(/foreign key mismatch/);
      expect(foreignKeyViolations(conn)).toEqual([{ table: "tags", rowid: 2, parent: "posts", fkid: 0 }]);
    } finally {
      conn.close();
    }
  });
});

describe("messages", () => {
  it("formats sample rows compactly", () => {
    expect(formatRow({ id: 4, name: "x".repeat(50), b: new Uint8Array([1, 255]), n: null })).toBe(
      `id=4, name='${"x".repeat(40)}...', b=x'01ff', n=NULL`,
    );
  });
});

describe("schema comparison after a plan (the rule of `check`)", () => {
  it("names what is still missing", async () => {
    const a = (await declared("CREATE TABLE t (a INTEGER, b TEXT); CREATE VIEW v AS SELECT a FROM t;")).schema;
    const b = (await declared("CREATE TABLE t (a INTEGER, b TEXT, c TEXT); CREATE TABLE u (x);")).schema;
    const drift = remainingDrift(a, b).join("\n");
    expect(drift).toContain("c");
    expect(drift).toContain("u");
    expect(drift).toContain("v");
    expect(remainingDrift(a, a)).toEqual([]);
  });

  it("column order alone is no difference", async () => {
    const a = (await declared("CREATE TABLE t (a INTEGER, b TEXT)")).schema;
    const b = (await declared("CREATE TABLE t (b TEXT, a INTEGER)")).schema;
    expect(remainingDrift(a, b)).toEqual([]);
  });

  it("the order of foreign keys alone is no difference (ADD COLUMN ... REFERENCES lists its key first)", async () => {
    const parents = "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE q (id INTEGER PRIMARY KEY);";
    const added = await declared(`${parents} CREATE TABLE t (a, b, FOREIGN KEY (a) REFERENCES p (id));`);
    const conn = (await loadSqlJs()).memory();
    conn.exec(`${parents} CREATE TABLE t (a, FOREIGN KEY (a) REFERENCES p (id)); ALTER TABLE t ADD COLUMN b REFERENCES q (id);`);
    const actual = expectSuccess(introspect(conn));
    conn.close();
    const declaredOrder = (await declared(`${parents} CREATE TABLE t (a, b REFERENCES q (id), FOREIGN KEY (a) REFERENCES p (id));`)).schema;
    // The introspector sorts foreign keys by content, so textual order never reaches the model.
    expect(actual.tables.find((t) => t.name === "t")?.foreignKeys).toEqual(declaredOrder.tables.find((t) => t.name === "t")?.foreignKeys);
    expect(remainingDrift(actual, declaredOrder)).toEqual([]);
    expect(remainingDrift(actual, added.schema).length).toBeGreaterThan(0);
  });

  it("ignored names are left out, indexes too", async () => {
    const s = (await declared("CREATE TABLE t (a); CREATE INDEX tmp_i ON t (a); CREATE TABLE tmp_x (a); CREATE VIEW tmp_v AS SELECT 1;")).schema;
    const kept = withoutIgnored(s, (name) => name.startsWith("tmp_"));
    expect(kept.tables.map((t) => [t.name, t.indexes.map((i) => i.name)])).toEqual([["t", []]]);
    expect(kept.views).toEqual([]);
  });
});

describe("hashes", () => {
  it("canonical JSON sorts keys at every level and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }], u: undefined })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });

  it("a schema hash depends on content, not key order", async () => {
    const s = (await declared("CREATE TABLE t (a)")).schema;
    const reordered = { virtualTables: s.virtualTables, triggers: s.triggers, views: s.views, tables: s.tables };
    expect(schemaHash(reordered)).toBe(schemaHash(s));
    expect(schemaHash(s)).toMatch(/^[0-9a-f]{64}$/);
    expect(schemaHash((await declared("CREATE TABLE t (b)")).schema)).not.toBe(schemaHash(s));
  });
});

describe("the plan as a script", () => {
  const p = plan([step(["CREATE TABLE a (x)", "DROP TABLE b"]), step("CREATE INDEX i ON a (x)")], { needsForeignKeysOff: true });

  it("switches foreign keys off around the transaction only when they were on", () => {
    expect(planScript(p, true)).toEqual([
      "PRAGMA foreign_keys = OFF",
      "BEGIN",
      "CREATE TABLE a (x)",
      "DROP TABLE b",
      "CREATE INDEX i ON a (x)",
      "COMMIT",
      "PRAGMA foreign_keys = ON",
    ]);
    expect(planScript(p, false)).toEqual(["BEGIN", "CREATE TABLE a (x)", "DROP TABLE b", "CREATE INDEX i ON a (x)", "COMMIT"]);
  });

  it("hashes the statements as a script", () => {
    expect(planSha256(p)).toBe(sha256Hex("CREATE TABLE a (x);\nDROP TABLE b;\nCREATE INDEX i ON a (x);\n"));
  });
});

describe("history", () => {
  it("is empty on a database never applied to", async () => {
    const conn = (await loadSqlJs()).memory();
    expect(expectSuccess(readHistory(conn))).toEqual([]);
    conn.close();
  });

  it("round-trips entries, oldest first", async () => {
    const conn = (await loadSqlJs()).memory();
    const entry = {
      appliedAt: "2026-11-21T15:30:00.000Z",
      toolVersion: "1.2.3",
      schemaHashBefore: "a".repeat(64),
      schemaHashAfter: "b".repeat(64),
      planSha256: "c".repeat(64),
      statements: ["CREATE TABLE x (a)", "CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1; END"],
      durationMs: 12,
      status: "applied",
    };
    expect(recordHistory(conn, entry)).toBe(1);
    expect(recordHistory(conn, { ...entry, toolVersion: "1.2.4" })).toBe(2);
    expect(expectSuccess(readHistory(conn))).toEqual([
      { id: 1, ...entry },
      { id: 2, ...entry, toolVersion: "1.2.4" },
    ]);
    conn.close();
  });

  it("shows statements written by hand as one opaque statement", async () => {
    const conn = (await loadSqlJs()).memory();
    recordHistory(conn, {
      appliedAt: "x",
      toolVersion: "x",
      schemaHashBefore: "x",
      schemaHashAfter: "x",
      planSha256: "x",
      statements: [],
      durationMs: 0,
      status: "applied",
    });
    conn.exec("UPDATE _schemadiff_history SET statements = 'ALTER TABLE t ADD c'");
    expect(expectSuccess(readHistory(conn))[0].statements).toEqual(["ALTER TABLE t ADD c"]);
    conn.close();
  });
});

describe("integrity check scope", () => {
  const scope = async (statements: string[]) => (await import("../../src/apply/integrity-scope.js")).integrityScope(statements);

  it("schema edits alone: sqlite_schema", async () => {
    for (const sql of [
      'ALTER TABLE "t" ADD COLUMN "x" TEXT',
      'ALTER TABLE "drop" RENAME COLUMN "a" TO "b"',
      'ALTER TABLE "t" RENAME TO "u"',
      'ALTER TABLE main."t" ADD "y"',
      'CREATE VIEW "v" AS SELECT 1',
      'DROP TRIGGER "tr"',
    ]) expect(await scope([sql]), sql).toEqual({ kind: "schema" });
  });

  it("a rebuild and new indexes: a quick check of the file, no table checked in full", async () => {
    const rebuild = [
      'CREATE TABLE "t__schemadiff_new" ("id" INTEGER PRIMARY KEY, "a" REAL)',
      'INSERT OR ABORT INTO "t__schemadiff_new" (rowid, "id", "a") SELECT rowid, "id", "a" FROM "t"',
      'DROP TABLE "t"',
      'ALTER TABLE "t__schemadiff_new" RENAME TO "t"',
      'CREATE INDEX "i" ON "t" ("a")',
      'CREATE UNIQUE INDEX "u" ON "other" ("b")',
      'DROP INDEX "old"',
    ];
    expect(await scope(rebuild)).toEqual({ kind: "changed", tables: [] });
  });

  it("rows changed in place: those tables checked in full (once, whatever the spelling)", async () => {
    expect(
      await scope([
        'ALTER TABLE "t" ADD COLUMN "c"',
        'UPDATE OR ABORT "t" SET "c" = (1)',
        'update "T" set "c" = 2',
        'DELETE FROM main."gone"',
        'INSERT INTO sqlite_sequence (name, seq) SELECT \'x\', seq FROM sqlite_sequence WHERE name = \'t\'',
        'ALTER TABLE "d" DROP COLUMN "x"',
        'ALTER TABLE "n" ALTER COLUMN "x" SET NOT NULL',
        'REPLACE INTO "r" VALUES (1)',
      ]),
    ).toEqual({ kind: "changed", tables: ["t", "gone", "sqlite_sequence", "d", "n", "r"] });
  });

  it("updates of a table this plan created are still changes in place; its bulk insert is not", async () => {
    expect(await scope(['CREATE TABLE "n" ("a")', 'INSERT INTO "n" SELECT 1', 'UPDATE "n" SET "a" = 2'])).toEqual({ kind: "changed", tables: ["n"] });
  });

  it("anything it cannot read: the full check of the whole file", async () => {
    for (const sql of [
      "WITH x AS (SELECT 1) UPDATE t SET a = (SELECT * FROM x)",
      'UPDATE other."t" SET a = 1',
      'CREATE TEMP TABLE "x" ("a")',
      "VACUUM",
      'INSERT INTO "t" DEFAULT VALUES; DROP TABLE "t"'.split(";")[0] + " garbage",
      "PRAGMA writable_schema = ON",
    ]) expect(await scope(['CREATE INDEX "i" ON "t" ("a")', sql]), sql).toEqual(sql.includes("garbage") ? { kind: "changed", tables: ["t"] } : { kind: "full" });
  });
});

describe("integrity problems are found in what the plan wrote", () => {
  /** A database whose index `i` on `t` no longer matches its rows (its definition was swapped). */
  const corruptIndex = async () => {
    // Built with sql.js: better-sqlite3 runs in defensive mode, which refuses writable_schema.
    const conn = (await loadSqlJs()).memory();
    conn.exec("CREATE TABLE t (a INTEGER, b INTEGER); CREATE INDEX i ON t (a); CREATE TABLE u (x); INSERT INTO t VALUES (1, 10), (2, 20), (3, 30)");
    conn.exec("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX i ON t (b)' WHERE name = 'i'; PRAGMA writable_schema = RESET");
    return (await testDriver()).fromBytes(conn.export());
  };

  it("a table updated in place is checked in full: its broken index is reported", async () => {
    const conn = await corruptIndex();
    const problems = integrityProblems(conn, ['UPDATE "t" SET "b" = "b"']);
    expect(problems.join("\n")).toMatch(/missing from index i|wrong # of entries in index i/);
    expect(integrityProblems(conn, ["WITH x AS (SELECT 1) SELECT * FROM x"]).length).toBeGreaterThan(0);
    conn.close();
  });

  it("a broken page anywhere in the file is reported by the quick check, whatever the plan wrote", async () => {
    const conn = (await testDriver()).memory();
    conn.exec("CREATE TABLE big (a TEXT); WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 2000) INSERT INTO big SELECT hex(randomblob(40)) FROM c; CREATE TABLE small (x)");
    const root = Number(conn.query("SELECT rootpage FROM sqlite_schema WHERE name = 'big'")[0]?.rootpage);
    const pageSize = Number(conn.query("PRAGMA page_size")[0]?.page_size);
    const image = conn.export();
    conn.close();
    image[(root - 1) * pageSize] = 0x0a; // the root page of `big` claims to be an index leaf
    const broken = (await testDriver()).fromBytes(image);
    expect(integrityProblems(broken, ['CREATE INDEX "s" ON "small" ("x")']).length).toBeGreaterThan(0);
    broken.close();
  });
});
