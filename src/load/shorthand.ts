/**
 * Shorthands -> long forms (docs/FORMAT.md). Input is YAML data that already passed the JSON
 * Schema, so shapes are known; each long form keeps the pointer of every part it came from.
 */
import type { ConflictClause, ForeignKeyAction, TriggerEvent, TriggerTiming } from "../model.js";
import type { DefaultValue } from "./default-value.js";
import { child } from "./position.js";

/** A value and the JSON pointer it was read from. */
export interface At<T> {
  readonly value: T;
  readonly pointer: string;
}

/** A CHECK: `expr` or `{ name, expr }`. */
export interface CheckLong {
  readonly name: string | null;
  readonly expr: At<string>;
  readonly pointer: string;
}

/** Column-level REFERENCES in long form. */
export interface ReferencesLong {
  readonly table: At<string>;
  readonly column: At<string> | null;
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  readonly deferred: boolean;
  readonly name: string | null;
  readonly pointer: string;
}

/** A column in long form. */
export interface ColumnLong {
  readonly name: string;
  /** The column's map key. */
  readonly pointer: string;
  readonly type: At<string> | null;
  readonly notNull: boolean;
  readonly default: At<DefaultValue> | null;
  readonly collate: At<string> | null;
  readonly primaryKey: At<{ name: string | null; onConflict: ConflictClause | null; desc: boolean }> | null;
  readonly autoincrement: At<boolean> | null;
  readonly unique: At<boolean> | null;
  readonly checks: readonly CheckLong[];
  readonly references: ReferencesLong | null;
  readonly generated: At<{ expr: At<string>; stored: boolean }> | null;
  readonly renamedFrom: At<string> | null;
  readonly backfill: At<string> | null;
}

type Obj = Readonly<Record<string, unknown>>;

function get<T>(obj: Obj, key: string, pointer: string): At<T> | null {
  return Object.hasOwn(obj, key) ? { value: obj[key] as T, pointer: child(pointer, key) } : null;
}

/** `name: TEXT`, `name: {}` and `name:` (empty) are columns too. */
export function columnLong(name: string, raw: unknown, pointer: string): ColumnLong {
  const obj: Obj = typeof raw === "string" ? {} : ((raw ?? {}) as Obj);
  const type: At<string> | null =
    typeof raw === "string" ? { value: raw, pointer } : get<string>(obj, "type", pointer);
  const pk = get<boolean | Obj>(obj, "primary_key", pointer);
  const generated = get<string | Obj>(obj, "generated", pointer);
  const check = get<unknown>(obj, "check", pointer);
  const references = get<string | Obj>(obj, "references", pointer);
  return {
    name,
    pointer,
    type,
    notNull: obj.not_null === true,
    default: get<DefaultValue>(obj, "default", pointer),
    collate: get<string>(obj, "collate", pointer),
    primaryKey:
      pk === null || pk.value === false
        ? null
        : {
            pointer: pk.pointer,
            value:
              pk.value === true
                ? { name: null, onConflict: null, desc: false }
                : {
                    name: ((pk.value as Obj).name as string | undefined) ?? null,
                    onConflict: ((pk.value as Obj).on_conflict as ConflictClause | undefined) ?? null,
                    desc: (pk.value as Obj).desc === true,
                  },
          },
    autoincrement: get<boolean>(obj, "autoincrement", pointer),
    unique: get<boolean>(obj, "unique", pointer),
    checks: check === null ? [] : checksLong(check.value, check.pointer),
    references: references === null ? null : referencesLong(references.value, references.pointer),
    generated:
      generated === null
        ? null
        : {
            pointer: generated.pointer,
            value:
              typeof generated.value === "string"
                ? { expr: { value: generated.value, pointer: generated.pointer }, stored: false }
                : {
                    expr: { value: (generated.value as Obj).as as string, pointer: child(generated.pointer, "as") },
                    stored: (generated.value as Obj).stored === true,
                  },
          },
    renamedFrom: get<string>(obj, "renamed_from", pointer),
    backfill: get<string>(obj, "backfill", pointer),
  };
}

/** `check:` is an expression, `{ name, expr }`, or a list of those. */
export function checksLong(raw: unknown, pointer: string): CheckLong[] {
  if (Array.isArray(raw)) return raw.flatMap((item, i) => checksLong(item, child(pointer, i)));
  if (typeof raw === "string") return [{ name: null, expr: { value: raw, pointer }, pointer }];
  const obj = raw as Obj;
  return [{ name: (obj.name as string | undefined) ?? null, expr: { value: obj.expr as string, pointer: child(pointer, "expr") }, pointer }];
}

/** `references: goals` or `{ table, column, on_delete, on_update, deferrable, name }`. */
export function referencesLong(raw: string | Obj, pointer: string): ReferencesLong {
  if (typeof raw === "string") {
    return { table: { value: raw, pointer }, column: null, onDelete: "NO ACTION", onUpdate: "NO ACTION", deferred: false, name: null, pointer };
  }
  return {
    table: { value: raw.table as string, pointer: child(pointer, "table") },
    column: get<string>(raw, "column", pointer),
    onDelete: (raw.on_delete as ForeignKeyAction | undefined) ?? "NO ACTION",
    onUpdate: (raw.on_update as ForeignKeyAction | undefined) ?? "NO ACTION",
    deferred: raw.deferrable === true,
    name: (raw.name as string | undefined) ?? null,
    pointer,
  };
}

/** A list of names with the pointer of each. */
export function namesLong(raw: readonly string[], pointer: string): At<string>[] {
  return raw.map((value, i) => ({ value, pointer: child(pointer, i) }));
}

/** A key constraint (PRIMARY KEY, UNIQUE): `[a, b]` or `{ columns, name, on_conflict }`. */
export interface KeyLong {
  readonly columns: readonly At<string>[];
  readonly name: string | null;
  readonly onConflict: ConflictClause | null;
  readonly pointer: string;
}

/** Table-level `primary_key` or one `unique` entry. */
export function keyLong(raw: readonly string[] | Obj, pointer: string): KeyLong {
  if (Array.isArray(raw)) return { columns: namesLong(raw, pointer), name: null, onConflict: null, pointer };
  const obj = raw as Obj;
  return {
    columns: namesLong(obj.columns as string[], child(pointer, "columns")),
    name: (obj.name as string | undefined) ?? null,
    onConflict: (obj.on_conflict as ConflictClause | undefined) ?? null,
    pointer,
  };
}

/** One table-level `foreign_keys` entry. */
export interface ForeignKeyLong {
  readonly columns: readonly At<string>[];
  readonly table: At<string>;
  readonly refColumns: readonly At<string>[];
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  readonly deferred: boolean;
  readonly name: string | null;
  readonly pointer: string;
}

/** `{ columns, references: { table, columns, on_delete, on_update, deferrable }, name }`. */
export function foreignKeyLong(raw: Obj, pointer: string): ForeignKeyLong {
  const ref = raw.references as Obj;
  const refPointer = child(pointer, "references");
  return {
    columns: namesLong(raw.columns as string[], child(pointer, "columns")),
    table: { value: ref.table as string, pointer: child(refPointer, "table") },
    refColumns: namesLong((ref.columns as string[] | undefined) ?? [], child(refPointer, "columns")),
    onDelete: (ref.on_delete as ForeignKeyAction | undefined) ?? "NO ACTION",
    onUpdate: (ref.on_update as ForeignKeyAction | undefined) ?? "NO ACTION",
    deferred: ref.deferrable === true,
    name: (raw.name as string | undefined) ?? null,
    pointer,
  };
}

/** An index term in long form: SQL text, or an explicit column/expression. */
export type TermLong =
  | { readonly kind: "sql"; readonly sql: string; readonly pointer: string }
  | {
      readonly kind: "object";
      readonly column: string | null;
      readonly expr: string | null;
      readonly collate: string | null;
      readonly desc: boolean;
      readonly pointer: string;
    };

/** An index in long form. */
export interface IndexLong {
  readonly terms: readonly TermLong[];
  readonly where: At<string> | null;
  readonly unique: boolean;
  readonly pointer: string;
}

/** `idx: [a, b DESC]` or `{ columns, where, unique }`. */
export function indexLong(raw: unknown[] | Obj, pointer: string): IndexLong {
  const list = Array.isArray(raw) ? raw : ((raw as Obj).columns as unknown[]);
  const listPointer = Array.isArray(raw) ? pointer : child(pointer, "columns");
  const terms = list.map((term, i): TermLong => {
    const at = child(listPointer, i);
    if (typeof term === "string") return { kind: "sql", sql: term, pointer: at };
    const obj = term as Obj;
    return {
      kind: "object",
      column: (obj.column as string | undefined) ?? null,
      expr: (obj.expr as string | undefined) ?? null,
      collate: (obj.collate as string | undefined) ?? null,
      desc: obj.desc === true,
      pointer: at,
    };
  });
  const obj: Obj = Array.isArray(raw) ? {} : (raw as Obj);
  return { terms, where: get<string>(obj, "where", pointer), unique: obj.unique === true, pointer };
}

/** A view in long form. */
export interface ViewLong {
  readonly columns: readonly string[] | null;
  readonly select: At<string>;
}

/** `v: "SELECT ..."` or `{ columns, sql }`. */
export function viewLong(raw: string | Obj, pointer: string): ViewLong {
  if (typeof raw === "string") return { columns: null, select: { value: raw, pointer } };
  return {
    columns: (raw.columns as string[] | undefined) ?? null,
    select: { value: raw.sql as string, pointer: child(pointer, "sql") },
  };
}

/** A trigger in long form. */
export interface TriggerLong {
  readonly table: At<string>;
  readonly timing: TriggerTiming;
  readonly event: TriggerEvent;
  readonly of: readonly At<string>[];
  readonly ofPointer: string | null;
  readonly when: At<string> | null;
  readonly body: At<string>;
}

/** A trigger map. */
export function triggerLong(raw: Obj, pointer: string): TriggerLong {
  const of = get<string[]>(raw, "of", pointer);
  return {
    table: { value: raw.table as string, pointer: child(pointer, "table") },
    timing: raw.timing as TriggerTiming,
    event: raw.event as TriggerEvent,
    of: of === null ? [] : namesLong(of.value, of.pointer),
    ofPointer: of?.pointer ?? null,
    when: get<string>(raw, "when", pointer),
    body: { value: raw.body as string, pointer: child(pointer, "body") },
  };
}
