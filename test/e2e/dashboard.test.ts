/**
 * The Dashboard API end to end (issue 5): its 1.0.0 database, with rows, is brought to the 1.1.0
 * schema (task tags, and a new CHECK that rebuilds `tasks`) by one `apply`. The counter triggers,
 * CHECKs, AUTOINCREMENT counters and the team's schema_migrations history all survive.
 * The steps depend on each other, so the tests run in order on one database file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { HISTORY_TABLE } from "../../src/apply/history.js";
import type { Connection } from "../../src/db/driver.js";
import { quoteIdent } from "../../src/sqlite/quote.js";
import { buildFixture, cli, fileHash, integrity, queryPlan, rejects, ROOT, rowCounts, scalar, tableNames, tempDir, withCopy } from "./helpers.js";

const SCHEMA = "schema/dashboard.yaml";

/** Milestones whose counters disagree with their tasks. */
function miscounted(conn: Connection): unknown[] {
  return conn.query(`
    SELECT m.id, m.total_tasks, m.completed_tasks, count(t.id) AS actual, coalesce(sum(t.status = 'done'), 0) AS actual_done
      FROM milestones AS m LEFT JOIN tasks AS t ON t.milestone_id = m.id
     GROUP BY m.id
    HAVING m.total_tasks <> count(t.id) OR m.completed_tasks <> coalesce(sum(t.status = 'done'), 0)`);
}

function counters(conn: Connection, id: number): { total: number; done: number; percent: number } {
  const row = conn.query<{ total: number; done: number; percent: number }>(
    "SELECT total_tasks AS total, completed_tasks AS done, completion_percentage AS percent FROM milestones WHERE id = ?",
    [id],
  )[0];
  if (row === undefined) throw new Error(`no milestone ${id}`);
  return row;
}

describe("dashboard: schema 1.0.0 with rows, applied to 1.1.0", () => {
  let dir: string;
  let db: string;
  let countsBefore: Record<string, number>;
  let tasksBefore: unknown[];

  beforeAll(async () => {
    dir = tempDir();
    db = await buildFixture("fixtures/dashboard/v1.sql", dir, "dashboard.db");
    await withCopy(db, (conn) => {
      countsBefore = rowCounts(conn);
      tasksBefore = conn.query("SELECT * FROM tasks ORDER BY id");
      expect(miscounted(conn)).toEqual([]);
    });
  });

  it("check reports drift from 1.0.0 (exit 1)", async () => {
    const result = await cli("check", "--db", db, "--schema", SCHEMA);
    expect(result.code).toBe(1);
  });

  it("apply --yes succeeds without --allow-destructive: schema_migrations is declared, so nothing is dropped", async () => {
    const result = await cli("apply", "--db", db, "--schema", SCHEMA, "--yes", "--no-backup");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("check then reports no drift (exit 0), and a second apply changes nothing", async () => {
    expect((await cli("check", "--db", db, "--schema", SCHEMA)).code).toBe(0);
    const hash = fileHash(db);
    expect((await cli("apply", "--db", db, "--schema", SCHEMA, "--yes", "--no-backup")).code).toBe(0);
    expect(fileHash(db)).toBe(hash);
  });

  it("keeps every row, the migration history, and the milestone counters as they were", async () => {
    await withCopy(db, (conn) => {
      expect(tableNames(conn)).toEqual(["milestones", "projects", "repositories", "schema_migrations", "tags", "task_tags", "tasks"]);
      expect(rowCounts(conn)).toEqual({ ...countsBefore, tags: 0, task_tags: 0 });
      expect(conn.query("SELECT * FROM tasks ORDER BY id")).toEqual(tasksBefore);
      expect(conn.query("SELECT version, status FROM schema_migrations")).toEqual([{ version: "1.0.0", status: "applied" }]);
      // schemadiff keeps its own record of the one apply that changed something.
      expect(conn.query(`SELECT status FROM ${quoteIdent(HISTORY_TABLE)}`)).toEqual([{ status: "applied" }]);
      // Copying the rows into the rebuilt table must not fire the counter triggers a second time.
      expect(miscounted(conn)).toEqual([]);
      // AUTOINCREMENT keeps counting from where it was.
      expect(scalar(conn, "SELECT seq FROM sqlite_sequence WHERE name = 'tasks'")).toBe(34);
      expect(integrity(conn)).toEqual(["ok"]);
      expect(conn.query("PRAGMA foreign_key_check")).toEqual([]);
    });
  });

  it("the counter triggers still maintain milestone counts on insert, update and delete", async () => {
    await withCopy(db, (conn) => {
      conn.exec("PRAGMA foreign_keys = ON");
      const start = counters(conn, 2);
      conn.exec("INSERT INTO tasks (project_id, milestone_id, title, status) VALUES (1, 2, 'Test Task', 'open')");
      const id = Number(scalar(conn, "SELECT last_insert_rowid()"));
      expect(id).toBe(35);
      expect(counters(conn, 2)).toMatchObject({ total: start.total + 1, done: start.done });
      conn.query("UPDATE tasks SET status = 'done', completed_at = '2025-12-10 10:00:00' WHERE id = ?", [id]);
      expect(counters(conn, 2)).toMatchObject({ total: start.total + 1, done: start.done + 1 });
      expect(counters(conn, 2).percent).toBe(Math.floor(((start.done + 1) * 100) / (start.total + 1)));
      conn.query("UPDATE tasks SET milestone_id = 4 WHERE id = ?", [id]);
      expect(counters(conn, 2)).toMatchObject({ total: start.total, done: start.done });
      conn.query("DELETE FROM tasks WHERE id = ?", [id]);
      expect(counters(conn, 2)).toEqual(start);
      expect(miscounted(conn)).toEqual([]);
    });
  });

  it("the CHECKs still reject bad rows, and the new one rejects a completion time on open work", async () => {
    await withCopy(db, (conn) => {
      const insert = (status: string, priority: number) =>
        `INSERT INTO tasks (project_id, title, status, priority_score) VALUES (1, 'Test', '${status}', ${priority})`;
      expect(rejects(conn, insert("invalid_status", 5000), "CHECK constraint failed")).toBe(true);
      expect(rejects(conn, insert("open", 15000), "CHECK constraint failed")).toBe(true);
      expect(rejects(conn, insert("open", -1), "CHECK constraint failed")).toBe(true);
      expect(rejects(conn, "UPDATE tasks SET completed_at = '2025-12-10' WHERE status = 'open'", "ck_tasks_completed_at")).toBe(true);
      expect(rejects(conn, "INSERT INTO projects (name, slug, status) VALUES ('X', 'x', 'deleted')", "CHECK constraint failed")).toBe(true);
      expect(scalar(conn, "SELECT count(*) FROM tasks")).toBe(34);
      conn.exec(insert("open", 10000));
      expect(scalar(conn, "SELECT count(*) FROM tasks")).toBe(35);
    });
  });

  it("the work queue still uses idx_tasks_priority_queue, and edits bump updated_at", async () => {
    await withCopy(db, (conn) => {
      const plan = queryPlan(
        conn,
        "SELECT * FROM tasks WHERE project_id = 1 AND status IN ('open', 'in_progress') ORDER BY priority_score DESC LIMIT 100",
      );
      expect(plan).toContain("SEARCH tasks USING INDEX idx_tasks_priority_queue");
      conn.exec("UPDATE tasks SET title = 'Updated' WHERE id = 1");
      expect(scalar(conn, "SELECT updated_at > created_at FROM tasks WHERE id = 1")).toBe(1);
      expect(scalar(conn, "SELECT updated_at > '2025-11-02 12:00:00' FROM tasks WHERE id = 1")).toBe(1);
    });
  });

  it("tags work: unique per project regardless of case, and deleting a task removes its tags", async () => {
    await withCopy(db, (conn) => {
      conn.exec("PRAGMA foreign_keys = ON");
      conn.exec("INSERT INTO tags (project_id, name, color) VALUES (2, 'backend', '#1f6feb'), (2, 'bug', '#d73a49')");
      expect(rejects(conn, "INSERT INTO tags (project_id, name) VALUES (2, 'BUG')", "UNIQUE constraint failed")).toBe(true);
      expect(rejects(conn, "INSERT INTO tags (project_id, name, color) VALUES (2, 'perf', 'red')", "CHECK constraint failed")).toBe(true);
      expect(scalar(conn, "SELECT color FROM tags WHERE name = 'backend'")).toBe("#1f6feb");
      conn.exec("INSERT INTO task_tags (task_id, tag_id) SELECT 20, id FROM tags");
      expect(scalar(conn, "SELECT count(*) FROM task_tags WHERE task_id = 20")).toBe(2);
      conn.exec("DELETE FROM tasks WHERE id = 20");
      expect(scalar(conn, "SELECT count(*) FROM task_tags")).toBe(0);
      expect(miscounted(conn)).toEqual([]);
      expect(conn.query("PRAGMA foreign_key_check")).toEqual([]);
    });
  });

  it("leaving schema_migrations out instead would be a destructive change that apply refuses", async () => {
    const declared = parse(readFileSync(join(ROOT, SCHEMA), "utf8")) as { tables: Record<string, unknown> };
    delete declared.tables.schema_migrations;
    const without = join(dir, "dashboard-without-history.yaml");
    writeFileSync(without, stringify(declared));
    const hash = fileHash(db);
    const result = await cli("apply", "--db", db, "--schema", without, "--yes", "--no-backup");
    expect(result.code).toBe(3);
    expect(`${result.stdout}${result.stderr}`).toContain("schema_migrations");
    expect(fileHash(db)).toBe(hash);
  });
});
