/**
 * Content hashes: a schema's identity (for plan headers and history) and file fingerprints.
 */
import { createHash } from "node:crypto";
import type { Schema } from "./model.js";

/** SHA-256 of `data` (a string is hashed as UTF-8), as 64 lowercase hex digits. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/**
 * JSON with object keys sorted at every level (arrays keep their order; `undefined` members are
 * left out), so equal plain data always gives the same text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    // The default sort orders keys by UTF-16 code units, as `<` does, without building entry
    // arrays (a hot path: a big schema is hashed twice per plan). A null-prototype object takes
    // any key, `__proto__` included, as a plain member, as Object.fromEntries would.
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The identity of a schema: SHA-256 over its canonical JSON (lists are already sorted by name). */
export function schemaHash(schema: Schema): string {
  return sha256Hex(canonicalJson(schema));
}
