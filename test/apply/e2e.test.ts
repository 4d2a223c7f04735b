/**
 * apply end to end with the real loader, differ and planner (no hand-made plans): YAML in, the file
 * changed, and afterwards the plan from the file to the declaration is empty (`check` exits 0).
 */
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { applyDatabase, type ApplyRequest } from "../../src/apply/index.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { diffSchemas } from "../../src/diff/diff-schema.js";
import type { Result } from "../../src/errors.js";
import { loadSchemaFromText, type Declared } from "../../src/load/index.js";
import { planChanges } from "../../src/plan/plan.js";
import { introspect } from "../../src/sqlite/introspect.js";
import type { ApplyOutcome } from "../../src/apply/index.js";
import { expectFailure, expectSuccess, expectUntouched, fileSha, fingerprint, queryFile, tempDir, writeDb, FIXED_NOW } from "./helpers.js";

const BASE = `
  CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);
  INSERT INTO users VALUES (1, 'a@x', 'Ann'), (2, 'b@x', NULL), (3, 'c@x', 'Cy');
  CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id) ON DELETE CASCADE, body TEXT);
  INSERT INTO posts VALUES (1, 1, 'hello'), (2, 3, 'again'), (3, 1, 'x');
  CREATE INDEX posts_user ON posts (user_id);
`;

const USERS_POSTS = `
tables:
  users:
    columns:
      id: { type: INTEGER, primary_key: true }
      email: { type: TEXT, not_null: true }
      name: TEXT
%USERS%
  posts:
    columns:
      id: { type: INTEGER, primary_key: true }
      user_id: { type: INTEGER, references: { table: users, column: id, on_delete: CASCADE } }
      body: TEXT
%POSTS%
    indexes:
      posts_user: [user_id]
`;

function yaml(users = "", posts = ""): string {
  return USERS_POSTS.replace("%USERS%", users).replace("%POSTS%", posts);
}

async function load(text: string): Promise<Declared> {
  return expectSuccess(loadSchemaFromText(text, "schema.yaml", await loadSqlJs()));
}

async function apply(db: string, desired: Declared, extra: Partial<ApplyRequest> = {}): Promise<Result<ApplyOutcome>> {
  return applyDatabase({
    dbPath: db,
    driver: await loadSqlJs(),
    desired,
    allowDestructive: false,
    backup: { kind: "default" },
    history: true,
    dryRun: false,
    toolVersion: "0.1.0-test",
    now: FIXED_NOW,
    ...extra,
  });
}

/** The plan from the file as it is now to the declaration: empty means `check` exits 0. */
async function replan(db: string, desired: Declared): Promise<number> {
  const conn = (await loadSqlJs()).fromBytes(new Uint8Array(readFileSync(db)));
  try {
    const current = expectSuccess(introspect(conn));
    const changes = expectSuccess(diffSchemas(current, desired.schema, desired.hints));
    return planChanges(changes, current, desired.schema, desired.hints).steps.length;
  } finally {
    conn.close();
  }
}

let dir: string;
let db: string;
beforeEach(async () => {
  dir = tempDir();
  db = await writeDb(dir, BASE);
});

describe("apply with the real planner", () => {
  it("a rebuild of a parent under CASCADE children: every row kept, no drift after, backup and history", async () => {
    const original = fileSha(db);
    const desired = await load(yaml("      age: { type: INTEGER, not_null: true, default: 0 }\n    checks: [\"length(email) > 2\"]"));
    const outcome = expectSuccess(await apply(db, desired));
    expect(outcome.applied).toBe(true);
    expect(outcome.plan.steps.some((s) => s.rebuild)).toBe(true);
    expect(await queryFile(db, "SELECT id, email, name, age FROM users ORDER BY id")).toEqual([
      { id: 1, email: "a@x", name: "Ann", age: 0 },
      { id: 2, email: "b@x", name: null, age: 0 },
      { id: 3, email: "c@x", name: "Cy", age: 0 },
    ]);
    expect(await queryFile(db, "SELECT id, user_id FROM posts ORDER BY id")).toEqual([
      { id: 1, user_id: 1 },
      { id: 2, user_id: 3 },
      { id: 3, user_id: 1 },
    ]);
    expect(fileSha(outcome.backupPath ?? "")).toBe(original);
    expect(await queryFile(db, "SELECT count(*) AS n FROM _schemadiff_history")).toEqual([{ n: 1 }]);
    expect(await replan(db, desired)).toBe(0);
  });

  it("applying the same declaration again is up to date and writes nothing", async () => {
    const desired = await load(yaml("      age: { type: INTEGER, default: 0 }"));
    expectSuccess(await apply(db, desired, { backup: { kind: "none" } }));
    const before = fingerprint(db);
    const again = expectSuccess(await apply(db, desired));
    expect(again.status).toBe("up-to-date");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a new NOT NULL column without a default on a table with rows is refused, never truncated", async () => {
    const before = fingerprint(db);
    const desired = await load(yaml("      nickname: { type: TEXT, not_null: true }"));
    const result = await apply(db, desired);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.diagnostics.every((d) => d.code === "REFUSED_DATA")).toBe(true);
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("a dropped column is refused without allowDestructive, with the count of values lost", async () => {
    const before = fingerprint(db);
    const desired = await load(yaml().replace("      name: TEXT\n", ""));
    const text = expectFailure(await apply(db, desired), "REFUSED_DESTRUCTIVE");
    expect(text).toContain("users.name: 2 non-NULL values would be lost");
    expectUntouched(db, before, dir, ["app.db"]);
    const allowed = expectSuccess(await apply(db, desired, { allowDestructive: true, backup: { kind: "none" } }));
    expect(allowed.losses.map((l) => l.count)).toEqual([2]);
    expect(await replan(db, desired)).toBe(0);
  });

  it("a dry run reports the statements and leaves the file alone", async () => {
    const before = fingerprint(db);
    const desired = await load(yaml("      age: { type: INTEGER, default: 0 }"));
    const outcome = expectSuccess(await apply(db, desired, { dryRun: true }));
    expect(outcome.status).toBe("dry-run");
    expect(outcome.statements[0]).toBe("BEGIN");
    expect(outcome.statements.at(-1)).toBe("COMMIT");
    expect(outcome.statements.join("\n")).toContain("age");
    expectUntouched(db, before, dir, ["app.db"]);
  });

  it("ignored tables are left alone and never verified", async () => {
    const withTmp = await writeDb(dir, `${BASE} CREATE TABLE tmp_cache (k, v); INSERT INTO tmp_cache VALUES (1, 2);`, "tmp.db");
    const desired = await load(yaml("      age: { type: INTEGER, default: 0 }"));
    const outcome = expectSuccess(await apply(withTmp, desired, { ignore: (n) => n.startsWith("tmp_"), backup: { kind: "none" } }));
    expect(outcome.applied).toBe(true);
    expect(await queryFile(withTmp, "SELECT * FROM tmp_cache")).toEqual([{ k: 1, v: 2 }]);
  });
});
