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
  // Written straight out (a big schema is hashed twice per plan); anything but plain data
  // (functions, symbols, bigints, `toJSON` members, integer-like keys, which JSON.stringify
  // would list first) takes the general way, which says exactly the same for plain data.
  const text = plainJson(value);
  return text ?? JSON.stringify(sortKeys(value));
}

/** Sorted-key JSON of plain data, or undefined when `value` holds anything else. */
function plainJson(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return JSON.stringify(value);
    case "object":
      break;
    default:
      return undefined;
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let k = 0; k < value.length; k++) {
      const item: unknown = value[k];
      const text = item === undefined ? "null" : plainJson(item);
      if (text === undefined) return undefined;
      out += k === 0 ? text : `,${text}`;
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = "{";
  let first = true;
  for (const key of Object.keys(record).sort()) {
    if (INDEX_LIKE.test(key) || (key === "toJSON" && typeof record[key] === "function")) return undefined;
    const v = record[key];
    if (v === undefined) continue;
    const text = plainJson(v);
    if (text === undefined) return undefined;
    out += `${first ? "" : ","}${JSON.stringify(key)}:${text}`;
    first = false;
  }
  return `${out}}`;
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
