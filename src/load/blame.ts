/**
 * When SQLite refuses a statement, find the YAML part responsible: rebuild the object from
 * nothing, adding one declared part at a time in a throw-away savepoint; the first part whose
 * addition fails is the one to point at. Runs only on the error path.
 */
import type { Connection } from "../db/driver.js";
import type { Diagnostic } from "../errors.js";
import type { Column, Index, Table, Trigger } from "../model.js";
import { quoteIdent } from "../sqlite/quote.js";
import { renderCreateIndex, renderCreateTable, renderCreateTrigger } from "../sqlite/render.js";
import { attempt, invalid, triggerProbe } from "./scratch.js";
import type { IndexOrigin, Ref, TableOrigin, TriggerOrigin } from "./origins.js";

interface Part {
  readonly ref: Ref;
  readonly add: (t: Table) => Table;
}

function patchColumn(t: Table, name: string, patch: Partial<Column>): Table {
  return { ...t, columns: t.columns.map((c) => (c.name === name ? { ...c, ...patch } : c)) };
}

/** The table part that makes CREATE TABLE fail, as a diagnostic. */
export function blameTable(conn: Connection, table: Table, origin: TableOrigin, error: string): Diagnostic {
  const bare: Table = {
    ...table,
    columns: table.columns.map((c) => ({ name: c.name, type: "", notNull: false, default: null, collate: null, generated: null, checks: [] })),
    primaryKey: null,
    uniques: [],
    checks: [],
    foreignKeys: [],
    indexes: [],
    strict: false,
    withoutRowid: false,
  };
  const bareError = attempt(conn, renderCreateTable(bare));
  if (bareError !== null) return invalid(origin.key, bareError, "key");

  const parts: Part[] = [];
  const column = (c: Column): NonNullable<ReturnType<TableOrigin["columns"]["get"]>> => origin.columns.get(c.name)!;
  for (const c of table.columns) {
    parts.push({ ref: column(c).type ?? column(c).key, add: (t) => patchColumn(t, c.name, { type: c.type, notNull: c.notNull }) });
  }
  for (const c of table.columns) {
    const ref = column(c).collate;
    if (ref !== null) parts.push({ ref, add: (t) => patchColumn(t, c.name, { collate: c.collate }) });
  }
  if (table.primaryKey !== null && origin.primaryKey !== null) {
    parts.push({ ref: origin.primaryKey, add: (t) => ({ ...t, primaryKey: table.primaryKey }) });
  }
  table.uniques.forEach((u, k) => parts.push({ ref: origin.uniques[k], add: (t) => ({ ...t, uniques: [...t.uniques, u] }) }));
  table.foreignKeys.forEach((fk, k) => parts.push({ ref: origin.foreignKeys[k], add: (t) => ({ ...t, foreignKeys: [...t.foreignKeys, fk] }) }));
  for (const c of table.columns) {
    const ref = column(c).default;
    if (ref !== null) parts.push({ ref, add: (t) => patchColumn(t, c.name, { default: c.default }) });
  }
  for (const c of table.columns) {
    const ref = column(c).generated;
    if (ref !== null) parts.push({ ref, add: (t) => patchColumn(t, c.name, { generated: c.generated }) });
  }
  for (const c of table.columns) {
    c.checks.forEach((check, k) =>
      parts.push({
        ref: column(c).checks[k],
        add: (t) => ({ ...t, columns: t.columns.map((x) => (x.name === c.name ? { ...x, checks: [...x.checks, check] } : x)) }),
      }),
    );
  }
  table.checks.forEach((check, k) => parts.push({ ref: origin.checks[k], add: (t) => ({ ...t, checks: [...t.checks, check] }) }));
  if (origin.strict !== null) parts.push({ ref: origin.strict, add: (t) => ({ ...t, strict: true }) });
  if (origin.withoutRowid !== null) parts.push({ ref: origin.withoutRowid, add: (t) => ({ ...t, withoutRowid: true }) });

  let current = bare;
  for (const part of parts) {
    const next = part.add(current);
    const partError = attempt(conn, renderCreateTable(next));
    if (partError !== null) return invalid(part.ref, partError);
    current = next;
  }
  return invalid(origin.key, error, "key");
}

/** The index term (or WHERE) that makes CREATE INDEX fail. */
export function blameIndex(conn: Connection, index: Index, origin: IndexOrigin, error: string): Diagnostic {
  for (const [k, key] of index.keys.entries()) {
    const termError = attempt(conn, renderCreateIndex({ ...index, unique: false, where: null, keys: [key] }));
    if (termError !== null) return invalid(origin.terms[k], termError);
  }
  if (origin.where !== null && attempt(conn, renderCreateIndex({ ...index, unique: false })) !== null) {
    return invalid(origin.where, error);
  }
  return invalid(origin.key, error, "key");
}

/**
 * The trigger part at fault: its head (table, timing, event), its WHEN, or its body. `compiled`
 * says the error came from preparing a statement that fires it rather than from CREATE TRIGGER.
 */
export function blameTrigger(conn: Connection, trigger: Trigger, origin: TriggerOrigin, error: string, compiled: boolean): Diagnostic {
  const trivial = "SELECT 1;";
  const probe = (t: Trigger): string | null =>
    compiled
      ? attempt(conn, `DROP TRIGGER ${quoteIdent(trigger.name)}`, renderCreateTrigger(t), triggerProbe(conn, t))
      : attempt(conn, renderCreateTrigger(t));
  if (!compiled && probe({ ...trigger, when: null, body: trivial }) !== null) {
    return invalid(/no such table/.test(error) ? origin.table : origin.key, error, /no such table/.test(error) ? "value" : "key");
  }
  if (origin.when !== null && probe({ ...trigger, body: trivial }) !== null) return invalid(origin.when, error);
  return invalid(origin.body, error);
}
