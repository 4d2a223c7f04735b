/**
 * What every command needs: the config, the driver, paths resolved from the right folder,
 * warnings printed as they come, and `unwrap` to turn a failed Result into the exit code.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Driver } from "../db/driver.js";
import { hasSqliteMagic } from "../db/header.js";
import { parseDriverChoice, selectDriver } from "../db/select.js";
import { DiagnosticError, type Diagnostic, type Result } from "../errors.js";
import { closest } from "../load/did-you-mean.js";
import type { Config } from "./config.js";
import { colourEnabled, formatDiagnostics, palette, presentDiagnostic, type Palette } from "./format.js";
import { nameMatcher } from "./ignore.js";
import { cacheDir } from "./schema-cache.js";
import type { Io } from "./io.js";
import type { CliOptions } from "./options.js";

/** A running command's surroundings. */
export class Context {
  readonly palette: Palette;
  /** Every warning printed so far (JSON outputs include them). */
  readonly warnings: Diagnostic[] = [];
  private driverPromise: Promise<Result<Driver>> | undefined;

  constructor(
    readonly io: Io,
    readonly opts: CliOptions,
    readonly config: Config,
  ) {
    this.palette = palette(colourEnabled(io.isTTY, io.env));
  }

  /** The output format chosen (the command's default when none). */
  format(defaultFormat: string): string {
    return this.opts.format ?? defaultFormat;
  }

  /** Prints warnings to stderr (paths shown relative to the working folder) and keeps them. */
  warn(list: readonly Diagnostic[]): void {
    const shown = list.map((d) => presentDiagnostic(d, this.io.cwd));
    this.warnings.push(...shown);
    if (shown.length > 0) this.io.stderr(formatDiagnostics(shown, "warning", this.palette));
  }

  /** The value of a successful Result (its warnings printed), or unwinds to `run` with its diagnostics. */
  unwrap<T>(result: Result<T>): T {
    if (!result.ok) throw new DiagnosticError(result.diagnostics);
    this.warn(result.warnings);
    return result.value;
  }

  /** Unwinds to `run` with one diagnostic. */
  fail(d: Diagnostic): never {
    throw new DiagnosticError([d]);
  }

  /** A command-line path, resolved from the working folder. */
  abs(path: string): string {
    return resolve(this.io.cwd, path);
  }

  /** The SQLite driver (`--driver`, else the config's, else $SCHEMADIFF_DRIVER, else auto), loaded once. */
  async driver(): Promise<Driver> {
    const choice = this.unwrap(parseDriverChoice(this.opts.driver ?? this.config.driver ?? this.io.env.SCHEMADIFF_DRIVER ?? "auto"));
    this.driverPromise ??= selectDriver(choice);
    return this.unwrap(await this.driverPromise);
  }

  /** The database path from `--db` or `--env NAME`, absolute. */
  dbPath(): string {
    const { db, env } = this.opts;
    if (db !== undefined && env !== undefined) {
      this.fail({ code: "USAGE", message: "both --db and --env were given", hint: "use one of them" });
    }
    if (db !== undefined) return this.abs(db);
    if (env !== undefined) return this.envPath(env);
    const names = [...this.config.databases.keys()];
    this.fail({
      code: "USAGE",
      message: "no database given",
      hint:
        names.length > 0
          ? `pass --db FILE, or --env with one of: ${names.join(", ")}`
          : "pass --db FILE (or name databases in schemadiff.config.yaml and pass --env NAME)",
    });
  }

  /** The path of a named database from the config, absolute; a usage error when unknown. */
  envPath(env: string): string {
    const path = this.config.databases.get(env);
    if (path !== undefined) return resolve(this.config.dir, path);
    const names = [...this.config.databases.keys()];
    const guess = closest(env, names);
    this.fail({
      code: "CONFIG_INVALID",
      ...(this.config.file ? { file: this.config.file } : {}),
      message:
        this.config.file === null
          ? `--env ${env}: there is no config file (schemadiff.config.yaml) naming databases`
          : `--env ${env}: no database named \`${env}\`${guess ? `; did you mean \`${guess}\`?` : ""}`,
      hint: names.length > 0 ? `known environments: ${names.join(", ")}` : "add `databases: { NAME: path/to.db }` to the config",
    });
  }

  /**
   * The declared schema path: `--schema`, else the config's `schema` (relative to the config
   * file), else `schema/`. A SQLite database here means the arguments were swapped.
   */
  schemaPath(): string {
    const path =
      this.opts.schema !== undefined
        ? this.abs(this.opts.schema)
        : this.config.schema !== null
          ? resolve(this.config.dir, this.config.schema)
          : this.abs("schema");
    if (isSqliteFile(path)) {
      this.fail({
        code: "USAGE",
        file: path,
        message: "is a SQLite database, not a schema",
        hint: "did you swap --db and --schema? --schema takes a .yaml file or a folder of them",
      });
    }
    return path;
  }

  /** The ignore predicate: the config's patterns plus every `--ignore`. */
  ignore(): ((name: string) => boolean) | undefined {
    return nameMatcher(this.ignorePatterns());
  }

  /** The config's ignore patterns, then every `--ignore`. */
  ignorePatterns(): string[] {
    return [...this.config.ignore, ...(this.opts.ignore ?? [])];
  }

  /** The folder of the schema cache (see schema-cache.ts), or null under `--no-cache` or without one. */
  cacheDir(): string | null {
    return this.opts.cache === false ? null : cacheDir(this.io.env);
  }

  /** `--target-sqlite`, else the config's `target_sqlite`. */
  targetSqlite(): string | undefined {
    return this.opts.targetSqlite ?? this.config.targetSqlite ?? undefined;
  }
}

/** True when `path` is a regular file that starts with the SQLite header (read-only peek). */
export function isSqliteFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    const fd = openSync(path, "r");
    try {
      const head = new Uint8Array(16);
      readSync(fd, head, 0, 16, 0);
      return hasSqliteMagic(head);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
