/**
 * Where things are in a YAML file: every value of a parsed file is addressed by a JSON pointer
 * (`/tables/goals/columns/id`, the same paths ajv reports), and each pointer remembers the line
 * and column of its key and of its value.
 */
import type { Diagnostic, DiagnosticCode } from "../errors.js";

/** A 1-based line and column. */
export interface Pos {
  readonly line: number;
  readonly col: number;
}

/** Where a map entry's key and its value start (array items and the root have no key). */
export interface Span {
  readonly key: Pos | null;
  readonly value: Pos;
}

/** One parsed YAML file: plain data plus the position of every value in it. */
export interface SourceFile {
  readonly file: string;
  /** JSON-like data (objects, arrays, strings, numbers, booleans, null); null for an empty file. */
  readonly data: unknown;
  /** JSON pointer -> position. */
  readonly spans: ReadonlyMap<string, Span>;
  /** JSON pointer of a plain number scalar -> its text as written (`1.50`, `0x1F`). */
  readonly numberText: ReadonlyMap<string, string>;
  /**
   * JSON pointer of a map -> its keys in file order. JavaScript objects put integer-like keys
   * first (`2024` before `id`), and column order is declaration order, so read keys from here.
   */
  readonly keyOrder: ReadonlyMap<string, readonly string[]>;
}

/** The keys of the map at `pointer` in file order. */
export function orderedKeys(src: SourceFile, pointer: string, value: object): string[] {
  return [...(src.keyOrder.get(pointer) ?? Object.keys(value))];
}

/** A place in a source file, ready to go into a Diagnostic. */
export interface Where {
  readonly file: string;
  readonly line?: number;
  readonly col?: number;
}

/** Escapes one pointer segment (RFC 6901: `~` -> `~0`, `/` -> `~1`). */
export function segment(name: string | number): string {
  const s = String(name);
  // Most names need no escape: skip the two replaces (a pointer is built for every YAML value).
  return s.includes("~") || s.includes("/") ? s.replace(/~/g, "~0").replace(/\//g, "~1") : s;
}

/** Joins segments onto a pointer: `child("/tables", "a/b")` is `/tables/a~1b`. */
export function child(base: string, ...names: readonly (string | number)[]): string {
  let out = base;
  for (const n of names) out += `/${segment(n)}`;
  return out;
}

/** Splits a pointer back into its (unescaped) segments. */
export function segments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** `tables.goals.columns.type.check`: a pointer as people read it in a message. */
export function dotted(pointer: string): string {
  return segments(pointer).join(".");
}

/**
 * The position of a pointer's key (or value) in its file. Falls back to the nearest ancestor
 * that has one (values pulled in through a YAML merge key have no span of their own).
 */
export function where(src: SourceFile, pointer: string, part: "key" | "value" = "value"): Where {
  let p = pointer;
  for (;;) {
    const span = src.spans.get(p);
    if (span) {
      const pos = part === "key" ? (span.key ?? span.value) : span.value;
      return { file: src.file, line: pos.line, col: pos.col };
    }
    if (p === "") return { file: src.file };
    p = p.slice(0, p.lastIndexOf("/"));
  }
}

/** Builds a diagnostic at a place. */
export function diagnostic(
  code: DiagnosticCode,
  message: string,
  at: Where,
  hint?: string,
): Diagnostic {
  return hint === undefined ? { code, message, ...at } : { code, message, ...at, hint };
}

/** `file:line:col`, for mentioning a second place inside a message. */
export function describe(at: Where): string {
  return `${at.file}${at.line ? `:${at.line}${at.col ? `:${at.col}` : ""}` : ""}`;
}
