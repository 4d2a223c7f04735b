/**
 * Makes a spec valid again after random edits: drops whatever references something that is
 * gone (a column, a table, a parent key), and re-establishes SQLite's rules (AUTOINCREMENT only
 * on INTEGER PRIMARY KEY, WITHOUT ROWID needs a key, STRICT types...). Runs to a fixed point.
 */
import { exprRefs } from "./exprs.js";
import type { Expr, GSchema, GTable, GTrigger, GView, Stmt } from "./spec.js";

const STRICT = /^(INT|INTEGER|REAL|TEXT|BLOB|ANY)$/i;

/** Repairs `s` in place and returns it. */
export function repair(s: GSchema): GSchema {
  for (let round = 0; round < 20; round++) {
    const before = JSON.stringify(s);
    for (const t of s.tables) repairTable(s, t);
    s.views = s.views.filter((v) => viewOk(s, v));
    s.triggers = s.triggers.filter((t) => triggerOk(s, t));
    if (JSON.stringify(s) === before) return s;
  }
  throw new Error("repair did not converge");
}

const within = (e: Expr | null, ids: ReadonlySet<number>): boolean => exprRefs(e).every((r) => r.prefix === undefined && ids.has(r.id));
const sameSet = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

function repairTable(s: GSchema, t: GTable): void {
  if (t.cols.every((c) => c.gen !== null)) t.cols[0]!.gen = null;
  const all = new Set(t.cols.map((c) => c.id));
  const ordinary = new Set(t.cols.filter((c) => c.gen === null).map((c) => c.id));
  for (const c of t.cols) {
    if (c.gen !== null && (!within(c.gen.expr, ordinary) || t.pk?.cols.includes(c.id))) c.gen = null;
    if (c.gen !== null) c.dflt = null;
    if (t.strict && !STRICT.test(c.type)) c.type = "ANY";
    c.checks = c.checks.filter((k) => within(k.expr, all));
  }
  if (t.pk !== null) {
    t.pk.cols = t.pk.cols.filter((id) => ordinary.has(id));
    if (t.pk.cols.length === 0) t.pk = null;
  }
  if (t.pk !== null) {
    const single = t.pk.cols.length === 1 ? t.cols.find((c) => c.id === t.pk!.cols[0])! : null;
    if (single === null) t.pk.desc = false;
    if (t.pk.autoinc && (single === null || !/^integer$/i.test(single.type) || t.wr || t.pk.desc)) t.pk.autoinc = false;
  }
  if (t.pk === null) t.wr = false;
  // A UNIQUE over the key's columns must not name a different conflict clause (SQLite refuses).
  t.uniques = t.uniques
    .map((u) => ({ ...u, cols: u.cols.filter((id) => all.has(id)) }))
    .map((u) => (t.pk !== null && sameSet(u.cols, t.pk.cols) && u.conflict !== t.pk.conflict ? { ...u, conflict: t.pk.conflict } : u))
    .filter((u, k, us) => u.cols.length > 0 && !us.slice(0, k).some((v) => sameSet(u.cols, v.cols)));
  t.checks = t.checks.filter((k) => within(k.expr, all));
  t.fks = t.fks.filter((fk) => {
    const parent = s.tables.find((p) => p.id === fk.ref);
    if (parent === undefined || !fk.cols.every((id) => ordinary.has(id))) return false;
    if (fk.refCols === null) return parent.pk !== null && parent.pk.cols.length === fk.cols.length;
    const key = fk.refCols;
    return key.length === fk.cols.length && (sameSet(parent.pk?.cols ?? [], key) || parent.uniques.some((u) => sameSet(u.cols, key)));
  });
  t.indexes = t.indexes.filter(
    (i) => i.keys.every((k) => (k.col !== null ? all.has(k.col) : within(k.expr, all))) && within(i.where, all),
  );
}

const tableOf = (s: GSchema, id: number): GTable | undefined => s.tables.find((t) => t.id === id);
const colsOf = (t: GTable | undefined): Set<number> => new Set(t?.cols.map((c) => c.id) ?? []);

function viewOk(s: GSchema, v: GView): boolean {
  const q = v.q;
  switch (q.k) {
    case "table": {
      const t = tableOf(s, q.t);
      if (t === undefined) return false;
      const cols = colsOf(t);
      if (q.cols !== "*") q.cols = q.cols.filter((id) => cols.has(id));
      if (q.cols !== "*" && q.cols.length === 0) return false;
      if (v.cols !== null && (q.cols === "*" || v.cols.length !== q.cols.length)) v.cols = null;
      return within(q.where, cols);
    }
    case "join": {
      const [a, b] = [colsOf(tableOf(s, q.a)), colsOf(tableOf(s, q.b))];
      return a.size > 0 && b.size > 0 && a.has(q.on[0]) && b.has(q.on[1]) && a.has(q.cols[0]![1]) && b.has(q.cols[1]![1]);
    }
    case "view":
      return s.views.some((w) => w.id === q.v && w.id < v.id);
  }
}

function triggerOk(s: GSchema, tr: GTrigger): boolean {
  const on = tr.on.k === "table" ? tableOf(s, tr.on.id) : undefined;
  if (tr.on.k === "view" ? !s.views.some((v) => v.id === tr.on.id) : on === undefined) return false;
  const own = colsOf(on);
  const prefixOk = (e: Expr | null): boolean =>
    exprRefs(e).every((r) => r.prefix !== undefined && own.has(r.id) && (r.prefix === "NEW" ? tr.event !== "DELETE" : tr.event !== "INSERT"));
  tr.of = tr.of.filter((id) => own.has(id));
  if (!prefixOk(tr.when)) tr.when = null;
  tr.body = tr.body.filter((st) => stmtOk(s, st, own, tr));
  return tr.body.length > 0;
}

function stmtOk(s: GSchema, st: Stmt, own: ReadonlySet<number>, tr: GTrigger): boolean {
  const mixedOk = (e: Expr | null, target: ReadonlySet<number>): boolean =>
    exprRefs(e).every((r) =>
      r.prefix === undefined ? target.has(r.id) : own.has(r.id) && (r.prefix === "NEW" ? tr.event !== "DELETE" : tr.event !== "INSERT"),
    );
  if (st.k === "raise") return mixedOk(st.where, new Set());
  const t = tableOf(s, st.t);
  if (t === undefined) return false;
  const target = colsOf(t);
  const ordinary = new Set(t.cols.filter((c) => c.gen === null).map((c) => c.id));
  switch (st.k) {
    case "update":
      return ordinary.has(st.set) && mixedOk(st.value, new Set()) && mixedOk(st.where, target);
    case "insert":
      return st.cols.every((id) => ordinary.has(id)) && st.values.every((v) => mixedOk(v, new Set()));
    case "delete":
      return mixedOk(st.where, target);
  }
}
