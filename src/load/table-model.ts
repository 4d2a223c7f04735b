/** One YAML table (long or short form) -> a model `Table`, its indexes, origins and hints. */
import type { CheckConstraint, Column, ForeignKey, PrimaryKey, Table, UniqueConstraint } from "../model.js";
import { singleExpressionError } from "../sqlite/tokenize.js";
import { asciiLower as fold } from "../sqlite/names.js";
import type { Catalog, Problems } from "./catalog.js";
import { defaultToSql } from "./default-value.js";
import type { ColumnOrigin, IndexOrigin, Ref, TableOrigin } from "./origins.js";
import { child, orderedKeys, type SourceFile } from "./position.js";
import { buildIndexes } from "./index-model.js";
import { columnLong, foreignKeyLong, keyLong, type At, type ColumnLong, type KeyLong } from "./shorthand.js";
import { backfillSql, typeNameError } from "./sql-text.js";

/** A built table with everything the loader needs besides the model itself. */
export interface TableBuild {
  readonly table: Table;
  readonly origin: TableOrigin;
  readonly indexOrigins: ReadonlyMap<string, IndexOrigin>;
  readonly renamedFrom: At<string> | null;
  /** New column name -> old name. */
  readonly columnRenames: ReadonlyMap<string, At<string>>;
  /** Column -> SQL. */
  readonly backfills: ReadonlyMap<string, string>;
}

type Obj = Readonly<Record<string, unknown>>;

/** Column names of a raw table (for the catalog, before anything is built). */
export function columnNames(raw: Obj): string[] {
  return Object.keys((raw.columns as Obj | undefined) ?? {});
}

/** Builds one table, reporting every problem found on the way. */
export function buildTable(src: SourceFile, name: string, raw: Obj, pointer: string, catalog: Catalog, problems: Problems): TableBuild {
  const ref = (p: string): Ref => ({ src, pointer: p });
  const expression = (text: string, p: string, what: string): string => {
    const error = singleExpressionError(text);
    if (error !== null) problems.add("SCHEMA_NOT_EXPRESSION", `${what} is not one SQL expression: ${error}`, ref(p));
    return text;
  };

  const columnsPointer = child(pointer, "columns");
  const columnMap = raw.columns as Obj;
  const longs = orderedKeys(src, columnsPointer, columnMap).map((c) => columnLong(c, columnMap[c], child(columnsPointer, c)));
  const seen = new Map<string, ColumnLong>();
  for (const c of longs) {
    const prior = seen.get(fold(c.name));
    if (prior !== undefined) {
      problems.add("SCHEMA_DUPLICATE", `column \`${c.name}\` is declared twice in \`${name}\` (as \`${prior.name}\`; SQLite ignores case)`, ref(c.pointer), "key");
    }
    seen.set(fold(c.name), c);
  }

  const columns: Column[] = [];
  const columnOrigins = new Map<string, ColumnOrigin>();
  for (const c of longs) {
    if (c.type !== null && c.type.value !== "") {
      const error = typeNameError(c.type.value);
      if (error !== null) problems.add("SCHEMA_INVALID_SQL", `\`${c.type.value}\` is not a type name: ${error}`, ref(c.type.pointer));
    }
    let dflt: string | null = null;
    if (c.default !== null) {
      const value = c.default.value;
      if (typeof value === "number" && !Number.isFinite(value)) {
        problems.add("SCHEMA_TYPE", "a default number must be finite", ref(c.default.pointer));
      }
      const textPointer = typeof value === "object" && value !== null ? child(c.default.pointer, "sql") : c.default.pointer;
      dflt = expression(defaultToSql(value, src.numberText.get(c.default.pointer)), textPointer, "the default");
    }
    const checks: CheckConstraint[] = c.checks.map((k) => ({ name: k.name, expr: expression(k.expr.value, k.expr.pointer, "a check") }));
    const generated = c.generated === null ? null : { expr: expression(c.generated.value.expr.value, c.generated.value.expr.pointer, "a generated column"), stored: c.generated.value.stored };
    columns.push({ name: c.name, type: c.type?.value ?? "", notNull: c.notNull, default: dflt, collate: c.collate?.value ?? null, generated, checks });
    columnOrigins.set(c.name, {
      key: ref(c.pointer),
      type: c.type === null ? null : ref(c.type.pointer),
      default: c.default === null ? null : ref(c.default.pointer),
      collate: c.collate === null ? null : ref(c.collate.pointer),
      generated: c.generated === null ? null : ref(c.generated.value.expr.pointer),
      checks: c.checks.map((k) => ref(k.pointer)),
    });
  }

  const requireColumns = (cols: readonly At<string>[]): void => {
    for (const col of cols) catalog.requireColumn(name, col.value, ref(col.pointer));
  };

  // PRIMARY KEY: one column's `primary_key`, or the table's `primary_key`, never both.
  const pkColumns = longs.filter((c) => c.primaryKey !== null);
  const tablePk = Object.hasOwn(raw, "primary_key") ? keyLong(raw.primary_key as string[] | Obj, child(pointer, "primary_key")) : null;
  let primaryKey: PrimaryKey | null = null;
  let pkRef: Ref | null = null;
  for (const extra of pkColumns.slice(tablePk === null ? 1 : 0)) {
    problems.add(
      "SCHEMA_DUPLICATE",
      `table \`${name}\` has more than one primary key`,
      ref(extra.primaryKey!.pointer),
      "key",
      "for a composite key, write `primary_key: [a, b]` on the table instead",
    );
  }
  if (tablePk !== null) {
    requireColumns(tablePk.columns);
    primaryKey = { name: tablePk.name, columns: tablePk.columns.map((c) => c.value), autoincrement: false, desc: false, onConflict: tablePk.onConflict };
    pkRef = ref(tablePk.pointer);
  } else if (pkColumns.length > 0) {
    const c = pkColumns[0];
    const pk = c.primaryKey!;
    primaryKey = { name: pk.value.name, columns: [c.name], autoincrement: false, desc: pk.value.desc, onConflict: pk.value.onConflict };
    pkRef = ref(pk.pointer);
  }
  for (const c of longs) {
    if (c.autoincrement?.value !== true) continue;
    if (primaryKey !== null && primaryKey.columns.length === 1 && fold(primaryKey.columns[0]) === fold(c.name)) {
      primaryKey = { ...primaryKey, autoincrement: true };
    } else {
      problems.add("SCHEMA_INVALID_SQL", `AUTOINCREMENT is only allowed on an INTEGER PRIMARY KEY (\`${c.name}\` is not the table's whole primary key)`, ref(c.autoincrement.pointer), "key");
    }
  }

  // Column-level constraints first (in column order), then the table-level lists.
  const uniques: UniqueConstraint[] = [];
  const uniqueRefs: Ref[] = [];
  for (const c of longs) {
    if (c.unique?.value === true) {
      uniques.push({ name: null, columns: [c.name], onConflict: null });
      uniqueRefs.push(ref(c.unique.pointer));
    }
  }
  ((raw.unique as unknown[] | undefined) ?? []).forEach((u, i) => {
    const k: KeyLong = keyLong(u as string[] | Obj, child(pointer, "unique", i));
    requireColumns(k.columns);
    uniques.push({ name: k.name, columns: k.columns.map((c) => c.value), onConflict: k.onConflict });
    uniqueRefs.push(ref(k.pointer));
  });

  const checks: CheckConstraint[] = [];
  const checkRefs: Ref[] = [];
  ((raw.checks as unknown[] | undefined) ?? []).forEach((item, i) => {
    const p = child(pointer, "checks", i);
    const obj = typeof item === "string" ? { expr: item } : (item as Obj);
    const exprPointer = typeof item === "string" ? p : child(p, "expr");
    checks.push({ name: (obj.name as string | undefined) ?? null, expr: expression(obj.expr as string, exprPointer, "a check") });
    checkRefs.push(ref(p));
  });

  const foreignKeys: ForeignKey[] = [];
  const fkRefs: Ref[] = [];
  for (const c of longs) {
    const r = c.references;
    if (r === null) continue;
    if (catalog.requireParent(r.table.value, ref(r.table.pointer), `column \`${c.name}\` references`) && r.column !== null) {
      catalog.requireColumn(r.table.value, r.column.value, ref(r.column.pointer));
    }
    foreignKeys.push({ name: r.name, columns: [c.name], refTable: r.table.value, refColumns: r.column === null ? [] : [r.column.value], onDelete: r.onDelete, onUpdate: r.onUpdate, deferred: r.deferred });
    fkRefs.push(ref(r.pointer));
  }
  ((raw.foreign_keys as Obj[] | undefined) ?? []).forEach((item, i) => {
    const fk = foreignKeyLong(item, child(pointer, "foreign_keys", i));
    requireColumns(fk.columns);
    if (catalog.requireParent(fk.table.value, ref(fk.table.pointer), "a foreign key references")) {
      for (const col of fk.refColumns) catalog.requireColumn(fk.table.value, col.value, ref(col.pointer));
    }
    foreignKeys.push({
      name: fk.name,
      columns: fk.columns.map((c) => c.value),
      refTable: fk.table.value,
      refColumns: fk.refColumns.map((c) => c.value),
      onDelete: fk.onDelete,
      onUpdate: fk.onUpdate,
      deferred: fk.deferred,
    });
    fkRefs.push(ref(fk.pointer));
  });

  const { indexes, origins: indexOrigins } = buildIndexes(src, name, (raw.indexes ?? {}) as Obj, child(pointer, "indexes"), catalog, problems);

  const { columnRenames, backfills } = columnHints(src, longs, problems);

  const renamed = Object.hasOwn(raw, "renamed_from") ? { value: raw.renamed_from as string, pointer: child(pointer, "renamed_from") } : null;
  return {
    table: { name, columns, primaryKey, uniques, checks, foreignKeys, indexes, strict: raw.strict === true, withoutRowid: raw.without_rowid === true },
    origin: {
      key: ref(pointer),
      columns: columnOrigins,
      primaryKey: pkRef,
      uniques: uniqueRefs,
      checks: checkRefs,
      foreignKeys: fkRefs,
      strict: raw.strict === true ? ref(child(pointer, "strict")) : null,
      withoutRowid: raw.without_rowid === true ? ref(child(pointer, "without_rowid")) : null,
    },
    indexOrigins,
    renamedFrom: renamed === null || renamed.value === name ? null : renamed,
    columnRenames,
    backfills,
  };
}

/** `renamed_from` and `backfill` of the columns, checked for clashes and shape. */
function columnHints(
  src: SourceFile,
  longs: readonly ColumnLong[],
  problems: Problems,
): { readonly columnRenames: Map<string, At<string>>; readonly backfills: Map<string, string> } {
  const columnRenames = new Map<string, At<string>>();
  const backfills = new Map<string, string>();
  for (const c of longs) {
    if (c.renamedFrom !== null && c.renamedFrom.value !== c.name) {
      const old = fold(c.renamedFrom.value);
      const stillDeclared = longs.find((o) => o !== c && fold(o.name) === old);
      const sameOld = longs.slice(0, longs.indexOf(c)).find((o) => o.renamedFrom !== null && fold(o.renamedFrom.value) === old);
      if (stillDeclared !== undefined || sameOld !== undefined) {
        problems.add(
          "SCHEMA_RENAME_CONFLICT",
          stillDeclared !== undefined
            ? `column \`${c.name}\` is renamed from \`${c.renamedFrom.value}\`, which is still declared`
            : `columns \`${sameOld!.name}\` and \`${c.name}\` are both renamed from \`${c.renamedFrom.value}\``,
          { src, pointer: c.renamedFrom.pointer },
        );
      } else {
        columnRenames.set(c.name, c.renamedFrom);
      }
    }
    if (c.backfill !== null) {
      const b = backfillSql(c.backfill.value);
      if ("error" in b) problems.add("SCHEMA_NOT_EXPRESSION", `the backfill is not usable: ${b.error}`, { src, pointer: c.backfill.pointer });
      else backfills.set(c.name, b.sql);
    }
  }

  return { columnRenames, backfills };
}
