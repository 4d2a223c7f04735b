/**
 * Dependency order (DESIGN.md §4): drop triggers and views → drop indexes → tables (renames;
 * drops children before parents; creates parents before children; changes) → create indexes →
 * views in dependency order → triggers.
 */
import type { Table, Trigger, View } from "../model.js";
import { referencedNames } from "../sqlite/dependencies.js";
import { asciiLower } from "../sqlite/names.js";
import { byName } from "../diff/equal.js";
import type { Step } from "./step.js";

/** The steps of a plan, by phase. */
export interface PhasedSteps {
  readonly dropTriggers: readonly Step[];
  readonly dropViews: readonly Step[];
  readonly dropIndexes: readonly Step[];
  readonly tables: readonly Step[];
  readonly createIndexes: readonly Step[];
  readonly createViews: readonly Step[];
  readonly createTriggers: readonly Step[];
}

/** The phases concatenated in execution order. */
export function orderSteps(p: PhasedSteps): Step[] {
  return [...p.dropTriggers, ...p.dropViews, ...p.dropIndexes, ...p.tables, ...p.createIndexes, ...p.createViews, ...p.createTriggers];
}

/**
 * `tables` with every table after the tables its foreign keys reference (self-references and
 * cycles ignored: with foreign_keys off, creation order does not matter to SQLite, only to readers).
 * Ties keep name order, so the result is deterministic.
 */
export function parentsFirst<T extends Pick<Table, "name" | "foreignKeys">>(tables: readonly T[]): T[] {
  const byKey = new Map(tables.map((t) => [asciiLower(t.name), t]));
  const done = new Set<T>();
  const visiting = new Set<T>();
  const out: T[] = [];
  const visit = (t: T): void => {
    if (done.has(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of [...t.foreignKeys].sort((a, b) => byName(a.refTable, b.refTable))) {
      const parent = byKey.get(asciiLower(fk.refTable));
      if (parent !== undefined && parent !== t) visit(parent);
    }
    visiting.delete(t);
    done.add(t);
    out.push(t);
  };
  [...tables].sort((a, b) => byName(a.name, b.name)).forEach(visit);
  return out;
}

/**
 * Views and triggers that must be dropped before the plan touches `seeds` (tables rebuilt or
 * dropped, views replaced) and recreated after: every view naming a seed (transitively, since
 * a view over a dropped view breaks every later ALTER TABLE), and every trigger on or naming
 * any of those. SQLite re-parses the whole schema on RENAME and DROP COLUMN and fails on a
 * dangling reference (https://www.sqlite.org/lang_altertable.html#altertabrename).
 */
export function dependentObjects(
  seeds: Iterable<string>,
  views: readonly View[],
  triggers: readonly Trigger[],
): { views: View[]; triggers: Trigger[] } {
  const names = new Set(seeds);
  const foundViews: View[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const view of views) {
      if (foundViews.includes(view) || names.has(view.name)) continue;
      if (referencedNames(view.select, names).length > 0) {
        foundViews.push(view);
        names.add(view.name);
        grew = true;
      }
    }
  }
  const lower = new Set([...names].map(asciiLower));
  const foundTriggers = triggers.filter((t) => {
    const text = `${t.when ?? ""} ${t.body}`;
    return lower.has(asciiLower(t.table)) || referencedNames(text, names).length > 0;
  });
  return {
    views: foundViews.sort((a, b) => byName(a.name, b.name)),
    triggers: foundTriggers.sort((a, b) => byName(a.name, b.name)),
  };
}
