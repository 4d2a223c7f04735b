/** Random mutations A -> B, and the renamed_from hints that go with the hinted renames. */
import { checkExpr, generatedExpr, whereExpr } from "./exprs.js";
import { freshName, freshObjectName } from "./names.js";
import { repair } from "./repair.js";
import { ACTIONS, addForeignKey, addIndex, addTrigger, addView, addVtab, COLLATIONS, CONFLICTS, contextFor, DEFAULTS, genColumn, genPrimaryKey, genSchema, genTable, STRICT_TYPES, TYPES, type Ctx } from "./schema.js";
import { cloneSchema, fold, type GSchema, type Tape } from "./spec.js";

/** renamed_from hints by name: new -> old; and backfills. */
export interface RenameHints {
  readonly tables: Map<string, string>;
  /** Keyed by the table's new name. */
  readonly columns: Map<string, Map<string, string>>;
  /** Table -> new column -> backfill expression (over columns A and B share unchanged). */
  readonly backfills?: Map<string, Map<string, string>>;
}

/** B and its hints. */
export interface Mutated {
  readonly b: GSchema;
  readonly hints: RenameHints;
  /** The mutations applied, for the reproducer. */
  readonly log: string[];
}

/** Mutates a copy of `a` (or, now and then, draws an unrelated B). */
export function mutate(tape: Tape, a: GSchema): Mutated {
  if (tape.chance(8)) return { b: genSchema(tape), hints: { tables: new Map(), columns: new Map() }, log: ["unrelated schema"] };
  const b = cloneSchema(a);
  const ctx = contextFor(tape, b);
  const hinted = new Set<number>();
  const log: string[] = [];
  // A few pairs stay identical: dump-equivalence (A's own schema must be no drift).
  for (let k = tape.chance(95) ? 1 + tape.int(5) : 0; k > 0; k--) log.push(mutateOnce(ctx, hinted));
  repair(b);
  const hints = hintsFor(a, b, hinted);
  return { b, hints: { ...hints, backfills: backfillsFor(tape, a, b, hints) }, log };
}

/**
 * Backfills for some of B's new columns: an expression over columns A and B share by name with
 * the same type and no generation, so the oracle can evaluate it over A's rows.
 */
function backfillsFor(tape: Tape, a: GSchema, b: GSchema, hints: RenameHints): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const q = (n: string): string => `"${n.replaceAll('"', '""')}"`;
  for (const tb of b.tables) {
    const ta = a.tables.find((t) => t.name === (hints.tables.get(tb.name) ?? tb.name));
    if (ta === undefined) continue;
    const renamed = hints.columns.get(tb.name) ?? new Map<string, string>();
    const stable = tb.cols.filter((c) => {
      const from = ta.cols.find((x) => x.name === c.name);
      return from !== undefined && !renamed.has(c.name) && c.gen === null && from.gen === null && from.type === c.type;
    });
    for (const c of tb.cols) {
      if (c.gen !== null || ta.cols.some((x) => fold(x.name) === fold(c.name)) || renamed.has(c.name) || !tape.chance(c.notNull ? 60 : 20)) continue;
      const s = stable.length > 0 ? q(tape.pick(stable).name) : null;
      const expr = s === null ? tape.pick(["'x'", "0", "1.5"]) : tape.pick([`coalesce(${s}, 0)`, `${s} || ''`, `length(${s})`, "'x'", `typeof(${s})`]);
      if (!out.has(tb.name)) out.set(tb.name, new Map());
      out.get(tb.name)!.set(c.name, expr);
    }
  }
  return out;
}

/** `name` with the letter case of its ASCII letters flipped (the same name to SQLite), or null. */
function caseVariant(name: string): string | null {
  const flipped = name.replace(/[A-Za-z]/g, (ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase()));
  return flipped === name ? null : flipped;
}

function mutateOnce(ctx: Ctx, hinted: Set<number>): string {
  const { tape, s } = ctx;
  // Kinds 29 and up add a column too: new columns carry most of the data-dependent rules.
  const drawn = tape.int(33);
  const kind = drawn >= 29 ? 3 : drawn;
  if (kind === 0 || s.tables.length === 0) {
    const t = genTable(ctx);
    s.tables.push(t);
    return `add table ${t.name}`;
  }
  const t = tape.pick(s.tables);
  const colTaken = (): Set<string> => new Set(t.cols.map((c) => fold(c.name)));
  const c = tape.pick(t.cols);
  switch (kind) {
    case 1:
      s.tables = s.tables.filter((x) => x !== t);
      return `drop table ${t.name}`;
    case 2: {
      const old = t.name;
      t.name = freshObjectName(tape, ctx.objects);
      if (tape.chance(75)) hinted.add(t.id);
      return `rename table ${old} -> ${t.name}${hinted.has(t.id) ? " (hinted)" : ""}`;
    }
    case 3: {
      const col = genColumn(ctx, t, colTaken());
      t.cols.splice(tape.chance(70) ? t.cols.length : tape.int(t.cols.length + 1), 0, col);
      return `add column ${t.name}.${col.name}`;
    }
    case 4:
      if (t.cols.length > 1) t.cols = t.cols.filter((x) => x !== c);
      return `drop column ${t.name}.${c.name}`;
    case 5: {
      const old = c.name;
      c.name = freshName(tape, colTaken());
      if (tape.chance(75)) hinted.add(c.id);
      return `rename column ${t.name}.${old} -> ${c.name}${hinted.has(c.id) ? " (hinted)" : ""}`;
    }
    case 6:
      c.type = t.strict ? tape.pick(STRICT_TYPES) : tape.pick(TYPES);
      return `type ${t.name}.${c.name} = ${c.type}`;
    case 7:
      c.notNull = !c.notNull;
      return `not null ${t.name}.${c.name} = ${c.notNull}`;
    case 8:
      c.dflt = tape.chance(30) ? null : tape.pick(DEFAULTS);
      return `default ${t.name}.${c.name} = ${c.dflt}`;
    case 9:
      c.collate = tape.chance(30) ? null : tape.pick(COLLATIONS);
      return `collate ${t.name}.${c.name} = ${c.collate}`;
    case 10:
      if (c.checks.length > 0 && tape.chance(50)) c.checks.pop();
      else c.checks.push({ name: null, expr: checkExpr(tape, [c.id]) });
      return `column check ${t.name}.${c.name}`;
    case 11: {
      const ordinary = t.cols.filter((x) => x.gen === null && x !== c).map((x) => x.id);
      c.gen = c.gen !== null || ordinary.length === 0 ? null : { expr: generatedExpr(tape, ordinary), stored: tape.chance(50) };
      return `generated ${t.name}.${c.name}`;
    }
    case 12:
      genPrimaryKey(ctx, t);
      return `primary key of ${t.name}`;
    case 13:
      if (t.pk !== null) t.pk.autoinc = !t.pk.autoinc;
      return `autoincrement of ${t.name}`;
    case 14:
      t.strict = !t.strict;
      return `strict ${t.name} = ${t.strict}`;
    case 15:
      t.wr = !t.wr;
      return `without rowid ${t.name} = ${t.wr}`;
    case 16: {
      const ordinary = t.cols.filter((x) => x.gen === null).map((x) => x.id);
      if (t.uniques.length > 0 && tape.chance(50)) t.uniques.splice(tape.int(t.uniques.length), 1);
      else t.uniques.push({ name: null, cols: tape.subset(ordinary, 1, 2), conflict: tape.chance(20) ? tape.pick(CONFLICTS) : null });
      return `unique on ${t.name}`;
    }
    case 17:
      if (t.checks.length > 0 && tape.chance(50)) t.checks.splice(tape.int(t.checks.length), 1);
      else t.checks.push({ name: tape.chance(30) ? `ck_${s.nextId++}` : null, expr: checkExpr(tape, t.cols.map((x) => x.id)) });
      return `table check on ${t.name}`;
    case 18:
      if (t.fks.length > 0 && tape.chance(50)) t.fks.splice(tape.int(t.fks.length), 1);
      else addForeignKey(ctx, t);
      return `foreign key on ${t.name}`;
    case 19: {
      const fk = t.fks[0];
      if (fk !== undefined) {
        fk.onDelete = tape.pick(ACTIONS);
        fk.onUpdate = tape.pick(ACTIONS);
        fk.deferred = tape.chance(30);
      }
      return `foreign key actions on ${t.name}`;
    }
    case 20:
      if (t.indexes.length > 0 && tape.chance(50)) t.indexes.splice(tape.int(t.indexes.length), 1);
      else addIndex(ctx, t);
      return `index on ${t.name}`;
    case 21: {
      const i = t.indexes[0];
      if (i !== undefined) {
        if (tape.chance(50)) i.unique = !i.unique;
        else i.where = i.where === null ? whereExpr(tape, t.cols.map((x) => x.id)) : null;
      }
      return `change index on ${t.name}`;
    }
    case 22:
      if (s.views.length > 0 && tape.chance(50)) s.views.splice(tape.int(s.views.length), 1);
      else addView(ctx);
      return "add or drop a view";
    case 23:
      if (s.triggers.length > 0 && tape.chance(50)) s.triggers.splice(tape.int(s.triggers.length), 1);
      else addTrigger(ctx);
      return "add or drop a trigger";
    case 24: {
      const order = tape.subset(t.cols, t.cols.length);
      t.cols = order;
      return `reorder columns of ${t.name}`;
    }
    case 25:
      for (const x of [t.pk, ...t.uniques, ...t.fks, ...t.checks]) if (x !== null && tape.chance(50)) x.name = x.name === null ? `n_${s.nextId++}` : null;
      return `constraint names on ${t.name}`;
    case 26:
      if (s.vtabs.length > 0 && tape.chance(50)) s.vtabs.pop();
      else addVtab(ctx);
      return "add or drop a virtual table";
    case 27: {
      const old = c.name;
      c.name = caseVariant(c.name) ?? c.name;
      return `rename column ${t.name}.${old} -> ${c.name} (letter case only)`;
    }
    default: {
      const old = t.name;
      t.name = caseVariant(t.name) ?? t.name;
      return `rename table ${old} -> ${t.name} (letter case only)`;
    }
  }
}

/** Hints for hinted renames, where the tool's rules let them apply (no name reused either way). */
function hintsFor(a: GSchema, b: GSchema, hinted: ReadonlySet<number>): RenameHints {
  const tables = new Map<string, string>();
  const columns = new Map<string, Map<string, string>>();
  const aNames = new Set([...a.tables, ...a.views].map((x) => fold(x.name)));
  const bNames = new Set([...b.tables, ...b.views].map((x) => fold(x.name)));
  for (const tb of b.tables) {
    const ta = a.tables.find((x) => x.id === tb.id);
    if (ta === undefined) continue;
    if (ta.name !== tb.name && hinted.has(tb.id) && !aNames.has(fold(tb.name)) && !bNames.has(fold(ta.name))) tables.set(tb.name, ta.name);
    // Column renames only where the table is matched (same name or a hinted rename).
    if (ta.name !== tb.name && !tables.has(tb.name)) continue;
    const aCols = new Set(ta.cols.map((c) => fold(c.name)));
    const bCols = new Set(tb.cols.map((c) => fold(c.name)));
    for (const cb of tb.cols) {
      const ca = ta.cols.find((x) => x.id === cb.id);
      if (ca === undefined || ca.name === cb.name || !hinted.has(cb.id) || aCols.has(fold(cb.name)) || bCols.has(fold(ca.name))) continue;
      if (!columns.has(tb.name)) columns.set(tb.name, new Map());
      columns.get(tb.name)!.set(cb.name, ca.name);
    }
  }
  return { tables, columns };
}
