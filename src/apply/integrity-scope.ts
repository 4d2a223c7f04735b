/**
 * How much of the file the pre-COMMIT integrity check must read, from the statements the plan ran.
 *
 * A full `PRAGMA integrity_check` is O(N log N) over every row of every table: on a 1M-row rebuild
 * it costs as much as the rebuild itself, most of it re-deriving indexes SQLite has just built.
 * The check is scaled to what the plan wrote instead:
 * - `schema`: only `sqlite_schema` text changed (ADD/RENAME COLUMN, RENAME TO, views, triggers);
 * - `changed`: `PRAGMA quick_check` of the whole file (every page of every b-tree and the
 *   freelist, each page used once, every record, NOT NULL, CHECK and STRICT types on every row:
 *   O(N)), plus the full `integrity_check(T)` (index entries against rows, UNIQUE) of every table
 *   whose existing b-trees the plan changed in place (UPDATE, DELETE, INSERT into an existing
 *   table, DROP COLUMN). B-trees the plan built from nothing (a rebuilt table's copy, CREATE INDEX)
 *   were filled by SQLite's own bulk paths and are covered by the quick check and the row counts;
 * - `full`: a statement the classifier cannot read (a user-written backfill statement, anything
 *   unknown) gets the whole `integrity_check`.
 * https://www.sqlite.org/pragma.html#pragma_integrity_check, #pragma_quick_check
 */
import { asciiLower } from "../sqlite/names.js";
import { type Token, tokenize } from "../sqlite/tokenize.js";

/** The check to run before COMMIT. */
export type IntegrityScope =
  | { readonly kind: "schema" }
  | { readonly kind: "changed"; readonly tables: readonly string[] }
  | { readonly kind: "full" };

/** What one statement does to the file's b-trees. */
type Effect =
  | { readonly kind: "schema" }
  | { readonly kind: "fresh"; readonly creates: string | null }
  | { readonly kind: "in-place"; readonly table: string; readonly insert: boolean }
  | { readonly kind: "unknown" };

/** The narrowest check that still covers every page the statements wrote. */
export function integrityScope(statements: readonly string[]): IntegrityScope {
  const created = new Set<string>();
  const inPlace = new Map<string, string>();
  let schemaOnly = true;
  for (const sql of statements) {
    const effect = effectOf(tokenize(sql));
    if (effect.kind === "unknown") return { kind: "full" };
    if (effect.kind === "schema") continue;
    schemaOnly = false;
    if (effect.kind === "fresh") {
      if (effect.creates !== null) created.add(asciiLower(effect.creates));
    } else if (!(effect.insert && created.has(asciiLower(effect.table)))) {
      // Rows inserted into a table this plan created are its bulk copy; anything else edits rows.
      if (!inPlace.has(asciiLower(effect.table))) inPlace.set(asciiLower(effect.table), effect.table);
    }
  }
  if (schemaOnly && statements.length > 0) return { kind: "schema" };
  return { kind: "changed", tables: [...inPlace.values()] };
}

function effectOf(tokens: readonly Token[]): Effect {
  const at = (i: number): string => {
    const t = tokens[i];
    return t?.kind === "keyword" ? t.value : "";
  };
  const [first, second] = [at(0), at(1)];
  if ((first === "CREATE" || first === "DROP") && (second === "VIEW" || second === "TRIGGER")) return { kind: "schema" };
  if (first === "CREATE" && second === "TABLE") return fresh(nameAt(tokens, skipIfNotExists(tokens, 2)));
  if (first === "CREATE" && (second === "INDEX" || (second === "UNIQUE" && at(2) === "INDEX"))) return { kind: "fresh", creates: null };
  if (first === "DROP" && (second === "TABLE" || second === "INDEX")) return { kind: "fresh", creates: null };
  if (first === "ALTER" && second === "TABLE") return alterEffect(tokens);
  if (first === "UPDATE") return inPlace(nameAt(tokens, skipConflictClause(tokens, 1)), false);
  if (first === "DELETE" && second === "FROM") return inPlace(nameAt(tokens, 2), false);
  if (first === "REPLACE" && second === "INTO") return inPlace(nameAt(tokens, 2), true);
  if (first === "INSERT") {
    const into = skipConflictClause(tokens, 1);
    return at(into) === "INTO" ? inPlace(nameAt(tokens, into + 1), true) : { kind: "unknown" };
  }
  return { kind: "unknown" };
}

/** ALTER TABLE name ...: ADD and RENAME edit the schema text; DROP COLUMN rewrites every row. */
function alterEffect(tokens: readonly Token[]): Effect {
  const name = nameAt(tokens, 2);
  if (name === null) return { kind: "unknown" };
  const next = tokens[name.next];
  const verb = next?.kind === "keyword" ? next.value : "";
  if (verb === "ADD" || verb === "RENAME") return { kind: "schema" };
  return { kind: "in-place", table: name.name, insert: false };
}

interface NameAt {
  readonly name: string;
  /** The index of the token after the name. */
  readonly next: number;
}

/** A table name at `i`, optionally `main.`-qualified; null for anything else (another schema). */
function nameAt(tokens: readonly Token[], i: number): NameAt | null {
  const a = tokens[i];
  if (a?.kind !== "ident" && a?.kind !== "string") return null;
  if (tokens[i + 1]?.kind !== "dot") return { name: a.value, next: i + 1 };
  const b = tokens[i + 2];
  if (asciiLower(a.value) !== "main" || (b?.kind !== "ident" && b?.kind !== "string")) return null;
  return { name: b.value, next: i + 3 };
}

function skipIfNotExists(tokens: readonly Token[], i: number): number {
  const words = tokens.slice(i, i + 3).map((t) => (t.kind === "keyword" ? t.value : ""));
  return words.join(" ") === "IF NOT EXISTS" ? i + 3 : i;
}

/** Skips `OR ABORT` (or any conflict clause) after INSERT / UPDATE. */
function skipConflictClause(tokens: readonly Token[], i: number): number {
  return tokens[i]?.kind === "keyword" && tokens[i]?.value === "OR" ? i + 2 : i;
}

function fresh(name: NameAt | null): Effect {
  return name === null ? { kind: "unknown" } : { kind: "fresh", creates: name.name };
}

function inPlace(name: NameAt | null, insert: boolean): Effect {
  return name === null ? { kind: "unknown" } : { kind: "in-place", table: name.name, insert };
}
