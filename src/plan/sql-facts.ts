/** Small facts about SQLite that the planner consults: affinities, rowid access, literal defaults. */
import type { Column, Table } from "../model.js";
import { asciiLower } from "../sqlite/names.js";
import { quoteIdent, quoteString } from "../sqlite/quote.js";
import { tokenize } from "../sqlite/tokenize.js";

/** The five column affinities (https://www.sqlite.org/datatype3.html#type_affinity). */
export type Affinity = "INTEGER" | "TEXT" | "BLOB" | "REAL" | "NUMERIC";

/** Column affinity from a declared type, by the five rules of https://www.sqlite.org/datatype3.html#determination_of_column_affinity. */
export function affinityOf(type: string): Affinity {
  const t = type.toUpperCase();
  if (t.includes("INT")) return "INTEGER";
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT")) return "TEXT";
  if (t.includes("BLOB") || t.trim() === "") return "BLOB";
  if (t.includes("REAL") || t.includes("FLOA") || t.includes("DOUB")) return "REAL";
  return "NUMERIC";
}

/** The affinity values get when stored in `column` of `table` (STRICT `ANY` keeps values as given). */
export function storedAffinity(table: Table, column: Column): Affinity {
  if (table.strict && column.type.trim().toUpperCase() === "ANY") return "BLOB";
  return affinityOf(column.type);
}

/**
 * The name under which the real rowid of `table` can be read or written, or null when the table
 * has none (WITHOUT ROWID) or columns shadow all three aliases (https://www.sqlite.org/lang_createtable.html#rowid).
 */
export function rowidName(table: Table): string | null {
  if (table.withoutRowid) return null;
  const taken = new Set(table.columns.map((c) => asciiLower(c.name)));
  return ["rowid", "_rowid_", "oid"].find((n) => !taken.has(n)) ?? null;
}

/** The column that aliases the rowid (`INTEGER PRIMARY KEY`, not DESC), or null. */
export function rowidAliasColumn(table: Table): string | null {
  const pk = table.primaryKey;
  if (table.withoutRowid || pk === null || pk.columns.length !== 1 || pk.desc) return null;
  const column = table.columns.find((c) => c.name === pk.columns[0]);
  return column !== undefined && column.type.toUpperCase() === "INTEGER" ? column.name : null;
}

/** SQL that names the rows of `table` for samples: its rowid, else its primary key columns, else every column. */
export function rowKeySql(table: Table): string {
  const rowid = rowidName(table);
  if (rowid !== null) return rowid;
  if (table.primaryKey !== null) return table.primaryKey.columns.map(quoteIdent).join(", ");
  return "*";
}

/**
 * True when a DEFAULT is a literal that ALTER TABLE ADD COLUMN accepts: a (signed) number,
 * string, blob, NULL, TRUE or FALSE; not CURRENT_TIME/DATE/TIMESTAMP and not a parenthesised
 * expression (https://www.sqlite.org/lang_altertable.html#altertabaddcol).
 */
export function isLiteralDefault(sql: string): boolean {
  const tokens = tokenize(sql);
  const body = tokens[0]?.kind === "op" && (tokens[0].text === "-" || tokens[0].text === "+") ? tokens.slice(1) : tokens;
  if (body.length !== 1) return false;
  const [t] = body;
  if (t.kind === "number") return true;
  if (tokens.length !== 1) return false;
  if (t.kind === "string" || t.kind === "blob") return true;
  if (t.kind === "keyword") return t.value === "NULL";
  return t.kind === "ident" && !t.text.startsWith('"') && ["TRUE", "FALSE"].includes(t.text.toUpperCase());
}

/** True when a default exists and is not NULL. */
export function hasNonNullDefault(column: Column): boolean {
  return column.default !== null && column.default.trim().toUpperCase() !== "NULL";
}

/** True when a backfill is a complete UPDATE / WITH statement rather than an expression. */
export function isBackfillStatement(sql: string): boolean {
  const first = tokenize(sql)[0];
  return first?.kind === "keyword" && (first.value === "UPDATE" || first.value === "WITH");
}

/**
 * SQL that is true for a stored value `v` that a STRICT column of `type` refuses
 * (https://www.sqlite.org/stricttables.html): the column applies its affinity, then insists on
 * the type. `CAST(v AS NUMERIC) = v` is true exactly for text that affinity turns into a number,
 * because the comparison applies NUMERIC affinity to `v`
 * (https://www.sqlite.org/datatype3.html#type_conversions_prior_to_comparison). So `'12'`,
 * `'1e2'` and `2.0` fit INTEGER; `'12.5'`, `'abc'` and `1e20` do not.
 */
export function strictViolation(v: string, type: string): string | null {
  const numericText = `typeof(${v}) = 'text' AND CAST(${v} AS NUMERIC) = ${v}`;
  switch (type.trim().toUpperCase()) {
    case "INT":
    case "INTEGER":
      return (
        `(typeof(${v}) NOT IN ('null', 'integer')` +
        ` AND NOT (typeof(${v}) = 'real' AND CAST(${v} AS INTEGER) = ${v})` +
        ` AND NOT (${numericText} AND typeof(CAST(${v} AS NUMERIC)) = 'integer'))`
      );
    case "REAL":
      return `(typeof(${v}) NOT IN ('null', 'integer', 'real') AND NOT (${numericText}))`;
    case "TEXT":
      return `typeof(${v}) = 'blob'`;
    case "BLOB":
      return `typeof(${v}) NOT IN ('null', 'blob')`;
    default:
      return null;
  }
}

/**
 * SQL for the value a column of affinity `to` stores when given `v`
 * (https://www.sqlite.org/datatype3.html#type_affinity): TEXT turns numbers into text; REAL,
 * NUMERIC and INTEGER turn well-formed numeric text into a number (the `CAST(v AS NUMERIC) = v`
 * test of strictViolation), REAL makes integers real, NUMERIC and INTEGER make integral reals
 * integers; BLOB keeps everything. `v` must be deterministic (it is evaluated more than once).
 */
export function applyAffinity(v: string, to: Affinity): string {
  const numericText = `typeof(${v}) = 'text' AND CAST(${v} AS NUMERIC) = ${v}`;
  switch (to) {
    case "BLOB":
      return v;
    case "TEXT":
      return `(CASE WHEN typeof(${v}) IN ('integer', 'real') THEN CAST(${v} AS TEXT) ELSE ${v} END)`;
    case "REAL":
      return `(CASE WHEN typeof(${v}) = 'integer' OR (${numericText}) THEN CAST(${v} AS REAL) ELSE ${v} END)`;
    case "INTEGER":
    case "NUMERIC":
      return (
        `(CASE WHEN ${numericText} THEN CAST(${v} AS NUMERIC)` +
        ` WHEN typeof(${v}) = 'real' AND CAST(${v} AS INTEGER) = ${v} THEN CAST(${v} AS INTEGER) ELSE ${v} END)`
      );
    default:
      return assertNeverAffinity(to);
  }
}

/**
 * SQL for the value rows that existed before `ALTER TABLE ... ADD COLUMN ... DEFAULT literal`
 * read in the new column. SQLite does not store it in them; it builds it from the literal on
 * every read (sqlite3ValueFromExpr): an integer literal (or TRUE/FALSE) as an integer, any other
 * number from its text (`1e3` stays '1e3' in a TEXT column, where an INSERT stores '1000.0'),
 * and applies the column's affinity (a number's text in a column without one becomes a REAL).
 */
export function addedColumnDefault(literal: string, to: Affinity): string {
  const t = literal.trim();
  const affinity: Affinity = to === "BLOB" ? "REAL" : to;
  if (/^[+-]?(\d+|0[xX][0-9a-fA-F]+)$/.test(t) || /^(TRUE|FALSE)$/i.test(t)) return applyAffinity(`(${t})`, to);
  if (/^[+-]?(\d|\.\d)/.test(t)) return applyAffinity(quoteString(t), affinity);
  return applyAffinity(`(${t})`, to);
}

function assertNeverAffinity(x: never): never {
  throw new Error(`unexpected affinity ${String(x)}`);
}

/**
 * SQL that is true for a stored text value that a column of affinity `to` would store as a
 * number spelled differently (`'007'` becomes 7, `'1.50'` becomes 1.5, `'12'` in a REAL column
 * becomes 12.0): the spelling is lost. It replays the conversion of
 * https://www.sqlite.org/datatype3.html#type_affinity: numeric-looking text becomes a number,
 * and under INTEGER/NUMERIC affinity an integral real becomes an integer.
 */
export function affinityRewrite(v: string, to: Affinity): string {
  const n = `CAST(${v} AS NUMERIC)`;
  const stored =
    to === "REAL"
      ? `CAST(CAST(${v} AS REAL) AS TEXT)`
      : `CASE WHEN ${n} = CAST(${n} AS INTEGER) THEN CAST(CAST(${n} AS INTEGER) AS TEXT) ELSE CAST(${n} AS TEXT) END`;
  return `(typeof(${v}) = 'text' AND ${n} = ${v} AND ${stored} <> ${v})`;
}

/** True when copying values from `from` to `to` affinity can rewrite stored text. */
export function affinityCanRewrite(from: Affinity, to: Affinity): boolean {
  return (from === "TEXT" || from === "BLOB") && (to === "INTEGER" || to === "REAL" || to === "NUMERIC");
}

/**
 * True when `after` holds the same values as `before` did: same declared type (affinity), same
 * collation, same generated expression (or none). Rules that held on the old values still hold.
 */
export function keepsValues(before: Column, after: Column): boolean {
  return before.type === after.type && before.collate === after.collate && (before.generated?.expr ?? null) === (after.generated?.expr ?? null);
}
