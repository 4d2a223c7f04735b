/**
 * The native in-place apply against a live database: a real second process keeps it open (WAL
 * mode, committed rows only in the -wal) and keeps writing, or holds a lock past the timeout.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inPlaceRestoreCommand } from "../../src/apply/in-place.js";
import { exitCodeFor } from "../../src/errors.js";
import { sleep, startApp } from "./app-process.js";
import { declared, expectFailure, expectSuccess, makeDb, run, schemaOf, START, TARGET, TARGET_PLAN, withFile } from "./apply-fixtures.js";
import { fileSha256, listing, native, nativeDriver, nativeTitle, tempDir } from "./helpers.js";

describe.skipIf(!native)(nativeTitle("in-place apply while an app keeps the database open in WAL mode"), () => {
  it("waits for the app's writes, keeps every row from both sides, and leaves readers reading", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const desired = await declared(TARGET);
    const writer = startApp(db, 200);
    // The reader starts once the database is in WAL mode: switching modes takes an exclusive lock.
    await writer.ready;
    const reader = startApp(db, "read");
    try {
      await reader.ready;
      await sleep(150);
      // The app's commits are in the -wal only: the main file alone does not have them.
      const walBytes = readFileSync(`${db}-wal`).length;
      expect(walBytes).toBeGreaterThan(0);
      const ackedBefore = writer.acked.length;
      expect(ackedBefore).toBeGreaterThan(0);

      const outcome = expectSuccess(await run(db, TARGET_PLAN, desired));
      expect(outcome.status).toBe("applied");
      expect(outcome.statements).toContain("BEGIN IMMEDIATE");

      await sleep(150);
      const wrote = await writer.stop();
      const read = await reader.stop();
      expect(writer.errors).toEqual([]);
      expect(reader.errors).toEqual([]);
      expect(read.errors).toBe(0);
      expect(read.done).toBeGreaterThan(0);
      // The app kept writing after the apply (into the rebuilt table).
      expect(writer.acked.length).toBe(wrote.done);
      expect(writer.acked.length).toBeGreaterThan(ackedBefore);

      withFile(db, (conn) => {
        expect(conn.query("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
        expect(conn.query("PRAGMA foreign_key_check")).toEqual([]);
        expect(conn.journalMode()).toBe("wal");
        expect(conn.query("PRAGMA user_version")).toEqual([{ user_version: 7 }]);
        // Every seed row, every row the app committed before "ready" and every acknowledged one.
        expect(conn.query("SELECT count(*) AS n FROM events WHERE source = 'seed'")).toEqual([{ n: 300 }]);
        expect(conn.query("SELECT count(*) AS n FROM events WHERE source = 'app' AND n < 0")).toEqual([{ n: 200 }]);
        const ids = new Set(conn.query<{ id: number }>("SELECT id FROM events WHERE source = 'app' AND n >= 0").map((r) => r.id));
        expect(writer.acked.filter((id) => !ids.has(id))).toEqual([]);
        expect(ids.size).toBe(writer.acked.length);
        expect(conn.query("SELECT count(*) AS n FROM items WHERE qty = 0")).toEqual([{ n: 5000 }]);
        expect(conn.query("SELECT count(*) AS n FROM events WHERE note = 'none'")).toEqual([{ n: 300 + 200 + writer.acked.length }]);
        const after = schemaOf(conn);
        expect(after.tables.map((t) => t.name)).toEqual(["events", "items"]);
        expect(after).toEqual(desired.schema);
        expect(conn.query("SELECT count(*) AS n FROM _schemadiff_history")).toEqual([{ n: 1 }]);
      });
    } finally {
      await Promise.allSettled([writer.stop(), reader.stop()]);
    }
  });

  it("writes a consistent, verified backup while the app writes (WAL mode, journal mode kept)", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const desired = await declared(TARGET);
    const before = withFile(db, schemaOf);
    const writer = startApp(db, 50);
    try {
      await writer.ready;
      await sleep(100);
      const outcome = expectSuccess(await run(db, TARGET_PLAN, desired));
      const backup = outcome.backupPath;
      expect(backup).toBe(`${db}.20261121T153000Z.bak`);
      expect(outcome.restoreCommand).toBe(inPlaceRestoreCommand(backup ?? "", db));
      await writer.stop();
      // Bytes 18-19 of the header: 2 = WAL, as the original.
      const head = readFileSync(backup ?? "").subarray(0, 20);
      expect([head[18], head[19]]).toEqual([2, 2]);
      expect(listing(dir).filter((n) => n.includes("schemadiff-tmp") || n.startsWith(`app.db.2026`) && n !== `app.db.20261121T153000Z.bak`)).toEqual([]);
      withFile(backup ?? "", (conn) => {
        expect(conn.query("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
        expect(conn.query("PRAGMA user_version")).toEqual([{ user_version: 7 }]);
        // The schema as it was before, with every seed row and the app's rows up to the snapshot.
        expect(schemaOf(conn)).toEqual(before);
        expect(conn.query("SELECT count(*) AS n FROM events WHERE source = 'seed'")).toEqual([{ n: 300 }]);
        expect(conn.query("SELECT count(*) AS n FROM events WHERE source = 'app' AND n < 0")).toEqual([{ n: 50 }]);
        expect(conn.query("SELECT count(*) AS n FROM items")).toEqual([{ n: 5000 }]);
        // Consistent: the app's acknowledged rows form a prefix (no gaps), as a snapshot must.
        const ids = conn.query<{ id: number }>("SELECT id FROM events WHERE source = 'app' AND n >= 0 ORDER BY id").map((r) => r.id);
        expect(ids).toEqual(writer.acked.slice(0, ids.length));
      });
    } finally {
      await writer.stop().catch(() => undefined);
    }
  });

  it("--no-backup writes no backup file", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const outcome = expectSuccess(await run(db, TARGET_PLAN, await declared(TARGET), { backup: { kind: "none" } }));
    expect(outcome.backupPath).toBeNull();
    expect(outcome.restoreCommand).toBeNull();
    expect(listing(dir)).toEqual(["app.db"]);
  });
});

describe.skipIf(!native)(nativeTitle("in-place apply when another connection holds the write lock"), () => {
  for (const mode of ["delete", "wal"] as const) {
    it(`refuses with REFUSED_BUSY (exit 3) after the lock timeout, file untouched (${mode} mode)`, async () => {
      const dir = tempDir();
      const db = await makeDb(dir, START);
      const holder = nativeDriver().openFile(db, { readonly: false, busyTimeoutMs: 0 });
      if (!holder.ok) throw new Error("cannot open");
      const app = holder.value;
      try {
        if (mode === "wal") app.exec("PRAGMA journal_mode = WAL");
        app.exec("BEGIN IMMEDIATE");
        app.exec("INSERT INTO events (source, n) VALUES ('app', 1)");
        const sha = fileSha256(db);
        const names = listing(dir);
        const started = Date.now();
        const result = await run(db, TARGET_PLAN, await declared(TARGET), { lockTimeoutMs: 300 });
        const waited = Date.now() - started;
        const text = expectFailure(result, "REFUSED_BUSY");
        expect(exitCodeFor("REFUSED_BUSY")).toBe(3);
        expect(text).toContain("database is busy");
        expect(text).toContain("--lock-timeout");
        expect(waited).toBeGreaterThanOrEqual(250);
        expect(fileSha256(db)).toBe(sha);
        // No backup and no temporary file left behind.
        expect(listing(dir)).toEqual(names);
        // The app's own transaction is unharmed and can still commit.
        app.exec("COMMIT");
      } finally {
        app.close();
      }
      withFile(db, (conn) => {
        expect(conn.query("SELECT count(*) AS n FROM events")).toEqual([{ n: 301 }]);
        expect(conn.query("SELECT count(*) AS n FROM pragma_table_info('items') WHERE name = 'qty'")).toEqual([{ n: 0 }]);
      });
    });
  }

  it("in rollback-journal mode, a reader that keeps its read transaction past the timeout holds off COMMIT: REFUSED_BUSY, rolled back", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const sha = fileSha256(db);
    const opened = nativeDriver().openFile(db, { readonly: true, busyTimeoutMs: 0 });
    if (!opened.ok) throw new Error("cannot open");
    const reader = opened.value;
    try {
      reader.exec("BEGIN");
      expect(reader.query("SELECT count(*) AS n FROM items")).toEqual([{ n: 5000 }]);
      const text = expectFailure(await run(db, TARGET_PLAN, await declared(TARGET), { lockTimeoutMs: 300, backup: { kind: "none" } }), "REFUSED_BUSY");
      expect(text).toContain("database is busy");
      // The reader still sees the old schema and data, and can finish.
      expect(reader.query("SELECT count(*) AS n FROM pragma_table_info('items')")).toEqual([{ n: 2 }]);
      reader.exec("COMMIT");
    } finally {
      reader.close();
    }
    expect(fileSha256(db)).toBe(sha);
    expect(listing(dir)).toEqual(["app.db"]);
  });

  it("takes the write lock at BEGIN: nobody can start a write while the steps run", async () => {
    const dir = tempDir();
    const db = await makeDb(dir, START);
    const other = nativeDriver().openFile(db, { readonly: false, busyTimeoutMs: 0 });
    if (!other.ok) throw new Error("cannot open");
    const seen: string[] = [];
    try {
      expectSuccess(
        await run(db, TARGET_PLAN, await declared(TARGET), {
          progress: (event) => {
            if (event.kind !== "step" || seen.length > 0) return;
            try {
              other.value.exec("BEGIN IMMEDIATE");
              other.value.exec("ROLLBACK");
              seen.push("got the lock");
            } catch (error) {
              seen.push((error as { code?: string }).code ?? String(error));
            }
          },
        }),
      );
    } finally {
      other.value.close();
    }
    expect(seen).toEqual(["SQLITE_BUSY"]);
  });
});
