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
  // A big schema is hashed twice per plan. For plain data, JSON.stringify given every key in
  // sorted order writes each object's keys sorted, natively; anything else (functions, symbols,
  // bigints, `toJSON` members, class instances, integer-like keys, which JSON.stringify would
  // list first) takes the general way, which says exactly the same for plain data.
  const keys = new Set<string>();
  return plainKeys(value, keys) ? JSON.stringify(value, [...keys].sort()) : JSON.stringify(sortKeys(value));
}

/** Collects the keys of every object in `value`; false when it holds anything but plain data. */
function plainKeys(value: unknown, keys: Set<string>): boolean {
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return true;
    case "object":
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) if (!plainKeys(value[k], keys)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    // JSON.stringify reads listed keys with [[Get]]: `__proto__` would reach the prototype.
    if (INDEX_LIKE.test(key) || key === "__proto__" || key === "toJSON") return false;
    keys.add(key);
    if (!plainKeys(record[key], keys)) return false;
  }
  return true;
}

/** Keys that objects enumerate first, in numeric order (array indices): plain data has none. */
const INDEX_LIKE = /^(?:0|[1-9][0-9]*)$/;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    // A null-prototype object takes any key, `__proto__` included, as a plain member.
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
