/**
 * The schema model: readonly plain data, names instead of pointers, lists sorted by name.
 *
 * Both sides of every comparison are produced by the same introspector (a live database, or the
 * declared YAML rendered to DDL and executed in a scratch database), so every SQL text field
 * below holds *canonical* SQL (see sqlite/canonical.ts) and two models compare by plain equality.
 */

/** A whole database schema. Every list is sorted by `name` (byte order). */
export interface Schema {
  readonly tables: readonly Table[];
  readonly views: readonly View[];
  readonly triggers: readonly Trigger[];
  /** Virtual tables (FTS5, R*Tree, ...) are opaque: compared by canonical CREATE text. */
  readonly virtualTables: readonly VirtualTable[];
}

/** An ordinary (rowid or WITHOUT ROWID) table. */
export interface Table {
  readonly name: string;
  /** Columns in declaration order (the order is not drift by itself; see DESIGN.md §3). */
  readonly columns: readonly Column[];
  readonly primaryKey: PrimaryKey | null;
  /** UNIQUE constraints, column-level and table-level alike (they are the same thing to SQLite). */
  readonly uniques: readonly UniqueConstraint[];
  /** Table-level CHECK constraints, sorted by content (their order means nothing to SQLite). Column-level ones live on the column. */
  readonly checks: readonly CheckConstraint[];
  /** FOREIGN KEY constraints, column-level REFERENCES included, sorted by content (order means nothing to SQLite). */
  readonly foreignKeys: readonly ForeignKey[];
  /** Explicit indexes (CREATE INDEX), sorted by name. Automatic indexes are never listed. */
  readonly indexes: readonly Index[];
  readonly strict: boolean;
  readonly withoutRowid: boolean;
}

export interface Column {
  readonly name: string;
  /** Declared type exactly as written (`VARCHAR(255)`), or "" when none was given. */
  readonly type: string;
  readonly notNull: boolean;
  /**
   * DEFAULT as canonical SQL that can follow the keyword DEFAULT verbatim:
   * `0`, `-1.5`, `'open'`, `NULL`, `CURRENT_TIMESTAMP`, `(1 + 1)`. Null when there is none.
   */
  readonly default: string | null;
  readonly collate: string | null;
  /** GENERATED ALWAYS AS (expr) VIRTUAL|STORED. */
  readonly generated: Generated | null;
  /** Column-level CHECK constraints, in declaration order. */
  readonly checks: readonly CheckConstraint[];
}

export interface Generated {
  /** Canonical expression, without the outer parentheses. */
  readonly expr: string;
  readonly stored: boolean;
}

export type ConflictClause = "ROLLBACK" | "ABORT" | "FAIL" | "IGNORE" | "REPLACE";

export interface PrimaryKey {
  readonly name: string | null;
  /** Key columns in key order (which may differ from column order). */
  readonly columns: readonly string[];
  /** Only for a single INTEGER PRIMARY KEY column. */
  readonly autoincrement: boolean;
  /** `PRIMARY KEY DESC` on a single column (it stops being a rowid alias). */
  readonly desc: boolean;
  readonly onConflict: ConflictClause | null;
}

export interface UniqueConstraint {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly onConflict: ConflictClause | null;
}

export interface CheckConstraint {
  readonly name: string | null;
  /** Canonical expression, without the outer parentheses. */
  readonly expr: string;
}

export type ForeignKeyAction = "NO ACTION" | "RESTRICT" | "SET NULL" | "SET DEFAULT" | "CASCADE";

export interface ForeignKey {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly refTable: string;
  /** Empty when the constraint names no columns (it then means the parent's primary key). */
  readonly refColumns: readonly string[];
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  /** DEFERRABLE INITIALLY DEFERRED; every other form behaves as immediate. */
  readonly deferred: boolean;
}

export interface Index {
  readonly name: string;
  readonly table: string;
  readonly unique: boolean;
  readonly keys: readonly IndexKey[];
  /** Canonical WHERE expression of a partial index. */
  readonly where: string | null;
}

/** One index term: a column, or an expression (exactly one of the two is set). */
export interface IndexKey {
  readonly column: string | null;
  readonly expr: string | null;
  readonly collate: string | null;
  readonly desc: boolean;
}

export interface View {
  readonly name: string;
  /** `CREATE VIEW v(a, b) AS ...` column names, or null. */
  readonly columns: readonly string[] | null;
  /** Canonical SELECT statement. */
  readonly select: string;
}

export type TriggerTiming = "BEFORE" | "AFTER" | "INSTEAD OF";
export type TriggerEvent = "INSERT" | "UPDATE" | "DELETE";

export interface Trigger {
  readonly name: string;
  /** The table or view it fires on. */
  readonly table: string;
  readonly timing: TriggerTiming;
  readonly event: TriggerEvent;
  /** `UPDATE OF a, b` column list; empty for any column. */
  readonly ofColumns: readonly string[];
  /** Canonical WHEN expression, or null. */
  readonly when: string | null;
  /** Canonical statements between BEGIN and END, each ending with `;`, joined by a newline. */
  readonly body: string;
}

export interface VirtualTable {
  readonly name: string;
  /** `fts5`, `rtree`, ... */
  readonly module: string;
  /** Canonical CREATE VIRTUAL TABLE statement. */
  readonly sql: string;
}

/** The empty schema. */
export const EMPTY_SCHEMA: Schema = { tables: [], views: [], triggers: [], virtualTables: [] };

/**
 * What a declaration says beyond the schema itself: migration hints that never appear in a
 * database and so are never part of the compared model.
 */
export interface Hints {
  /** `renamed_from` on tables: new name -> old name. */
  readonly tableRenames: ReadonlyMap<string, string>;
  /** `renamed_from` on columns: table (new name) -> new column name -> old column name. */
  readonly columnRenames: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** `backfill` on columns: table -> column -> SQL (an expression, or a full UPDATE statement). */
  readonly backfills: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export const NO_HINTS: Hints = { tableRenames: new Map(), columnRenames: new Map(), backfills: new Map() };
