/**
 * Fault injection: a failure at every file-system stage of the write-back, and at every statement
 * of a multi-table plan, leaves the original database intact and no stray file behind.
 */
import { basename } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { FileSystem } from "../../src/apply/file.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import {
  applyPlan,
  declared,
  expectFailure,
  expectSuccess,
  expectUntouched,
  fileSha,
  faultyFs,
  fingerprint,
  listing,
  plan,
  queryFile,
  step,
  tempDir,
  wrapDriver,
  writeDb,
  type FsCall,
} from "./helpers.js";

const BASE = `
  CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);
  INSERT INTO users VALUES (1, 'a@x', 'Ann'), (2, 'b@x', NULL), (3, 'c@x', 'Cy');
  CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT);
  INSERT INTO posts VALUES (1, 1, 'hello'), (2, 3, 'again');
  CREATE VIEW named AS SELECT id, name FROM users WHERE name IS NOT NULL;
`;
const TARGET = `
  CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT '', name TEXT, age INTEGER);
  CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT, created TEXT);
  CREATE INDEX posts_user ON posts (user_id);
  CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
  CREATE VIEW named AS SELECT id, name FROM users WHERE name IS NOT NULL;
`;
/** A multi-table plan: a view dropped and recreated around a rebuild, columns, an index, a table. */
const MULTI = plan(
  [
    step('DROP VIEW "named"', { why: "drop view named (depends on users)" }),
    step(
      [
        'CREATE TABLE "_new_users" (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT \'\', name TEXT, age INTEGER)',
        'INSERT INTO "_new_users" (id, email, name) SELECT id, coalesce(email, \'\'), name FROM "users"',
        'DROP TABLE "users"',
        'ALTER TABLE "_new_users" RENAME TO "users"',
      ],
      { table: "users", rebuild: true, why: "rebuild users" },
    ),
    step('ALTER TABLE "posts" ADD COLUMN "created" TEXT', { table: "posts" }),
    step('CREATE INDEX "posts_user" ON "posts" ("user_id")', { table: "posts" }),
    step('CREATE TABLE "tags" (id INTEGER PRIMARY KEY, label TEXT NOT NULL)', { table: "tags" }),
    step('CREATE VIEW "named" AS SELECT id, name FROM users WHERE name IS NOT NULL', { why: "recreate view named" }),
  ],
  { needsForeignKeysOff: true },
);

let dir: string;
let db: string;
beforeEach(async () => {
  dir = tempDir();
  db = await writeDb(dir, BASE);
});

describe("the multi-table plan", () => {
  it("applies cleanly without faults (the baseline the fault tests perturb)", async () => {
    const log: FsCall[] = [];
    const outcome = expectSuccess(await applyPlan(db, MULTI, await declared(TARGET), {}, { fs: faultyFs(() => false, log) }));
    expect(outcome.applied).toBe(true);
    expect(await queryFile(db, "SELECT id, email, name FROM users ORDER BY id")).toEqual([
      { id: 1, email: "a@x", name: "Ann" },
      { id: 2, email: "b@x", name: null },
      { id: 3, email: "c@x", name: "Cy" },
    ]);
    expect(await queryFile(db, "SELECT * FROM named ORDER BY id")).toEqual([
      { id: 1, name: "Ann" },
      { id: 3, name: "Cy" },
    ]);
    // The write-back went through every stage a fault test below breaks.
    const ops = log.map((c) => `${c.op} ${basename(c.path).replace(/\.\d+-[0-9a-f]+\.schemadiff-tmp$/, ".TMP")}`);
    // The database itself is only ever read in chunks: hashed, copied into the backup, hashed again.
    const check = ["openSync app.db", "fstatSync app.db", "readSync app.db", "fstatSync app.db", "closeSync app.db"];
    expect(ops).toEqual([
      "accessSync " + basename(dir),
      "accessSync app.db",
      ...check,
      "openSync .app.db.20261121T153000Z.bak.TMP",
      "openSync app.db",
      "readSync app.db",
      "writeSync .app.db.20261121T153000Z.bak.TMP",
      "closeSync app.db",
      "fsyncSync .app.db.20261121T153000Z.bak.TMP",
      "closeSync .app.db.20261121T153000Z.bak.TMP",
      "chmodSync .app.db.20261121T153000Z.bak.TMP",
      "renameSync app.db.20261121T153000Z.bak",
      `openSync ${basename(dir)}`,
      `fsyncSync ${basename(dir)}`,
      `closeSync ${basename(dir)}`,
      "openSync app.db.20261121T153000Z.bak",
      "fstatSync app.db.20261121T153000Z.bak",
      "readSync app.db.20261121T153000Z.bak",
      "closeSync app.db.20261121T153000Z.bak",
      "openSync .app.db.TMP",
      "writeSync .app.db.TMP",
      "fsyncSync .app.db.TMP",
      "closeSync .app.db.TMP",
      "chmodSync .app.db.TMP",
      ...(process.getuid?.() === 0 ? ["statSync app.db", "chownSync .app.db.TMP"] : []),
      ...check,
      "renameSync app.db",
      `openSync ${basename(dir)}`,
      `fsyncSync ${basename(dir)}`,
      `closeSync ${basename(dir)}`,
    ]);
  });

  it("a failure at every statement leaves the file unchanged", async () => {
    const statements = MULTI.steps.flatMap((s) => s.sql);
    const driver = await loadSqlJs();
    const desired = await declared(TARGET);
    for (const [i, failing] of statements.entries()) {
      const before = fingerprint(db);
      const broken = wrapDriver(driver, {
        exec: (sql) => {
          if (sql === failing) throw new Error("disk I/O error");
        },
      });
      const text = expectFailure(await applyPlan(db, MULTI, desired, { driver: broken }), "APPLY_FAILED");
      expect(text, `statement ${i}`).toContain(`statement: ${failing}`);
      expect(text).toContain("disk I/O error");
      expectUntouched(db, before, dir, ["app.db"]);
    }
  });

  it("a failure at COMMIT leaves the file unchanged", async () => {
    const before = fingerprint(db);
    const broken = wrapDriver(await loadSqlJs(), {
      exec: (sql) => {
        if (sql === "COMMIT") throw new Error("database or disk is full");
      },
    });
    const text = expectFailure(await applyPlan(db, MULTI, await declared(TARGET), { driver: broken }), "APPLY_FAILED");
    expect(text).toContain("database or disk is full");
    expectUntouched(db, before, dir, ["app.db"]);
  });
});

describe("a failed write-back", () => {
  // Temporary files are `.<name>.<pid>-<random>.schemadiff-tmp`: the pid tells the backup's from the database's.
  const isTemp = (c: FsCall, of: string): boolean =>
    basename(c.path).startsWith(`.${of}.${process.pid}-`) && c.path.endsWith(".schemadiff-tmp");
  const BAK = "app.db.20261121T153000Z.bak";
  /** The `n`th call (1-based) that `matches`: the database is read three times, each a stage of its own. */
  const nth = (n: number, matches: (c: FsCall) => boolean): ((c: FsCall) => boolean) => {
    let seen = 0;
    return (c) => matches(c) && ++seen === n;
  };
  const readsDb = (c: FsCall): boolean => c.op === "readSync" && c.path === db;
  const stages: ReadonlyArray<readonly [string, (c: FsCall) => boolean]> = [
    ["opening the database to check it is unchanged", (c) => c.op === "openSync" && c.path === db],
    ["the stat of the database before hashing it", (c) => c.op === "fstatSync" && c.path === db],
    ["hashing the database before the backup", nth(1, readsDb)],
    ["closing the database after hashing it", (c) => c.op === "closeSync" && c.path === db],
    ["creating the backup's temporary file", (c) => c.op === "openSync" && isTemp(c, BAK)],
    ["reading the database into the backup", nth(2, readsDb)],
    ["writing the backup (ENOSPC)", (c) => c.op === "writeSync" && isTemp(c, BAK)],
    ["fsync of the backup", (c) => c.op === "fsyncSync" && isTemp(c, BAK)],
    ["closing the backup", (c) => c.op === "closeSync" && isTemp(c, BAK)],
    ["chmod of the backup", (c) => c.op === "chmodSync" && isTemp(c, BAK)],
    ["renaming the backup into place", (c) => c.op === "renameSync" && c.path.endsWith(BAK)],
    ["fsync of the folder after the backup", (c) => c.op === "fsyncSync" && c.path === dir],
    ["reading the backup back to verify it", (c) => c.op === "readSync" && c.path.endsWith(BAK)],
    ["creating the new database's temporary file", (c) => c.op === "openSync" && isTemp(c, "app.db")],
    ["writing the new database (ENOSPC)", (c) => c.op === "writeSync" && isTemp(c, "app.db")],
    ["fsync of the new database", (c) => c.op === "fsyncSync" && isTemp(c, "app.db")],
    ["closing the new database", (c) => c.op === "closeSync" && isTemp(c, "app.db")],
    ["chmod of the new database", (c) => c.op === "chmodSync" && isTemp(c, "app.db")],
    ["hashing the database right before the rename", nth(3, readsDb)],
    ["renaming over the original", (c) => c.op === "renameSync" && c.path === db],
  ];

  for (const [stage, shouldFail] of stages) {
    it(`at ${stage}: the original is intact, no stray files`, async () => {
      const before = fingerprint(db);
      const original = fileSha(db);
      const result = await applyPlan(db, MULTI, await declared(TARGET), {}, { fs: faultyFs(shouldFail) });
      const text = expectFailure(result, "APPLY_FAILED");
      expect(text).toContain("The database file is unchanged");
      expect(fileSha(db)).toBe(original);
      expectUntouched(db, before, dir, ["app.db"]);
    });
  }

  it("ENOSPC says to free disk space", async () => {
    const result = await applyPlan(db, MULTI, await declared(TARGET), {}, { fs: faultyFs((c) => c.op === "writeSync") });
    expect(expectFailure(result, "APPLY_FAILED")).toContain("free some disk space");
  });

  it("without a backup, a failed rename still leaves the original intact", async () => {
    const before = fingerprint(db);
    const result = await applyPlan(db, MULTI, await declared(TARGET), { backup: { kind: "none" } }, {
      fs: faultyFs((c) => c.op === "renameSync"),
    });
    expectFailure(result, "APPLY_FAILED");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a folder that cannot be fsynced after the rename: the apply has happened and says so", async () => {
    let renamed = false;
    const fs: FileSystem = faultyFs((c) => {
      if (c.op === "renameSync" && c.path === db) renamed = true;
      return renamed && c.op === "fsyncSync" && c.path === dir;
    });
    const outcome = expectSuccess(await applyPlan(db, MULTI, await declared(TARGET), {}, { fs }));
    expect(outcome.applied).toBe(true);
    expect(listing(dir)).toEqual(["app.db", "app.db.20261121T153000Z.bak"]);
    expect(await queryFile(db, "SELECT count(*) AS n FROM tags")).toEqual([{ n: 0 }]);
  });

  it("a read-only database file is refused before anything runs (DB_READ_ONLY)", async () => {
    const before = fingerprint(db);
    const fs = faultyFs(() => false);
    const readOnly: FileSystem = {
      ...fs,
      accessSync: (file, mode) => {
        if (file === db) throw Object.assign(new Error(`EACCES: permission denied, access '${file}'`), { code: "EACCES" });
        fs.accessSync(file, mode);
      },
    };
    const text = expectFailure(await applyPlan(db, MULTI, await declared(TARGET), {}, { fs: readOnly }), "DB_READ_ONLY");
    expect(text).toContain("read-only");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("an unwritable folder is refused before anything runs (DB_READ_ONLY)", async () => {
    const before = fingerprint(db);
    const fs = faultyFs((c) => c.op === "accessSync");
    const failing = fs.accessSync;
    const denied: FileSystem = {
      ...fs,
      accessSync: (file, mode) => {
        try {
          failing(file, mode);
        } catch {
          throw Object.assign(new Error(`EACCES: permission denied, access '${file}'`), { code: "EACCES" });
        }
      },
    };
    const text = expectFailure(await applyPlan(db, MULTI, await declared(TARGET), {}, { fs: denied }), "DB_READ_ONLY");
    expect(text).toContain(dir);
    expectUntouched(db, before, dir, ["app.db"]);
  });
});
