/** A table's YAML `indexes` -> model `Index`es (sorted by name) and their origins. */
import type { Index, IndexKey } from "../model.js";
import { compareNames } from "../sqlite/names.js";
import { indexTermError, singleExpressionError, tokenize } from "../sqlite/tokenize.js";
import type { Catalog, Problems } from "./catalog.js";
import type { IndexOrigin } from "./origins.js";
import { child, type SourceFile } from "./position.js";
import { indexLong, type TermLong } from "./shorthand.js";
import { isPrimaryExpr } from "./sql-text.js";

type Obj = Readonly<Record<string, unknown>>;

/** Builds the indexes of table `table` from its `indexes` map at `pointer`. */
export function buildIndexes(
  src: SourceFile,
  table: string,
  raw: Obj,
  pointer: string,
  catalog: Catalog,
  problems: Problems,
): { readonly indexes: Index[]; readonly origins: Map<string, IndexOrigin> } {
  const indexes: Index[] = [];
  const origins = new Map<string, IndexOrigin>();
  for (const [name, value] of Object.entries(raw)) {
    const p = child(pointer, name);
    const long = indexLong(value as unknown[] | Obj, p);
    const keys = long.terms.map((t) => indexKey(t, table, catalog, problems, src));
    let where: string | null = null;
    if (long.where !== null) {
      const error = singleExpressionError(long.where.value);
      if (error !== null) problems.add("SCHEMA_NOT_EXPRESSION", `an index WHERE is not one SQL expression: ${error}`, { src, pointer: long.where.pointer });
      where = long.where.value;
    }
    indexes.push({ name, table, unique: long.unique, keys, where });
    origins.set(name, {
      key: { src, pointer: p },
      terms: long.terms.map((t) => ({ src, pointer: t.pointer })),
      where: long.where === null ? null : { src, pointer: long.where.pointer },
    });
  }
  indexes.sort((a, b) => compareNames(a.name, b.name));
  return { indexes, origins };
}

/**
 * One index term. SQL text goes into `expr` verbatim (SQLite decides whether it is a column
 * once rendered; the introspector normalises), but a term that is just a name must name a
 * column: SQLite would otherwise index the string literal `"nope"` without complaint
 * (https://www.sqlite.org/quirks.html#dblquote).
 */
function indexKey(term: TermLong, table: string, catalog: Catalog, problems: Problems, src: SourceFile): IndexKey {
  const ref = { src, pointer: term.pointer };
  if (term.kind === "sql") {
    const error = indexTermError(term.sql);
    if (error !== null) problems.add("SCHEMA_NOT_EXPRESSION", `index term is not one expression: ${error}`, ref);
    else {
      const lone = loneName(term.sql);
      if (lone !== null) catalog.requireColumn(table, lone, ref);
    }
    return { column: null, expr: term.sql, collate: null, desc: false };
  }
  if ((term.column === null) === (term.expr === null)) {
    problems.add(
      term.column === null ? "SCHEMA_MISSING_KEY" : "SCHEMA_TYPE",
      "an index term needs exactly one of `column` and `expr`",
      ref,
    );
  }
  if (term.column !== null) catalog.requireColumn(table, term.column, { src, pointer: child(term.pointer, "column") });
  if (term.expr !== null) {
    const error = singleExpressionError(term.expr);
    if (error !== null) problems.add("SCHEMA_NOT_EXPRESSION", `index expression is not one expression: ${error}`, { src, pointer: child(term.pointer, "expr") });
  }
  // `{ expr: a + b, collate: X }` collates the whole term, which SQL spells `(a + b) COLLATE X`.
  const expr = term.column !== null || term.expr === null ? null : term.collate !== null && !isPrimaryExpr(term.expr) ? `(${term.expr})` : term.expr;
  return { column: term.column, expr, collate: term.collate, desc: term.desc };
}

/** The name in `name`, `"name" DESC` or `name COLLATE NOCASE ASC`; null for anything else. */
function loneName(sql: string): string | null {
  const tokens = tokenize(sql);
  let end = tokens.length;
  const last = tokens[end - 1];
  if (last?.kind === "keyword" && (last.value === "ASC" || last.value === "DESC")) end--;
  if (end >= 3 && tokens[end - 2].kind === "keyword" && tokens[end - 2].value === "COLLATE") end -= 2;
  return end === 1 && tokens[0].kind === "ident" ? tokens[0].value : null;
}
