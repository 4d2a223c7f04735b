/**
 * What the loader knows about every declared name while it builds the model: which names exist
 * (SQLite compares names case-insensitively for ASCII, https://www.sqlite.org/lang_keywords.html),
 * and a collector for diagnostics that point at YAML refs.
 */
import type { Diagnostic, DiagnosticCode } from "../errors.js";
import { asciiLower as fold } from "../sqlite/names.js";
import { didYouMean } from "./did-you-mean.js";
import { at, type Ref } from "./origins.js";
import { describe, diagnostic } from "./position.js";


/** Collects diagnostics: problems that stop the load, and warnings that do not. */
export class Problems {
  readonly list: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];

  /** Reports a problem at a ref's value (or key). */
  add(code: DiagnosticCode, message: string, ref: Ref, part: "key" | "value" = "value", hint?: string): void {
    this.list.push(diagnostic(code, message, at(ref, part), hint));
  }

  /** Reports a warning at a ref's value. */
  warn(code: DiagnosticCode, message: string, ref: Ref, hint?: string): void {
    this.warnings.push(diagnostic(code, message, at(ref), hint));
  }
}

/** Kinds of names that share SQLite's one namespace for tables, views and indexes. */
export type RelationKind = "table" | "view" | "virtual table" | "index";

interface Declared {
  readonly name: string;
  readonly kind: RelationKind;
  readonly ref: Ref;
}

/** Declared names, for duplicate and reference checks. */
export class Catalog {
  private readonly relations = new Map<string, Declared>();
  private readonly triggers = new Map<string, Declared>();
  private readonly columns = new Map<string, Map<string, string>>();

  constructor(private readonly problems: Problems) {}

  /** Registers a table/view/index name; false (and a diagnostic) when it is taken. */
  declare(kind: RelationKind, name: string, ref: Ref): boolean {
    return this.register(this.relations, kind, name, ref);
  }

  /** Registers a trigger name (triggers have a namespace of their own). */
  declareTrigger(name: string, ref: Ref): boolean {
    return this.register(this.triggers, "table", name, ref, "trigger");
  }

  private register(map: Map<string, Declared>, kind: RelationKind, name: string, ref: Ref, label: string = kind): boolean {
    // https://www.sqlite.org/lang_createtable.html: `sqlite_` names are SQLite's own;
    // `_schemadiff` ones are schemadiff's bookkeeping, which the introspector never reads.
    const reserved = ["sqlite_", "_schemadiff"].find((prefix) => fold(name).startsWith(prefix));
    if (reserved !== undefined) {
      this.problems.add("SCHEMA_INVALID_SQL", `${label} \`${name}\`: names starting with \`${reserved}\` are reserved`, ref, "key");
      return false;
    }
    const prior = map.get(fold(name));
    if (prior !== undefined) {
      const priorLabel = map === this.triggers ? "trigger" : prior.kind;
      this.problems.add(
        "SCHEMA_DUPLICATE",
        `${label} \`${name}\` is declared twice (first as ${priorLabel} \`${prior.name}\` at ${describe(at(prior.ref, "key"))})`,
        ref,
        "key",
        "SQLite names are unique across tables, views and indexes, ignoring case",
      );
      return false;
    }
    map.set(fold(name), { name, kind, ref });
    return true;
  }

  /** Records a table's column names. */
  setColumns(table: string, names: readonly string[]): void {
    this.columns.set(fold(table), new Map(names.map((n) => [fold(n), n])));
  }

  /** The declared object of that name (any case), if any. */
  relation(name: string): { readonly name: string; readonly kind: RelationKind } | undefined {
    return this.relations.get(fold(name));
  }

  /** Checks that `name` is a declared table; reports SCHEMA_MISSING_TABLE otherwise. */
  requireTable(name: string, ref: Ref, what: string, allowViews = false): boolean {
    const found = this.relations.get(fold(name));
    if (found !== undefined && (found.kind === "table" || (allowViews && found.kind === "view"))) return true;
    const message =
      found !== undefined
        ? `${what} \`${name}\`, which is a ${found.kind}, not a table`
        : `${what} \`${name}\`, which is not declared${didYouMean(name, this.tableNames(allowViews))}`;
    this.problems.add("SCHEMA_MISSING_TABLE", message, ref);
    return false;
  }

  /**
   * Checks the parent table of a foreign key: false when it is not a declared table. A parent
   * that is not declared at all is a warning, not an error: SQLite creates such a table, and
   * databases that ran with foreign keys off often have one (a parent dropped since), so the
   * dump of any database must load. Anything else by that name (a view, an index) is an error.
   */
  requireParent(name: string, ref: Ref, what: string): boolean {
    if (this.relations.has(fold(name))) return this.requireTable(name, ref, what);
    this.problems.warn(
      "WARN_MISSING_PARENT",
      `${what} \`${name}\`, which is not declared${didYouMean(name, this.tableNames(false))}`,
      ref,
      "SQLite accepts it, but while foreign keys are enforced every insert or update of a row with a key fails",
    );
    return false;
  }

  private tableNames(allowViews: boolean): string[] {
    return [...this.relations.values()].filter((d) => d.kind === "table" || (allowViews && d.kind === "view")).map((d) => d.name);
  }

  /** Checks that a declared table has a column; reports SCHEMA_MISSING_COLUMN otherwise. */
  requireColumn(table: string, column: string, ref: Ref): boolean {
    const cols = this.columns.get(fold(table));
    if (cols === undefined || cols.has(fold(column))) return true;
    this.problems.add(
      "SCHEMA_MISSING_COLUMN",
      `table \`${table}\` has no column \`${column}\`${didYouMean(column, cols.values())}`,
      ref,
    );
    return false;
  }

  /** True when `table` is a declared table with that column (any case). */
  hasColumn(table: string, column: string): boolean {
    return this.columns.get(fold(table))?.has(fold(column)) ?? false;
  }
}
