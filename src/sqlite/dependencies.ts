/** Which objects a piece of SQL names, and the order views must be created in. */
import type { View } from "../model.js";
import { asciiLower } from "./names.js";
import { tokenize } from "./tokenize.js";

/**
 * The candidates that `sql` names, in order of first mention, spelled as in `candidates`.
 * Token-based, so names inside string literals and comments do not count; names compare as
 * SQLite compares them (ASCII case-insensitively). Keywords count too, since many can be names.
 */
export function referencedNames(sql: string, candidates: ReadonlySet<string>): string[] {
  const byLower = new Map<string, string>();
  for (const c of candidates) byLower.set(asciiLower(c), c);
  const found = new Set<string>();
  for (const t of tokenize(sql)) {
    if (t.kind !== "ident" && t.kind !== "keyword") continue;
    const hit = byLower.get(asciiLower(t.kind === "ident" ? t.value : t.text));
    if (hit !== undefined) found.add(hit);
  }
  return [...found];
}

/**
 * `views` with every view after the views its SELECT names, otherwise in the given order.
 * A cycle cannot be ordered; its views keep their relative order, so creating them fails loudly.
 */
export function viewCreationOrder(views: readonly View[]): View[] {
  const names = new Set(views.map((v) => v.name));
  const byName = new Map(views.map((v) => [v.name, v]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: View[] = [];
  const visit = (v: View): void => {
    if (done.has(v.name) || visiting.has(v.name)) return;
    visiting.add(v.name);
    for (const dep of referencedNames(v.select, names)) {
      const d = byName.get(dep);
      if (d !== undefined && d !== v) visit(d);
    }
    visiting.delete(v.name);
    done.add(v.name);
    out.push(v);
  };
  views.forEach(visit);
  return out;
}
