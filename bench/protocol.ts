/**
 * What the bench asks a child process to measure, and what the child answers. One measurement per
 * child, so peak memory (the child's own maxRSS) and JIT state never carry over between runs.
 */

/** Which SQLite engine a measurement uses. */
export type Engine = "sqljs" | "native";

/** One thing to measure. */
export type Task =
  /** The plan pipeline phase by phase, through the internal functions the CLI composes. */
  | { readonly kind: "plan-phases"; readonly driver: Engine; readonly db: string; readonly schema: string; readonly cacheDir: string }
  /** `run(argv, io)` in process: the CLI end to end, minus node's own start-up. `env` is all it sees (none: no cache). */
  | { readonly kind: "cli"; readonly argv: readonly string[]; readonly cwd: string; readonly env?: Readonly<Record<string, string>> }
  /** `applyInPlace` called directly (the native path, when the CLI does not route to it). */
  | { readonly kind: "in-place"; readonly db: string; readonly schema: string; readonly backup: boolean; readonly cwd: string }
  /** The given statements run directly in an engine: read, execute, write back as the engine must. */
  | { readonly kind: "direct"; readonly engine: Engine; readonly db: string; readonly statements: readonly string[] }
  /** A script piped into the `sqlite3` shell. */
  | { readonly kind: "shell"; readonly db: string; readonly script: string };

/** What a child measured. Times in milliseconds, memory in bytes. */
export interface Measurement {
  /** Wall time of the measured operation. */
  readonly wallMs: number;
  /** CPU time (user + system) the child spent on the operation: less sensitive than wall time to a busy machine. */
  readonly cpuMs: number;
  /** Wall time of each phase, in the order they ran. */
  readonly phases: Readonly<Record<string, number>>;
  /** Counters (SQL statements issued, steps planned, ...). */
  readonly counts: Readonly<Record<string, number>>;
  /** The child's peak resident set size over its whole life (`resourceUsage().maxRSS`). */
  readonly peakRssBytes: number;
  /** Resident set size right before the operation (node + loaded modules). */
  readonly baseRssBytes: number;
  /** Exit code of a CLI run. */
  readonly exitCode?: number;
  /** Diagnostic codes a CLI run reported (from its JSON output). */
  readonly codes?: readonly string[];
  /** The first lines of stderr of a failed run, to show what went wrong. */
  readonly error?: string;
}

/** The line prefix a child prints its measurement after. */
export const RESULT_PREFIX = "BENCH_RESULT ";
