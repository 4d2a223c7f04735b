/** Running statements in the scratch database: for real, or as a probe that leaves no trace. */
import type { Connection } from "../db/driver.js";
import { assertNever } from "../assert-never.js";
import { errorText, type Diagnostic } from "../errors.js";
import type { Trigger } from "../model.js";
import { quoteIdent } from "../sqlite/quote.js";
import { at, type Ref } from "./origins.js";
import { diagnostic, dotted } from "./position.js";

/** Runs `sql`; the SQLite error message, or null. */
export function run(conn: Connection, sql: string): string | null {
  try {
    conn.exec(sql);
    return null;
  } catch (e) {
    return errorText(e);
  }
}

/** Runs `sqls` and undoes them: the first error, or null. */
export function attempt(conn: Connection, ...sqls: string[]): string | null {
  conn.exec("SAVEPOINT schemadiff_probe");
  try {
    for (const sql of sqls) {
      const error = run(conn, sql);
      if (error !== null) return error;
    }
    return null;
  } finally {
    conn.exec("ROLLBACK TO schemadiff_probe; RELEASE schemadiff_probe");
  }
}

/** `goals.columns.type.check: no such column: typ` at that place. */
export function invalid(ref: Ref, error: string, part: "key" | "value" = "value"): Diagnostic {
  return diagnostic("SCHEMA_INVALID_SQL", `${dotted(ref.pointer)}: ${error}`, at(ref, part));
}

/** A statement that fires `t` without touching a row (its programs are compiled anyway). */
export function triggerProbe(conn: Connection, t: Trigger): string {
  const target = quoteIdent(t.table);
  const columns = conn
    .query<{ name: string }>("SELECT name FROM pragma_table_xinfo(?) WHERE hidden = 0", [t.table])
    .map((r) => quoteIdent(r.name));
  switch (t.event) {
    case "INSERT":
      return `INSERT INTO ${target} (${columns[0]}) SELECT NULL WHERE 0`;
    case "UPDATE":
      return `UPDATE ${target} SET ${columns.map((c) => `${c} = ${c}`).join(", ")} WHERE 0`;
    case "DELETE":
      return `DELETE FROM ${target} WHERE 0`;
    default:
      return assertNever(t.event);
  }
}


