/**
 * The native adapter: better-sqlite3 (SQLite compiled into a Node addon) behind the driver port.
 * It is an optional dependency: loaded lazily, and when it is missing or its addon cannot load
 * (no compiler when it was installed) everything keeps working on sql.js, and asking for it says
 * exactly why it is unavailable.
 *
 * Unlike sql.js it can also open a database file in place, with SQLite's own file locking, so an
 * apply needs no whole-file copy and works while an app has the database open (src/apply/in-place.ts).
 *
 * Parity with the sql.js adapter (src/db/sqljs.ts) is deliberate, because both drivers must give
 * identical results (test/native/parity.test.ts):
 * - parameters bind like sql.js binds them: a number that is a 32-bit integer as INTEGER, any other
 *   number as REAL, a bigint via Number (better-sqlite3 alone would bind every number as REAL);
 * - integers come back as JS numbers (`safeIntegers` off), converted exactly as sql.js converts them;
 * - blobs come back as plain `Uint8Array`s, not `Buffer`s;
 * - `PRAGMA foreign_keys` starts OFF, as in sql.js: better-sqlite3 is built with
 *   SQLITE_DEFAULT_FOREIGN_KEYS=1 (https://www.sqlite.org/compile.html#default_foreign_keys).
 * Known build differences that no adapter can hide: better-sqlite3 is built with SQLITE_DQS=0, so a
 * double-quoted string literal in a CHECK or index expression is an error when a table is created
 * (https://www.sqlite.org/quirks.html#dblquote), and it has FTS5 and R*Tree, which sql.js lacks.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync, constants as fsc } from "node:fs";
import * as path from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { errorText, fail, ok, type Diagnostic, type Result } from "../errors.js";
import type { Connection, Driver, Row, SqlValue } from "./driver.js";
import { tokenize } from "../sqlite/tokenize.js";
import { checkDatabaseFile } from "./file.js";
import { HEADER_SIZE, parseHeader } from "./header.js";

type Database = BetterSqlite3.Database;
type DatabaseConstructor = typeof BetterSqlite3;

/** How to open a database file in place. */
export interface OpenFileOptions {
  readonly readonly: boolean;
  /** How long a statement waits for another connection's lock before SQLITE_BUSY (https://www.sqlite.org/c3ref/busy_timeout.html). */
  readonly busyTimeoutMs: number;
}

/** A connection to a database file (not an in-memory copy). */
export interface FileConnection extends Connection {
  /** Absolute path of the database file. */
  readonly path: string;
  /** `PRAGMA journal_mode` as SQLite reports it: `wal`, `delete`, `truncate`, `persist`, ... */
  journalMode(): string;
}

/** The native driver: the port, plus opening a file in place. */
export interface NativeDriver extends Driver {
  readonly name: "native";
  /** Opens an existing database file in place (never creates one); errors are diagnostics naming it. */
  openFile(file: string, options: OpenFileOptions): Result<FileConnection>;
}

/** How the module is imported; a test swaps it to simulate a missing or broken install. */
export type NativeImporter = () => Promise<unknown>;

const importBetterSqlite3: NativeImporter = () => import("better-sqlite3");

let cached: Promise<Result<NativeDriver>> | undefined;

/**
 * Loads better-sqlite3 once per process. Fails with USAGE and the loader's own message when the
 * module is missing or its compiled addon does not load. A custom `importer` bypasses the cache.
 */
export function loadNative(importer?: NativeImporter): Promise<Result<NativeDriver>> {
  if (importer) return load(importer);
  cached ??= load(importBetterSqlite3);
  return cached;
}

async function load(importer: NativeImporter): Promise<Result<NativeDriver>> {
  let ctor: DatabaseConstructor;
  try {
    const mod = (await importer()) as { default?: unknown };
    if (typeof mod?.default !== "function") throw new Error("better-sqlite3 has no default export");
    ctor = mod.default as DatabaseConstructor;
    // The addon (.node file) is only loaded by the first constructor call: probe it now, so a
    // module that is present but was never compiled is reported here and not mid-command.
    new ctor(":memory:").close();
  } catch (error) {
    return fail(unavailable(errorText(error)));
  }
  return ok(makeDriver(ctor));
}

/** The diagnostic for `--driver native` when better-sqlite3 cannot be used. */
export function unavailable(reason: string): Diagnostic {
  return {
    code: "USAGE",
    message: `the native driver (better-sqlite3) is unavailable: ${reason}`,
    hint:
      "compile it with a C/C++ compiler and Python available (npm run build:native in a clone; npm install installs it without compiling), " +
      "or use --driver sqljs (the default fallback)",
  };
}

function makeDriver(ctor: DatabaseConstructor): NativeDriver {
  return {
    name: "native",
    memory: () => wrap(new ctor(":memory:")),
    // better-sqlite3 deserializes only a Buffer; this view shares the bytes, SQLite copies them.
    fromBytes: (bytes) => wrap(new ctor(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))),
    openFile: (file, options) => openFile(ctor, file, options),
  };
}

function openFile(ctor: DatabaseConstructor, file: string, options: OpenFileOptions): Result<FileConnection> {
  const absolute = path.resolve(file);
  // better-sqlite3 trims the file name, so it would open a different file than the one named.
  if (path.basename(absolute) !== path.basename(absolute).trim()) {
    return fail({
      code: "DB_UNSUPPORTED",
      file: absolute,
      message: "the native driver cannot open a file whose name starts or ends with white space",
      hint: "rename the file, or use --driver sqljs",
    });
  }
  const header = checkHeader(absolute);
  if (!header.ok) return header;
  let db: Database;
  try {
    db = new ctor(absolute, {
      readonly: options.readonly,
      fileMustExist: true,
      timeout: Math.max(0, Math.min(0x7fffffff, Math.round(options.busyTimeoutMs))),
    });
  } catch (error) {
    return fail(openError(error, absolute));
  }
  let conn: Connection;
  try {
    conn = wrap(db);
    // Makes SQLite read the schema now, so a damaged file fails here with its name.
    conn.query("SELECT count(*) AS n FROM sqlite_schema");
  } catch (error) {
    db.close();
    return fail(openError(error, absolute));
  }
  return ok({
    ...conn,
    path: absolute,
    journalMode: () => String(Object.values(conn.query("PRAGMA journal_mode")[0] ?? {})[0] ?? ""),
  });
}

/** Validates the 100-byte header before SQLite opens the file (src/db/header.ts), read-only. */
function checkHeader(file: string): Result<void> {
  // With no -wal or -journal beside it nobody is mid-write, so the strict checks of the sql.js
  // path apply (a header that promises more pages than the file has is a truncated file).
  if (!existsSync(`${file}-wal`) && !existsSync(`${file}-journal`)) {
    const strict = checkDatabaseFile(file);
    return strict.ok ? ok(undefined) : strict;
  }
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO in place of the file must not hang the open.
    fd = openSync(file, fsc.O_RDONLY | fsc.O_NONBLOCK);
  } catch (error) {
    return fail(openError(error, file));
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) {
      return fail({ code: "DB_IS_DIRECTORY", file, message: "is a directory, not a database file", hint: "pass the database file itself" });
    }
    if (!stats.isFile()) {
      return fail({ code: "DB_NOT_SQLITE", file, message: "is not a regular file, so not a database" });
    }
    const head = new Uint8Array(HEADER_SIZE);
    const n = readSync(fd, head, 0, HEADER_SIZE, 0);
    // A live database may be mid-checkpoint or mid-commit (page 1 already says the file is
    // longer than it is yet), so the file size is only compared with the header's own length;
    // SQLite, reading under its locks, judges the rest.
    const size = stats.size < HEADER_SIZE ? stats.size : Number.MAX_SAFE_INTEGER;
    const header = parseHeader(head.subarray(0, n), size, file);
    return header.ok ? ok(undefined) : header;
  } catch (error) {
    return fail(openError(error, file));
  } finally {
    closeSync(fd);
  }
}

function wrap(db: Database): Connection {
  // sql.js starts with foreign keys OFF; better-sqlite3's build turns them ON by default.
  db.pragma("foreign_keys = OFF");
  const version = String((db.prepare("SELECT sqlite_version() AS v").get() as { v: unknown }).v);
  return {
    sqliteVersion: version,
    query<T extends Row>(text: string, params: readonly SqlValue[] = []): T[] {
      const stmt = db.prepare(text);
      const bound = bindArgs(text, params);
      if (!stmt.reader) {
        stmt.run(...bound);
        return [];
      }
      return (stmt.all(...bound) as Record<string, unknown>[]).map((row) => toRow(row) as T);
    },
    exec(text: string): void {
      db.exec(text);
    },
    export: () => plain(db.serialize() as unknown as Uint8Array),
    close: () => {
      if (db.open) db.close();
    },
  };
}

/**
 * The value to hand to better-sqlite3 so SQLite receives what sql.js would bind: sql.js binds a
 * number equal to its 32-bit truncation with sqlite3_bind_int, any other number with
 * sqlite3_bind_double, and a bigint as Number first; better-sqlite3 binds a bigint as INTEGER.
 */
export function bindValue(value: SqlValue): unknown {
  if (typeof value === "bigint") return bindValue(Number(value));
  if (typeof value === "number") return (value | 0) === value ? BigInt(value) : value;
  return value;
}

/**
 * The arguments for better-sqlite3 that bind `params` positionally, as sql.js does: value i goes to
 * parameter number i + 1, whatever its spelling. better-sqlite3 itself binds an array only to
 * anonymous `?`s and wants an object for `?NNN`, `:name`, `@name` and `$name`, so the parameter
 * numbers are worked out with SQLite's rules (https://www.sqlite.org/lang_expr.html#parameters):
 * `?NNN` is number NNN, a name keeps the number it got first, anything else takes the next one.
 * Parameters without a value are NULL, as in sql.js.
 */
function bindArgs(sql: string, params: readonly SqlValue[]): unknown[] {
  const values = params.map(bindValue);
  if (!/[?:@$]/.test(sql)) return values;
  const tokens = tokenize(sql).filter((t) => t.kind === "param");
  if (tokens.every((t) => t.text === "?") && tokens.length === values.length) return values;
  const names = new Map<number, string>();
  const numbers = new Map<string, number>();
  let highest = 0;
  for (const { text } of tokens) {
    let n: number;
    if (text === "?") n = highest + 1;
    else if (text.startsWith("?")) n = Number(text.slice(1));
    else n = numbers.get(text) ?? highest + 1;
    if (text !== "?" && !names.has(n)) names.set(n, text);
    if (text !== "?" && !text.startsWith("?")) numbers.set(text, n);
    highest = Math.max(highest, n);
  }
  const anonymous: unknown[] = [];
  const named: Record<string, unknown> = {};
  for (let n = 1; n <= Math.max(highest, values.length); n++) {
    const value = n <= values.length ? values[n - 1] : null;
    const name = names.get(n);
    // better-sqlite3 looks a named parameter up without its prefix character.
    if (name === undefined) anonymous.push(value);
    else named[name.slice(1)] = value;
  }
  return names.size > 0 ? [...anonymous, named] : anonymous;
}

function toRow(row: Record<string, unknown>): Row {
  for (const key of Object.keys(row)) {
    const v = row[key];
    if (v instanceof Uint8Array) row[key] = plain(v);
  }
  return row as Row;
}

/** A plain Uint8Array view of a Buffer (sql.js returns plain ones; deep equality tells them apart). */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function openError(error: unknown, file: string): Diagnostic {
  const code = errorCode(error);
  const text = errorText(error);
  if (code === "ENOENT" || /unable to open|does not exist|SQLITE_CANTOPEN/i.test(`${code} ${text}`)) {
    return { code: "DB_NOT_FOUND", file, message: `cannot be opened: ${text}`, hint: "check the path; schemadiff never creates a database" };
  }
  if (code === "EACCES" || code === "EPERM" || code.startsWith("SQLITE_READONLY")) {
    return { code: "DB_READ_ONLY", file, message: `cannot be opened for writing: ${text}`, hint: "check the file's and its folder's permissions" };
  }
  if (code.startsWith("SQLITE_BUSY")) return busy(file, text);
  if (code === "SQLITE_NOTADB" || /not a database/i.test(text)) {
    return { code: "DB_CORRUPT", file, message: "SQLite cannot read it: file is not a database (damaged, or encrypted)", hint: "restore the file from a backup" };
  }
  return { code: "DB_CORRUPT", file, message: `SQLite cannot open it: ${text}`, hint: "restore the file from a backup" };
}

/** REFUSED_BUSY: another connection held a lock for longer than the busy timeout. */
export function busy(file: string, detail: string): Diagnostic {
  return {
    code: "REFUSED_BUSY",
    file,
    message: `database is busy: another connection holds a lock on it (${detail}). Nothing was written.`,
    hint: "retry when the application is idle, or allow a longer wait with --lock-timeout MS",
  };
}

/** True for SQLite's SQLITE_BUSY family (better-sqlite3 uses extended result codes). */
export function isBusyError(error: unknown): boolean {
  const code = errorCode(error);
  return code.startsWith("SQLITE_BUSY");
}

/** The `code` of a better-sqlite3 SqliteError (`SQLITE_BUSY`) or a Node fs error (`ENOENT`). */
export function errorCode(error: unknown): string {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : "";
}

