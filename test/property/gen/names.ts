/** Identifier pools: plain names first (the shrinker's favourites), then every awkward kind. */
import { fold, type Tape } from "./spec.js";

/** Plain names, written bare by the SQL writer half of the time. */
export const PLAIN = ["a", "b", "c", "id", "name", "x", "y", "val", "note", "code", "qty", "price", "kind", "ts", "parent_id"];

/** Names that must be quoted: spaces, quotes, separators, unicode, keywords, rowid aliases. */
export const AWKWARD = [
  "my col", "Order", "select", "group", 'quo"te', "it's", "semi;colon", "new\nline", "ünï", "日本", "x y z",
  "key", "from", "rowid", "oid", "_rowid_", "1abc", "[br]", "`bt`", "tab\tname", "-- dash", "/*c*/", " lead",
  "trail ", "MiXeD", "NULL", "true", "%pct", "a.b", "ß", "Ω", "emoji😀", "table", "index", "where", "check",
  "default", "primary", "values", "end", "a,b", "a)b", "NEW", "old",
];

const TABLES = ["t", "users", "orders", "items", "parent", "child", "log", "tags"];

/** A fresh name (by SQLite's ASCII-folded comparison) from the pools; `taken` is updated. */
export function freshName(tape: Tape, taken: Set<string>, plain: readonly string[] = PLAIN): string {
  const base = tape.chance(30) ? tape.pick(AWKWARD) : tape.pick(plain);
  let name = base;
  for (let n = 2; taken.has(fold(name)); n++) name = `${base}${n}`;
  taken.add(fold(name));
  return name;
}

/** A fresh table, view or index name. */
export function freshObjectName(tape: Tape, taken: Set<string>): string {
  return freshName(tape, taken, TABLES);
}

/** True when the SQL writer may leave `name` bare. */
export function isPlain(name: string): boolean {
  return /^[a-z_][a-z0-9_]*$/.test(name.replace(/\d+$/, "")) && PLAIN.concat(TABLES).includes(name.replace(/\d+$/, ""));
}
