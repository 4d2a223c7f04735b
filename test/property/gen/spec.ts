/**
 * The generators' own description of a schema: like the model, but objects carry stable ids and
 * expressions are small trees over column ids, so a mutation (a rename, a dropped column) can be
 * followed and dangling references repaired before anything is rendered.
 */

/** An expression over column ids; rendered with the names current at render time. */
export type Expr =
  | { readonly k: "col"; readonly id: number; readonly prefix?: "NEW" | "OLD"; readonly table?: number }
  | { readonly k: "lit"; readonly sql: string }
  | { readonly k: "bin"; readonly op: string; readonly l: Expr; readonly r: Expr }
  | { readonly k: "fn"; readonly name: string; readonly args: readonly Expr[] }
  | { readonly k: "post"; readonly op: "IS NULL" | "IS NOT NULL"; readonly e: Expr }
  | { readonly k: "in"; readonly e: Expr; readonly list: readonly string[] };

export interface GCheck {
  name: string | null;
  expr: Expr;
}

export interface GCol {
  readonly id: number;
  name: string;
  type: string;
  notNull: boolean;
  dflt: string | null;
  collate: string | null;
  gen: { expr: Expr; stored: boolean } | null;
  checks: GCheck[];
}

export type Conflict = "ROLLBACK" | "ABORT" | "FAIL" | "IGNORE" | "REPLACE";
export type FkAction = "NO ACTION" | "RESTRICT" | "SET NULL" | "SET DEFAULT" | "CASCADE";

export interface GPk {
  name: string | null;
  cols: number[];
  autoinc: boolean;
  desc: boolean;
  conflict: Conflict | null;
}

export interface GUnique {
  name: string | null;
  cols: number[];
  conflict: Conflict | null;
}

export interface GFk {
  name: string | null;
  cols: number[];
  ref: number;
  /** Null: the parent's primary key (no column list written). */
  refCols: number[] | null;
  onDelete: FkAction;
  onUpdate: FkAction;
  deferred: boolean;
}

export interface GKey {
  col: number | null;
  expr: Expr | null;
  collate: string | null;
  desc: boolean;
}

export interface GIndex {
  readonly id: number;
  name: string;
  unique: boolean;
  keys: GKey[];
  where: Expr | null;
}

export interface GTable {
  readonly id: number;
  name: string;
  cols: GCol[];
  pk: GPk | null;
  uniques: GUnique[];
  checks: GCheck[];
  fks: GFk[];
  indexes: GIndex[];
  strict: boolean;
  wr: boolean;
}

export type Query =
  | { k: "table"; t: number; cols: number[] | "*"; where: Expr | null }
  | { k: "join"; a: number; b: number; on: [number, number]; cols: [number, number][] }
  | { k: "view"; v: number; agg: boolean };

export interface GView {
  readonly id: number;
  name: string;
  /** Explicit column names `CREATE VIEW v(a, b)`, or null. */
  cols: string[] | null;
  q: Query;
}

export type Stmt =
  | { k: "update"; t: number; set: number; value: Expr; where: Expr | null }
  | { k: "insert"; t: number; cols: number[]; values: Expr[] }
  | { k: "delete"; t: number; where: Expr }
  | { k: "raise"; where: Expr };

export interface GTrigger {
  readonly id: number;
  name: string;
  on: { k: "table" | "view"; id: number };
  timing: "BEFORE" | "AFTER" | "INSTEAD OF";
  event: "INSERT" | "UPDATE" | "DELETE";
  of: number[];
  when: Expr | null;
  body: Stmt[];
}

export interface GVtab {
  readonly id: number;
  name: string;
  cols: string[];
}

export interface GSchema {
  tables: GTable[];
  views: GView[];
  triggers: GTrigger[];
  vtabs: GVtab[];
  nextId: number;
}

/** Deep copy (specs are mutated in place by the mutators). */
export function cloneSchema(s: GSchema): GSchema {
  return structuredClone(s);
}

/**
 * A tape of choices (Hypothesis-style): fast-check shrinks the numbers towards 0 and the tape
 * towards empty, and every choice maps 0 to its simplest option, so a shrunk tape is a simpler
 * schema. An exhausted tape answers 0.
 */
export class Tape {
  private k = 0;
  constructor(private readonly values: readonly number[]) {}
  /** 0 <= n < bound. */
  int(bound: number): number {
    if (bound <= 1) return 0;
    const v = this.values[this.k++];
    return v === undefined ? 0 : v % bound;
  }
  /** True with about `pct` percent; false on an exhausted tape. */
  chance(pct: number): boolean {
    return this.int(100) >= 100 - pct;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  /** A few distinct elements of `xs` (at least `min`), in the order picked. */
  subset<T>(xs: readonly T[], min = 0, max = xs.length): T[] {
    const n = Math.min(xs.length, min + this.int(Math.max(1, max - min + 1)));
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(this.int(pool.length), 1)[0]!);
    return out;
  }
}

/** ASCII-only case folding, which is how SQLite compares names. */
export function fold(name: string): string {
  return name.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
