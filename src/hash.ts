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
  // A big schema is hashed twice per plan. Plain data is copied with sorted keys into ordinary
  // objects, which JSON.stringify writes natively; anything else (functions, symbols, bigints,
  // `toJSON` members, class instances, integer-like keys, which JSON.stringify would list first)
  // takes the general way, which says exactly the same for plain data.
  const copy = sortedPlain(value);
  return JSON.stringify(copy === NOT_PLAIN ? sortKeys(value) : copy);
}

const NOT_PLAIN = Symbol("not plain data");

/** A copy of plain data with every object's keys in sorted order, or NOT_PLAIN. */
function sortedPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "object":
      break;
    default:
      return NOT_PLAIN;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let k = 0; k < value.length; k++) {
      const item = sortedPlain(value[k]);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[k] = item;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    // `__proto__` would set the copy's prototype.
    if (INDEX_LIKE.test(key) || key === "__proto__" || key === "toJSON") return NOT_PLAIN;
    const item = sortedPlain(record[key]);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    if (item !== undefined) out[key] = item;
  }
  return out;
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

/** Hashes already known, by schema object (models are immutable). */
const knownHashes = new WeakMap<Schema, string>();

/** The identity of a schema: SHA-256 over its canonical JSON (lists are already sorted by name). */
export function schemaHash(schema: Schema): string {
  let hash = knownHashes.get(schema);
  if (hash === undefined) {
    hash = sha256Hex(canonicalJson(schema));
    knownHashes.set(schema, hash);
  }
  return hash;
}

/** Records the hash of a schema read back from where it was stored with it (the schema cache). */
export function rememberSchemaHash(schema: Schema, hash: string): void {
  knownHashes.set(schema, hash);
}
