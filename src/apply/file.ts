/**
 * The database file's life cycle around an apply. sql.js works on a copy in memory, so this module
 * guards the real file: it refuses a database that an app is using, remembers exactly what it read,
 * keeps a verified backup, and replaces the file atomically (temporary file in the same folder,
 * fsync, rename, fsync the folder) only if nobody wrote to it meanwhile.
 *
 * sql.js cannot take SQLite's file locks, so "nobody wrote meanwhile" is checked, not enforced:
 * the last check runs right before the rename, which leaves a window of microseconds rather than
 * the whole apply. Stopping the app first (or the native driver's in-place apply) closes it.
 */
import { randomBytes } from "node:crypto";
import * as nodeFs from "node:fs";
import * as path from "node:path";
import type { FileSnapshot } from "../db/file.js";
import { fail, ok, type Diagnostic, type Result } from "../errors.js";
import { sha256Hex } from "../hash.js";

/** The file operations apply uses to write; a test swaps them to inject faults at each stage. */
export interface FileSystem {
  openSync(file: string, flags: string, mode?: number): number;
  writeSync(fd: number, data: Uint8Array, offset: number, length: number, position: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  unlinkSync(file: string): void;
  chmodSync(file: string, mode: number): void;
  chownSync(file: string, uid: number, gid: number): void;
  readFileSync(file: string): Uint8Array;
  statSync(file: string): { readonly uid: number; readonly gid: number };
  existsSync(file: string): boolean;
  accessSync(file: string, mode: number): void;
}

/** The real file system. */
export const nodeFileSystem: FileSystem = {
  openSync: (file, flags, mode) => nodeFs.openSync(file, flags, mode),
  writeSync: (fd, data, offset, length, position) => nodeFs.writeSync(fd, data, offset, length, position),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  closeSync: (fd) => nodeFs.closeSync(fd),
  renameSync: (from, to) => nodeFs.renameSync(from, to),
  unlinkSync: (file) => nodeFs.unlinkSync(file),
  chmodSync: (file, mode) => nodeFs.chmodSync(file, mode),
  chownSync: (file, uid, gid) => nodeFs.chownSync(file, uid, gid),
  readFileSync: (file) => {
    const buffer = nodeFs.readFileSync(file);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  },
  statSync: (file) => nodeFs.statSync(file),
  existsSync: (file) => nodeFs.existsSync(file),
  accessSync: (file, mode) => nodeFs.accessSync(file, mode),
};

/** What src/db/file.ts `readDatabaseFile` returns. */
export interface DatabaseFileRead {
  readonly bytes: Uint8Array;
  readonly snapshot: FileSnapshot;
  readonly wal: "absent" | "empty" | "frames";
  readonly hotJournal: boolean;
}

/** Reads a database file (src/db/file.ts `readDatabaseFile`, or a test double). */
export type ReadDatabase = (file: string) => Result<DatabaseFileRead>;

/** What apply read: the bytes, and the fingerprint the file must still have at write-back. */
export interface LiveFile {
  /** Absolute path. */
  readonly path: string;
  readonly bytes: Uint8Array;
  /** `sha256` is recomputed here from `bytes`, so it always describes exactly what was read. */
  readonly snapshot: FileSnapshot;
}

/**
 * Reads the database and refuses (REFUSED_IN_USE) when an app is using it or crashed mid-write.
 * A symbolic link is followed, so the write-back replaces the real file, not the link.
 */
export function readLiveFile(read: ReadDatabase, file: string): Result<LiveFile> {
  const absolute = realPath(file);
  const result = read(absolute);
  if (!result.ok) return result;
  const busy = inUse(absolute, result.value);
  if (busy) return fail(busy);
  const { bytes, snapshot } = result.value;
  return ok({ path: absolute, bytes, snapshot: { ...snapshot, sha256: sha256Hex(bytes) } });
}

function realPath(file: string): string {
  try {
    return nodeFs.realpathSync(file);
  } catch {
    // Missing or unreadable: the read reports it with the path as given.
    return path.resolve(file);
  }
}

function inUse(file: string, read: DatabaseFileRead): Diagnostic | null {
  const shell = `sqlite3 ${shellQuote(file)} 'PRAGMA wal_checkpoint(TRUNCATE);'`;
  if (read.wal === "frames")
    return {
      code: "REFUSED_IN_USE",
      message:
        `${file}-wal holds transactions that are not in the database file yet: an app has the ` +
        "database open, or crashed while it had. Nothing was written.",
      hint:
        "Stop the app that uses the database and run apply again. If no app is running, open the " +
        `database once with the sqlite3 shell to move them into the file (${shell}), then retry.`,
    };
  if (read.hotJournal)
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
 * Checks that the file is still exactly what was read (size, mtime, SHA-256) and still not in
 * use, so that writing back can never lose a transaction someone else committed meanwhile.
 */
export function checkUnchanged(read: ReadDatabase, live: LiveFile): Diagnostic | null {
  const again = read(live.path);
  const changed = (what: string): Diagnostic => ({
    code: "REFUSED_CHANGED",
    message:
      `${live.path} changed while apply was running (${what}): another process wrote to it. ` +
      "Nothing was written, so its changes are kept.",
    hint: "Stop the app that writes to the database, then run apply again (the plan is recomputed).",
  });
  if (!again.ok) return changed(again.diagnostics.map((d) => d.message).join("; "));
  const busy = inUse(live.path, again.value);
  if (busy) return busy;
  const now = again.value.snapshot;
  if (now.size !== live.snapshot.size) return changed(`size ${live.snapshot.size} -> ${now.size} bytes`);
  if (now.mtimeMs !== live.snapshot.mtimeMs) return changed("modification time differs");
  // live.snapshot.sha256 is the hash of live.bytes (readLiveFile), so comparing the bytes decides
  // the same, at memcmp speed instead of another SHA-256 of the whole file.
  if (!sameBytes(again.value.bytes, live.bytes)) return changed("content differs");
  return null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

/**
 * The image SQLite should open: bytes 18-19 of the header say 2 for a WAL-mode database; sql.js
 * keeps its copy in memory, where WAL makes no sense, so it is opened as a rollback-journal database
 * (https://www.sqlite.org/fileformat2.html#file_format_version_numbers).
 */
export function engineImage(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 20 || (bytes[18] === 1 && bytes[19] === 1)) return bytes;
  const copy = Uint8Array.from(bytes);
  copy[18] = 1;
  copy[19] = 1;
  return copy;
}

/**
 * The exported image with the original's journal mode restored: sql.js exports a WAL database as a
 * rollback-journal one, and the app expects the mode it chose (header bytes 18-19).
 */
export function withJournalModeOf(image: Uint8Array, original: Uint8Array): Uint8Array {
  if (image.length < 20 || original.length < 20) return image;
  if (image[18] === original[18] && image[19] === original[19]) return image;
  const copy = Uint8Array.from(image);
  copy[18] = original[18];
  copy[19] = original[19];
  return copy;
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

/**
 * Writes a byte-identical backup of what was read, then reads it back and checks its SHA-256.
 * The backup keeps the database's permissions (it holds the same data).
 */
export function writeBackup(fs: FileSystem, live: LiveFile, target: string): Result<void> {
  let temp: string;
  try {
    temp = writeTempFile(fs, path.dirname(target), path.basename(target), live.bytes, live.snapshot.mode);
  } catch (error) {
    return fail(writeFailure(error, `could not write the backup ${target}`));
  }
  try {
    // rename() would silently replace a file that appeared since the name was chosen.
    if (fs.existsSync(target)) throw new Error(`${target} appeared meanwhile`);
    fs.renameSync(temp, target);
  } catch (error) {
    removeQuietly(fs, temp);
    return fail(writeFailure(error, `could not write the backup ${target}`));
  }
  try {
    fsyncFolder(fs, path.dirname(target));
    if (sha256Hex(fs.readFileSync(target)) !== live.snapshot.sha256)
      throw new Error("the copy read back differs from the original");
    return ok(undefined);
  } catch (error) {
    // An unverified backup must not be mistaken for a good one later.
    removeQuietly(fs, target);
    return fail(writeFailure(error, `could not write the backup ${target}`));
  }
}

/**
 * Replaces the database with `image`: a temporary file in the same folder (with the original's
 * permissions and, when allowed, owner), fsync, a last `recheck`, rename over the original, fsync
 * the folder. A crash at any moment leaves the old or the new file, never a mix.
 */
export function replaceFile(
  fs: FileSystem,
  live: LiveFile,
  image: Uint8Array,
  recheck: () => Diagnostic | null,
): Result<void> {
  const folder = path.dirname(live.path);
  let temp: string;
  try {
    temp = writeTempFile(fs, folder, path.basename(live.path), image, live.snapshot.mode);
  } catch (error) {
    return fail(writeFailure(error, `could not write the new database next to ${live.path}`));
  }
  try {
    keepOwner(fs, live.path, temp);
    const refusal = recheck();
    if (refusal) {
      removeQuietly(fs, temp);
      return fail(refusal);
    }
    fs.renameSync(temp, live.path);
  } catch (error) {
    removeQuietly(fs, temp);
    return fail(writeFailure(error, `could not replace ${live.path}`));
  }
  // The rename is done: the new database is in place. Making the rename itself durable is
  // best effort, because some platforms cannot fsync a folder at all.
  try {
    fsyncFolder(fs, folder);
  } catch {
    // Nothing to undo: the file is already the new database.
  }
  return ok(undefined);
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

/** Writes, fsyncs and closes a new temporary file in `folder`; removes it on any failure. */
function writeTempFile(fs: FileSystem, folder: string, base: string, bytes: Uint8Array, mode: number): string {
  const temp = path.join(folder, `.${base}.${process.pid}-${randomBytes(4).toString("hex")}.schemadiff-tmp`);
  const permissions = mode & 0o7777;
  // "wx": never reuse an existing file; the permissions apply from creation on (umask may narrow them).
  const fd = fs.openSync(temp, "wx", permissions);
  try {
    try {
      for (let offset = 0; offset < bytes.length; ) {
        offset += fs.writeSync(fd, bytes, offset, bytes.length - offset, offset);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temp, permissions);
    return temp;
  } catch (error) {
    removeQuietly(fs, temp);
    throw error;
  }
}

/** A new file belongs to whoever wrote it; keep the database's owner when we may (as root). */
function keepOwner(fs: FileSystem, original: string, temp: string): void {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return;
  const { uid, gid } = fs.statSync(original);
  fs.chownSync(temp, uid, gid);
}

/** Makes a rename durable: the folder's entry list must reach the disk too. */
function fsyncFolder(fs: FileSystem, folder: string): void {
  let fd: number;
  try {
    fd = fs.openSync(folder, "r");
  } catch (error) {
    // Windows cannot open a folder as a file; there is nothing to fsync there.
    if (isCode(error, "EISDIR") || isCode(error, "EPERM")) return;
    throw error;
  }
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function writeFailure(error: unknown, what: string): Diagnostic {
  const denied = isCode(error, "EACCES") || isCode(error, "EPERM") || isCode(error, "EROFS");
  return {
    code: denied ? "DB_READ_ONLY" : "APPLY_FAILED",
    message: `${what}: ${errorText(error)}. The database file is unchanged.`,
    hint: isCode(error, "ENOSPC") ? "free some disk space and run apply again" : undefined,
  };
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
