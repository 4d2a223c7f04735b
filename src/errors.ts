/**
 * Errors are data: a stable code, a message for people, and where it happened.
 * Functions collect diagnostics and return them; only the CLI turns them into exit codes.
 */

/** Stable diagnostic codes. Tests assert these, never message text. */
export type DiagnosticCode =
  // YAML and declaration problems (exit 2)
  | "YAML_SYNTAX"
  | "YAML_TOO_LARGE"
  | "SCHEMA_TYPE"
  | "SCHEMA_UNKNOWN_KEY"
  | "SCHEMA_MISSING_KEY"
  | "SCHEMA_EMPTY"
  | "SCHEMA_DUPLICATE"
  | "SCHEMA_MISSING_TABLE"
  | "SCHEMA_MISSING_COLUMN"
  | "SCHEMA_INVALID_SQL"
  | "SCHEMA_NOT_EXPRESSION"
  | "SCHEMA_RENAME_CONFLICT"
  | "SCHEMA_NOT_FOUND"
  | "CONFIG_INVALID"
  // database file problems (exit 2)
  | "DB_NOT_FOUND"
  | "DB_IS_DIRECTORY"
  | "DB_NOT_SQLITE"
  | "DB_CORRUPT"
  | "DB_READ_ONLY"
  | "DB_TOO_LARGE"
  | "DB_UNSUPPORTED"
  | "USAGE"
  // refusals for safety (exit 3)
  | "REFUSED_DESTRUCTIVE"
  | "REFUSED_DATA"
  | "REFUSED_IN_USE"
  | "REFUSED_CHANGED"
  | "REFUSED_NO_TTY"
  | "REFUSED_BUSY"
  | "APPLY_FAILED"
  | "VERIFY_FAILED"
  // warnings (never fatal)
  | "WARN_UNMODELLED"
  | "WARN_STALE_RENAME"
  | "WARN_MISSING_PARENT"
  | "WARN_FK_MISMATCH"
  | "WARN_DB_IN_USE";

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly col?: number;
  /** What to do about it. */
  readonly hint?: string;
}

/** The result of anything that can fail on bad input. */
export type Result<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function ok<T>(value: T, warnings: readonly Diagnostic[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T = never>(...diagnostics: Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

/** The message of anything thrown (SQLite errors are Errors; anything else is stringified). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `file:line:col: message` (the position parts only when known), plus the hint on its own line. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.col ? `:${d.col}` : ""}` : ""}: ` : "";
  return `${where}${d.message}${d.hint ? `\n  hint: ${d.hint}` : ""}`;
}

/** Exit codes (DESIGN.md §3). */
export const EXIT = { OK: 0, DRIFT: 1, BAD_INPUT: 2, REFUSED: 3 } as const;

/** Which exit code a fatal diagnostic maps to. */
export function exitCodeFor(code: DiagnosticCode): number {
  return code.startsWith("REFUSED_") || code === "APPLY_FAILED" || code === "VERIFY_FAILED"
    ? EXIT.REFUSED
    : EXIT.BAD_INPUT;
}

/** Thrown only inside an edge module to unwind to its boundary; never crosses a public API. */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
  }
}
