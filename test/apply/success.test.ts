/**
 * Successful applies: the verified backup, rows intact, journal mode and permissions kept,
 * history, dry runs, declines, empty plans, progress and foreign-key handling.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { readHistory } from "../../src/apply/index.js";
import type { ProgressEvent } from "../../src/apply/progress.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { sha256Hex } from "../../src/hash.js";
import {
  applyPlan,
  asWalMode,
  buildImage,
  declared,
  expectSuccess,
  expectUntouched,
  fileSha,
  fingerprint,
  listing,
  loss,
  plan,
  queryFile,
  step,
  tempDir,
  walWithFrame,
  wrapDriver,
  writeDb,
} from "./helpers.js";

const BASE = `
  CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);
  INSERT INTO users VALUES (1, 'a@x', 'Ann'), (2, 'b@x', NULL), (3, 'c@x', 'Cy'), (4, NULL, 'Di');
  CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE, body TEXT);
  INSERT INTO posts VALUES (1, 1, 'hello'), (2, 3, 'again'), (3, 1, 'x');
`;
const POSTS = "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE, body TEXT);";
const WITH_AGE = `CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT, age INTEGER); ${POSTS}`;
const ADD_AGE = plan([step('ALTER TABLE "users" ADD COLUMN "age" INTEGER', { table: "users", why: "add column users.age" })]);
const BACKUP = "app.db.20261121T153000Z.bak";

let dir: string;
let db: string;
beforeEach(async () => {
  dir = tempDir();
  db = await writeDb(dir, BASE);
});

async function allRows(path: string): Promise<unknown> {
  return {
    users: await queryFile(path, "SELECT id, email, name FROM users ORDER BY id"),
    posts: await queryFile(path, "SELECT * FROM posts ORDER BY id"),
  };
}

describe("a successful apply", () => {
  it("keeps a byte-identical backup, keeps every row, records history and says how to restore", async () => {
    const original = fileSha(db);
    const rowsBefore = await allRows(db);
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE)));
    expect(outcome.status).toBe("applied");
    expect(outcome.applied).toBe(true);
    expect(outcome.backupPath).toBe(join(dir, BACKUP));
    expect(fileSha(join(dir, BACKUP))).toBe(original);
    expect(outcome.restoreCommand).toBe(`cp '${join(dir, BACKUP)}' '${db}' && rm -f '${db}-wal' '${db}-shm' '${db}-journal'`);
    expect(listing(dir)).toEqual(["app.db", BACKUP]);
    expect(await allRows(db)).toEqual(rowsBefore);
    expect(await queryFile(db, "SELECT count(*) AS n FROM pragma_table_info('users') WHERE name = 'age'")).toEqual([{ n: 1 }]);
    expect(outcome.statements).toEqual(["BEGIN", 'ALTER TABLE "users" ADD COLUMN "age" INTEGER', "COMMIT"]);
    expect(outcome.schemaHashBefore).not.toBe(outcome.schemaHashAfter);

    const driver = await loadSqlJs();
    const conn = driver.fromBytes(new Uint8Array(readFileSync(db)));
    const history = expectSuccess(readHistory(conn));
    conn.close();
    expect(history).toEqual([
      {
        id: outcome.historyId,
        appliedAt: "2026-11-21T15:30:00.000Z",
        toolVersion: "0.1.0-test",
        schemaHashBefore: outcome.schemaHashBefore,
        schemaHashAfter: outcome.schemaHashAfter,
        planSha256: sha256Hex('ALTER TABLE "users" ADD COLUMN "age" INTEGER;\n'),
        statements: ['ALTER TABLE "users" ADD COLUMN "age" INTEGER'],
        durationMs: 0,
        status: "applied",
      },
    ]);
  });

  it("the restore command puts the original back, and drops what the replaced database left beside it", async () => {
    const original = fileSha(db);
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE)));
    // What a crashed app would leave next to the applied database; replayed onto the backup, it would corrupt it.
    writeFileSync(`${db}-wal`, walWithFrame());
    writeFileSync(`${db}-shm`, new Uint8Array(32768));
    execFileSync("sh", ["-c", outcome.restoreCommand ?? "false"]);
    expect(fileSha(db)).toBe(original);
    expect(listing(dir)).toEqual(["app.db", BACKUP]);
  });

  it("writes no history with history off", async () => {
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { history: false }));
    expect(outcome.historyId).toBeNull();
    expect(await queryFile(db, "SELECT name FROM sqlite_master WHERE name LIKE '_schemadiff%'")).toEqual([]);
  });

  it("appends one history row per apply", async () => {
    expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { backup: { kind: "none" } }));
    const second = plan([step('CREATE INDEX "users_email" ON "users" ("email")')]);
    const outcome = expectSuccess(
      await applyPlan(db, second, await declared(`${WITH_AGE} CREATE INDEX users_email ON users (email);`), { backup: { kind: "none" } }),
    );
    expect(outcome.historyId).toBe(2);
    expect(await queryFile(db, "SELECT id, status FROM _schemadiff_history ORDER BY id")).toEqual([
      { id: 1, status: "applied" },
      { id: 2, status: "applied" },
    ]);
  });

  it("writes the backup where --backup says, with no default one", async () => {
    const original = fileSha(db);
    const target = join(dir, "before-migration.sqlite");
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { backup: { kind: "path", path: target } }));
    expect(outcome.backupPath).toBe(target);
    expect(fileSha(target)).toBe(original);
    expect(listing(dir)).toEqual(["app.db", "before-migration.sqlite"]);
  });

  it("writes no backup with --no-backup", async () => {
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { backup: { kind: "none" } }));
    expect(outcome.backupPath).toBeNull();
    expect(outcome.restoreCommand).toBeNull();
    expect(listing(dir)).toEqual(["app.db"]);
  });

  it("never overwrites an earlier backup of the same second", async () => {
    writeFileSync(join(dir, BACKUP), "an older backup");
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE)));
    expect(outcome.backupPath).toBe(join(dir, "app.db.20261121T153000Z-2.bak"));
    expect(readFileSync(join(dir, BACKUP), "utf8")).toBe("an older backup");
  });

  it("keeps the file's permissions (and the backup gets them too)", async () => {
    chmodSync(db, 0o640);
    expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE)));
    expect(statSync(db).mode & 0o7777).toBe(0o640);
    expect(statSync(join(dir, BACKUP)).mode & 0o7777).toBe(0o640);
  });

  it("follows a symbolic link: the real file is replaced and the link stays a link", async () => {
    const linkDir = tempDir();
    const link = join(linkDir, "link.db");
    symlinkSync(db, link);
    const outcome = expectSuccess(await applyPlan(link, ADD_AGE, await declared(WITH_AGE)));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(outcome.backupPath).toBe(join(dir, BACKUP));
    expect(await queryFile(db, "SELECT count(*) AS n FROM pragma_table_info('users') WHERE name = 'age'")).toEqual([{ n: 1 }]);
    expect(listing(linkDir)).toEqual(["link.db"]);
  });

  it("keeps a WAL-mode database in WAL mode (no -wal file, and an empty one)", async () => {
    for (const emptyWal of [false, true]) {
      writeFileSync(db, asWalMode(await buildImage(BASE)));
      if (emptyWal) writeFileSync(`${db}-wal`, new Uint8Array(0));
      const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { backup: { kind: "none" } }));
      expect(outcome.applied).toBe(true);
      const bytes = readFileSync(db);
      expect([bytes[18], bytes[19]]).toEqual([2, 2]);
      expect(await queryFile(db, "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
      expect(await queryFile(db, "SELECT count(*) AS n FROM users")).toEqual([{ n: 4 }]);
    }
  });

  it("keeps a rollback-journal database in rollback mode", async () => {
    expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE)));
    const bytes = readFileSync(db);
    expect([bytes[18], bytes[19]]).toEqual([1, 1]);
  });

  it("drops data only with allowDestructive, and reports what was dropped", async () => {
    const thePlan = plan([
      step('ALTER TABLE "users" DROP COLUMN "name"', { safety: "destructive", table: "users", losses: [loss("users", "name")] }),
    ]);
    const desired = await declared(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT); ${POSTS}`);
    const outcome = expectSuccess(await applyPlan(db, thePlan, desired, { allowDestructive: true }));
    expect(outcome.losses).toEqual([{ step: 1, why: thePlan.steps[0].why, table: "users", column: "name", count: 3 }]);
    expect(await queryFile(db, "SELECT count(*) AS n FROM users")).toEqual([{ n: 4 }]);
  });
});

describe("nothing written", () => {
  it("a dry run lists exactly the SQL, verifies it, and writes nothing (no backup either)", async () => {
    const before = fingerprint(db);
    const confirm = vi.fn(async () => true);
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { dryRun: true, confirm }));
    expect(outcome.status).toBe("dry-run");
    expect(outcome.applied).toBe(false);
    expect(outcome.statements).toEqual(["BEGIN", 'ALTER TABLE "users" ADD COLUMN "age" INTEGER', "COMMIT"]);
    expect(outcome.backupPath).toBeNull();
    expect(outcome.historyId).toBeNull();
    expect(confirm).not.toHaveBeenCalled();
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("declined at the prompt: nothing runs, nothing is written", async () => {
    const before = fingerprint(db);
    const confirm = vi.fn(async () => false);
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { confirm }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(outcome.status).toBe("declined");
    expect(outcome.applied).toBe(false);
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("the prompt sees the plan, the script and the losses", async () => {
    const thePlan = plan([step('DROP TABLE "posts"', { safety: "destructive", losses: [loss("posts", null)] })]);
    const confirm = vi.fn(async () => false);
    await applyPlan(db, thePlan, await declared("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);"), {
      confirm,
      allowDestructive: true,
    });
    expect(confirm).toHaveBeenCalledWith(thePlan, {
      script: ["BEGIN", 'DROP TABLE "posts"', "COMMIT"],
      losses: [{ step: 1, why: 'DROP TABLE "posts"', table: "posts", column: null, count: 3 }],
    });
  });

  it("an empty plan: up to date, no prompt, no backup, no history row", async () => {
    const before = fingerprint(db);
    const confirm = vi.fn(async () => true);
    const outcome = expectSuccess(await applyPlan(db, plan([]), await declared(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT); ${POSTS}`), { confirm }));
    expect(outcome.status).toBe("up-to-date");
    expect(outcome.schemaHashAfter).toBe(outcome.schemaHashBefore);
    expect(confirm).not.toHaveBeenCalled();
    expectUntouched(db, before, dir, ["app.db"]);
  });
});

describe("rebuilds", () => {
  const NEW_USERS = 'CREATE TABLE "_new_users" (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT \'\', name TEXT)';
  const rebuildUsers = (needsForeignKeysOff: boolean) =>
    plan(
      [
        step(
          [
            NEW_USERS,
            'INSERT INTO "_new_users" (id, email, name) SELECT id, coalesce(email, \'\'), name FROM "users"',
            'DROP TABLE "users"',
            'ALTER TABLE "_new_users" RENAME TO "users"',
          ],
          { table: "users", rebuild: true, why: "rebuild users: email NOT NULL" },
        ),
      ],
      { needsForeignKeysOff },
    );
  const desiredSql = `CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT '', name TEXT); ${POSTS}`;

  it("report rows copied per table through progress", async () => {
    const events: ProgressEvent[] = [];
    expectSuccess(await applyPlan(db, rebuildUsers(true), await declared(desiredSql), { progress: (e) => events.push(e) }));
    expect(events).toEqual([
      { kind: "step", index: 1, count: 1, why: "rebuild users: email NOT NULL", table: "users" },
      { kind: "copy-start", table: "users", total: 4 },
      { kind: "copy-done", table: "users", copied: 4, total: 4 },
    ]);
  });

  it("a progress listener that throws does not abort the apply", async () => {
    const outcome = expectSuccess(
      await applyPlan(db, rebuildUsers(true), await declared(desiredSql), {
        progress: () => {
          throw new Error("terminal went away");
        },
      }),
    );
    expect(outcome.applied).toBe(true);
  });

  it("turn foreign_keys off outside the transaction when enforcement is on, so CASCADE children survive", async () => {
    const executed: string[] = [];
    const driver = wrapDriver(await loadSqlJs(), { exec: (sql) => void executed.push(sql) });
    const fkOn = { ...driver, fromBytes: (bytes: Uint8Array) => { const c = driver.fromBytes(bytes); c.exec("PRAGMA foreign_keys = ON"); return c; } };
    const postsBefore = await queryFile(db, "SELECT * FROM posts ORDER BY id");
    const outcome = expectSuccess(await applyPlan(db, rebuildUsers(true), await declared(desiredSql), { driver: fkOn }));
    expect(outcome.statements[0]).toBe("PRAGMA foreign_keys = OFF");
    expect(outcome.statements.at(-1)).toBe("PRAGMA foreign_keys = ON");
    expect(executed.indexOf("PRAGMA foreign_keys = OFF")).toBeLessThan(executed.indexOf("BEGIN"));
    expect(executed.lastIndexOf("PRAGMA foreign_keys = ON")).toBeGreaterThan(executed.indexOf("COMMIT"));
    expect(await queryFile(db, "SELECT * FROM posts ORDER BY id")).toEqual(postsBefore);
  });

  it("a plan that forgets foreign_keys OFF under enforcement would cascade: caught, nothing written", async () => {
    const driver = await loadSqlJs();
    const fkOn = { ...driver, fromBytes: (bytes: Uint8Array) => { const c = driver.fromBytes(bytes); c.exec("PRAGMA foreign_keys = ON"); return c; } };
    const before = fingerprint(db);
    const result = await applyPlan(db, rebuildUsers(false), await declared(desiredSql), { driver: fkOn });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics[0].message).toContain("table posts: 3 rows before, 0 after");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a pre-existing orphan is not blamed on the plan", async () => {
    const orphaned = await writeDb(dir, `${BASE} INSERT INTO posts VALUES (9, 77, 'orphan');`, "orphan.db");
    const outcome = expectSuccess(await applyPlan(orphaned, rebuildUsers(true), await declared(desiredSql), { backup: { kind: "none" } }));
    expect(outcome.applied).toBe(true);
    expect(await queryFile(orphaned, "SELECT count(*) AS n FROM posts")).toEqual([{ n: 4 }]);
  });
});
