/** The bench's command line: `--json`, `--quick`, `--only plan|rebuild|size|native`, `--runs N`, `--keep`. */

/** Which group of rows to run. */
export type Suite = "plan" | "rebuild" | "size" | "native";

/** Every suite, in the order they run. */
export const SUITES: readonly Suite[] = ["plan", "rebuild", "size", "native"];

/** Parsed options. */
export interface BenchOptions {
  /** Print one JSON document instead of the table. */
  readonly json: boolean;
  /** Small sizes and fewer runs: a smoke run. */
  readonly quick: boolean;
  readonly suites: readonly Suite[];
  /** Measurements per row (each in its own child process). */
  readonly runs: number;
  /** Keep the generated inputs (the temporary folder) and say where they are. */
  readonly keep: boolean;
}

/** Parses argv (without node and script); an error message instead of options on bad input. */
export function parseArgs(argv: readonly string[]): BenchOptions | string {
  let json = false;
  let quick = false;
  let keep = false;
  let runs: number | null = null;
  const suites: Suite[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case "--json":
        json = true;
        break;
      case "--quick":
        quick = true;
        break;
      case "--keep":
        keep = true;
        break;
      case "--runs": {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) return "--runs takes a positive whole number";
        runs = n;
        break;
      }
      case "--only": {
        const names = (value() ?? "").split(",").filter((s) => s !== "");
        for (const name of names) {
          const suite = SUITES.find((s) => s === name);
          if (!suite) return `--only takes ${SUITES.join("|")} (comma-separated), not "${name}"`;
          if (!suites.includes(suite)) suites.push(suite);
        }
        if (names.length === 0) return `--only takes ${SUITES.join("|")}`;
        break;
      }
      case "--help":
      case "-h":
        return "help";
      default:
        return `unknown option ${arg}`;
    }
  }
  return { json, quick, keep, suites: suites.length > 0 ? SUITES.filter((s) => suites.includes(s)) : SUITES, runs: runs ?? (quick ? 1 : 5) };
}

/** The usage text. */
export const USAGE = `usage: npm run bench -- [--json] [--quick] [--only ${SUITES.join("|")}[,...]] [--runs N] [--keep]
  --json    print one JSON document (default: a table)
  --quick   small sizes, one run each: a smoke run
  --only    run only these groups of rows
  --runs    measurements per row, each in a fresh process (default 5, --quick 1)
  --keep    keep the generated databases and schemas, and print where they are
`;
