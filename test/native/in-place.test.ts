/**
 * The native in-place apply's other paths: refusals, failures, dry runs, a crashed app's hot
 * journal, no whole-file copy, and the same result as the sql.js path.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { applyDatabase } from "../../src/apply/index.js";
import { applyInPlace } from "../../src/apply/in-place.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { ok } from "../../src/errors.js";
import {
  declared,
  expectFailure,
  expectSuccess,
  FIXED_NOW,
  makeDb,
  plan,
  run,
  schemaOf,
  START,
  step,
  TARGET,
  TARGET_PLAN,
  withFile,
} from "./apply-fixtures.js";
import { fileSha256, listing, native, nativeDriver, nativeTitle, tempDir } from "./helpers.js";

describe.skipIf(!native)(nativeTitle("in-place apply: refusals, failures, dry runs, crashed apps"), () => {
  it("refuses REFUSED_CHANGED when the schema changed between planning and locking", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const result = await run(db, TARGET_PLAN, await declared(TARGET), {}, {
      plan: () => {
        // The app migrates its own schema right after schemadiff read it.
        withFile(db, (conn) => conn.exec("CREATE TABLE sneaky (x)"));
        return ok(TARGET_PLAN);
      },
    });
    expectFailure(result, "REFUSED_CHANGED");
    expect(listing(dir)).toEqual(["app.db"]);
    withFile(db, (conn) => {
      expect(schemaOf(conn).tables.map((t) => t.name)).toEqual(["events", "items", "sneaky"]);
      expect(conn.query("SELECT count(*) AS n FROM pragma_table_info('items') WHERE name = 'qty'")).toEqual([{ n: 0 }]);
    });
  });

  it("rolls back a failing step, removes its backup and leaves the file as it was", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const sha = fileSha256(db);
    const broken = plan([TARGET_PLAN.steps[0], step(["INSERT INTO nowhere VALUES (1)"])]);
    const text = expectFailure(await run(db, broken, await declared(TARGET)), "APPLY_FAILED");
    expect(text).toContain("step 2/2 failed");
    expect(fileSha256(db)).toBe(sha);
    expect(listing(dir)).toEqual(["app.db"]);
  });

  it("refuses a destructive plan before any backup or lock", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const sha = fileSha256(db);
    const drop = plan([
      step(["DROP TABLE items"], { safety: "destructive", table: "items", losses: [{ table: "items", column: null, countSql: "SELECT count(*) AS n FROM items" }] }),
    ]);
    const text = expectFailure(await run(db, drop, await declared("CREATE TABLE events (id INTEGER PRIMARY KEY, source TEXT NOT NULL, n INTEGER);")), "REFUSED_DESTRUCTIVE");
    expect(text).toContain("5000 rows");
    expect(fileSha256(db)).toBe(sha);
    expect(listing(dir)).toEqual(["app.db"]);
  });

  it("a declined confirmation writes nothing and never takes the lock", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const sha = fileSha256(db);
    let asked: readonly string[] = [];
    const outcome = expectSuccess(
      await run(db, TARGET_PLAN, await declared(TARGET), {
        confirm: async (_plan, context) => {
          asked = context.script;
          return false;
        },
      }),
    );
    expect(outcome.status).toBe("declined");
    expect(asked).toContain("BEGIN IMMEDIATE");
    expect(fileSha256(db)).toBe(sha);
    expect(listing(dir)).toEqual(["app.db"]);
  });

  it("a dry run verifies everything, then rolls back: same content, no backup", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const sha = fileSha256(db);
    const outcome = expectSuccess(await run(db, TARGET_PLAN, await declared(TARGET), { dryRun: true }));
    expect(outcome.status).toBe("dry-run");
    expect(outcome.applied).toBe(false);
    expect(fileSha256(db)).toBe(sha);
    expect(listing(dir)).toEqual(["app.db"]);
  });

  it("is up to date when the plan is empty, without a backup", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const outcome = expectSuccess(await run(db, plan([]), await declared(START)));
    expect(outcome.status).toBe("up-to-date");
    expect(listing(dir)).toEqual(["app.db"]);
  });

  it("does not refuse a hot journal left by a crashed app: SQLite rolls it back, then apply runs", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    // An app that crashes mid-transaction after SQLite had to write changed pages to the file.
    const crash = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import D from "better-sqlite3";
         const db = new D(process.argv[1], { fileMustExist: true });
         db.pragma("cache_size = 2");
         db.exec("BEGIN; UPDATE items SET name = name || ' (half-written)'; DELETE FROM events;");
         process.kill(process.pid, "SIGKILL");`,
        db,
      ],
      { cwd: process.cwd() },
    );
    expect(crash.signal).toBe("SIGKILL");
    expect(listing(dir)).toEqual(["app.db", "app.db-journal"]);
    const outcome = expectSuccess(await run(db, TARGET_PLAN, await declared(TARGET), { backup: { kind: "none" } }));
    expect(outcome.status).toBe("applied");
    withFile(db, (conn) => {
      expect(conn.query("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
      expect(conn.query("SELECT count(*) AS n FROM events")).toEqual([{ n: 300 }]);
      expect(conn.query("SELECT count(*) AS n FROM items WHERE name LIKE '%half-written%'")).toEqual([{ n: 0 }]);
    });
    expect(listing(dir)).toEqual(["app.db"]);
  });

  it("never copies the database into memory (export is never called)", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const real = nativeDriver();
    const driver = {
      ...real,
      fromBytes: () => {
        throw new Error("fromBytes called");
      },
      openFile: (file: string, options: { readonly: boolean; busyTimeoutMs: number }) => {
        const opened = real.openFile(file, options);
        if (!opened.ok) return opened;
        return ok({
          ...opened.value,
          export: () => {
            throw new Error("export called");
          },
        });
      },
    };
    const outcome = expectSuccess(await run(db, TARGET_PLAN, await declared(TARGET), { driver }));
    expect(outcome.status).toBe("applied");
  });

  it("needs the native driver", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const result = await applyInPlace({
      dbPath: db,
      driver: await loadSqlJs(),
      desired: await declared(TARGET),
      allowDestructive: false,
      backup: { kind: "none" },
      history: false,
      dryRun: false,
      toolVersion: "t",
    });
    expectFailure(result, "USAGE");
  });

  it("gives the same database as the sql.js path for the same plan", async () => {
    const dir = tempDir();
    const a = await makeDb(dir, START, "a.db");
    const b = await makeDb(dir, START, "b.db");
    const desired = await declared(TARGET);
    const common = {
      desired,
      allowDestructive: false,
      backup: { kind: "none" },
      history: false,
      dryRun: false,
      toolVersion: "t",
      now: FIXED_NOW,
    } as const;
    const viaNative = expectSuccess(await run(a, TARGET_PLAN, desired, { backup: { kind: "none" }, history: false }));
    const viaSqlJs = expectSuccess(await applyDatabase({ ...common, dbPath: b, driver: await loadSqlJs() }, { plan: () => ok(TARGET_PLAN) }));
    expect(viaNative.schemaHashAfter).toBe(viaSqlJs.schemaHashAfter);
    const dump = (file: string) =>
      withFile(file, (conn) => ({
        schema: schemaOf(conn),
        events: conn.query("SELECT * FROM events ORDER BY id"),
        items: conn.query("SELECT * FROM items ORDER BY id"),
      }));
    expect(dump(a)).toEqual(dump(b));
  });
});
