/**
 * Model -> DDL. Works on introspected (canonical) models and on declared ones straight from
 * the YAML loader, whose SQL text fields hold what the user wrote: such text is emitted verbatim
 * and SQLite decides what it means. Every identifier goes through quoteIdent.
 */
import type { Column, ForeignKey, Index, IndexKey, PrimaryKey, Schema, Table, Trigger, UniqueConstraint, View, VirtualTable } from "../model.js";
import { isPrimaryExpr, matchingParen } from "./canonical.js";
import { viewCreationOrder } from "./dependencies.js";
import { quoteIdent, quoteIdentIfNeeded } from "./quote.js";
import { tokenize, tokenizeChecked } from "./tokenize.js";

const list = (names: readonly string[]): string => names.map(quoteIdent).join(", ");
const constraintName = (name: string | null): string => (name === null ? "" : `CONSTRAINT ${quoteIdent(name)} `);
const conflict = (c: string | null): string => (c === null ? "" : ` ON CONFLICT ${c}`);
const collation = (c: string | null): string => (c === null ? "" : ` COLLATE ${quoteIdentIfNeeded(c)}`);

/** CREATE TABLE for `table`, named `name` (the rebuild's temporary table) when given. */
export function renderCreateTable(table: Table, name: string = table.name): string {
  const pk = table.primaryKey;
  // A one-column key is written on its column: AUTOINCREMENT needs that, and PRIMARY KEY DESC
  // means something else at table level (https://www.sqlite.org/lang_createtable.html#rowid).
  const inline = pk !== null && pk.columns.length === 1 && table.columns.some((c) => c.name === pk.columns[0]) ? pk : null;
  const parts = table.columns.map((c) => renderColumn(c, inline !== null && inline.columns[0] === c.name ? inline : null));
  if (pk !== null && inline === null) parts.push(`${constraintName(pk.name)}PRIMARY KEY (${list(pk.columns)})${conflict(pk.onConflict)}`);
  parts.push(...table.uniques.map(renderUnique));
  parts.push(...table.checks.map((c) => `${constraintName(c.name)}CHECK (${c.expr})`));
  parts.push(...table.foreignKeys.map(renderForeignKey));
  const options = [...(table.withoutRowid ? ["WITHOUT ROWID"] : []), ...(table.strict ? ["STRICT"] : [])];
  return `CREATE TABLE ${quoteIdent(name)} (\n  ${parts.join(",\n  ")}\n)${options.length > 0 ? ` ${options.join(", ")}` : ""}`;
}

function renderColumn(c: Column, pk: PrimaryKey | null): string {
  let s = quoteIdent(c.name) + (c.type === "" ? "" : ` ${c.type}`);
  if (pk !== null) {
    s += ` ${constraintName(pk.name)}PRIMARY KEY${pk.desc ? " DESC" : ""}${conflict(pk.onConflict)}`;
    if (pk.autoincrement) s += " AUTOINCREMENT";
  }
  if (c.notNull) s += " NOT NULL";
  if (c.default !== null) s += ` DEFAULT ${defaultTerm(c.default)}`;
  s += collation(c.collate);
  if (c.generated !== null) s += ` GENERATED ALWAYS AS (${c.generated.expr}) ${c.generated.stored ? "STORED" : "VIRTUAL"}`;
  for (const check of c.checks) s += ` ${constraintName(check.name)}CHECK (${check.expr})`;
  return s;
}

/**
 * DEFAULT takes only a literal, a signed number or a parenthesised expression
 * (https://www.sqlite.org/lang_createtable.html#dfltval); anything else is parenthesised, so
 * the text can never run on into further column constraints.
 */
function defaultTerm(text: string): string {
  const t = tokenize(text);
  const single = t.length === 1 && t[0].kind !== "lparen" && t[0].kind !== "op";
  const signed = t.length === 2 && t[0].kind === "op" && (t[0].text === "-" || t[0].text === "+") && t[1].kind === "number";
  const wrapped = t.length >= 2 && t[0].kind === "lparen" && matchingParen(t, 0) === t.length - 1;
  return single || signed || wrapped ? text : `(${text})`;
}

function renderUnique(u: UniqueConstraint): string {
  return `${constraintName(u.name)}UNIQUE (${list(u.columns)})${conflict(u.onConflict)}`;
}

function renderForeignKey(fk: ForeignKey): string {
  let s = `${constraintName(fk.name)}FOREIGN KEY (${list(fk.columns)}) REFERENCES ${quoteIdent(fk.refTable)}`;
  if (fk.refColumns.length > 0) s += ` (${list(fk.refColumns)})`;
  if (fk.onDelete !== "NO ACTION") s += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== "NO ACTION") s += ` ON UPDATE ${fk.onUpdate}`;
  if (fk.deferred) s += " DEFERRABLE INITIALLY DEFERRED";
  return s;
}

/** CREATE INDEX for `index`, on `table` (the rebuild's temporary name) when given. */
export function renderCreateIndex(index: Index, table: string = index.table): string {
  const where = index.where === null ? "" : ` WHERE ${index.where}`;
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${quoteIdent(index.name)} ON ${quoteIdent(table)} (${index.keys.map(renderKey).join(", ")})${where}`;
}

function renderKey(k: IndexKey): string {
  const expr = k.expr ?? "";
  // COLLATE after `a + b` would collate only `b`: the whole expression needs parentheses.
  const term = k.column !== null ? quoteIdent(k.column) : k.collate !== null && !isPrimaryExpr(tokenize(expr)) ? `(${expr})` : expr;
  return `${term}${collation(k.collate)}${k.desc ? " DESC" : ""}`;
}

/** CREATE VIEW. */
export function renderCreateView(view: View): string {
  const columns = view.columns === null ? "" : ` (${list(view.columns)})`;
  return `CREATE VIEW ${quoteIdent(view.name)}${columns} AS ${view.select}`;
}

/** CREATE TRIGGER; the body is emitted as written, each statement already ending in `;`. */
export function renderCreateTrigger(trigger: Trigger): string {
  const of = trigger.ofColumns.length > 0 ? ` OF ${list(trigger.ofColumns)}` : "";
  const when = trigger.when === null ? "" : ` WHEN ${trigger.when}`;
  return `CREATE TRIGGER ${quoteIdent(trigger.name)} ${trigger.timing} ${trigger.event}${of} ON ${quoteIdent(trigger.table)}${when} BEGIN\n${terminated(trigger.body.trim())}\nEND`;
}

/** A declared body may omit the last `;` (or end in a -- comment, so it goes on its own line). */
function terminated(body: string): string {
  const { tokens, endsInLineComment } = tokenizeChecked(body);
  if (tokens.length === 0 || tokens[tokens.length - 1].kind === "semicolon") return body;
  return endsInLineComment ? `${body}\n;` : `${body};`;
}

/** CREATE VIRTUAL TABLE (kept whole in the model). */
export function renderCreateVirtualTable(v: VirtualTable): string {
  return v.sql;
}

/** Every statement that builds `schema` on an empty database, in an order that runs. */
export function renderSchema(schema: Schema): string[] {
  return [
    ...schema.tables.map((t) => renderCreateTable(t)),
    ...schema.tables.flatMap((t) => t.indexes.map((i) => renderCreateIndex(i))),
    ...schema.virtualTables.map(renderCreateVirtualTable),
    ...viewCreationOrder(schema.views).map(renderCreateView),
    ...schema.triggers.map(renderCreateTrigger),
  ];
}
