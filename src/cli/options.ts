/**
 * The command-line surface as data: every option and every command, with its arguments and the
 * options it takes. `main.ts` builds the commander program from this table; docs/CLI.md mirrors it.
 */
import { Command, InvalidArgumentError, Option } from "commander";
import { DRIVER_NAMES, isVersion } from "./config.js";

/** Every option any command takes, by the key it has in `CliOptions`. */
export interface CliOptions {
  readonly db?: string;
  readonly env?: string;
  readonly schema?: string;
  readonly config?: string;
  readonly driver?: string;
  readonly ignore?: readonly string[];
  readonly targetSqlite?: string;
  readonly format?: string;
  readonly allowDestructive?: boolean;
  readonly lockTimeout?: number;
  readonly yes?: boolean;
  readonly dryRun?: boolean;
  /** A path, `false` for `--no-backup`, undefined for the default backup. */
  readonly backup?: string | false;
  /** False for `--no-history`. */
  readonly history?: boolean;
  /** False for `--no-cache`. */
  readonly cache?: boolean;
  readonly out?: string;
  readonly limit?: number;
}

/** One option: commander flags, help text, and how its value is checked. */
export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  readonly choices?: readonly string[];
  /** May be given several times; the values are collected into a list. */
  readonly repeatable?: boolean;
  readonly parse?: (value: string) => unknown;
}

/** The name of an option in the table below. */
export type OptionKey =
  | "db"
  | "env"
  | "schema"
  | "config"
  | "driver"
  | "ignore"
  | "targetSqlite"
  | "lockTimeout"
  | "allowDestructive"
  | "yes"
  | "dryRun"
  | "backup"
  | "noBackup"
  | "noHistory"
  | "noCache"
  | "out"
  | "limit";

/** The option table. */
export const OPTIONS: Readonly<Record<OptionKey, OptionSpec>> = {
  db: { flags: "--db <file>", description: "the SQLite database file (never created; read-only except for apply)" },
  env: { flags: "--env <name>", description: "use the database named NAME under `databases:` in the config file" },
  schema: {
    flags: "--schema <path>",
    description: "the declared schema: a .yaml file or a folder of them (default: the config's `schema`, else schema/)",
  },
  config: { flags: "--config <file>", description: "config file (default: ./schemadiff.config.yaml when present)" },
  driver: { flags: "--driver <name>", description: "SQLite engine", choices: DRIVER_NAMES },
  ignore: {
    flags: "--ignore <glob>",
    description: "leave objects whose name matches alone (* and ?; repeatable; adds to the config's `ignore`)",
    repeatable: true,
  },
  targetSqlite: {
    flags: "--target-sqlite <version>",
    description: "oldest SQLite the migration must run on, e.g. 3.40 (avoids newer statements)",
    parse: (v) => {
      if (!isVersion(v)) throw new InvalidArgumentError("expected a SQLite version such as 3.40 or 3.45.1.");
      return v;
    },
  },
  lockTimeout: {
    flags: "--lock-timeout <ms>",
    description: "native driver: how long to wait for another connection's lock (default 5000)",
    parse: (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected milliseconds, a whole number >= 0.");
      return n;
    },
  },
  allowDestructive: { flags: "--allow-destructive", description: "allow steps that drop tables or columns (lose data)" },
  yes: { flags: "-y, --yes", description: "apply without asking (needed when not on a terminal)" },
  dryRun: { flags: "--dry-run", description: "show exactly what would run; write nothing" },
  backup: { flags: "--backup <file>", description: "where to keep the backup (default: <db>.<UTC timestamp>.bak)" },
  noBackup: { flags: "--no-backup", description: "keep no backup" },
  noHistory: { flags: "--no-history", description: "do not record the apply in the _schemadiff_history table" },
  noCache: {
    flags: "--no-cache",
    description: "read the schemas afresh, without reading or writing the schema cache",
  },
  out: { flags: "--out <file>", description: "write to FILE instead of standard output" },
  limit: {
    flags: "--limit <n>",
    description: "show at most N entries, newest first",
    parse: (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive whole number.");
      return n;
    },
  },
};

/** The commands. */
export type CommandName = "plan" | "apply" | "check" | "dump" | "diff" | "history";

/** One command: what it does, its positional arguments, its options and its output formats. */
export interface CommandSpec {
  readonly name: CommandName;
  readonly summary: string;
  readonly args: readonly { readonly name: string; readonly description: string }[];
  readonly options: readonly OptionKey[];
  /** Allowed `--format` values, the first being the default; empty when there is no --format. */
  readonly formats: readonly string[];
}

const SOURCE: readonly OptionKey[] = ["config", "driver", "ignore"];
const LIVE: readonly OptionKey[] = ["db", "env", "schema"];

/** The command table. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "plan",
    summary: "show the migration that would bring the database to the declared schema",
    args: [],
    options: [...LIVE, ...SOURCE, "targetSqlite", "allowDestructive", "noCache"],
    formats: ["text", "sql", "json"],
  },
  {
    name: "apply",
    summary: "migrate the database to the declared schema (one transaction, verified, with a backup)",
    args: [],
    options: [...LIVE, ...SOURCE, "targetSqlite", "yes", "allowDestructive", "dryRun", "backup", "noBackup", "noHistory", "lockTimeout"],
    formats: ["text", "json"],
  },
  {
    name: "check",
    summary: "exit 0 when the database matches the declared schema, 1 when it drifted, 2 on bad input",
    args: [],
    options: [...LIVE, ...SOURCE, "noCache"],
    formats: ["text", "json"],
  },
  {
    name: "dump",
    summary: "print the database's schema as YAML in the declared format",
    args: [],
    options: ["db", "env", ...SOURCE, "out", "noCache"],
    formats: [],
  },
  {
    name: "diff",
    summary: "compare two schemas, each a database file or a schema path: YAML diff, then the plan FROM -> TO",
    args: [
      { name: "<from>", description: "a .db file, a schema file or folder, or an environment name from the config" },
      { name: "<to>", description: "the same kinds as FROM" },
    ],
    options: [...SOURCE, "targetSqlite", "noCache"],
    formats: ["text", "json"],
  },
  {
    name: "history",
    summary: "list the applies recorded in the database",
    args: [],
    options: ["db", "env", "config", "driver", "limit"],
    formats: ["text", "json"],
  },
];

/** A commander Option for a spec. */
export function toOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  else if (spec.parse) option.argParser(spec.parse);
  return option;
}

/** Adds a command spec's arguments and options to a commander command. */
export function describeCommand(cmd: Command, spec: CommandSpec): Command {
  cmd.description(spec.summary);
  for (const arg of spec.args) cmd.argument(arg.name, arg.description);
  for (const key of spec.options) cmd.addOption(toOption(OPTIONS[key]));
  if (spec.formats.length > 0) {
    cmd.addOption(
      new Option("--format <format>", `output format (default: ${spec.formats[0]})`).choices(spec.formats),
    );
  }
  return cmd;
}
