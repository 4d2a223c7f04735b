/** Structural equality over plain model data (the models are normalised, so this is the whole comparison). */
import { compareNames } from "../sqlite/names.js";

/** Deep equality of plain data: primitives, arrays, plain objects (same keys), null. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Items of `xs` with no structurally equal partner in `ys`, counting duplicates (multiset difference). */
export function multisetMinus<T>(xs: readonly T[], ys: readonly T[]): T[] {
  const left = [...ys];
  const out: T[] = [];
  for (const x of xs) {
    const at = left.findIndex((y) => deepEqual(x, y));
    if (at >= 0) left.splice(at, 1);
    else out.push(x);
  }
  return out;
}

/** The model's sort order (UTF-8 byte order). */
export const byName = compareNames;
