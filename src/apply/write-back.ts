/**
 * Writing after a committed apply: a verified backup copied from the database file itself (not
 * from memory, where apply keeps no image of what it read), then the new image through a
 * temporary file in the same folder, fsync, a last check, rename over the original, fsync the
 * folder. A failure at any stage leaves the original as it was, with no stray file.
 */
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { fail, ok, type Diagnostic, type Result } from "../errors.js";
import { ioFailure, isCode, removeQuietly, type FileSystem, type LiveFile, type ReadSidecars } from "./file.js";
import { checkUnchanged, fileSha256, forEachChunk } from "./fingerprint.js";

/**
 * Copies the database into a byte-identical backup, streamed from the file (which `checkUnchanged`
 * has just proved is what apply read), then reads the backup back and checks its SHA-256 against
 * the one taken at read time. The backup keeps the database's permissions (it holds the same data).
 */
export function writeBackup(fs: FileSystem, sidecars: ReadSidecars, live: LiveFile, target: string): Result<void> {
  const what = `could not write the backup ${target}`;
  let temp: string;
  try {
    temp = writeTempFile(fs, path.dirname(target), path.basename(target), live.snapshot.mode, (fd) =>
      copyInto(fs, live.path, live.snapshot.size, fd),
    );
  } catch (error) {
    return fail(ioFailure(error, what));
  }
  try {
    // rename() would silently replace a file that appeared since the name was chosen.
    if (fs.existsSync(target)) throw new Error(`${target} appeared meanwhile`);
    fs.renameSync(temp, target);
  } catch (error) {
    removeQuietly(fs, temp);
    return fail(ioFailure(error, what));
  }
  let copied: string;
  try {
    fsyncFolder(fs, path.dirname(target));
    copied = fileSha256(fs, target);
  } catch (error) {
    // An unverified backup must not be mistaken for a good one later.
    removeQuietly(fs, target);
    return fail(ioFailure(error, what));
  }
  if (copied === live.snapshot.sha256) return ok(undefined);
  removeQuietly(fs, target);
  // The copy came from the database: if it was written to meanwhile, that is the reason.
  return fail(checkUnchanged(fs, sidecars, live) ?? ioFailure(new Error("the copy read back differs from the original"), what));
}

/** Appends the first `size` bytes of `source` to the open file `fd`, a chunk at a time. */
function copyInto(fs: FileSystem, source: string, size: number, fd: number): void {
  const from = fs.openSync(source, "r");
  try {
    forEachChunk(fs, from, size, (chunk, position) => writeAll(fs, fd, chunk, position));
  } finally {
    fs.closeSync(from);
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
    temp = writeTempFile(fs, folder, path.basename(live.path), live.snapshot.mode, (fd) => writeAll(fs, fd, image, 0));
  } catch (error) {
    return fail(ioFailure(error, `could not write the new database next to ${live.path}`));
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
    return fail(ioFailure(error, `could not replace ${live.path}`));
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

/** Writes all of `bytes` at `position`, however many writes it takes. */
function writeAll(fs: FileSystem, fd: number, bytes: Uint8Array, position: number): void {
  for (let offset = 0; offset < bytes.length; ) {
    offset += fs.writeSync(fd, bytes, offset, bytes.length - offset, position + offset);
  }
}

/** Creates a new temporary file in `folder`, `fill`s it, fsyncs and closes it; removes it on any failure. */
function writeTempFile(fs: FileSystem, folder: string, base: string, mode: number, fill: (fd: number) => void): string {
  const temp = path.join(folder, `.${base}.${process.pid}-${randomBytes(4).toString("hex")}.schemadiff-tmp`);
  const permissions = mode & 0o7777;
  // "wx": never reuse an existing file; the permissions apply from creation on (umask may narrow them).
  const fd = fs.openSync(temp, "wx", permissions);
  try {
    try {
      fill(fd);
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
