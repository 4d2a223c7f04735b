/**
 * Reading database files safely: read-only, never created, never modified, mtime never touched.
 * Every way a path can fail to be a usable database becomes a Diagnostic naming the file.
 */
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readdirSync, statSync, constants as fsc, type Stats } from "node:fs";
import { errorText, fail, ok, type Diagnostic, type Result } from "../errors.js";
import type { Connection, Driver } from "./driver.js";
import { HEADER_SIZE, parseHeader, type DatabaseHeader } from "./header.js";
import { hasHotJournal, readAt, walState, type WalState } from "./sidecar.js";

export type { WalState } from "./sidecar.js";

/** What was read, to tell later whether the file changed since. */
export interface FileSnapshot {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Hex SHA-256 of the bytes read. */
  readonly sha256: string;
  /** Permission bits (`mode & 0o7777`), to keep on write-back. */
  readonly mode: number;
}

/** A database file read into memory, with what SQLite keeps next to it. */
export interface DatabaseFile {
  readonly bytes: Uint8Array;
  readonly snapshot: FileSnapshot;
  readonly header: DatabaseHeader;
  /** `-wal` state: "frames" means committed changes the main file does not have yet. */
  readonly wal: WalState;
  /** Committed frames found in the `-wal` (0 unless `wal` is "frames" and it was readable). */
  readonly walFrames: number;
  /** A live `-journal`: a write is under way or was interrupted. */
  readonly hotJournal: boolean;
}

/**
 * The largest database read into memory. Reading holds the file image and the engine's in-memory
 * copy at once (apply also an exported copy); past ~1 GiB that exhausts a default Node heap and
 * nears the 2 GiB single-read limit of `fs`, so refuse early and clearly instead of crashing.
 */
export const MAX_SQLJS_BYTES = 1024 ** 3;

/** Options for reading. */
export interface ReadOptions {
  /** Refuse files larger than this many bytes (default MAX_SQLJS_BYTES). */
  readonly maxBytes?: number;
  /**
   * Read the bytes into a resizable ArrayBuffer, so that a caller done with them can give their
   * memory back at once (`buffer.resize(0)`) instead of waiting for a full GC, which large
   * buffers outside the JS heap do not trigger soon enough (apply, once the engine has its copy).
   */
  readonly releasable?: boolean;
}

/** Reads a database file read-only, validating its header; never creates or modifies anything. */
export function readDatabaseFile(path: string, options: ReadOptions = {}): Result<DatabaseFile> {
  const maxBytes = options.maxBytes ?? MAX_SQLJS_BYTES;
  return withOpenFile(path, (fd) => readOpen(fd, path, maxBytes, options.releasable === true));
}

/**
 * The same checks as `readDatabaseFile` (exists, a regular file, a SQLite header that matches the
 * file's size, a format this SQLite reads) from the first 100 bytes only: for engines that open the
 * file in place and must never be handed a path that is not a database.
 */
export function checkDatabaseFile(path: string): Result<DatabaseHeader> {
  return withOpenFile(path, (fd) => parseHeader(readAt(fd, 0, HEADER_SIZE), fstatSync(fd).size, path));
}

function withOpenFile<T>(path: string, use: (fd: number) => Result<T>): Result<T> {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    return fail(fsError(e, path));
  }
  if (stats.isDirectory()) return fail(isDirectory(path));
  if (!stats.isFile()) {
    return fail({
      code: "DB_NOT_SQLITE",
      file: path,
      message: "is not a regular file (a device, pipe or socket), so not a database",
    });
  }
  let fd: number;
  try {
    // O_NONBLOCK: should the path become a FIFO between stat and open, do not hang on it.
    fd = openSync(path, fsc.O_RDONLY | fsc.O_NONBLOCK);
  } catch (e) {
    return fail(fsError(e, path));
  }
  try {
    return use(fd);
  } catch (e) {
    return fail(fsError(e, path));
  } finally {
    closeSync(fd);
  }
}

function readOpen(fd: number, path: string, maxBytes: number, releasable: boolean): Result<DatabaseFile> {
  // A writer may be mid-write: read until two stats around a full read agree.
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = fstatSync(fd);
    const header = parseHeader(readAt(fd, 0, HEADER_SIZE), before.size, path);
    if (!header.ok) return header;
    if (before.size > maxBytes) return fail(tooLarge(path, before.size, maxBytes));
    const bytes = releasable ? readReleasable(fd, before.size) : readAt(fd, 0, before.size);
    const after = fstatSync(fd);
    if (bytes.length !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) continue;
    const wal = walState(path);
    return ok({
      bytes,
      header: header.value,
      snapshot: {
        path,
        size: before.size,
        mtimeMs: before.mtimeMs,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        mode: before.mode & 0o7777,
      },
      wal: wal.state,
      walFrames: wal.committedFrames,
      hotJournal: hasHotJournal(path),
    });
  }
  return fail({
    code: "REFUSED_BUSY",
    file: path,
    message: "kept changing while being read: another process is writing to it",
    hint: "stop the application that uses the database, then run the command again",
  });
}

/** A resizable ArrayBuffer (ES2024; TypeScript's ES2022 lib does not declare the constructor). */
type ResizableArrayBuffer = new (length: number, options: { readonly maxByteLength: number }) => ArrayBuffer;

/** `readAt(fd, 0, size)` into a resizable ArrayBuffer of exactly `size` bytes (ReadOptions.releasable). */
function readReleasable(fd: number, size: number): Uint8Array {
  return readAt(fd, 0, size, new Uint8Array(new (ArrayBuffer as unknown as ResizableArrayBuffer)(size, { maxByteLength: size })));
}

/**
 * Reads a database file and opens it with `driver`, then runs a cheap query that makes SQLite
 * parse the schema, so a damaged file fails here with its name rather than later. The result's
 * warnings say when the file alone may be stale (a `-wal` with commits, a hot journal).
 */
export function openDatabaseFile(
  path: string,
  driver: Driver,
  options: ReadOptions = {},
): Result<{ conn: Connection; file: DatabaseFile }> {
  const read = readDatabaseFile(path, options);
  if (!read.ok) return read;
  const file = read.value;
  let conn: Connection;
  try {
    conn = driver.fromBytes(inMemoryImage(file.bytes));
  } catch (e) {
    return fail(sqliteError(e, path));
  }
  try {
    conn.query("SELECT count(*) AS n FROM sqlite_schema");
  } catch (e) {
    conn.close();
    return fail(sqliteError(e, path));
  }
  return ok({ conn, file }, staleWarnings(file));
}

/**
 * The image to hand to an in-memory engine: a WAL-mode database (header bytes 18-19 = 2) cannot
 * be opened from memory, where there is no `-wal` or `-shm`, so the copy says rollback mode (1).
 * The original bytes are left as they are.
 * https://www.sqlite.org/fileformat2.html#file_format_version_numbers
 */
export function inMemoryImage(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 20 || (bytes[18] !== 2 && bytes[19] !== 2)) return bytes;
  const copy = Uint8Array.from(bytes);
  copy[18] = 1;
  copy[19] = 1;
  return copy;
}

/** Warnings for a reader: what the main file alone may not show. */
export function staleWarnings(file: DatabaseFile): Diagnostic[] {
  const path = file.snapshot.path;
  const out: Diagnostic[] = [];
  if (file.wal === "frames") {
    out.push({
      code: "WARN_DB_IN_USE",
      file: path,
      message:
        `${path}-wal holds committed changes not yet copied into the database file ` +
        "(an application has it open, or crashed); this reads the file as of its last checkpoint, which may be out of date",
      hint: `stop the application, or run \`sqlite3 ${path} "PRAGMA wal_checkpoint(TRUNCATE)"\`, then run this again`,
    });
  }
  if (file.hotJournal) {
    out.push({
      code: "WARN_DB_IN_USE",
      file: path,
      message: `${path}-journal is a live rollback journal: a write is under way or was interrupted, so the file may be mid-transaction`,
      hint: `stop the application; if none is running, open the database once with \`sqlite3 ${path} "PRAGMA integrity_check"\` to roll the interrupted write back`,
    });
  }
  return out;
}

/** True when the file at `snapshot.path` still has exactly the bytes that were read. */
export function isUnchanged(snapshot: FileSnapshot): boolean {
  let stats: Stats;
  try {
    stats = statSync(snapshot.path);
  } catch {
    return false;
  }
  if (stats.size !== snapshot.size || stats.mtimeMs !== snapshot.mtimeMs) return false;
  const read = readDatabaseFile(snapshot.path, { maxBytes: snapshot.size });
  if (!read.ok) return false;
  const now = read.value.snapshot;
  return now.size === snapshot.size && now.mtimeMs === snapshot.mtimeMs && now.sha256 === snapshot.sha256;
}

/** Human size: 1.6 GB, 900 MB, 12 kB. */
export function formatBytes(n: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${n} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

function tooLarge(path: string, size: number, max: number): Diagnostic {
  return {
    code: "DB_TOO_LARGE",
    file: path,
    message: `is ${formatBytes(size)}; schemadiff reads the whole database into memory and accepts at most ${formatBytes(max)}`,
    hint: "work on a smaller copy (VACUUM may shrink it), or plan against a schema-only copy: sqlite3 BIG.db .schema | sqlite3 small.db",
  };
}

function isDirectory(path: string): Diagnostic {
  let inside: string[] = [];
  try {
    inside = readdirSync(path)
      .filter((n) => /\.(db|sqlite|sqlite3|db3)$/i.test(n))
      .sort()
      .slice(0, 5);
  } catch {
    // An unreadable folder: nothing to suggest.
  }
  return {
    code: "DB_IS_DIRECTORY",
    file: path,
    message: "is a directory, not a database file",
    hint: inside.length > 0 ? `did you mean one of: ${inside.join(", ")}?` : "pass the database file itself",
  };
}

function fsError(e: unknown, path: string): Diagnostic {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return {
        code: "DB_NOT_FOUND",
        file: path,
        message: "database file not found",
        hint: "check the path; schemadiff never creates a database",
      };
    case "ENOTDIR":
      return { code: "DB_NOT_FOUND", file: path, message: "not found: a part of the path is a file, not a folder" };
    case "ELOOP":
      return { code: "DB_NOT_FOUND", file: path, message: "not found: the path is a symbolic link loop" };
    case "ENAMETOOLONG":
      return { code: "DB_NOT_FOUND", file: path, message: "not found: the path is too long" };
    case "EACCES":
    case "EPERM":
      return {
        code: "DB_READ_ONLY",
        file: path,
        message: "cannot be read: permission denied",
        hint: "check the file's and its folders' permissions (ls -l)",
      };
    default:
      return {
        code: "DB_READ_ONLY",
        file: path,
        message: `cannot be read: ${(e as Error).message ?? String(e)}`,
      };
  }
}

/** Maps an engine error on open to DB_CORRUPT with the file name. */
function sqliteError(e: unknown, path: string): Diagnostic {
  const text = errorText(e);
  if (/file is not a database/i.test(text)) {
    return {
      code: "DB_CORRUPT",
      file: path,
      message: "SQLite cannot read it: file is not a database (damaged, or encrypted)",
      hint: "restore the file from a backup",
    };
  }
  if (/malformed|corrupt/i.test(text)) {
    return {
      code: "DB_CORRUPT",
      file: path,
      message: `is damaged: ${text}`,
      hint: `restore it from a backup; \`sqlite3 ${path} ".recover"\` may salvage the data`,
    };
  }
  return { code: "DB_CORRUPT", file: path, message: `SQLite cannot open it: ${text}` };
}
