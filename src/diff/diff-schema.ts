/** The differ: two normalised schemas in, the closed list of changes out. Pure and deterministic. */
import type { Result } from "../errors.js";
import { ok } from "../errors.js";
import type { Hints, Schema } from "../model.js";
import type { Change } from "./changes.js";
import { changeSubject } from "./changes.js";
import { diffTable } from "./diff-table.js";
import { byName, deepEqual } from "./equal.js";
import { applyRenames, resolveRenames } from "./renames.js";

/**
 * Every difference that turns `current` into `desired`. Renames come first, in the order they
 * must run; everything else is sorted by object name, then kind. Never mutates its inputs.
 * Fails with SCHEMA_RENAME_CONFLICT on a conflicting or ambiguous `renamed_from`; a stale one
 * is a WARN_STALE_RENAME warning.
 */
export function diffSchemas(current: Schema, desired: Schema, hints: Hints): Result<readonly Change[]> {
  const resolved = resolveRenames(current, desired, hints);
  if (!resolved.ok) return resolved;
  const renames = resolved.value;
  const renamed = applyRenames(current, renames);

  const renameChanges: Change[] = renames.tables.map((r) => ({ kind: "RenameTable", from: r.from, to: r.to }));
  const changes: Change[] = [];

  const before = new Map(renamed.tables.map((t) => [t.name, t]));
  const after = new Map(desired.tables.map((t) => [t.name, t]));
  for (const table of renamed.tables) if (!after.has(table.name)) changes.push({ kind: "DropTable", table });
  for (const to of desired.tables) {
    const from = before.get(to.name);
    if (from === undefined) {
      changes.push({ kind: "AddTable", table: to });
      continue;
    }
    const tableChanges = diffTable(from, to, renames.columns.get(to.name) ?? []);
    if (tableChanges.length > 0) changes.push({ kind: "ModifyTable", table: to.name, from, to, changes: tableChanges });
  }

  const views = pairUp(renamed.views, desired.views);
  for (const view of views.dropped) changes.push({ kind: "DropView", view });
  for (const view of views.added) changes.push({ kind: "AddView", view });
  for (const [from, to] of views.modified) changes.push({ kind: "ModifyView", from, to });

  const triggers = pairUp(renamed.triggers, desired.triggers);
  for (const trigger of triggers.dropped) changes.push({ kind: "DropTrigger", trigger });
  for (const trigger of triggers.added) changes.push({ kind: "AddTrigger", trigger });
  for (const [from, to] of triggers.modified) changes.push({ kind: "ModifyTrigger", from, to });

  const virtuals = pairUp(renamed.virtualTables, desired.virtualTables);
  for (const table of virtuals.dropped) changes.push({ kind: "DropVirtualTable", table });
  for (const table of virtuals.added) changes.push({ kind: "AddVirtualTable", table });
  for (const [from, to] of virtuals.modified) changes.push({ kind: "ModifyVirtualTable", from, to });

  const rank = (c: Change): number => CHANGE_ORDER.indexOf(c.kind);
  changes.sort((a, b) => byName(changeSubject(a), changeSubject(b)) || rank(a) - rank(b));
  return ok([...renameChanges, ...changes], resolved.warnings);
}

const CHANGE_ORDER: readonly Change["kind"][] = [
  "RenameTable",
  "DropTable",
  "DropVirtualTable",
  "DropView",
  "DropTrigger",
  "AddTable",
  "AddVirtualTable",
  "ModifyTable",
  "ModifyVirtualTable",
  "AddView",
  "ModifyView",
  "AddTrigger",
  "ModifyTrigger",
];

/** Name-matched pairing of two object lists. */
function pairUp<T extends { readonly name: string }>(
  from: readonly T[],
  to: readonly T[],
): { dropped: T[]; added: T[]; modified: [T, T][] } {
  const toByName = new Map(to.map((x) => [x.name, x]));
  const fromByName = new Map(from.map((x) => [x.name, x]));
  const sorted = (xs: readonly T[]): T[] => [...xs].sort((a, b) => byName(a.name, b.name));
  return {
    dropped: sorted(from).filter((x) => !toByName.has(x.name)),
    added: sorted(to).filter((x) => !fromByName.has(x.name)),
    modified: sorted(to)
      .filter((x) => fromByName.has(x.name) && !deepEqual(fromByName.get(x.name), x))
      .map((x) => [fromByName.get(x.name) as T, x]),
  };
}
