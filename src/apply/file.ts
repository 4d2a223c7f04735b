/**
 * The database file's life cycle around an apply. sql.js works on a copy in memory, so these
 * modules guard the real file. This one reads it, refuses a database that an app is using,
 * remembers what was read as a fingerprint (size, mtime, SHA-256; the bytes themselves go to the
 * engine and are not kept), names the backup and checks that files can be written.
 * fingerprint.ts proves the file is still what was read; write-back.ts keeps a verified backup
 * and replaces the file atomically (temporary file in the same folder, fsync, rename, fsync the
 * folder) only if nobody wrote to it meanwhile.
 *
 * sql.js cannot take SQLite's file locks, so "nobody wrote meanwhile" is checked, not enforced:
 * the last check runs right before the rename, which leaves a window of one read of the file
 * rather than the whole apply. Stopping the app first (or the native driver's in-place apply)
 * closes it.
 */
import * as nodeFs from "node:fs";
import * as path from "node:path";
import type { FileSnapshot } from "../db/file.js";
import { hasHotJournal, walState } from "../db/sidecar.js";
import { errorText, fail, ok, type Diagnostic, type Result } from "../errors.js";

/** The file operations apply uses to read and write; a test swaps them to inject faults at each stage. */
export interface FileSystem {
  openSync(file: string, flags: string, mode?: number): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  writeSync(fd: number, data: Uint8Array, offset: number, length: number, position: number): number;
  fstatSync(fd: number): { readonly size: number; readonly mtimeMs: number };
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  chmodSync(file: string, mode: number): void;
  chownSync(file: string, uid: number, gid: number): void;
  statSync(file: string): { readonly uid: number; readonly gid: number };
  existsSync(file: string): boolean;
  accessSync(file: string, mode: number): void;
}

/** The real file system. */
export const nodeFileSystem: FileSystem = {
  openSync: (file, flags, mode) => nodeFs.openSync(file, flags, mode),
  readSync: (fd, buffer, offset, length, position) => nodeFs.readSync(fd, buffer, offset, length, position),
  writeSync: (fd, data, offset, length, position) => nodeFs.writeSync(fd, data, offset, length, position),
  fstatSync: (fd) => nodeFs.fstatSync(fd),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  closeSync: (fd) => nodeFs.closeSync(fd),
  renameSync: (from, to) => nodeFs.renameSync(from, to),
  unlinkSync: (file) => nodeFs.unlinkSync(file),
  chmodSync: (file, mode) => nodeFs.chmodSync(file, mode),
  chownSync: (file, uid, gid) => nodeFs.chownSync(file, uid, gid),
  statSync: (file) => nodeFs.statSync(file),
  existsSync: (file) => nodeFs.existsSync(file),
  accessSync: (file, mode) => nodeFs.accessSync(file, mode),
};

/** What src/db/file.ts `readDatabaseFile` returns. */
export interface DatabaseFileRead {
  readonly bytes: Uint8Array;
  /** `sha256` is the hash of exactly `bytes`. */
  readonly snapshot: FileSnapshot;
  readonly wal: "absent" | "empty" | "frames";
  readonly hotJournal: boolean;
}

/** Reads a database file (src/db/file.ts `readDatabaseFile`, or a test double). */
export type ReadDatabase = (file: string) => Result<DatabaseFileRead>;

/** What SQLite keeps next to a database: the `-wal` state and whether a `-journal` is hot. */
export type Sidecars = Pick<DatabaseFileRead, "wal" | "hotJournal">;

/** Reads a database's sidecars without reading the database itself. */
export type ReadSidecars = (file: string) => Sidecars;

/** The real sidecars (src/db/sidecar.ts), as `readDatabaseFile` reports them. */
export const readSidecars: ReadSidecars = (file) => ({ wal: walState(file).state, hotJournal: hasHotJournal(file) });

/** Header bytes 18-19: the file format write and read versions (1 rollback journal, 2 WAL). */
export interface FormatVersions {
  readonly write: number;
  readonly read: number;
}

/** What apply read, as the fingerprint the file must still have at write-back (never the bytes). */
export interface LiveFile {
  /** Absolute path. */
  readonly path: string;
  readonly snapshot: FileSnapshot;
  /** The journal mode the file was in, to put back into the image written. */
  readonly formatVersions: FormatVersions;
}

/** The file read: its fingerprint, and its bytes, to hand to the engine and then let go. */
export interface LiveRead {
  readonly file: LiveFile;
  readonly bytes: Uint8Array;
}

/**
 * Reads the database and refuses (REFUSED_IN_USE) when an app is using it or crashed mid-write.
 * A symbolic link is followed, so the write-back replaces the real file, not the link.
 */
export function readLiveFile(read: ReadDatabase, file: string): Result<LiveRead> {
  const absolute = realPath(file);
  const result = read(absolute);
  if (!result.ok) return result;
  const busy = inUse(absolute, result.value);
  if (busy) return fail(busy);
  const { bytes, snapshot } = result.value;
  return ok({ file: { path: absolute, snapshot, formatVersions: formatVersionsOf(bytes) }, bytes });
}

function realPath(file: string): string {
  try {
    return nodeFs.realpathSync(file);
  } catch {
    // Missing or unreadable: the read reports it with the path as given.
    return path.resolve(file);
  }
}

/** REFUSED_IN_USE when the sidecars say an app has the database open, or crashed while it had. */
export function inUse(file: string, sidecars: Sidecars): Diagnostic | null {
  const shell = `sqlite3 ${shellQuote(file)} 'PRAGMA wal_checkpoint(TRUNCATE);'`;
  if (sidecars.wal === "frames")
    return {
      code: "REFUSED_IN_USE",
      message:
        `${file}-wal holds transactions that are not in the database file yet: an app has the ` +
        "database open, or crashed while it had. Nothing was written.",
      hint:
        "Stop the app that uses the database and run apply again. If no app is running, open the " +
        `database once with the sqlite3 shell to move them into the file (${shell}), then retry.`,
    };
  if (sidecars.hotJournal)
    return {
      code: "REFUSED_IN_USE",
      message:
        `${file}-journal is a hot rollback journal: a write is in progress (an app is running) or ` +
        "was interrupted (it crashed). Nothing was written.",
      hint:
        "Stop the app that uses the database and run apply again. If no app is running, open the " +
        `database once with the sqlite3 shell so SQLite rolls the interrupted write back ` +
        `(sqlite3 ${shellQuote(file)} 'PRAGMA integrity_check;'), then retry.`,
    };
  return null;
}

/**
 * Gives the memory of bytes read back at once, when they were read into a resizable buffer
 * (src/db/file.ts `releasable`): shrinking it to nothing returns its pages to the system, where a
 * buffer merely dropped waits for a full GC, which large buffers outside the JS heap do not
 * trigger soon enough. The bytes read as empty afterwards. Other bytes are left to the GC.
 */
export function releaseBytes(bytes: Uint8Array): void {
  const buffer = bytes.buffer as ArrayBufferLike & { readonly resizable?: boolean; resize?: (length: number) => void };
  if (buffer.resizable === true && typeof buffer.resize === "function") buffer.resize(0);
}

/** Bytes 18-19 of a database image (https://www.sqlite.org/fileformat2.html#file_format_version_numbers). */
export function formatVersionsOf(bytes: Uint8Array): FormatVersions {
  return bytes.length < 20 ? { write: 1, read: 1 } : { write: bytes[18], read: bytes[19] };
}

/**
 * Turns the bytes read into the image SQLite should open, in place: bytes 18-19 say 2 for a
 * WAL-mode database; sql.js keeps its copy in memory, where WAL makes no sense, so it is opened as
 * a rollback-journal database. In place because the bytes read are not kept (the engine copies
 * them), and a second image of the file is what limits the size apply can take.
 */
export function toEngineImage(bytes: Uint8Array): Uint8Array {
  if (bytes.length >= 20) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return bytes;
}

/**
 * Puts the original's journal mode back into the exported image, in place (the export is a fresh
 * copy owned by the caller): sql.js exports every database as a rollback-journal one, and the app
 * expects the mode it chose.
 */
export function restoreFormatVersions(image: Uint8Array, versions: FormatVersions): Uint8Array {
  if (image.length >= 20) {
    image[18] = versions.write;
    image[19] = versions.read;
  }
  return image;
}

/** `20261121T153000Z`: a UTC timestamp that sorts and is safe in file names. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/**
 * Where the backup goes: `<db>.<UTC timestamp>.bak` next to the database (with `-2`, `-3`, ...
 * when that name is taken), or the chosen path, which must not exist yet.
 */
export function chooseBackupPath(
  fs: FileSystem,
  dbPath: string,
  choice: { readonly kind: "default" } | { readonly kind: "path"; readonly path: string },
  now: Date,
): Result<string> {
  if (choice.kind === "path") {
    const target = path.resolve(choice.path);
    if (target === dbPath)
      return fail({ code: "USAGE", message: `the backup path is the database itself: ${target}` });
    if (fs.existsSync(target))
      return fail({
        code: "USAGE",
        message: `backup file ${target} already exists; it is never overwritten`,
        hint: "choose another --backup path, or remove the old file",
      });
    return ok(target);
  }
  const stem = `${dbPath}.${utcStamp(now)}`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${stem}.bak` : `${stem}-${n}.bak`;
    if (!fs.existsSync(candidate)) return ok(candidate);
  }
}

/** Refuses early (DB_READ_ONLY) when a file cannot be created in `folder`. */
export function checkWritableFolder(fs: FileSystem, folder: string): Result<void> {
  try {
    fs.accessSync(folder, nodeFs.constants.W_OK);
    return ok(undefined);
  } catch (error) {
    return fail({
      code: "DB_READ_ONLY",
      message: `cannot create files in ${folder} (${errorText(error)}); apply writes a temporary file next to the database`,
      hint: "run apply as a user who may write to that folder",
    });
  }
}

/**
 * Refuses early (DB_READ_ONLY) when the database file itself is read-only: replacing it by rename
 * would work, but would override what its owner decided (SQLite itself would not write to it).
 */
export function checkWritableFile(fs: FileSystem, file: string): Result<void> {
  try {
    fs.accessSync(file, nodeFs.constants.W_OK);
    return ok(undefined);
  } catch (error) {
    return fail({
      code: "DB_READ_ONLY",
      file,
      message: `the database file is read-only (${errorText(error)})`,
      hint: "make it writable (chmod u+w) if it is meant to be changed, then run apply again",
    });
  }
}

/** Removes a file if it exists, ignoring errors (cleanup must never mask the real failure). */
export function removeQuietly(fs: FileSystem, file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone, or not ours to remove.
  }
}

/**
 * The one shell command that puts the backup back in place (with the app stopped). It also removes
 * any `-wal`, `-shm` or `-journal` left next to the database: they belong to the database being
 * replaced, and SQLite would replay them onto the restored pages
 * (https://www.sqlite.org/howtocorrupt.html#_mispairing_database_files).
 */
export function restoreCommand(backupPath: string, dbPath: string): string {
  const sidecars = ["-wal", "-shm", "-journal"].map((suffix) => shellQuote(`${dbPath}${suffix}`)).join(" ");
  return `cp ${shellQuote(backupPath)} ${shellQuote(dbPath)} && rm -f ${sidecars}`;
}

/** A POSIX shell word: single-quoted, with embedded `'` written as `'\''`. */
export function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A failed file operation as a diagnostic: the database file is unchanged, and what to do. */
export function ioFailure(error: unknown, what: string): Diagnostic {
  const denied = isCode(error, "EACCES") || isCode(error, "EPERM") || isCode(error, "EROFS");
  return {
    code: denied ? "DB_READ_ONLY" : "APPLY_FAILED",
    message: `${what}: ${errorText(error)}. The database file is unchanged.`,
    hint: isCode(error, "ENOSPC") ? "free some disk space and run apply again" : undefined,
  };
}

/** True when `error` is a node system error with this `code` (ENOENT, EACCES, ...). */
export function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

