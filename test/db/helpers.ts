/** Test helpers for database files: temp folders, databases built from SQL, untouched-file checks. */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSqlJs } from "../../src/db/sqljs.js";

/** A fresh empty folder under the OS temp folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "schemadiff-test-"));
}

/** The image of a database built by running `sql` in sql.js. */
export async function buildDb(sql: string): Promise<Uint8Array> {
  const driver = await loadSqlJs();
  const conn = driver.memory();
  try {
    conn.exec(sql);
    return conn.export();
  } finally {
    conn.close();
  }
}

/** Writes a database built from `sql` to `path` and returns the path. */
export async function writeDb(path: string, sql: string): Promise<string> {
  writeFileSync(path, await buildDb(sql));
  return path;
}

/** What must not change when a command only reads a file. */
export interface Fingerprint {
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** The content hash, size and mtime of a file. */
export function fingerprint(path: string): Fingerprint {
  const st = statSync(path);
  return { sha256: createHash("sha256").update(readBytes(path)).digest("hex"), size: st.size, mtimeMs: st.mtimeMs };
}

/** Sorted names in a folder (to prove nothing was created). */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** True when running as root, where chmod 000 does not stop reads. */
export function isRoot(): boolean {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

/** A file's bytes as a plain Uint8Array. */
export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

/** Decodes base64 into a plain Uint8Array. */
export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "base64"));
}
