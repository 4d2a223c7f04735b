/** Random schemas over the whole model, from a choice tape. */
import { anyExpr, checkExpr, generatedExpr, indexExpr, whereExpr } from "./exprs.js";
import { freshName, freshObjectName } from "./names.js";
import { repair } from "./repair.js";
import { fold, type Conflict, type FkAction, type GCol, type GFk, type GIndex, type GKey, type GSchema, type GTable, type GTrigger, type GView, type Query, type Stmt, type Tape } from "./spec.js";

export const TYPES = ["INTEGER", "TEXT", "", "REAL", "BLOB", "NUMERIC", "VARCHAR(20)", "DECIMAL(10, 2)", "BOOLEAN", "DATETIME", "int", "Text", "unsigned big int", "DOUBLE PRECISION", "JSON"];
export const STRICT_TYPES = ["INTEGER", "TEXT", "ANY", "REAL", "BLOB", "INT", "integer", "Text"];
export const DEFAULTS = ["0", "'x'", "NULL", "1", "-1", "1.5", "'it''s'", "''", "CURRENT_TIMESTAMP", "CURRENT_DATE", "(1 + 1)", "(lower('AB'))", "X'00ff'", "TRUE", "FALSE", "0x10", "'12'", "-2.5", "1e3", "'a b'"];
export const COLLATIONS = ["NOCASE", "BINARY", "RTRIM"];
export const CONFLICTS: Conflict[] = ["ABORT", "IGNORE", "REPLACE", "FAIL", "ROLLBACK"];
export const ACTIONS: FkAction[] = ["NO ACTION", "CASCADE", "SET NULL", "RESTRICT", "SET DEFAULT"];

/** Generation state: the schema being built and the names taken. */
export interface Ctx {
  readonly tape: Tape;
  readonly s: GSchema;
  /** Tables, views, indexes and virtual tables share one namespace. */
  readonly objects: Set<string>;
  readonly triggers: Set<string>;
}

/** A random valid schema. */
export function genSchema(tape: Tape): GSchema {
  const s: GSchema = { tables: [], views: [], triggers: [], vtabs: [], nextId: 1 };
  const ctx: Ctx = { tape, s, objects: new Set(), triggers: new Set() };
  const nTables = 1 + tape.int(4);
  for (let k = 0; k < nTables; k++) s.tables.push(genTable(ctx));
  for (const t of s.tables) for (let k = tape.int(3); k > 0; k--) addForeignKey(ctx, t);
  for (let k = tape.int(3); k > 0; k--) addView(ctx);
  for (let k = tape.int(3); k > 0; k--) addTrigger(ctx);
  if (tape.chance(5)) addVtab(ctx);
  return repair(s);
}

const id = (ctx: Ctx): number => ctx.s.nextId++;
const constraintName = (ctx: Ctx, chance: number): string | null => (ctx.tape.chance(chance) ? freshObjectNameLoose(ctx) : null);
/** Constraint names live in no namespace SQLite enforces; keep them distinct anyway. */
function freshObjectNameLoose(ctx: Ctx): string {
  return freshName(ctx.tape, new Set(), ["ck", "uq", "fk", "pk", "c1", "nn"]) + `_${ctx.s.nextId++}`;
}

/** A new column for `t` (not yet attached). */
export function genColumn(ctx: Ctx, t: GTable, taken: Set<string>): GCol {
  const { tape } = ctx;
  const ordinary = t.cols.filter((c) => c.gen === null).map((c) => c.id);
  const c: GCol = {
    id: id(ctx),
    name: freshName(tape, taken),
    type: t.strict ? tape.pick(STRICT_TYPES) : tape.pick(TYPES),
    notNull: tape.chance(20),
    dflt: tape.chance(30) ? tape.pick(DEFAULTS) : null,
    collate: tape.chance(15) ? tape.pick(COLLATIONS) : null,
    gen: null,
    checks: [],
  };
  if (ordinary.length > 0 && tape.chance(12)) {
    c.gen = { expr: generatedExpr(tape, ordinary), stored: tape.chance(50) };
    c.dflt = null;
    if (t.strict) c.type = "ANY";
  }
  if (tape.chance(15)) c.checks.push({ name: constraintName(ctx, 30), expr: checkExpr(tape, [c.id]) });
  return c;
}

/** A random table (no foreign keys yet), named and numbered in `ctx`. */
export function genTable(ctx: Ctx): GTable {
  const { tape } = ctx;
  const t: GTable = {
    id: id(ctx),
    name: freshObjectName(tape, ctx.objects),
    cols: [],
    pk: null,
    uniques: [],
    checks: [],
    fks: [],
    indexes: [],
    strict: tape.chance(15),
    wr: false,
  };
  const taken = new Set<string>();
  const n = 1 + tape.int(5);
  for (let k = 0; k < n; k++) t.cols.push(genColumn(ctx, t, taken));
  genPrimaryKey(ctx, t);
  t.wr = t.pk !== null && tape.chance(20);
  if (t.wr && t.pk !== null) t.pk.autoinc = false;
  const ordinary = t.cols.filter((c) => c.gen === null).map((c) => c.id);
  for (let k = tape.int(3); k > 0 && ordinary.length > 0; k--) {
    if (tape.chance(50)) t.uniques.push({ name: constraintName(ctx, 25), cols: tape.subset(ordinary, 1, 2), conflict: tape.chance(20) ? tape.pick(CONFLICTS) : null });
    else t.checks.push({ name: constraintName(ctx, 30), expr: checkExpr(tape, t.cols.map((c) => c.id)) });
  }
  for (let k = tape.int(3); k > 0; k--) addIndex(ctx, t);
  return t;
}

/** Replaces `t`'s primary key with a random one (maybe none). */
export function genPrimaryKey(ctx: Ctx, t: GTable): void {
  const { tape } = ctx;
  const ordinary = t.cols.filter((c) => c.gen === null);
  t.pk = null;
  if (ordinary.length === 0 || tape.chance(25)) return;
  const integerKey = tape.chance(50) ? ordinary[0]! : null;
  if (integerKey !== null) {
    if (!t.strict || tape.chance(70)) integerKey.type = tape.pick(["INTEGER", "integer", "INT"]);
    t.pk = { name: constraintName(ctx, 15), cols: [integerKey.id], autoinc: !t.wr && /^integer$/i.test(integerKey.type) && tape.chance(40), desc: tape.chance(10), conflict: tape.chance(15) ? tape.pick(CONFLICTS) : null };
    if (t.pk.desc) t.pk.autoinc = false;
    return;
  }
  t.pk = { name: constraintName(ctx, 15), cols: tape.subset(ordinary.map((c) => c.id), 1, 3), autoinc: false, desc: false, conflict: tape.chance(15) ? tape.pick(CONFLICTS) : null };
}

/** Adds a random index to `t`. */
export function addIndex(ctx: Ctx, t: GTable): void {
  const { tape } = ctx;
  const all = t.cols.map((c) => c.id);
  const keys: GKey[] = [];
  for (let k = 1 + tape.int(3); k > 0; k--) {
    const expr = tape.chance(20);
    keys.push({ col: expr ? null : tape.pick(all), expr: expr ? indexExpr(tape, all) : null, collate: tape.chance(15) ? tape.pick(COLLATIONS) : null, desc: tape.chance(20) });
  }
  const index: GIndex = { id: id(ctx), name: freshObjectName(tape, ctx.objects), unique: tape.chance(25), keys, where: tape.chance(20) ? whereExpr(tape, all) : null };
  t.indexes.push(index);
}

/** Adds a foreign key from `t` to a random parent key (its primary key or a UNIQUE). */
export function addForeignKey(ctx: Ctx, t: GTable): void {
  const { tape } = ctx;
  const parent = tape.pick(ctx.s.tables);
  const keys: { cols: number[]; implicit: boolean }[] = [];
  if (parent.pk !== null) keys.push({ cols: parent.pk.cols, implicit: tape.chance(50) });
  for (const u of parent.uniques) keys.push({ cols: u.cols, implicit: false });
  if (keys.length === 0) return;
  const key = tape.pick(keys);
  const ordinary = t.cols.filter((c) => c.gen === null).map((c) => c.id);
  if (ordinary.length < key.cols.length) return;
  const fk: GFk = {
    name: constraintName(ctx, 20),
    cols: tape.subset(ordinary, key.cols.length, key.cols.length),
    ref: parent.id,
    refCols: key.implicit ? null : [...key.cols],
    onDelete: tape.chance(40) ? tape.pick(ACTIONS) : "NO ACTION",
    onUpdate: tape.chance(25) ? tape.pick(ACTIONS) : "NO ACTION",
    deferred: tape.chance(15),
  };
  t.fks.push(fk);
}

/** Adds a random view over the tables (or over an earlier view). */
export function addView(ctx: Ctx): void {
  const { tape, s } = ctx;
  if (s.tables.length === 0) return;
  let q: Query;
  let cols: string[] | null = null;
  const pick = tape.int(4);
  if (pick === 1 && s.tables.length > 0) {
    const [a, b] = [tape.pick(s.tables), tape.pick(s.tables)];
    const ca = a.cols.map((c) => c.id);
    const cb = b.cols.map((c) => c.id);
    const sel: [number, number][] = [[a.id, tape.pick(ca)], [b.id, tape.pick(cb)]];
    q = { k: "join", a: a.id, b: b.id, on: [tape.pick(ca), tape.pick(cb)], cols: sel };
    cols = ["l", "r"];
  } else if (pick === 2 && s.views.length > 0) {
    q = { k: "view", v: tape.pick(s.views).id, agg: tape.chance(50) };
  } else {
    const t = tape.pick(s.tables);
    const all = t.cols.map((c) => c.id);
    const star = tape.chance(30);
    const chosen = star ? "*" : tape.subset(all, 1);
    q = { k: "table", t: t.id, cols: chosen, where: tape.chance(40) ? whereExpr(tape, all) : null };
    if (chosen !== "*" && tape.chance(30)) cols = chosen.map((_, k) => `v${k}`);
  }
  const view: GView = { id: id(ctx), name: freshObjectName(tape, ctx.objects), cols, q };
  s.views.push(view);
}

/** Adds a random trigger on a table (BEFORE/AFTER) or a view (INSTEAD OF). */
export function addTrigger(ctx: Ctx): void {
  const { tape, s } = ctx;
  const onView = s.views.length > 0 && tape.chance(20);
  const target = onView ? { k: "view" as const, id: tape.pick(s.views).id } : { k: "table" as const, id: tape.pick(s.tables).id };
  const event = tape.pick(["INSERT", "UPDATE", "DELETE"] as const);
  const on = onView ? null : s.tables.find((t) => t.id === target.id)!;
  const cols = on === null ? [] : on.cols.map((c) => c.id);
  const prefix = event === "DELETE" ? "OLD" : "NEW";
  const body: Stmt[] = [];
  for (let k = 1 + tape.int(2); k > 0; k--) {
    const other = tape.pick(s.tables);
    const oc = other.cols.filter((c) => c.gen === null).map((c) => c.id);
    const value = on !== null && cols.length > 0 && tape.chance(60) ? anyExpr(tape, cols, 1, prefix) : anyExpr(tape, [], 0);
    switch (tape.int(4)) {
      case 0:
        if (oc.length > 0) body.push({ k: "update", t: other.id, set: tape.pick(oc), value, where: tape.chance(50) ? whereExpr(tape, oc) : null });
        break;
      case 1:
        if (oc.length > 0) body.push({ k: "insert", t: other.id, cols: [tape.pick(oc)], values: [value] });
        break;
      case 2:
        body.push({ k: "delete", t: other.id, where: whereExpr(tape, other.cols.map((c) => c.id)) });
        break;
      default:
        body.push({ k: "raise", where: on !== null && cols.length > 0 ? whereExpr(tape, cols, prefix) : { k: "lit", sql: "0" } });
    }
  }
  if (body.length === 0) body.push({ k: "raise", where: { k: "lit", sql: "0" } });
  const trigger: GTrigger = {
    id: id(ctx),
    name: freshObjectName(tape, ctx.triggers),
    on: target,
    timing: onView ? "INSTEAD OF" : tape.pick(["AFTER", "BEFORE"] as const),
    event,
    of: event === "UPDATE" && on !== null && tape.chance(30) ? tape.subset(cols, 1, 2) : [],
    when: on !== null && tape.chance(30) ? whereExpr(tape, cols, prefix) : null,
    body,
  };
  s.triggers.push(trigger);
}

/** Adds an FTS4 virtual table (opaque to schemadiff; its shadow tables are ordinary tables). */
export function addVtab(ctx: Ctx): void {
  const name = freshObjectName(ctx.tape, ctx.objects);
  // Shadow tables take `<name>_content`, `_segments`, ...: reserve the prefix.
  for (const suffix of ["_content", "_segments", "_segdir", "_docsize", "_stat"]) ctx.objects.add(fold(`${name}${suffix}`));
  ctx.s.vtabs.push({ id: id(ctx), name, cols: ["title", "body"].slice(0, 1 + ctx.tape.int(2)) });
}

/** Context over an existing schema (for mutations): every current name taken. */
export function contextFor(tape: Tape, s: GSchema): Ctx {
  const lower = fold;
  const objects = new Set<string>([
    ...s.tables.map((t) => lower(t.name)),
    ...s.tables.flatMap((t) => t.indexes.map((i) => lower(i.name))),
    ...s.views.map((v) => lower(v.name)),
    ...s.vtabs.flatMap((v) => ["", "_content", "_segments", "_segdir", "_docsize", "_stat"].map((x) => lower(v.name + x))),
  ]);
  return { tape, s, objects, triggers: new Set(s.triggers.map((t) => lower(t.name))) };
}
