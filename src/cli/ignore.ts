/**
 * Ignore patterns (`--ignore 'tmp_*'`, config `ignore:`): objects whose names match are not
 * managed, so they are neither created nor dropped nor reported as drift.
 */
import type { Schema } from "../model.js";

/**
 * A predicate for glob patterns over object names: `*` is any run of characters, `?` one
 * character, everything else literal; case-sensitive like the names themselves.
 */
export function nameMatcher(patterns: readonly string[]): ((name: string) => boolean) | undefined {
  if (patterns.length === 0) return undefined;
  const regexes = patterns.map(
    (p) => new RegExp(`^${[...p].map((c) => (c === "*" ? ".*" : c === "?" ? "." : escape(c))).join("")}$`, "su"),
  );
  return (name) => regexes.some((r) => r.test(name));
}

function escape(c: string): string {
  return /[\\^$.|+()[\]{}/-]/.test(c) ? `\\${c}` : c;
}

/**
 * The schema without ignored objects: tables (with their indexes), views, virtual tables and
 * triggers whose own name matches, and triggers on an ignored table or view.
 */
export function withoutIgnored(schema: Schema, ignore: ((name: string) => boolean) | undefined): Schema {
  if (!ignore) return schema;
  const gone = (name: string) => ignore(name);
  return {
    tables: schema.tables.filter((t) => !gone(t.name)),
    views: schema.views.filter((v) => !gone(v.name)),
    virtualTables: schema.virtualTables.filter((v) => !gone(v.name)),
    triggers: schema.triggers.filter((t) => !gone(t.name) && !gone(t.table)),
  };
}
