/**
 * The declared model -> the normalised model: render it, run it in a scratch in-memory database
 * and introspect that (DESIGN.md §1), so both sides of a diff are spelled by SQLite itself. The
 * scratch database is also the validator: whatever SQLite refuses is reported at the YAML that
 * produced it, narrowed down to the one part (a CHECK, a DEFAULT, an index term) at fault.
 */
import type { Connection, Driver } from "../db/driver.js";
import { errorText, fail, ok, type Diagnostic, type Result } from "../errors.js";
import type { Schema, Table, VirtualTable } from "../model.js";
import { introspect, introspectParts, readSchemaPart, type SchemaPart } from "../sqlite/introspect.js";
import { asciiLower as fold, sameName } from "../sqlite/names.js";
import { quoteIdent } from "../sqlite/quote.js";
import {
  renderCreateIndex,
  renderCreateTable,
  renderCreateTrigger,
  renderCreateView,
  renderCreateVirtualTable,
} from "../sqlite/render.js";
import type { TableOrigin } from "./origins.js";
import { blameIndex, blameTable, blameTrigger } from "./blame.js";
import { type Chunk, planChunks } from "./chunks.js";
import { invalid, run, triggerProbe } from "./scratch.js";
import type { ModelBuild } from "./to-model.js";

const NO_MODULE = /^no such module: /;

/** How normalise spreads a big schema over scratch databases (tests set a small size). */
export interface NormaliseOptions {
  /** Tables and indexes per scratch database; see chunks.ts. */
  readonly chunkObjects?: number;
}

/** Renders, runs and introspects the declared schema. */
export function normalise(build: ModelBuild, driver: Driver, options: NormaliseOptions = {}): Result<Schema> {
  const chunks = planChunks(build.declared, options.chunkObjects);
  const chunked = chunks === null ? null : inChunks(chunks, driver);
  if (chunked !== null && chunked.ok && shapeMismatch(build, chunked.value).length === 0) return chunked;
  return inOneDatabase(build, driver);
}

/**
 * The schema from several scratch databases, one open at a time, or null when any statement
 * fails there: the diagnostics (and their order) are then those of the one-database run.
 */
function inChunks(chunks: readonly Chunk[], driver: Driver): Result<Schema> | null {
  const parts: SchemaPart[] = [];
  for (const chunk of chunks) {
    const conn = driver.memory();
    try {
      if (!runChunk(conn, chunk)) return null;
      parts.push(readSchemaPart(conn, (row) => (row.type === "trigger" ? chunk.triggerNames : chunk.relations).has(fold(row.name))));
    } catch {
      return null;
    } finally {
      conn.close();
    }
  }
  return introspectParts(parts);
}

/** Runs a chunk's statements in the order `execute` runs them; false at the first error. */
function runChunk(conn: Connection, chunk: Chunk): boolean {
  conn.exec("PRAGMA foreign_keys = OFF");
  conn.exec("BEGIN");
  const statements = [
    ...chunk.tables.map((t) => renderCreateTable(t)),
    ...chunk.indexes.map((index) => renderCreateIndex(index)),
    ...chunk.views.map((v) => renderCreateView(v)),
    ...chunk.views.map((v) => `SELECT * FROM ${quoteIdent(v.name)} LIMIT 0`),
  ];
  for (const sql of statements) if (run(conn, sql) !== null) return false;
  for (const t of chunk.triggers) {
    if (run(conn, renderCreateTrigger(t)) !== null || run(conn, triggerProbe(conn, t)) !== null) return false;
  }
  for (const t of chunk.foreignKeyChecks) if (foreignKeyError(conn, t.name) !== null) return false;
  commit(conn);
  return true;
}

/** The scratch run in one database, which also finds the part of the YAML to blame for an error. */
function inOneDatabase(build: ModelBuild, driver: Driver): Result<Schema> {
  const conn = driver.memory();
  let scratch: Connection | null = null;
  try {
    const { diagnostics, warnings, unavailable } = execute(conn, build);
    if (diagnostics.length > 0) return fail(...diagnostics);
    scratch = unavailable.length > 0 ? withUnavailableModules(conn, driver, unavailable) : null;
    const result = introspect(scratch ?? conn);
    if (!result.ok) return fail(...result.diagnostics.map((d) => unreadable(build, d)));
    const mismatch = shapeMismatch(build, result.value);
    return mismatch.length > 0 ? fail(...mismatch) : ok(result.value, [...result.warnings, ...warnings]);
  } finally {
    scratch?.close();
    conn.close();
  }
}

function execute(conn: Connection, build: ModelBuild): { diagnostics: Diagnostic[]; warnings: Diagnostic[]; unavailable: VirtualTable[] } {
  const { declared, origins } = build;
  const out: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  // Objects already reported, or not creatable here: an error about one of them missing is an echo.
  const failed = new Set<string>();
  const unavailable: VirtualTable[] = [];
  const excused = (error: string): boolean => {
    if (NO_MODULE.test(error)) return true;
    const missing = /^no such table: (?:main\.)?(.*)$/.exec(error)?.[1];
    return missing !== undefined && failed.has(fold(missing));
  };
  conn.exec("PRAGMA foreign_keys = OFF");
  // One transaction for the whole scratch schema (after the PRAGMA, a no-op inside one): sql.js
  // keeps even a new database in a journaled file, and committing each of thousands of CREATE
  // statements separately triples the time of a big schema. Failed statements roll back alone.
  conn.exec("BEGIN");

  for (const t of declared.tables) {
    const error = run(conn, renderCreateTable(t));
    if (error === null) continue;
    out.push(blameTable(conn, t, origins.tables.get(t.name)!, error));
    failed.add(fold(t.name));
  }
  for (const t of declared.tables) {
    if (failed.has(fold(t.name))) continue;
    for (const index of t.indexes) {
      const error = run(conn, renderCreateIndex(index));
      if (error !== null) out.push(blameIndex(conn, index, origins.indexes.get(index.name)!, error));
    }
  }
  for (const v of declared.virtualTables) {
    const error = run(conn, renderCreateVirtualTable(v));
    // This SQLite build lacks the module (sql.js has no FTS5 or R*Tree): keep the statement
    // unverified, exactly as a live database that uses the module would show it.
    if (error !== null && NO_MODULE.test(error)) unavailable.push(v);
    else if (error !== null) out.push(invalid(origins.virtualTables.get(v.name)!.sql, error));
  }
  for (const v of unavailable) failed.add(fold(v.name));
  const created: string[] = [];
  for (const v of declared.views) {
    const error = run(conn, renderCreateView(v));
    if (error === null) created.push(v.name);
    else {
      out.push(invalid(origins.views.get(v.name)!.sql, error));
      failed.add(fold(v.name));
    }
  }
  // CREATE VIEW checks nothing but syntax; reading the view compiles it.
  for (const name of created) {
    const error = run(conn, `SELECT * FROM ${quoteIdent(name)} LIMIT 0`);
    if (error === null) continue;
    // A trigger on a view that does not compile cannot even list its columns: skip it (an echo).
    failed.add(fold(name));
    if (!excused(error)) out.push(invalid(origins.views.get(name)!.sql, error));
  }
  for (const t of declared.triggers) {
    if (failed.has(fold(t.table))) continue;
    const origin = origins.triggers.get(t.name)!;
    const error = run(conn, renderCreateTrigger(t));
    if (error !== null) {
      out.push(blameTrigger(conn, t, origin, error, false));
      continue;
    }
    // CREATE TRIGGER does not resolve names either; preparing a statement that fires it does.
    const probeError = run(conn, triggerProbe(conn, t));
    if (probeError !== null && !excused(probeError)) out.push(blameTrigger(conn, t, origin, probeError, true));
  }
  for (const t of declared.tables) {
    if (failed.has(fold(t.name)) || t.foreignKeys.length === 0) continue;
    const error = foreignKeyError(conn, t.name);
    if (error !== null) warnings.push(foreignKeyMismatch(t, origins.tables.get(t.name)!, error));
  }
  commit(conn);
  return { diagnostics: out, warnings, unavailable };
}

/** COMMIT, tolerating a transaction a statement already ended (https://www.sqlite.org/lang_transaction.html). */
function commit(conn: Connection): void {
  try {
    conn.exec("COMMIT");
  } catch {
    // "cannot commit - no transaction is active": nothing left to commit.
  }
}

/**
 * SQLite accepts a foreign key whose parent columns are not a PRIMARY KEY or UNIQUE, and only
 * complains when one is used ("foreign key mismatch", https://www.sqlite.org/foreignkeys.html#fk_indexes).
 * A warning, not an error: databases that ran with foreign keys off have such keys, and the dump
 * of any database must load. (A chunk of the split scratch schema gives up on one, so the
 * one-database run reports it.)
 */
function foreignKeyError(conn: Connection, table: string): string | null {
  try {
    conn.query("SELECT * FROM pragma_foreign_key_check(?)", [table]);
    return null;
  } catch (e) {
    return errorText(e);
  }
}

function foreignKeyMismatch(t: Table, origin: TableOrigin, error: string): Diagnostic {
  const parent = /referencing "(.*)"$/.exec(error)?.[1];
  const k = Math.max(0, t.foreignKeys.findIndex((fk) => parent !== undefined && sameName(fk.refTable, parent)));
  const d = invalid(origin.foreignKeys[k] ?? origin.key, error);
  return {
    ...d,
    code: "WARN_FK_MISMATCH",
    hint: "SQLite accepts it, but while foreign keys are enforced every write to the table fails: make the parent columns its PRIMARY KEY or UNIQUE",
  };
}

/** An object the introspector could not read back, reported at its declaration. */
function unreadable(build: ModelBuild, d: Diagnostic): Diagnostic {
  const m = /^(table|view|trigger|virtual table) "((?:[^"]|"")*)": (.*)$/s.exec(d.message);
  if (m === null) return d;
  const name = m[2].replaceAll('""', '"');
  const o = build.origins;
  const origin = { table: o.tables, view: o.views, trigger: o.triggers, "virtual table": o.virtualTables }[m[1]]?.get(name);
  if (origin === undefined) return d;
  return invalid(origin.key, `schemadiff cannot read this ${m[1]} back from SQLite: ${m[3]}`, "key");
}

/**
 * Adds virtual tables whose module this SQLite lacks straight to the schema table
 * (https://www.sqlite.org/pragma.html#pragma_writable_schema) and reopens the image, so the
 * introspector reads them exactly as it reads them from a live database.
 */
function withUnavailableModules(conn: Connection, driver: Driver, tables: readonly VirtualTable[]): Connection {
  conn.exec("PRAGMA writable_schema = ON");
  for (const v of tables) {
    conn.query("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('table', ?, ?, 0, ?)", [v.name, v.name, v.sql]);
  }
  conn.exec("PRAGMA writable_schema = OFF");
  return driver.fromBytes(conn.export());
}

/**
 * Text that escaped its place (a type or default swallowing the rest of a column) shows up as
 * objects or columns nobody declared; refuse rather than compare a schema the user did not write.
 */
function shapeMismatch(build: ModelBuild, got: Schema): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = (list: readonly { readonly name: string }[]): string => list.map((o) => fold(o.name)).sort().join("\n");
  const kinds = [
    [build.declared.tables, got.tables],
    [build.declared.views, got.views],
    [build.declared.triggers, got.triggers],
    [build.declared.virtualTables, got.virtualTables],
  ] as const;
  for (const [declared, actual] of kinds) {
    if (names(declared) !== names(actual)) {
      out.push({ code: "SCHEMA_INVALID_SQL", message: `the schema creates ${actual.length} objects of a kind where ${declared.length} are declared; some SQL text runs past its place` });
    }
  }
  // By folded name, first one kept (as `find` would): a lookup per table, not a scan.
  const gotTables = new Map<string, Table>();
  for (const g of got.tables) if (!gotTables.has(fold(g.name))) gotTables.set(fold(g.name), g);
  for (const t of build.declared.tables) {
    const actual = gotTables.get(fold(t.name));
    if (actual === undefined) continue;
    if (names(t.columns) !== names(actual.columns) || t.indexes.length !== actual.indexes.length) {
      out.push(invalid(build.origins.tables.get(t.name)!.key, "SQLite read back different columns or indexes than declared; check the types and defaults for stray text", "key"));
    }
  }
  return out;
}
