/** Which names a piece of SQL mentions: a token-level question (sqlite/dependencies.ts), never a regex. */
import { referencedNames } from "../sqlite/dependencies.js";

/**
 * True when `sql` mentions `name` as an identifier (as SQLite compares names). Over-approximates:
 * a same-named column of another table counts too, which only ever makes the planner more careful.
 */
export function mentions(sql: string, name: string): boolean {
  return referencedNames(sql, new Set([name])).length > 0;
}

/** The subset of `names` that `sql` mentions. */
export function mentionedNames(sql: string, names: Iterable<string>): Set<string> {
  return new Set(referencedNames(sql, new Set(names)));
}
