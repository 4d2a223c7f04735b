/**
 * The statements a plan runs, computed once in the bench process with the tool's own functions:
 * the list `apply` executes between the foreign_keys PRAGMAs (planScript), and the script
 * `plan --format sql` prints for the sqlite3 shell (renderScript).
 */
import { spawnSync } from "node:child_process";
import type { Schema } from "../src/model.js";
import { schemaOf } from "./inputs.js";

/** What the bench runs directly to compare against `apply`. */
export interface PlanStatements {
  /** BEGIN, the steps' statements, COMMIT (as apply runs them; the plan's foreign_keys PRAGMAs when needed). */
  readonly statements: readonly string[];
  /** The `--format sql` script. */
  readonly script: string;
  readonly steps: number;
}

/** Plans `db` -> `schemaPath` with sql.js (schema only: the file is never loaded). */
export async function statementsFor(db: string, schemaPath: string): Promise<PlanStatements> {
  const { loadSqlJs } = await import("../src/db/sqljs.js");
  const { loadSchema } = await import("../src/load/index.js");
  const { diffSchemas } = await import("../src/diff/diff-schema.js");
  const { planChanges } = await import("../src/plan/plan.js");
  const { planScript } = await import("../src/apply/apply.js");
  const { renderScript } = await import("../src/plan/render-script.js");
  const { schemaHash } = await import("../src/hash.js");
  const driver = await loadSqlJs();
  const current = await liveSchema(db);
  const declared = loadSchema(schemaPath, driver);
  if (!declared.ok) throw new Error(declared.diagnostics.map((d) => d.message).join("; "));
  const changes = diffSchemas(current, declared.value.schema, declared.value.hints);
  if (!changes.ok) throw new Error(changes.diagnostics.map((d) => d.message).join("; "));
  const plan = planChanges(changes.value, current, declared.value.schema, declared.value.hints);
  return {
    // Connections start with foreign_keys OFF in both drivers and in the shell.
    statements: planScript(plan, false),
    script: renderScript(plan, { from: schemaHash(current), to: schemaHash(declared.value.schema) }),
    steps: plan.steps.length,
  };
}

/**
 * The schema of a database file from its schema table alone (cheap for a big file): the DDL read
 * with better-sqlite3 or the sqlite3 shell and run in a scratch database; with neither, the whole
 * file is read with sql.js.
 */
async function liveSchema(db: string): Promise<Schema> {
  const ddl = await readDdl(db);
  if (ddl === null) return schemaOf(db);
  const { loadSqlJs } = await import("../src/db/sqljs.js");
  const { introspect } = await import("../src/sqlite/introspect.js");
  const conn = (await loadSqlJs()).memory();
  try {
    conn.exec(ddl.map((s) => (s.trimEnd().endsWith(";") ? s : `${s};`)).join("\n"));
    const schema = introspect(conn);
    if (!schema.ok) throw new Error(schema.diagnostics.map((d) => d.message).join("; "));
    return schema.value;
  } finally {
    conn.close();
  }
}

async function readDdl(db: string): Promise<string[] | null> {
  const query = "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid";
  try {
    const Database = (await import("better-sqlite3")).default;
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return conn.prepare(query).pluck().all() as string[];
    } finally {
      conn.close();
    }
  } catch {
    const out = spawnSync("sqlite3", ["-readonly", db, query.replace("SELECT sql", "SELECT sql || ';'")], { encoding: "utf8" });
    return out.status === 0 ? [out.stdout] : null;
  }
}
