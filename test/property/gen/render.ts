/**
 * Specs -> SQL (the generators' own DDL writer, in varied styles, independent of
 * src/sqlite/render.ts) and specs -> the tool's model (for toYaml).
 */
import type { Column, ForeignKey, Index, Schema, Table, Trigger, View, VirtualTable } from "../../../src/model.js";
import { isPlain } from "./names.js";
import type { Expr, GCol, GSchema, GTable, GTrigger, GView, Stmt, Tape } from "./spec.js";

/** How a SQL text is spelled: every choice here must leave the meaning alone. */
export interface Style {
  readonly lower: boolean;
  readonly bare: boolean;
  readonly quote: "dq" | "bracket" | "backtick";
  readonly inlineRefs: boolean;
  readonly inlineUnique: boolean;
  readonly inlinePk: boolean;
  readonly comments: boolean;
  readonly forEachRow: boolean;
  readonly shortGenerated: boolean;
}

/** The canonical-looking style used for model text. */
export const PLAIN_STYLE: Style = { lower: false, bare: false, quote: "dq", inlineRefs: false, inlineUnique: false, inlinePk: true, comments: false, forEachRow: false, shortGenerated: false };

/** A random style. */
export function randomStyle(tape: Tape): Style {
  return {
    lower: tape.chance(40),
    bare: tape.chance(50),
    quote: tape.pick(["dq", "dq", "bracket", "backtick"] as const),
    inlineRefs: tape.chance(50),
    inlineUnique: tape.chance(50),
    inlinePk: !tape.chance(30),
    comments: tape.chance(20),
    forEachRow: tape.chance(30),
    shortGenerated: tape.chance(30),
  };
}

/** The DDL of a schema, in the order it can run: tables, indexes, (rows go here), views, triggers. */
export interface Ddl {
  readonly tables: string[];
  readonly indexes: string[];
  readonly views: string[];
  readonly triggers: string[];
}

/** Renders `s` as SQL in `style`; `prefix` qualifies created objects (`ref.` for an attached schema). */
export function renderDdl(s: GSchema, style: Style, prefix = ""): Ddl {
  const w = new Writer(s, style);
  return {
    tables: [...s.tables.map((t) => w.table(t, prefix)), ...s.vtabs.map((v) => `${w.kw("CREATE VIRTUAL TABLE")} ${prefix}${w.id(v.name)} ${w.kw("USING")} fts4(${v.cols.join(", ")})`)],
    indexes: s.tables.flatMap((t) => t.indexes.map((i) => `${w.kw(`CREATE ${i.unique ? "UNIQUE " : ""}INDEX`)} ${prefix}${w.id(i.name)} ${w.kw("ON")} ${w.id(t.name)} (${i.keys.map((k) => w.key(t, k)).join(", ")})${i.where === null ? "" : ` ${w.kw("WHERE")} ${w.expr(i.where, t)}`}`)),
    views: s.views.map((v) => w.view(v, prefix)),
    triggers: s.triggers.map((t) => w.trigger(t, prefix)),
  };
}

class Writer {
  constructor(
    private readonly s: GSchema,
    private readonly style: Style,
  ) {}

  kw(text: string): string {
    return this.style.lower ? text.toLowerCase() : text;
  }

  id(name: string): string {
    if (this.style.bare && isPlain(name)) return name;
    if (this.style.quote === "bracket" && !name.includes("]")) return `[${name}]`;
    if (this.style.quote === "backtick" && !name.includes("`")) return `\`${name}\``;
    return `"${name.replaceAll('"', '""')}"`;
  }

  private table_(id: number): GTable {
    return this.s.tables.find((t) => t.id === id)!;
  }

  private colName(t: GTable, id: number): string {
    return t.cols.find((c) => c.id === id)!.name;
  }

  /** Column names are looked up in `t`, or in the trigger's table for NEW/OLD, or by alias for joins. */
  expr(e: Expr, t: GTable | undefined, own?: GTable, aliases?: ReadonlyMap<number, string>): string {
    const sub = (x: Expr): string => (x.k === "bin" ? `(${this.expr(x, t, own, aliases)})` : this.expr(x, t, own, aliases));
    switch (e.k) {
      case "col": {
        if (e.prefix !== undefined) return `${this.kw(e.prefix)}.${this.id(this.colName(own!, e.id))}`;
        const owner = e.table !== undefined ? this.table_(e.table) : t!;
        const alias = e.table !== undefined ? aliases?.get(e.table) : undefined;
        return `${alias === undefined ? "" : `${alias}.`}${this.id(this.colName(owner, e.id))}`;
      }
      case "lit":
        return /^[A-Za-z]/.test(e.sql) && !e.sql.startsWith("X'") ? this.kw(e.sql) : e.sql;
      case "bin":
        return `${sub(e.l)} ${/^[A-Z]+$/.test(e.op) ? this.kw(e.op) : e.op} ${sub(e.r)}`;
      case "fn":
        return `${this.style.lower ? e.name : e.name.toUpperCase()}(${e.args.map((a) => this.expr(a, t, own, aliases)).join(", ")})`;
      case "post":
        return `${sub(e.e)} ${this.kw(e.op)}`;
      case "in":
        return `${sub(e.e)} ${this.kw("IN")} (${e.list.join(", ")})`;
    }
  }

  key(t: GTable, k: GTable["indexes"][number]["keys"][number]): string {
    let text = k.col !== null ? this.id(this.colName(t, k.col)) : k.expr!.k === "fn" || k.expr!.k === "col" ? this.expr(k.expr!, t) : `(${this.expr(k.expr!, t)})`;
    if (k.collate !== null) text += ` ${this.kw("COLLATE")} ${k.collate}`;
    return k.desc ? `${text} ${this.kw("DESC")}` : text;
  }

  private cname(name: string | null): string {
    return name === null ? "" : `${this.kw("CONSTRAINT")} ${this.id(name)} `;
  }

  private conflict(c: string | null): string {
    return c === null ? "" : ` ${this.kw(`ON CONFLICT ${c}`)}`;
  }

  table(t: GTable, prefix: string): string {
    const st = this.style;
    const pk = t.pk;
    const inlinePk = pk !== null && pk.cols.length === 1 && (pk.desc || pk.autoinc || st.inlinePk) ? pk.cols[0]! : null;
    const inlineUniques = new Map<number, GTable["uniques"][number]>();
    const tableUniques = t.uniques.filter((u) => {
      const inline = st.inlineUnique && u.cols.length === 1 && !inlineUniques.has(u.cols[0]!);
      if (inline) inlineUniques.set(u.cols[0]!, u);
      return !inline;
    });
    const inlineFks = new Map<number, GTable["fks"][number]>();
    const tableFks = t.fks.filter((fk) => {
      const inline = st.inlineRefs && fk.cols.length === 1 && !inlineFks.has(fk.cols[0]!);
      if (inline) inlineFks.set(fk.cols[0]!, fk);
      return !inline;
    });
    const parts = t.cols.map((c) => this.column(t, c, inlinePk === c.id, inlineUniques.get(c.id), inlineFks.get(c.id)));
    if (pk !== null && inlinePk === null) parts.push(`${this.cname(pk.name)}${this.kw("PRIMARY KEY")} (${pk.cols.map((id) => this.id(this.colName(t, id))).join(", ")})${this.conflict(pk.conflict)}`);
    for (const u of tableUniques) parts.push(`${this.cname(u.name)}${this.kw("UNIQUE")} (${u.cols.map((id) => this.id(this.colName(t, id))).join(", ")})${this.conflict(u.conflict)}`);
    for (const k of t.checks) parts.push(`${this.cname(k.name)}${this.kw("CHECK")} (${this.expr(k.expr, t)})`);
    for (const fk of tableFks) parts.push(`${this.cname(fk.name)}${this.kw("FOREIGN KEY")} (${fk.cols.map((id) => this.id(this.colName(t, id))).join(", ")}) ${this.references(fk)}`);
    const options = [...(t.wr ? ["WITHOUT ROWID"] : []), ...(t.strict ? ["STRICT"] : [])].map((o) => this.kw(o));
    const sep = st.comments ? ",\n  -- next\n  " : ",\n  ";
    return `${this.kw("CREATE TABLE")} ${prefix}${this.id(t.name)} (\n  ${parts.join(sep)}\n)${options.length > 0 ? ` ${options.join(", ")}` : ""}`;
  }

  private references(fk: GTable["fks"][number]): string {
    const parent = this.table_(fk.ref);
    let s = `${this.kw("REFERENCES")} ${this.id(parent.name)}`;
    if (fk.refCols !== null) s += ` (${fk.refCols.map((id) => this.id(this.colName(parent, id))).join(", ")})`;
    if (fk.onDelete !== "NO ACTION") s += ` ${this.kw(`ON DELETE ${fk.onDelete}`)}`;
    if (fk.onUpdate !== "NO ACTION") s += ` ${this.kw(`ON UPDATE ${fk.onUpdate}`)}`;
    if (fk.deferred) s += ` ${this.kw("DEFERRABLE INITIALLY DEFERRED")}`;
    return s;
  }

  private column(t: GTable, c: GCol, pk: boolean, unique: GTable["uniques"][number] | undefined, fk: GTable["fks"][number] | undefined): string {
    let s = this.id(c.name) + (c.type === "" ? "" : ` ${c.type}`);
    if (pk && t.pk !== null) {
      s += ` ${this.cname(t.pk.name)}${this.kw("PRIMARY KEY")}${t.pk.desc ? ` ${this.kw("DESC")}` : ""}${this.conflict(t.pk.conflict)}`;
      if (t.pk.autoinc) s += ` ${this.kw("AUTOINCREMENT")}`;
    }
    if (c.notNull) s += ` ${this.kw("NOT NULL")}`;
    if (c.dflt !== null) s += ` ${this.kw("DEFAULT")} ${c.dflt}`;
    if (c.collate !== null) s += ` ${this.kw("COLLATE")} ${c.collate}`;
    if (c.gen !== null) {
      const kind = c.gen.stored ? "STORED" : this.style.shortGenerated ? "" : "VIRTUAL";
      s += ` ${this.kw(this.style.shortGenerated ? "AS" : "GENERATED ALWAYS AS")} (${this.expr(c.gen.expr, t)})${kind === "" ? "" : ` ${this.kw(kind)}`}`;
    }
    for (const k of c.checks) s += ` ${this.cname(k.name)}${this.kw("CHECK")} (${this.expr(k.expr, t)})`;
    if (unique !== undefined) s += ` ${this.cname(unique.name)}${this.kw("UNIQUE")}${this.conflict(unique.conflict)}`;
    if (fk !== undefined) s += ` ${this.cname(fk.name)}${this.references(fk)}`;
    return s;
  }

  select(v: GView): string {
    const q = v.q;
    switch (q.k) {
      case "table": {
        const t = this.table_(q.t);
        const cols = q.cols === "*" ? "*" : q.cols.map((id) => this.id(this.colName(t, id))).join(", ");
        return `${this.kw("SELECT")} ${cols} ${this.kw("FROM")} ${this.id(t.name)}${q.where === null ? "" : ` ${this.kw("WHERE")} ${this.expr(q.where, t)}`}`;
      }
      case "join": {
        const [a, b] = [this.table_(q.a), this.table_(q.b)];
        return `${this.kw("SELECT")} l.${this.id(this.colName(a, q.cols[0]![1]))}, r.${this.id(this.colName(b, q.cols[1]![1]))} ${this.kw("FROM")} ${this.id(a.name)} ${this.kw("AS")} l ${this.kw("JOIN")} ${this.id(b.name)} ${this.kw("AS")} r ${this.kw("ON")} l.${this.id(this.colName(a, q.on[0]))} = r.${this.id(this.colName(b, q.on[1]))}`;
      }
      case "view": {
        const w = this.s.views.find((x) => x.id === q.v)!;
        return q.agg ? `${this.kw("SELECT")} count(*) ${this.kw("AS")} n ${this.kw("FROM")} ${this.id(w.name)}` : `${this.kw("SELECT")} * ${this.kw("FROM")} ${this.id(w.name)}`;
      }
    }
  }

  view(v: GView, prefix: string): string {
    const cols = v.cols === null ? "" : ` (${v.cols.map((c) => this.id(c)).join(", ")})`;
    return `${this.kw("CREATE VIEW")} ${prefix}${this.id(v.name)}${cols} ${this.kw("AS")} ${this.select(v)}`;
  }

  stmt(st: Stmt, own: GTable | undefined): string {
    switch (st.k) {
      case "update": {
        const t = this.table_(st.t);
        return `${this.kw("UPDATE")} ${this.id(t.name)} ${this.kw("SET")} ${this.id(this.colName(t, st.set))} = ${this.expr(st.value, t, own)}${st.where === null ? "" : ` ${this.kw("WHERE")} ${this.expr(st.where, t, own)}`};`;
      }
      case "insert": {
        const t = this.table_(st.t);
        return `${this.kw("INSERT INTO")} ${this.id(t.name)} (${st.cols.map((id) => this.id(this.colName(t, id))).join(", ")}) ${this.kw("VALUES")} (${st.values.map((v) => this.expr(v, t, own)).join(", ")});`;
      }
      case "delete": {
        const t = this.table_(st.t);
        return `${this.kw("DELETE FROM")} ${this.id(t.name)} ${this.kw("WHERE")} ${this.expr(st.where, t, own)};`;
      }
      case "raise":
        return `${this.kw("SELECT RAISE(ABORT, 'refused') WHERE")} ${this.expr(st.where, undefined, own)};`;
    }
  }

  body(tr: GTrigger): string {
    const own = tr.on.k === "table" ? this.table_(tr.on.id) : undefined;
    return tr.body.map((st) => this.stmt(st, own)).join("\n");
  }

  trigger(tr: GTrigger, prefix: string): string {
    const own = tr.on.k === "table" ? this.table_(tr.on.id) : undefined;
    const onName = own?.name ?? this.s.views.find((v) => v.id === tr.on.id)!.name;
    const of = tr.of.length > 0 ? ` ${this.kw("OF")} ${tr.of.map((id) => this.id(this.colName(own!, id))).join(", ")}` : "";
    const each = this.style.forEachRow ? ` ${this.kw("FOR EACH ROW")}` : "";
    const when = tr.when === null ? "" : ` ${this.kw("WHEN")} ${this.expr(tr.when, undefined, own)}`;
    return `${this.kw("CREATE TRIGGER")} ${prefix}${this.id(tr.name)} ${this.kw(`${tr.timing} ${tr.event}`)}${of} ${this.kw("ON")} ${this.id(onName)}${each}${when} ${this.kw("BEGIN")}\n${this.body(tr)}\n${this.kw("END")}`;
  }

  model(): Schema {
    const s = this.s;
    const byName = <T extends { name: string }>(xs: T[]): T[] => xs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return {
      tables: byName(s.tables.map((t) => this.tableModel(t))),
      views: byName(s.views.map((v): View => ({ name: v.name, columns: v.cols, select: this.select(v) }))),
      triggers: byName(s.triggers.map((tr): Trigger => this.triggerModel(tr))),
      virtualTables: byName(s.vtabs.map((v): VirtualTable => ({ name: v.name, module: "fts4", sql: `CREATE VIRTUAL TABLE ${this.id(v.name)} USING fts4(${v.cols.join(", ")})` }))),
    };
  }

  private tableModel(t: GTable): Table {
    const names = (ids: readonly number[]): string[] => ids.map((id) => this.colName(t, id));
    const columns = t.cols.map(
      (c): Column => ({
        name: c.name,
        type: c.type,
        notNull: c.notNull,
        default: c.dflt,
        collate: c.collate,
        generated: c.gen === null ? null : { expr: this.expr(c.gen.expr, t), stored: c.gen.stored },
        checks: c.checks.map((k) => ({ name: k.name, expr: this.expr(k.expr, t) })),
      }),
    );
    const foreignKeys = t.fks.map((fk): ForeignKey => {
      const parent = this.table_(fk.ref);
      return { name: fk.name, columns: names(fk.cols), refTable: parent.name, refColumns: fk.refCols === null ? [] : fk.refCols.map((id) => this.colName(parent, id)), onDelete: fk.onDelete, onUpdate: fk.onUpdate, deferred: fk.deferred };
    });
    const indexes = t.indexes.map(
      (i): Index => ({
        name: i.name,
        table: t.name,
        unique: i.unique,
        keys: i.keys.map((k) => ({ column: k.col === null ? null : this.colName(t, k.col), expr: k.expr === null ? null : this.expr(k.expr, t), collate: k.collate, desc: k.desc })),
        where: i.where === null ? null : this.expr(i.where, t),
      }),
    );
    return {
      name: t.name,
      columns,
      primaryKey: t.pk === null ? null : { name: t.pk.name, columns: names(t.pk.cols), autoincrement: t.pk.autoinc, desc: t.pk.desc, onConflict: t.pk.conflict },
      uniques: t.uniques.map((u) => ({ name: u.name, columns: names(u.cols), onConflict: u.conflict })),
      checks: t.checks.map((k) => ({ name: k.name, expr: this.expr(k.expr, t) })),
      foreignKeys,
      indexes: indexes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      strict: t.strict,
      withoutRowid: t.wr,
    };
  }

  private triggerModel(tr: GTrigger): Trigger {
    const own = tr.on.k === "table" ? this.table_(tr.on.id) : undefined;
    return {
      name: tr.name,
      table: own?.name ?? this.s.views.find((v) => v.id === tr.on.id)!.name,
      timing: tr.timing,
      event: tr.event,
      ofColumns: tr.of.map((id) => this.colName(own!, id)),
      when: tr.when === null ? null : this.expr(tr.when, undefined, own),
      body: this.body(tr),
    };
  }
}

/** The tool's model of `s` (what toYaml takes). */
export function toModel(s: GSchema): Schema {
  return new Writer(s, PLAIN_STYLE).model();
}
