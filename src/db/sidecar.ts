/**
 * The files SQLite keeps next to a database: `-wal` and `-journal`. sql.js reads only the main
 * file, so committed changes still sitting in a WAL, or a half-written transaction whose rollback
 * journal is still "hot", are invisible to it. This module tells them apart from harmless
 * leftovers without ever opening them for writing.
 * WAL format: https://www.sqlite.org/fileformat2.html#the_write_ahead_log
 * Hot journals: https://www.sqlite.org/atomiccommit.html#_hot_rollback_journals
 */
import { closeSync, fstatSync, openSync, readSync, constants as fsc } from "node:fs";

/** What the `-wal` file holds: nothing at all, nothing valid, or committed frames. */
export type WalState = "absent" | "empty" | "frames";

const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const WAL_MAGIC_LE = 0x377f0682;
const WAL_MAGIC_BE = 0x377f0683;
const JOURNAL_MAGIC = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];

/**
 * Inspects `<db>-wal`: "frames" when it holds at least one committed frame that a SQLite reader
 * would replay (salts match the header and the checksum chain is intact), so the main file alone
 * may be stale. A WAL whose header or frames do not validate is ignored by SQLite; so here.
 */
export function walState(dbPath: string): { state: WalState; committedFrames: number } {
  const fd = openIfFile(`${dbPath}-wal`);
  if (fd === null) return { state: "absent", committedFrames: 0 };
  // A WAL we cannot read may hold anything: assume it holds commits (the safe side).
  if (fd === "unreadable") return { state: "frames", committedFrames: 0 };
  try {
    return scanWal(fd);
  } finally {
    closeSync(fd);
  }
}

function scanWal(fd: number): { state: WalState; committedFrames: number } {
  const size = fstatSync(fd).size;
  const header = readAt(fd, 0, WAL_HEADER);
  if (size < WAL_HEADER || header.length < WAL_HEADER) return { state: "empty", committedFrames: 0 };
  const hv = new DataView(header.buffer, header.byteOffset, WAL_HEADER);
  const magic = hv.getUint32(0);
  if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) return { state: "empty", committedFrames: 0 };
  const bigEndian = magic === WAL_MAGIC_BE;
  const pageSize = hv.getUint32(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return { state: "empty", committedFrames: 0 };
  }
  let sum = checksum(header.subarray(0, 24), bigEndian, [0, 0]);
  if (sum[0] !== hv.getUint32(24) || sum[1] !== hv.getUint32(28)) return { state: "empty", committedFrames: 0 };
  const salt1 = hv.getUint32(16);
  const salt2 = hv.getUint32(20);
  let frames = 0;
  let committed = 0;
  for (let off = WAL_HEADER; off + FRAME_HEADER + pageSize <= size; off += FRAME_HEADER + pageSize) {
    const frame = readAt(fd, off, FRAME_HEADER + pageSize);
    const fv = new DataView(frame.buffer, frame.byteOffset, FRAME_HEADER);
    if (fv.getUint32(0) === 0 || fv.getUint32(8) !== salt1 || fv.getUint32(12) !== salt2) break;
    sum = checksum(frame.subarray(0, 8), bigEndian, sum);
    sum = checksum(frame.subarray(FRAME_HEADER), bigEndian, sum);
    if (sum[0] !== fv.getUint32(16) || sum[1] !== fv.getUint32(20)) break;
    frames++;
    // A nonzero "database size after commit" marks the last frame of a transaction.
    if (fv.getUint32(4) !== 0) committed = frames;
  }
  return { state: committed > 0 ? "frames" : "empty", committedFrames: committed };
}

/** The WAL checksum: https://www.sqlite.org/fileformat2.html#checksum_algorithm */
function checksum(data: Uint8Array, bigEndian: boolean, seed: readonly [number, number]): [number, number] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let s0 = seed[0];
  let s1 = seed[1];
  for (let i = 0; i + 8 <= data.byteLength; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

/**
 * True when `<db>-journal` is a live rollback journal: nonempty and starting with the journal
 * magic (a journal in PERSIST mode that was committed has its header zeroed; TRUNCATE leaves it
 * empty; both are harmless).
 */
export function hasHotJournal(dbPath: string): boolean {
  const fd = openIfFile(`${dbPath}-journal`);
  if (fd === null) return false;
  if (fd === "unreadable") return true;
  try {
    const head = readAt(fd, 0, JOURNAL_MAGIC.length);
    return head.length === JOURNAL_MAGIC.length && JOURNAL_MAGIC.every((b, i) => head[i] === b);
  } finally {
    closeSync(fd);
  }
}

/** Opens a regular file read-only (never creating it); null when there is none. */
function openIfFile(path: string): number | null | "unreadable" {
  let fd: number;
  try {
    fd = openSync(path, fsc.O_RDONLY | fsc.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? null : "unreadable";
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd);
    return null;
  }
  return fd;
}

/** Reads up to `length` bytes at `position` (fewer at the end of the file), into `buf` when given. */
export function readAt(fd: number, position: number, length: number, buf: Uint8Array = new Uint8Array(length)): Uint8Array {
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}
