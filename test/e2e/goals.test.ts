/**
 * The goals app end to end (issue 5): the partially migrated production database of the seeds is
 * brought to schema/goals.yaml by one `apply`, and the seeds' own verification queries hold after.
 * The steps depend on each other, so the tests run in order on one database file.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Connection, Row } from "../../src/db/driver.js";
import { quoteIdent } from "../../src/sqlite/quote.js";
import { buildFixture, cli, fileHash, integrity, queryPlan, rowCounts, scalar, tableNames, tempDir, withCopy, contentOf } from "./helpers.js";

const SCHEMA = "schema/goals.yaml";
const ROOT_ID_TABLES = ["goals", "activity_instances", "metric_values", "metric_definitions", "split_definitions"];

/** The root of every goal, from the tree itself (the seeds' recursive CTE). */
const TREE_ROOTS = `
  WITH RECURSIVE goal_tree(id, root) AS (
    SELECT id, id FROM goals WHERE parent_id IS NULL
    UNION ALL
    SELECT g.id, t.root FROM goals AS g JOIN goal_tree AS t ON g.parent_id = t.id
  )`;

/** Every row of every table, columns by name, ordered by primary key: what must survive apply. */
function snapshot(conn: Connection): Map<string, { columns: string[]; rows: Row[] }> {
  const out = new Map<string, { columns: string[]; rows: Row[] }>();
  for (const table of tableNames(conn)) {
    const info = conn.query<{ name: string; pk: number }>("SELECT name, pk FROM pragma_table_info(?)", [table]);
    const columns = info.map((c) => c.name);
    const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => quoteIdent(c.name));
    const rows = conn.query(`SELECT ${columns.map(quoteIdent).join(", ")} FROM ${quoteIdent(table)} ORDER BY ${key.join(", ")}`);
    out.set(table, { columns, rows });
  }
  return out;
}

describe("goals: the seeds' production database, migrated by schemadiff", () => {
  let dir: string;
  let prod: string;
  let dev: string;
  let before: Map<string, { columns: string[]; rows: Row[] }>;
  let countsBefore: Record<string, number>;
  let original: string;
  let originalContent: unknown;

  beforeAll(async () => {
    dir = tempDir();
    prod = await buildFixture("fixtures/goals/prod.sql", dir, "goals.db");
    dev = await buildFixture("fixtures/goals/dev.sql", dir, "goals_dev.db");
    original = fileHash(prod);
    originalContent = await contentOf(prod);
    await withCopy(prod, (conn) => {
      before = snapshot(conn);
      countsBefore = rowCounts(conn);
    });
  });

  it("the dev database already matches the declared schema", async () => {
    const result = await cli("check", "--db", dev, "--schema", SCHEMA);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });

  it("starts from the seeds' production state: NULL root_ids, missing columns, 9 indexes", async () => {
    await withCopy(prod, (conn) => {
      expect(Number(scalar(conn, "SELECT count(*) FROM goals WHERE root_id IS NULL"))).toBeGreaterThan(0);
      expect(Number(scalar(conn, "SELECT count(*) FROM activity_instances WHERE root_id IS NULL"))).toBeGreaterThan(0);
      expect(conn.query("SELECT 1 FROM pragma_table_info('metric_values') WHERE name = 'root_id'")).toEqual([]);
      expect(Number(scalar(conn, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'idx_%'"))).toBe(9);
      expect(tableNames(conn)).toContain("scheduled_sessions");
      expect(tableNames(conn)).not.toContain("program_day_templates");
    });
    expect(countsBefore.goals).toBe(60);
    expect(countsBefore.activity_instances).toBe(120);
    expect(countsBefore.metric_values).toBe(180);
  });

  it("check reports drift (exit 1) and leaves the file alone", async () => {
    const result = await cli("check", "--db", prod, "--schema", SCHEMA);
    expect(result.code).toBe(1);
    expect(fileHash(prod)).toBe(original);
  });

  it("apply refuses to drop scheduled_sessions without --allow-destructive (exit 3, nothing written)", async () => {
    const result = await cli("apply", "--db", prod, "--schema", SCHEMA, "--yes", "--no-backup");
    expect(result.code).toBe(3);
    expect(`${result.stdout}${result.stderr}`).toContain("scheduled_sessions");
    expect(fileHash(prod)).toBe(original);
  });

  it("apply --yes --allow-destructive succeeds (exit 0) and keeps a backup of the original", async () => {
    const backup = join(dir, "goals.db.backup");
    const result = await cli("apply", "--db", prod, "--schema", SCHEMA, "--yes", "--allow-destructive", "--backup", backup);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // sql.js keeps a byte-identical copy; the native driver a consistent VACUUM INTO snapshot.
    if (fileHash(backup) !== original) expect(await contentOf(backup)).toEqual(originalContent);
    expect(fileHash(prod)).not.toBe(original);
  });

  it("check then reports no drift (exit 0)", async () => {
    const result = await cli("check", "--db", prod, "--schema", SCHEMA);
    expect(result.stdout).not.toContain("Drift");
    expect(result.code).toBe(0);
  });

  it("no NULL root_id is left, and every root_id is the root of its goal tree", async () => {
    await withCopy(prod, (conn) => {
      for (const table of ROOT_ID_TABLES) {
        expect([table, scalar(conn, `SELECT count(*) FROM ${quoteIdent(table)} WHERE root_id IS NULL`)]).toEqual([table, 0]);
      }
      const wrong = (sql: string) => Number(scalar(conn, `${TREE_ROOTS} ${sql}`));
      expect(wrong("SELECT count(*) FROM goals AS g JOIN goal_tree AS t ON t.id = g.id WHERE g.root_id IS NOT t.root")).toBe(0);
      expect(wrong("SELECT count(*) FROM activity_instances AS ai JOIN goal_tree AS t ON t.id = ai.practice_session_id WHERE ai.root_id IS NOT t.root")).toBe(0);
      expect(
        wrong(`SELECT count(*) FROM metric_values AS mv JOIN activity_instances AS ai ON ai.id = mv.activity_instance_id
               JOIN goal_tree AS t ON t.id = ai.practice_session_id WHERE mv.root_id IS NOT t.root`),
      ).toBe(0);
      expect(wrong("SELECT count(*) FROM metric_definitions AS md JOIN activity_definitions AS ad ON ad.id = md.activity_id WHERE md.root_id IS NOT ad.root_id")).toBe(0);
      // The seeds' three orphaned sessions are fractals of their own.
      expect(Number(scalar(conn, "SELECT count(*) FROM goals WHERE parent_id IS NULL AND root_id = id"))).toBe(5);
    });
  });

  it("has at least the seeds' 26 idx_* indexes (all 29 declared)", async () => {
    await withCopy(prod, (conn) => {
      const count = Number(scalar(conn, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name LIKE 'idx_%'"));
      expect(count).toBeGreaterThanOrEqual(26);
      expect(count).toBe(29);
    });
  });

  it("fractal-scoped lookups use idx_activity_instances_root", async () => {
    await withCopy(prod, (conn) => {
      const query = "SELECT * FROM activity_instances WHERE root_id = ?";
      // Without statistics, idx_activity_instances_root and idx_activity_instances_root_date
      // (root_id, created_at DESC) cost the same for this query and SQLite takes whichever was
      // created last; either way it is an index search, never a scan.
      expect(queryPlan(conn, query, ["x"])).toMatch(/^SEARCH activity_instances USING INDEX idx_activity_instances_root(_date)? \(root_id=\?\)$/);
      // With statistics (ANALYZE, or PRAGMA optimize as SQLite recommends) the narrower index wins.
      conn.exec("ANALYZE");
      expect(queryPlan(conn, query, ["x"])).toBe("SEARCH activity_instances USING INDEX idx_activity_instances_root (root_id=?)");
    });
  });

  it("keeps every row and every value of every surviving table; scheduled_sessions is gone", async () => {
    await withCopy(prod, (conn) => {
      const counts = rowCounts(conn);
      const { scheduled_sessions: dropped, ...surviving } = countsBefore;
      expect(dropped).toBe(0);
      for (const [table, count] of Object.entries(surviving)) expect([table, counts[table]]).toEqual([table, count]);
      expect(tableNames(conn)).not.toContain("scheduled_sessions");
      const after = snapshot(conn);
      for (const [table, { columns, rows }] of before) {
        if (table === "scheduled_sessions") continue;
        const kept = columns.filter((c) => c !== "root_id");
        const pick = (row: Row) => Object.fromEntries(kept.map((c) => [c, row[c]]));
        expect(after.get(table)?.rows.map(pick)).toEqual(rows.map(pick));
        if (columns.includes("root_id")) {
          // A root_id that was there before is unchanged; the NULLs are what the backfill filled.
          const afterRows = after.get(table)?.rows ?? [];
          rows.forEach((row, i) => {
            if (row.root_id !== null) expect(afterRows[i]?.root_id).toBe(row.root_id);
          });
        }
      }
    });
  });

  it("is healthy: integrity_check ok, no foreign key violation", async () => {
    await withCopy(prod, (conn) => {
      expect(integrity(conn)).toEqual(["ok"]);
      expect(conn.query("PRAGMA foreign_key_check")).toEqual([]);
    });
  });

  it("program_day_templates cascades when a program day or a session template is deleted", async () => {
    await withCopy(prod, (conn) => {
      conn.exec("PRAGMA foreign_keys = ON");
      const days = conn.query<{ id: string }>("SELECT id FROM program_days ORDER BY id LIMIT 2").map((r) => r.id);
      const templates = conn.query<{ id: string }>("SELECT id FROM session_templates ORDER BY id LIMIT 2").map((r) => r.id);
      for (const day of days) {
        for (const [order, template] of templates.entries()) {
          conn.query('INSERT INTO program_day_templates (program_day_id, session_template_id, "order") VALUES (?, ?, ?)', [day, template, order]);
        }
      }
      expect(scalar(conn, "SELECT count(*) FROM program_day_templates")).toBe(4);
      conn.query("DELETE FROM program_days WHERE id = ?", [days[0] ?? ""]);
      expect(scalar(conn, "SELECT count(*) FROM program_day_templates WHERE program_day_id = ?", [days[0] ?? ""])).toBe(0);
      expect(scalar(conn, "SELECT count(*) FROM program_day_templates")).toBe(2);
      conn.query("DELETE FROM session_templates WHERE id = ?", [templates[0] ?? ""]);
      expect(conn.query("SELECT session_template_id FROM program_day_templates")).toEqual([{ session_template_id: templates[1] }]);
      expect(conn.query("PRAGMA foreign_key_check")).toEqual([]);
    });
  });

  it("the app can write again: hotfix columns, defaults and NOT NULL root_id", async () => {
    await withCopy(prod, (conn) => {
      conn.exec("PRAGMA foreign_keys = ON");
      const session = conn.query<{ id: string; root_id: string }>("SELECT id, root_id FROM goals WHERE type = 'PracticeSession' ORDER BY id LIMIT 1")[0];
      const activity = scalar(conn, "SELECT id FROM activity_definitions ORDER BY id LIMIT 1");
      conn.query(
        "INSERT INTO activity_instances (id, practice_session_id, activity_definition_id, root_id, notes, data) VALUES ('new-instance', ?, ?, ?, 'felt good', '{\"sets\": []}')",
        [session?.id ?? "", activity, session?.root_id ?? ""],
      );
      expect(conn.query("SELECT completed, sort_order, notes FROM activity_instances WHERE id = 'new-instance'")).toEqual([
        { completed: 0, sort_order: 0, notes: "felt good" },
      ]);
      expect(() => conn.exec("INSERT INTO goals (id, type, name) VALUES ('no-root', 'UltimateGoal', 'x')")).toThrow(/NOT NULL/);
    });
  });

  it("diff plans nothing between dev and the migrated prod", async () => {
    const result = await cli("diff", dev, prod, "--format", "json");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { steps: unknown[] };
    expect(report.steps).toEqual([]);
  });

  it("diff shows no difference at all between dev and the migrated prod, column order included", async () => {
    // Columns missing from prod are added in their declared order, so even `.schema` agrees.
    const result = await cli("diff", dev, prod, "--format", "json");
    const report = JSON.parse(result.stdout) as { identical: boolean; yamlDiff: string };
    expect(report.yamlDiff).toBe("");
    expect(report.identical).toBe(true);
  });

  it("a second apply has nothing to do", async () => {
    const hash = fileHash(prod);
    const result = await cli("apply", "--db", prod, "--schema", SCHEMA, "--yes", "--no-backup");
    expect(result.code).toBe(0);
    expect(fileHash(prod)).toBe(hash);
  });
});
