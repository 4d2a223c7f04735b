/**
 * Validated YAML files -> the declared `Schema` (as written), the migration `Hints`, and the
 * origin of every part. Names are checked across all files: duplicates, references to missing
 * tables and columns, and SQL text that is not the single expression or statement it must be.
 */
import { fail, ok, type Result } from "../errors.js";
import type { Hints, Schema, Table, Trigger, View, VirtualTable } from "../model.js";
import { singleExpressionError } from "../sqlite/tokenize.js";
import { asciiLower as fold, compareNames } from "../sqlite/names.js";
import { Catalog, Problems } from "./catalog.js";
import type { IndexOrigin, Origins, TableOrigin, TextOrigin, TriggerOrigin } from "./origins.js";
import { child, type SourceFile } from "./position.js";
import { triggerLong, viewLong, type At } from "./shorthand.js";
import { selectError, terminatedBody, triggerBodyError, virtualTableText, withoutTrailingSemicolon } from "./sql-text.js";
import { buildTable, columnNames } from "./table-model.js";

/** The declared model with its hints and origins. */
export interface ModelBuild {
  readonly declared: Schema;
  readonly hints: Hints;
  readonly origins: Origins;
}

type Obj = Readonly<Record<string, unknown>>;

interface Entry {
  readonly src: SourceFile;
  readonly name: string;
  readonly raw: unknown;
  readonly pointer: string;
}

function entries(sources: readonly SourceFile[], section: string): Entry[] {
  const out: Entry[] = [];
  for (const src of sources) {
    const data = src.data as Obj | null;
    const map = (data?.[section] ?? {}) as Obj | null;
    for (const [name, raw] of Object.entries(map ?? {})) out.push({ src, name, raw, pointer: child("", section, name) });
  }
  return out;
}

/** Builds the declared model from files that already passed `validateSource`. */
export function toModel(sources: readonly SourceFile[]): Result<ModelBuild> {
  const problems = new Problems();
  const catalog = new Catalog(problems);
  const tables = entries(sources, "tables");
  const views = entries(sources, "views");
  const triggers = entries(sources, "triggers");
  const virtuals = entries(sources, "virtual_tables");

  // Pass 1: every name, so that references may point forward and across files.
  const tableEntries = tables.filter((e) => catalog.declare("table", e.name, { src: e.src, pointer: e.pointer }));
  for (const e of tableEntries) catalog.setColumns(e.name, columnNames(e.raw as Obj));
  const viewEntries = views.filter((e) => catalog.declare("view", e.name, { src: e.src, pointer: e.pointer }));
  const virtualEntries = virtuals.filter((e) => catalog.declare("virtual table", e.name, { src: e.src, pointer: e.pointer }));
  for (const e of tableEntries) {
    for (const index of Object.keys(((e.raw as Obj).indexes ?? {}) as Obj)) {
      catalog.declare("index", index, { src: e.src, pointer: child(e.pointer, "indexes", index) });
    }
  }
  const triggerEntries = triggers.filter((e) => catalog.declareTrigger(e.name, { src: e.src, pointer: e.pointer }));

  // Pass 2: the objects themselves.
  const tableModels: Table[] = [];
  const tableOrigins = new Map<string, TableOrigin>();
  const indexOrigins = new Map<string, IndexOrigin>();
  const tableRenames = new Map<string, string>();
  const renameClaims = new Map<string, string>();
  const columnRenames = new Map<string, ReadonlyMap<string, string>>();
  const backfills = new Map<string, ReadonlyMap<string, string>>();
  for (const e of tableEntries) {
    const built = buildTable(e.src, e.name, e.raw as Obj, e.pointer, catalog, problems);
    tableModels.push(built.table);
    tableOrigins.set(e.name, built.origin);
    for (const [name, origin] of built.indexOrigins) indexOrigins.set(name, origin);
    if (built.renamedFrom !== null) tableRename(e, built.renamedFrom, catalog, problems, renameClaims, tableRenames);
    if (built.columnRenames.size > 0) {
      columnRenames.set(e.name, new Map([...built.columnRenames].map(([k, v]) => [k, v.value])));
    }
    if (built.backfills.size > 0) backfills.set(e.name, built.backfills);
  }

  const viewModels: View[] = [];
  const viewOrigins = new Map<string, TextOrigin>();
  for (const e of viewEntries) {
    const long = viewLong(e.raw as string | Obj, e.pointer);
    const sqlRef = { src: e.src, pointer: long.select.pointer };
    const error = selectError(long.select.value);
    if (error !== null) problems.add("SCHEMA_INVALID_SQL", `view \`${e.name}\`: ${error}`, sqlRef);
    viewModels.push({ name: e.name, columns: long.columns, select: withoutTrailingSemicolon(long.select.value) });
    viewOrigins.set(e.name, { key: { src: e.src, pointer: e.pointer }, sql: sqlRef });
  }

  const virtualModels: VirtualTable[] = [];
  const virtualOrigins = new Map<string, TextOrigin>();
  for (const e of virtualEntries) {
    const ref = { src: e.src, pointer: e.pointer };
    const text = virtualTableText(e.raw as string);
    if (typeof text === "string") {
      problems.add("SCHEMA_INVALID_SQL", `virtual table \`${e.name}\`: ${text}`, ref);
      continue;
    }
    if (fold(text.name) !== fold(e.name)) {
      problems.add("SCHEMA_INVALID_SQL", `virtual table \`${e.name}\`: the statement creates \`${text.name}\``, ref);
    }
    virtualModels.push({ name: e.name, module: text.module, sql: text.sql });
    virtualOrigins.set(e.name, { key: ref, sql: ref });
  }

  const triggerModels: Trigger[] = [];
  const triggerOrigins = new Map<string, TriggerOrigin>();
  for (const e of triggerEntries) {
    const t = triggerLong(e.raw as Obj, e.pointer);
    const ref = (a: At<unknown>) => ({ src: e.src, pointer: a.pointer });
    if (catalog.requireTable(t.table.value, ref(t.table), `trigger \`${e.name}\` is on`, true)) {
      if (catalog.relation(t.table.value)?.kind === "table") {
        for (const col of t.of) catalog.requireColumn(t.table.value, col.value, ref(col));
      }
    }
    if (t.ofPointer !== null && t.event !== "UPDATE") {
      problems.add("SCHEMA_TYPE", "`of` (UPDATE OF columns) needs `event: UPDATE`", { src: e.src, pointer: t.ofPointer }, "key");
    }
    if (t.when !== null) {
      const error = singleExpressionError(t.when.value);
      if (error !== null) problems.add("SCHEMA_NOT_EXPRESSION", `the trigger's WHEN is not one SQL expression: ${error}`, ref(t.when));
    }
    const bodyError = triggerBodyError(t.body.value);
    if (bodyError !== null) problems.add("SCHEMA_INVALID_SQL", `trigger \`${e.name}\`: ${bodyError}`, ref(t.body));
    triggerModels.push({
      name: e.name,
      table: t.table.value,
      timing: t.timing,
      event: t.event,
      ofColumns: t.of.map((c) => c.value),
      when: t.when?.value ?? null,
      body: bodyError === null ? terminatedBody(t.body.value) : t.body.value,
    });
    triggerOrigins.set(e.name, { key: { src: e.src, pointer: e.pointer }, table: ref(t.table), when: t.when === null ? null : ref(t.when), body: ref(t.body) });
  }

  if (problems.list.length > 0) {
    const order = new Map(sources.map((src, k) => [src.file, k]));
    const sortedProblems = [...problems.list].sort(
      (a, b) => (order.get(a.file ?? "") ?? 0) - (order.get(b.file ?? "") ?? 0) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
    );
    return fail(...sortedProblems);
  }
  const sorted = <T extends { readonly name: string }>(list: T[]): T[] => list.sort((a, b) => compareNames(a.name, b.name));
  const declared = { tables: sorted(tableModels), views: sorted(viewModels), triggers: sorted(triggerModels), virtualTables: sorted(virtualModels) };
  const origins = { tables: tableOrigins, indexes: indexOrigins, views: viewOrigins, triggers: triggerOrigins, virtualTables: virtualOrigins };
  return ok({ declared, hints: { tableRenames, columnRenames, backfills }, origins }, problems.warnings);
}

/** Records a table's `renamed_from`, unless the old name is still declared or already claimed. */
function tableRename(
  e: Entry,
  renamed: At<string>,
  catalog: Catalog,
  problems: Problems,
  claims: Map<string, string>,
  renames: Map<string, string>,
): void {
  const ref = { src: e.src, pointer: renamed.pointer };
  const existing = catalog.relation(renamed.value);
  const claimedBy = claims.get(fold(renamed.value));
  if (existing !== undefined) {
    problems.add("SCHEMA_RENAME_CONFLICT", `table \`${e.name}\` is renamed from \`${renamed.value}\`, which is still declared (as a ${existing.kind})`, ref);
  } else if (claimedBy !== undefined) {
    problems.add("SCHEMA_RENAME_CONFLICT", `tables \`${claimedBy}\` and \`${e.name}\` are both renamed from \`${renamed.value}\``, ref);
  } else {
    claims.set(fold(renamed.value), e.name);
    renames.set(e.name, renamed.value);
  }
}
