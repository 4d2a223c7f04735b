/**
 * Every refusal of apply: the code, the counts in the message, and the file left byte-for-byte
 * and mtime as it was, with no stray files next to it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { loadSqlJs } from "../../src/db/sqljs.js";
import {
  applyPlan,
  check,
  declared,
  expectFailure,
  expectUntouched,
  fingerprint,
  hotJournal,
  listing,
  loss,
  plan,
  queryFile,
  step,
  tempDir,
  walWithFrame,
  wrapDriver,
  writeDb,
  writeFromOutside,
} from "./helpers.js";

const BASE = `
  CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);
  INSERT INTO users VALUES (1, 'a@x', 'Ann'), (2, 'b@x', NULL), (3, 'a@x', 'Cy'), (4, NULL, 'Di');
  CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT);
  INSERT INTO posts VALUES (1, 1, 'hello'), (2, 9, 'orphan'), (3, 2, 'x');
`;
const USERS = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);";
const POSTS = "CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT);";

/** The four statements of a table rebuild into `ddl` (which creates `_new_<table>`), copying `columns`. */
function rebuild(table: string, ddl: string, columns: string): string[] {
  return [
    ddl,
    `INSERT INTO "_new_${table}" (${columns}) SELECT ${columns} FROM "${table}"`,
    `DROP TABLE "${table}"`,
    `ALTER TABLE "_new_${table}" RENAME TO "${table}"`,
  ];
}

let dir: string;
let db: string;
beforeEach(async () => {
  dir = tempDir();
  db = await writeDb(dir, BASE);
});

describe("destructive steps", () => {
  it("are refused before anything runs, with what would be lost", async () => {
    const before = fingerprint(db);
    const confirm = vi.fn(async () => true);
    const progress = vi.fn();
    const thePlan = plan([
      step('ALTER TABLE "users" DROP COLUMN "name"', { safety: "destructive", table: "users", losses: [loss("users", "name")] }),
      step('DROP TABLE "posts"', { safety: "destructive", table: "posts", losses: [loss("posts", null)] }),
    ]);
    const desired = await declared("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);");
    const result = await applyPlan(db, thePlan, desired, { confirm, progress });
    const text = expectFailure(result, "REFUSED_DESTRUCTIVE", "REFUSED_DESTRUCTIVE");
    expect(text).toContain("column users.name: 3 non-NULL values would be lost");
    expect(text).toContain("table posts: 3 rows would be lost");
    expect(text).toContain("--allow-destructive");
    expect(confirm).not.toHaveBeenCalled();
    expect(progress).not.toHaveBeenCalled();
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("are refused on a dry run too", async () => {
    const before = fingerprint(db);
    const thePlan = plan([step('DROP TABLE "posts"', { safety: "destructive", losses: [loss("posts", null)] })]);
    const result = await applyPlan(db, thePlan, await declared(USERS), { dryRun: true });
    expect(expectFailure(result, "REFUSED_DESTRUCTIVE")).toContain("3 rows");
    expectUntouched(db, before, dir, ["app.db"]);
  });
});

describe("data that violates a new rule", () => {
  it("NOT NULL over NULLs: refused with the count, sample keys and the hint", async () => {
    const before = fingerprint(db);
    const thePlan = plan([
      step(
        rebuild("users", 'CREATE TABLE "_new_users" (id INTEGER PRIMARY KEY, email TEXT, name TEXT NOT NULL)', "id, email, name"),
        {
          table: "users",
          rebuild: true,
          safety: "data-dependent",
          checks: [check("NOT NULL on users.name", "users", "name IS NULL", "id", "add a default or a backfill for users.name")],
        },
      ),
    ]);
    const desired = await declared(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT NOT NULL); ${POSTS}`);
    const text = expectFailure(await applyPlan(db, thePlan, desired), "REFUSED_DATA");
    expect(text).toContain("NOT NULL on users.name: 1 row in users violates it, e.g. id=2");
    expect(text).toContain("step 1/1");
    expect(text).toContain("add a default or a backfill");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a new UNIQUE over duplicate groups", async () => {
    const before = fingerprint(db);
    const where = "email IN (SELECT email FROM users GROUP BY email HAVING count(*) > 1)";
    const thePlan = plan([
      step('CREATE UNIQUE INDEX "users_email" ON "users" ("email")', {
        table: "users",
        safety: "data-dependent",
        checks: [
          {
            rule: "UNIQUE on users(email)",
            table: "users",
            countSql: `SELECT count(*) AS n FROM users WHERE ${where}`,
            sampleSql: `SELECT id, email FROM users WHERE ${where} ORDER BY id LIMIT 5`,
            hint: "clean the duplicates first",
          },
        ],
      }),
    ]);
    const desired = await declared(`${USERS} CREATE UNIQUE INDEX users_email ON users (email); ${POSTS}`);
    const text = expectFailure(await applyPlan(db, thePlan, desired), "REFUSED_DATA");
    expect(text).toContain("UNIQUE on users(email): 2 rows in users violate it, e.g. id=1, email='a@x'; id=3, email='a@x'");
    expect(text).toContain("clean the duplicates");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a new CHECK, and every violated rule of the step is reported", async () => {
    await writeFromOutside(db, "INSERT INTO posts VALUES (4, NULL, 'long enough')");
    const before = fingerprint(db);
    const thePlan = plan([
      step(
        rebuild(
          "posts",
          'CREATE TABLE "_new_posts" (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, body TEXT CHECK (length(body) > 2))',
          "id, user_id, body",
        ),
        {
          table: "posts",
          rebuild: true,
          safety: "data-dependent",
          checks: [
            check("CHECK on posts.body", "posts", "NOT (length(body) > 2)", "id", "fix the rows or relax the CHECK"),
            check("NOT NULL on posts.user_id", "posts", "user_id IS NULL", "id", "add a backfill"),
          ],
        },
      ),
    ]);
    const desired = await declared(
      `${USERS} CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, body TEXT CHECK (length(body) > 2));`,
    );
    const text = expectFailure(await applyPlan(db, thePlan, desired), "REFUSED_DATA", "REFUSED_DATA");
    expect(text).toContain("CHECK on posts.body: 1 row in posts violates it, e.g. id=3");
    expect(text).toContain("NOT NULL on posts.user_id: 1 row in posts violates it, e.g. id=4");
    expect(text).toContain("fix the rows or relax the CHECK");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a new FOREIGN KEY over orphans, found by the step's check", async () => {
    const before = fingerprint(db);
    const thePlan = plan(
      [
        step(
          rebuild(
            "posts",
            'CREATE TABLE "_new_posts" (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT)',
            "id, user_id, body",
          ),
          {
            table: "posts",
            rebuild: true,
            safety: "data-dependent",
            checks: [
              check(
                "FOREIGN KEY posts.user_id -> users.id",
                "posts",
                "user_id IS NOT NULL AND user_id NOT IN (SELECT id FROM users)",
                "id, user_id",
                "delete the orphans or add their users",
              ),
            ],
          },
        ),
      ],
      { needsForeignKeysOff: true },
    );
    const desired = await declared(`${USERS} CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT);`);
    const text = expectFailure(await applyPlan(db, thePlan, desired), "REFUSED_DATA");
    expect(text).toContain("1 row in posts violates it, e.g. id=2, user_id=9");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a new FOREIGN KEY over orphans, caught by foreign_key_check when the plan has no check", async () => {
    const before = fingerprint(db);
    const thePlan = plan(
      [
        step(
          rebuild(
            "posts",
            'CREATE TABLE "_new_posts" (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT)',
            "id, user_id, body",
          ),
          { table: "posts", rebuild: true, safety: "data-dependent" },
        ),
      ],
      { needsForeignKeysOff: true },
    );
    const desired = await declared(`${USERS} CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), body TEXT);`);
    const text = expectFailure(await applyPlan(db, thePlan, desired), "REFUSED_DATA");
    expect(text).toContain("FOREIGN KEY posts -> users: 1 row in posts references a missing users row, e.g. rowid=2");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("STRICT typing over values of the wrong type", async () => {
    const strictDb = await writeDb(
      dir,
      "CREATE TABLE m (id INTEGER PRIMARY KEY, qty); INSERT INTO m VALUES (1, 1), (2, 'two'), (3, 3.5), (4, NULL);",
      "strict.db",
    );
    const before = fingerprint(strictDb);
    const thePlan = plan([
      step(rebuild("m", 'CREATE TABLE "_new_m" (id INTEGER PRIMARY KEY, qty INTEGER) STRICT', "id, qty"), {
        table: "m",
        rebuild: true,
        safety: "data-dependent",
        checks: [
          check("STRICT INTEGER on m.qty", "m", "typeof(qty) NOT IN ('integer', 'null')", "id, qty", "convert or clean the values first"),
        ],
      }),
    ]);
    const desired = await declared("CREATE TABLE m (id INTEGER PRIMARY KEY, qty INTEGER) STRICT;");
    const text = expectFailure(await applyPlan(strictDb, thePlan, desired), "REFUSED_DATA");
    expect(text).toContain("STRICT INTEGER on m.qty: 2 rows in m violate it, e.g. id=2, qty='two'; id=3, qty=3.5");
    expectUntouched(strictDb, before, dir, ["app.db", "strict.db"]);
  });

  it("are reported on a dry run too", async () => {
    const before = fingerprint(db);
    const thePlan = plan([
      step('CREATE UNIQUE INDEX "u" ON "users" ("email")', {
        safety: "data-dependent",
        checks: [check("UNIQUE on users(email)", "users", "email = 'a@x'", "id", "clean the duplicates")],
      }),
    ]);
    const result = await applyPlan(db, thePlan, await declared(`${USERS} ${POSTS}`), { dryRun: true });
    expect(expectFailure(result, "REFUSED_DATA")).toContain("2 rows");
    expectUntouched(db, before, dir, ["app.db"]);
  });
});

describe("a database in use", () => {
  const addColumn = plan([step('ALTER TABLE "users" ADD COLUMN "age" INTEGER', { table: "users" })]);
  const target = `CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT, age INTEGER); ${POSTS}`;

  it("a -wal holding frames: refused, saying the app is running or crashed and how to fix it", async () => {
    writeFileSync(`${db}-wal`, walWithFrame());
    const before = fingerprint(db);
    const text = expectFailure(await applyPlan(db, addColumn, await declared(target)), "REFUSED_IN_USE");
    expect(text).toContain("-wal");
    expect(text).toMatch(/running|crashed/);
    expect(text).toContain("wal_checkpoint(TRUNCATE)");
    expectUntouched(db, before, dir, ["app.db", "app.db-wal"]);
  });

  it("a hot -journal: refused", async () => {
    writeFileSync(`${db}-journal`, hotJournal());
    const before = fingerprint(db);
    const text = expectFailure(await applyPlan(db, addColumn, await declared(target)), "REFUSED_IN_USE");
    expect(text).toContain("-journal");
    expect(text).toContain("sqlite3");
    expectUntouched(db, before, dir, ["app.db", "app.db-journal"]);
  });

  it("a -wal that gains frames while apply runs: refused at write-back", async () => {
    const confirm = async (): Promise<boolean> => {
      writeFileSync(`${db}-wal`, walWithFrame());
      return true;
    };
    const before = fingerprint(db);
    expectFailure(await applyPlan(db, addColumn, await declared(target), { confirm }), "REFUSED_IN_USE");
    expectUntouched(db, before, dir, ["app.db", "app.db-wal"]);
  });
});

describe("a database another process writes to meanwhile", () => {
  const addColumn = plan([step('ALTER TABLE "users" ADD COLUMN "age" INTEGER', { table: "users" })]);
  const target = `CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT, age INTEGER); ${POSTS}`;

  it("while the user is asked: refused, and the other process's row is kept", async () => {
    const confirm = async (): Promise<boolean> => {
      await writeFromOutside(db, "INSERT INTO users VALUES (5, 'e@x', 'Ed')");
      return true;
    };
    const result = await applyPlan(db, addColumn, await declared(target), { confirm });
    const after = fingerprint(db);
    expect(expectFailure(result, "REFUSED_CHANGED")).toContain("another process");
    expect(await queryFile(db, "SELECT name FROM users WHERE id = 5")).toEqual([{ name: "Ed" }]);
    expectUntouched(db, after, dir, ["app.db"]);
  });

  it("during the transaction (--yes): refused", async () => {
    const thePlan = plan([
      step(rebuild("users", 'CREATE TABLE "_new_users" (id INTEGER PRIMARY KEY, email TEXT, name TEXT, age INTEGER)', "id, email, name"), {
        table: "users",
        rebuild: true,
      }),
    ]);
    const driver = await loadSqlJs();
    let written = false;
    const progress = (): void => {
      if (written) return;
      written = true;
      const other = driver.fromBytes(new Uint8Array(readFileSync(db)));
      other.exec("UPDATE users SET name = 'Bo' WHERE id = 2");
      writeFileSync(db, other.export());
      other.close();
    };
    const result = await applyPlan(db, thePlan, await declared(target), { progress });
    const after = fingerprint(db);
    expectFailure(result, "REFUSED_CHANGED");
    expect(await queryFile(db, "SELECT name FROM users WHERE id = 2")).toEqual([{ name: "Bo" }]);
    expectUntouched(db, after, dir, ["app.db"]);
  });
});

describe("failures inside the transaction", () => {
  it("a step failing mid-plan: APPLY_FAILED naming the step, the statement and SQLite's message", async () => {
    const before = fingerprint(db);
    const thePlan = plan([
      step('ALTER TABLE "users" ADD COLUMN "age" INTEGER', { why: "add column users.age" }),
      step(rebuild("posts", 'CREATE TABLE "_new_posts" (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT NOT NULL)', "id, user_id, title"), {
        why: "rebuild posts",
        rebuild: true,
      }),
      step('CREATE INDEX "posts_user" ON "posts" ("user_id")', { why: "add index posts_user" }),
    ]);
    const result = await applyPlan(db, thePlan, await declared(USERS));
    const text = expectFailure(result, "APPLY_FAILED");
    expect(text).toContain("step 2/3 failed (rebuild posts)");
    expect(text).toContain('statement: INSERT INTO "_new_posts"');
    expect(text).toContain("table _new_posts has no column named title");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a rebuild that drops rows is caught before COMMIT (VERIFY_FAILED)", async () => {
    const before = fingerprint(db);
    const thePlan = plan([
      step(
        [
          'CREATE TABLE "_new_posts" (id INTEGER PRIMARY KEY, user_id INTEGER, body TEXT)',
          'INSERT INTO "_new_posts" (id, user_id, body) SELECT id, user_id, body FROM "posts" WHERE user_id < 5',
          'DROP TABLE "posts"',
          'ALTER TABLE "_new_posts" RENAME TO "posts"',
        ],
        { rebuild: true, table: "posts" },
      ),
    ]);
    const text = expectFailure(await applyPlan(db, thePlan, await declared(`${USERS} ${POSTS}`)), "VERIFY_FAILED");
    expect(text).toContain("table posts: 3 rows before, 2 after");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a schema that ends up different from the declaration: VERIFY_FAILED naming the difference", async () => {
    const before = fingerprint(db);
    const thePlan = plan([step('ALTER TABLE "users" ADD COLUMN "age" INTEGER')]);
    const desired = await declared(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT, age INTEGER, city TEXT); ${POSTS}`);
    const text = expectFailure(await applyPlan(db, thePlan, desired), "VERIFY_FAILED");
    expect(text).toContain("still differs from the declaration");
    expect(text).toContain("city");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("integrity_check not ok: VERIFY_FAILED", async () => {
    const before = fingerprint(db);
    const driver = wrapDriver(await loadSqlJs(), {
      query: (sql) => (/pragma_(integrity|quick)_check/i.test(sql) ? [{ integrity_check: "row 3 missing from index i" }] : undefined),
    });
    const thePlan = plan([step('ALTER TABLE "users" ADD COLUMN "age" INTEGER')]);
    const desired = await declared(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT, age INTEGER); ${POSTS}`);
    const text = expectFailure(await applyPlan(db, thePlan, desired, { driver }), "VERIFY_FAILED");
    expect(text).toContain("row 3 missing from index i");
    expectUntouched(db, before, dir, ["app.db"]);
  });
});

describe("bad requests", () => {
  it("a --backup file that exists is never overwritten (USAGE, before anything runs)", async () => {
    const existing = join(dir, "keep.bak");
    writeFileSync(existing, "precious");
    const before = fingerprint(db);
    const thePlan = plan([step('ALTER TABLE "users" ADD COLUMN "age" INTEGER')]);
    const result = await applyPlan(db, thePlan, await declared(USERS), { backup: { kind: "path", path: existing } });
    expect(expectFailure(result, "USAGE")).toContain("already exists");
    expectUntouched(db, before, dir, ["app.db", "keep.bak"]);
  });

  it("a plan that needs a newer SQLite than the engine: DB_UNSUPPORTED", async () => {
    const before = fingerprint(db);
    const thePlan = plan([step('ALTER TABLE "users" ADD COLUMN "age" INTEGER')], { minSqliteVersion: "9.1.0" });
    expect(expectFailure(await applyPlan(db, thePlan, await declared(USERS)), "DB_UNSUPPORTED")).toContain("9.1.0");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a prompt that fails (its input closed): APPLY_FAILED, nothing written", async () => {
    const before = fingerprint(db);
    const confirm = async (): Promise<boolean> => {
      throw new Error("stdin closed");
    };
    const thePlan = plan([step('ALTER TABLE "users" ADD COLUMN "age" INTEGER')]);
    expect(expectFailure(await applyPlan(db, thePlan, await declared(USERS), { confirm }), "APPLY_FAILED")).toContain("stdin closed");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a missing database file: DB_NOT_FOUND, nothing created", async () => {
    const thePlan = plan([]);
    const result = await applyPlan(join(dir, "nope.db"), thePlan, await declared(USERS));
    expectFailure(result, "DB_NOT_FOUND");
    expect(listing(dir)).toEqual(["app.db"]);
  });
});
