/**
 * Schema -> the shortest idiomatic YAML (docs/FORMAT.md): shorthands wherever they say the same
 * thing, tables and views by name, columns in declaration order. Loading the text back and
 * normalising it gives the same schema exactly.
 */
import { Document, isCollection, visit, type Node as YamlNode } from "yaml";
import type { Column, ForeignKey, Index, IndexKey, Schema, Table, Trigger, View } from "../model.js";
import { sqlToDefault } from "../load/default-value.js";
import { quoteIdentIfNeeded } from "../sqlite/quote.js";
import { isPrimaryExpr } from "../load/sql-text.js";

/** Options of `toYaml`. */
export interface ToYamlOptions {
  /** Where editors find the JSON Schema (the `# yaml-language-server: $schema=` line). */
  readonly schemaUrl?: string;
}

/** The default `$schema` location: the JSON Schema kept next to the YAML file. */
export const DEFAULT_SCHEMA_URL = "./schemadiff.schema.json";

type Value = string | number | boolean | null | YamlNode | Value[] | Map<string, Value> | { [key: string]: Value };

/** The schema as YAML text, starting with the editor hint line. */
export function toYaml(schema: Schema, options: ToYamlOptions = {}): string {
  const doc = new Document();
  const flow = (value: Value): YamlNode => doc.createNode(value, { flow: true }) as YamlNode;
  const root = new Map<string, Value>();
  root.set("tables", new Map(schema.tables.map((t) => [t.name, tableValue(t, flow)])));
  if (schema.views.length > 0) root.set("views", new Map(schema.views.map((v) => [v.name, viewValue(v, flow)])));
  if (schema.triggers.length > 0) root.set("triggers", new Map(schema.triggers.map((t) => [t.name, triggerValue(t, flow)])));
  if (schema.virtualTables.length > 0) root.set("virtual_tables", new Map(schema.virtualTables.map((v) => [v.name, v.sql])));
  doc.contents = doc.createNode(root) as never;
  // Inside `{ ... }` a multi-line plain scalar would spread the map over several lines;
  // double quotes keep it on one (block context keeps its `|` literal blocks).
  visit(doc, {
    Scalar(_key, node, path) {
      if (typeof node.value === "string" && node.value.includes("\n") && path.some((p) => isCollection(p) && p.flow)) {
        node.type = "QUOTE_DOUBLE";
      }
    },
  });
  const text = doc.toString({ lineWidth: 0, blockQuote: "literal", flowCollectionPadding: true });
  return `# yaml-language-server: $schema=${options.schemaUrl ?? DEFAULT_SCHEMA_URL}\n${text}`;
}

type Flow = (value: Value) => YamlNode;

/** Only the keys whose value is not undefined, in the given order. */
function compact(entries: Record<string, Value | undefined>): { [key: string]: Value } {
  const out: { [key: string]: Value } = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

function tableValue(t: Table, flow: Flow): Value {
  const pk = t.primaryKey;
  const pkColumn = pk !== null && pk.columns.length === 1 ? pk.columns[0] : null;

  // Anonymous single-column UNIQUEs become `unique: true` (at most one per column; the
  // introspector sorts uniques, so where they are written does not change the model).
  const uniqueColumns = new Set<string>();
  const tableUniques = t.uniques.filter((u) => {
    const shorthand = u.name === null && u.onConflict === null && u.columns.length === 1 && !uniqueColumns.has(u.columns[0]);
    if (shorthand) uniqueColumns.add(u.columns[0]);
    return !shorthand;
  });

  // The model sorts foreign keys by content, so any single-column key can sit on its column.
  const columnFks = new Map<string, ForeignKey>();
  const tableFks = t.foreignKeys.filter((fk) => {
    const inline = fk.columns.length === 1 && fk.refColumns.length <= 1 && !columnFks.has(fk.columns[0]);
    if (inline) columnFks.set(fk.columns[0], fk);
    return !inline;
  });

  const columns = new Map<string, Value>(
    t.columns.map((c) => [c.name, columnValue(c, c.name === pkColumn ? pk : null, uniqueColumns.has(c.name), columnFks.get(c.name) ?? null, flow)]),
  );
  return compact({
    strict: t.strict ? true : undefined,
    without_rowid: t.withoutRowid ? true : undefined,
    columns,
    primary_key:
      pk === null || pkColumn !== null
        ? undefined
        : pk.name === null && pk.onConflict === null
          ? flow([...pk.columns])
          : flow(compact({ columns: [...pk.columns], name: pk.name ?? undefined, on_conflict: pk.onConflict ?? undefined })),
    unique:
      tableUniques.length === 0
        ? undefined
        : tableUniques.map((u) =>
            u.name === null && u.onConflict === null
              ? flow([...u.columns])
              : flow(compact({ columns: [...u.columns], name: u.name ?? undefined, on_conflict: u.onConflict ?? undefined })),
          ),
    checks: t.checks.length === 0 ? undefined : t.checks.map((c) => (c.name === null ? c.expr : flow({ name: c.name, expr: c.expr }))),
    foreign_keys:
      tableFks.length === 0
        ? undefined
        : tableFks.map((fk) =>
            flow(
              compact({
                columns: [...fk.columns],
                references: compact({
                  table: fk.refTable,
                  columns: fk.refColumns.length === 0 ? undefined : [...fk.refColumns],
                  ...actions(fk),
                }),
                name: fk.name ?? undefined,
              }),
            ),
          ),
    indexes: t.indexes.length === 0 ? undefined : new Map(t.indexes.map((i) => [i.name, indexValue(i, flow)])),
  });
}

function actions(fk: ForeignKey): Record<string, Value | undefined> {
  return {
    on_delete: fk.onDelete === "NO ACTION" ? undefined : fk.onDelete,
    on_update: fk.onUpdate === "NO ACTION" ? undefined : fk.onUpdate,
    deferrable: fk.deferred ? true : undefined,
  };
}

function columnValue(
  c: Column,
  pk: Table["primaryKey"],
  unique: boolean,
  fk: ForeignKey | null,
  flow: Flow,
): Value {
  const checks = c.checks.map((k) => (k.name === null ? k.expr : flow({ name: k.name, expr: k.expr })));
  const dflt = c.default === null ? undefined : sqlToDefault(c.default);
  const props = compact({
    type: c.type === "" ? undefined : c.type,
    not_null: c.notNull ? true : undefined,
    default: dflt === undefined ? undefined : typeof dflt === "object" && dflt !== null ? flow({ sql: dflt.sql }) : dflt,
    collate: c.collate ?? undefined,
    primary_key:
      pk === null
        ? undefined
        : pk.name === null && pk.onConflict === null && !pk.desc
          ? true
          : flow(compact({ name: pk.name ?? undefined, on_conflict: pk.onConflict ?? undefined, desc: pk.desc ? true : undefined })),
    autoincrement: pk?.autoincrement ? true : undefined,
    unique: unique ? true : undefined,
    check: checks.length === 0 ? undefined : checks.length === 1 ? checks[0] : flow(checks),
    references: fk === null ? undefined : referencesValue(fk, flow),
    generated: c.generated === null ? undefined : c.generated.stored ? flow({ as: c.generated.expr, stored: true }) : c.generated.expr,
  });
  const keys = Object.keys(props);
  if (keys.length === 1 && keys[0] === "type") return c.type;
  return flow(props);
}

function referencesValue(fk: ForeignKey, flow: Flow): Value {
  const extra = compact({ ...actions(fk), name: fk.name ?? undefined });
  if (fk.refColumns.length === 0 && Object.keys(extra).length === 0) return fk.refTable;
  return flow(compact({ table: fk.refTable, column: fk.refColumns[0], ...extra }));
}

function indexValue(i: Index, flow: Flow): Value {
  const terms = i.keys.map(termText);
  if (!i.unique && i.where === null) return flow(terms);
  return flow(compact({ columns: terms, where: i.where ?? undefined, unique: i.unique ? true : undefined }));
}

/** An index term as SQL: `name`, `"order" DESC`, `name COLLATE NOCASE`, `(a + b) COLLATE RTRIM`. */
export function termText(key: IndexKey): string {
  let text = key.column !== null ? quoteIdentIfNeeded(key.column) : (key.expr ?? "");
  if (key.collate !== null) {
    // COLLATE binds tighter than any operator: `a + b COLLATE X` would collate only `b`.
    if (key.column === null && !isPrimaryExpr(text)) text = `(${text})`;
    text += ` COLLATE ${quoteIdentIfNeeded(key.collate)}`;
  }
  return key.desc ? `${text} DESC` : text;
}

function viewValue(v: View, flow: Flow): Value {
  return v.columns === null ? v.select : flow({ columns: [...v.columns], sql: v.select });
}

function triggerValue(t: Trigger, flow: Flow): Value {
  return compact({
    table: t.table,
    timing: t.timing,
    event: t.event,
    of: t.ofColumns.length === 0 ? undefined : flow([...t.ofColumns]),
    when: t.when ?? undefined,
    body: t.body,
  });
}
