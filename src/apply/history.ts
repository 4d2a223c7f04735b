/**
 * The apply history, kept in the database itself: one row per successful apply, written inside the
 * apply transaction (so it exists exactly when the change does). The introspector skips every
 * `_schemadiff%` table, so it is never drift.
 */
import type { Connection, SqlValue } from "../db/driver.js";
import { errorText, fail, ok, type Result } from "../errors.js";
import { quoteIdent } from "../sqlite/quote.js";

/** The history table's name. */
export const HISTORY_TABLE = "_schemadiff_history";

/** One applied plan. */
export interface HistoryEntry {
  readonly id: number;
  /** ISO 8601 UTC, e.g. `2026-11-21T15:30:00.000Z`. */
  readonly appliedAt: string;
  readonly toolVersion: string;
  readonly schemaHashBefore: string;
  readonly schemaHashAfter: string;
  /** SHA-256 of the plan's statements as a script (each followed by `;` and a newline). */
  readonly planSha256: string;
  /** The statements that ran, in order (stored as a JSON array). */
  readonly statements: readonly string[];
  readonly durationMs: number;
  /** `applied` (failed applies roll back, history row included, so they leave no trace). */
  readonly status: string;
}

const TABLE = quoteIdent(HISTORY_TABLE);

/** Creates the history table when it is missing. */
export function ensureHistoryTable(conn: Connection): void {
  conn.exec(
    `CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, ` +
      "tool_version TEXT NOT NULL, schema_hash_before TEXT NOT NULL, schema_hash_after TEXT NOT NULL, " +
      "plan_sha256 TEXT NOT NULL, statements TEXT NOT NULL, duration_ms INTEGER NOT NULL, status TEXT NOT NULL)",
  );
}

/** Appends one entry (creating the table if needed) and returns its id. */
export function recordHistory(conn: Connection, entry: Omit<HistoryEntry, "id">): number {
  ensureHistoryTable(conn);
  const params: SqlValue[] = [
    entry.appliedAt,
    entry.toolVersion,
    entry.schemaHashBefore,
    entry.schemaHashAfter,
    entry.planSha256,
    JSON.stringify(entry.statements),
    Math.round(entry.durationMs),
    entry.status,
  ];
  conn.query(
    `INSERT INTO ${TABLE} (applied_at, tool_version, schema_hash_before, schema_hash_after, ` +
      "plan_sha256, statements, duration_ms, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    params,
  );
  const row = conn.query<{ id: number }>("SELECT last_insert_rowid() AS id")[0];
  return Number(row?.id);
}

/** Every history entry, oldest first; empty when the database has never been applied to. */
export function readHistory(conn: Connection): Result<readonly HistoryEntry[]> {
  const exists = conn.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [HISTORY_TABLE]);
  if (exists.length === 0) return ok([]);
  try {
    const rows = conn.query(
      "SELECT id, applied_at, tool_version, schema_hash_before, schema_hash_after, plan_sha256, " +
        `statements, duration_ms, status FROM ${TABLE} ORDER BY id`,
    );
    return ok(rows.map(toEntry));
  } catch (error) {
    return fail({
      code: "DB_UNSUPPORTED",
      message: `${HISTORY_TABLE} does not have the expected columns: ${errorText(error)}`,
    });
  }
}

function toEntry(row: Record<string, SqlValue>): HistoryEntry {
  return {
    id: Number(row.id),
    appliedAt: String(row.applied_at ?? ""),
    toolVersion: String(row.tool_version ?? ""),
    schemaHashBefore: String(row.schema_hash_before ?? ""),
    schemaHashAfter: String(row.schema_hash_after ?? ""),
    planSha256: String(row.plan_sha256 ?? ""),
    statements: parseStatements(row.statements),
    durationMs: Number(row.duration_ms ?? 0),
    status: String(row.status ?? ""),
  };
}

function parseStatements(value: SqlValue): readonly string[] {
  if (typeof value !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.map(String) : [value];
  } catch {
    // Written by hand or by another tool: show it as one opaque statement.
    return [value];
  }
}
