/** Structural equality over plain model data (the models are normalised, so this is the whole comparison). */
import { compareNames } from "../sqlite/names.js";

/** Deep equality of plain data: primitives, arrays, plain objects (same keys), null. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const array = Array.isArray(a);
  if (array !== Array.isArray(b)) return false;
  // Loops, not every/filter callbacks: the differ compares two whole schemas with this.
  if (array) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (i in x && !deepEqual(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k of Object.keys(x)) {
    if (x[k] === undefined) continue;
    keys++;
    if (!deepEqual(x[k], y[k])) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined) keys--;
  return keys === 0;
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
