/**
 * An independent structural description of a database: raw PRAGMA rows (table_list,
 * table_xinfo, index_list, index_xinfo, foreign_key_list) plus facts read from the sqlite_schema
 * text with the oracle's own lexer. Nothing here uses the tool's model, introspector or
 * canonicaliser. Column order is left out on purpose (DESIGN.md §3: not drift).
 */
import type { Connection, Row } from "../../../src/db/driver.js";
import { asciiLower, closing, lex, norm, normExpr, splitTop } from "./lex.js";
import { tableFacts } from "./table-sql.js";

/** Objects that are bookkeeping, not schema: never compared. */
export function isBookkeeping(name: string): boolean {
  const n = asciiLower(name);
  return n.startsWith("sqlite_") || n.startsWith("_schemadiff");
}

/** A database's structure as plain, order-independent data (deep-equal to compare). */
export type Structure = Record<string, unknown>;

/** Reads the structure of schema `db` ("main", or an attached name) of `conn`. */
export function structure(conn: Connection, db = "main"): Structure {
  const objects = conn
    .query(`SELECT type, name, tbl_name, sql FROM "${db}".sqlite_schema ORDER BY type, name`)
    .filter((o) => !isBookkeeping(String(o.name)) || (o.type === "index" && !isBookkeeping(String(o.tbl_name))));
  const out: Structure = {};
  for (const o of objects) {
    const nm = String(o.name);
    const key = `${o.type}:${asciiLower(nm)}`;
    const sql = o.sql === null ? null : String(o.sql);
    switch (o.type) {
      case "table":
        out[key] = sql !== null && /^\s*CREATE\s+VIRTUAL/i.test(sql) ? { virtual: norm(lex(sql)) } : tableStructure(conn, db, nm, sql ?? "");
        break;
      case "index":
        // Automatic indexes (sql NULL) are described by their table's index_list instead.
        if (sql !== null) out[key] = { table: asciiLower(String(o.tbl_name)), sql: indexSql(sql) };
        break;
      case "view":
        // Sorted: `SELECT *` follows the table's column order, which is not drift (DESIGN.md §3);
        // so does the number in the names SQLite makes up (`column3`, e.g. for a column named true).
        out[key] = {
          sql: statementSql(sql ?? ""),
          columns: pragma(conn, "table_xinfo", nm, db)
            .map((c) => `${String(c.name).replace(/^column\d+$/, "columnN")}|${c.type}`)
            .sort(),
        };
        break;
      case "trigger":
        out[key] = { table: asciiLower(String(o.tbl_name)), sql: statementSql(sql ?? "") };
        break;
      default:
        out[key] = { sql };
    }
  }
  return out;
}

function pragma(conn: Connection, name: string, arg: string | number, db: string): Row[] {
  return conn.query(`SELECT * FROM pragma_${name}(?, ?)`, [arg, db]);
}

function tableStructure(conn: Connection, db: string, table: string, sql: string): Structure {
  const list = conn.query("SELECT type, ncol, wr, strict FROM pragma_table_list WHERE schema = ? AND name = ?", [db, table])[0] ?? {};
  const columns = pragma(conn, "table_xinfo", table, db)
    .map((c) => ({
      name: String(c.name),
      type: String(c.type),
      notnull: c.notnull,
      dflt: c.dflt_value === null ? null : normExpr(lex(String(c.dflt_value))),
      pk: c.pk,
      hidden: c.hidden,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const indexes = pragma(conn, "index_list", table, db)
    .map((i) => {
      const keys = pragma(conn, "index_xinfo", String(i.name), db)
        .filter((k) => k.key === 1)
        .map((k) => `${k.cid === -2 ? "<expr>" : k.cid === -1 ? "<rowid>" : String(k.name)}|${k.desc}|${k.coll}`);
      // Automatic index names depend on constraint order, which is not schema: leave them out.
      return JSON.stringify({ name: i.origin === "c" ? String(i.name) : "", unique: i.unique, origin: i.origin, partial: i.partial, keys });
    })
    .sort();
  const fkRows = pragma(conn, "foreign_key_list", table, db);
  const fks = [...new Set(fkRows.map((r) => r.id))]
    .map((id) => {
      const rows = fkRows.filter((r) => r.id === id).sort((a, b) => Number(a.seq) - Number(b.seq));
      const r0 = rows[0]!;
      return JSON.stringify({
        table: asciiLower(String(r0.table)),
        from: rows.map((r) => String(r.from)),
        to: rows.map((r) => (r.to === null ? null : String(r.to))),
        onUpdate: r0.on_update,
        onDelete: r0.on_delete,
        match: r0.match,
      });
    })
    .sort();
  // A virtual table's shadow tables read as "shadow" or "table" depending on whether the reading
  // engine knows the module's shadow names for that schema: not schema.
  const type = list.type === "shadow" ? "table" : list.type;
  return { list: { type, ncol: list.ncol, wr: list.wr, strict: list.strict }, columns, indexes, fks, facts: tableFacts(sql) };
}

/**
 * A CREATE INDEX statement, spelling-independent: each key term and the WHERE without redundant
 * parentheses (`(a = b)` and `a = b` are the same index term).
 */
function indexSql(sql: string): string {
  const t = lex(sql);
  const open = t.findIndex((l) => l.t === "p" && l.v === "(");
  const close = closing(t, open);
  const keys = splitTop(t.slice(open + 1, close)).map((key) => {
    let end = key.length;
    let suffix = "";
    if (end > 1 && key[end - 1]!.t === "w" && (key[end - 1]!.v === "DESC" || key[end - 1]!.v === "ASC")) suffix = ` ${key[--end]!.v}`;
    if (end > 2 && key[end - 2]!.t === "w" && key[end - 2]!.v === "COLLATE") {
      suffix = ` COLLATE ${key[end - 1]!.v.toUpperCase()}${suffix}`;
      end -= 2;
    }
    return normExpr(key.slice(0, end)) + suffix.replace(" ASC", "");
  });
  const where = t.slice(close + 1).findIndex((l) => l.t === "w" && l.v === "WHERE");
  return `${norm(t.slice(0, open))} (${keys.join(", ")})${where < 0 ? "" : ` WHERE ${normExpr(t.slice(close + 2 + where))}`}`;
}

/** A view or trigger statement, spelling-independent; `FOR EACH ROW` is implied and dropped. */
function statementSql(sql: string): string {
  return norm(lex(sql)).replace("«for» «each» «row» ", "");
}

/** Human-readable differences between two structures (empty when equal). */
export function structureDiff(actual: unknown, expected: unknown, path = ""): string[] {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isObj(actual) && isObj(expected)) {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
    return keys.flatMap((k) => structureDiff(actual[k], expected[k], path === "" ? k : `${path}.${k}`));
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const extra = actual.filter((a) => !expected.some((e) => JSON.stringify(e) === JSON.stringify(a)));
    const missing = expected.filter((e) => !actual.some((a) => JSON.stringify(e) === JSON.stringify(a)));
    if (extra.length + missing.length > 0) return [`${path}: has ${JSON.stringify(extra)}, expected ${JSON.stringify(missing)}`];
  }
  return [`${path}: ${JSON.stringify(actual)} != expected ${JSON.stringify(expected)}`];
}
