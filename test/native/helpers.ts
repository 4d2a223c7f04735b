/** Test helpers for the native driver: availability (tests skip with the reason), temp databases. */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadNative, type NativeDriver } from "../../src/db/native.js";

const loaded = await loadNative();

/** The native driver, or null when better-sqlite3 cannot load on this machine. */
export const native: NativeDriver | null = loaded.ok ? loaded.value : null;

/** A describe title that says why the block is skipped when better-sqlite3 is unavailable. */
export function nativeTitle(title: string): string {
  return loaded.ok ? title : `${title} [skipped: ${loaded.diagnostics[0]?.message}]`;
}

/** The native driver; only call inside blocks skipped when it is unavailable. */
export function nativeDriver(): NativeDriver {
  if (!native) throw new Error("better-sqlite3 is unavailable");
  return native;
}

/** A fresh empty folder under the OS temp folder. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "schemadiff-native-"));
}

/** Hex SHA-256 of a file's bytes. */
export function fileSha256(path: string): string {
  return createHash("sha256").update(new Uint8Array(readFileSync(path))).digest("hex");
}

/** Sorted names in a folder. */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}
