/** Name comparisons as SQLite makes them, and the model's sort order. */

const HAS_UPPER = /[A-Z]/;

/** ASCII-only lower case: SQLite folds only ASCII letters when it compares names. */
export function asciiLower(s: string): string {
  // Most names are already lower case: skip the replace (a hot path for big schemas).
  return HAS_UPPER.test(s) ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : s;
}

/** ASCII-only upper case. */
export function asciiUpper(s: string): string {
  return s.replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** True when SQLite takes the two names to be the same (https://www.sqlite.org/lang_keywords.html). */
export function sameName(a: string, b: string): boolean {
  return asciiLower(a) === asciiLower(b);
}

/** Byte order of the UTF-8 encodings (the model's sort order), which is code point order. */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const x = a.charCodeAt(k);
    const y = b.charCodeAt(k);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** UTF-16 units ranked in code point order: surrogates (astral characters) above U+E000..U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  return unit >= 0xe000 ? unit - 0x800 : unit;
}

/** `items` sorted by `name` in byte order (a new array). */
export function sortByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareNames(a.name, b.name));
}
