/**
 * Streamed reads of a file: its SHA-256, and the check that the database is still exactly what
 * apply read (size, mtime, SHA-256), a few MiB at a time, so that proving "nobody wrote to it"
 * never holds a second image of the file in memory.
 */
import { createHash } from "node:crypto";
import { errorText, type Diagnostic } from "../errors.js";
import {
  inUse,
  ioFailure,
  isCode,
  type FileSystem,
  type LiveFile,
  type ReadSidecars,
} from "./file.js";

/** Bytes read at a time: large enough for few system calls, small beside any database. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Calls `visit` with the first `size` bytes of the open file, in order, a chunk at a time (the
 * chunk is reused: copy what must be kept). A file that ends early throws: it changed meanwhile.
 */
export function forEachChunk(fs: FileSystem, fd: number, size: number, visit: (chunk: Uint8Array, position: number) => void): void {
  const buffer = new Uint8Array(Math.min(CHUNK_BYTES, Math.max(size, 1)));
  for (let position = 0; position < size; ) {
    const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position);
    if (n === 0) throw new Error(`it ended after ${position} of ${size} bytes`);
    visit(buffer.subarray(0, n), position);
    position += n;
  }
}

/** A file as it is on disk now. `sha256` is null when its size or mtime already told it apart. */
interface Seen {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string | null;
}

/** Hex SHA-256 of a whole file, streamed. */
export function fileSha256(fs: FileSystem, file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    return hashOpen(fs, fd, fs.fstatSync(fd).size);
  } finally {
    fs.closeSync(fd);
  }
}

function hashOpen(fs: FileSystem, fd: number, size: number): string {
  const hash = createHash("sha256");
  forEachChunk(fs, fd, size, (chunk) => hash.update(chunk));
  return hash.digest("hex");
}

/** Size and mtime, then (only when they still match) the SHA-256 and a second stat around it. */
function look(fs: FileSystem, file: string, expected: { readonly size: number; readonly mtimeMs: number }): Seen {
  const fd = fs.openSync(file, "r");
  try {
    const before = fs.fstatSync(fd);
    if (before.size !== expected.size || before.mtimeMs !== expected.mtimeMs)
      return { size: before.size, mtimeMs: before.mtimeMs, sha256: null };
    const sha256 = hashOpen(fs, fd, before.size);
    // A write during the hash that left the hash itself intact still shows in the stat after.
    const after = fs.fstatSync(fd);
    return { size: after.size, mtimeMs: after.mtimeMs, sha256 };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks that the file is still exactly what was read (size, mtime, then a streamed SHA-256
 * against the hash taken at read time) and still not in use, so that writing back can never lose
 * a transaction someone else committed meanwhile. REFUSED_CHANGED / REFUSED_IN_USE when it is
 * not; APPLY_FAILED when it cannot be read to tell.
 */
export function checkUnchanged(fs: FileSystem, sidecars: ReadSidecars, live: LiveFile): Diagnostic | null {
  const changed = (what: string): Diagnostic => ({
    code: "REFUSED_CHANGED",
    message:
      `${live.path} changed while apply was running (${what}): another process wrote to it. ` +
      "Nothing was written, so its changes are kept.",
    hint: "Stop the app that writes to the database, then run apply again (the plan is recomputed).",
  });
  let now: Seen;
  try {
    now = look(fs, live.path, live.snapshot);
  } catch (error) {
    if (isCode(error, "ENOENT")) return changed(`it is gone: ${errorText(error)}`);
    return ioFailure(error, `could not read ${live.path} to check that nobody wrote to it`);
  }
  const busy = inUse(live.path, sidecars(live.path));
  if (busy) return busy;
  const then = live.snapshot;
  if (now.size !== then.size) return changed(`size ${then.size} -> ${now.size} bytes`);
  if (now.mtimeMs !== then.mtimeMs) return changed("modification time differs");
  if (now.sha256 !== then.sha256) return changed("content differs");
  return null;
}
