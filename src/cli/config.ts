/**
 * `schemadiff.config.yaml`: the schema path, named databases (`--env NAME`), ignore patterns, the
 * driver and the target SQLite version, so that day-to-day commands need no flags. Command-line
 * flags override it. Relative paths in it are relative to the folder the config file is in.
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DRIVER_CHOICES, type DriverChoice } from "../db/select.js";
import { fail, ok, type Diagnostic, type Result } from "../errors.js";
import { closest } from "../load/did-you-mean.js";
import { parseYaml } from "../load/parse.js";
import { child, where, type SourceFile } from "../load/position.js";

/** The config file looked for in the working folder. */
export const CONFIG_FILE = "schemadiff.config.yaml";

/** The drivers a config or `--driver` may name. */
export const DRIVER_NAMES: readonly DriverChoice[] = DRIVER_CHOICES;

/** A validated config; `file` is null when there is none (every field then empty). */
export interface Config {
  readonly file: string | null;
  /** The folder relative paths are resolved from: the config file's, else the working folder. */
  readonly dir: string;
  readonly schema: string | null;
  /** Environment name -> database path, as written. */
  readonly databases: ReadonlyMap<string, string>;
  readonly ignore: readonly string[];
  readonly driver: DriverChoice | null;
  readonly targetSqlite: string | null;
}

const KEYS = ["schema", "databases", "ignore", "driver", "target_sqlite"] as const;

/** Empty config for a folder without one. */
export function noConfig(cwd: string): Config {
  return { file: null, dir: cwd, schema: null, databases: new Map(), ignore: [], driver: null, targetSqlite: null };
}

/**
 * Finds and reads the config: `explicit` (from `--config`, must exist), else `schemadiff.config.yaml`
 * in `cwd` when it exists, else an empty config.
 */
export function loadConfig(cwd: string, explicit?: string): Result<Config> {
  const path = explicit === undefined ? join(cwd, CONFIG_FILE) : resolve(cwd, explicit);
  let text: string;
  try {
    if (statSync(path).isDirectory()) {
      return fail({ code: "CONFIG_INVALID", file: path, message: "is a directory, not a config file" });
    }
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (explicit === undefined && code === "ENOENT") return ok(noConfig(cwd));
    return fail({
      code: "CONFIG_INVALID",
      file: path,
      message: code === "ENOENT" ? "config file not found" : `cannot read the config file: ${code ?? String(e)}`,
    });
  }
  return parseConfig(text, path);
}

/** Parses and validates config text (pure). Unknown keys get a "did you mean" and a position. */
export function parseConfig(text: string, file: string): Result<Config> {
  const parsed = parseYaml(text, file);
  if (!parsed.ok) {
    return fail(...parsed.diagnostics.map((d) => ({ ...d, code: "CONFIG_INVALID" as const })));
  }
  const src = parsed.value;
  const base: Config = { ...noConfig(dirname(file)), file };
  if (src.data === null) return ok(base);
  if (!isRecord(src.data)) return fail(bad(src, "", "the config must be a map of settings"));
  const problems: Diagnostic[] = [];
  const out = { ...base, databases: new Map<string, string>() } as {
    -readonly [K in keyof Config]: Config[K];
  } & { databases: Map<string, string> };
  for (const [key, value] of Object.entries(src.data)) {
    const at = child("", key);
    switch (key) {
      case "schema":
        if (typeof value === "string" && value !== "") out.schema = value;
        else problems.push(bad(src, at, "`schema` must be a path (a .yaml file or a folder)"));
        break;
      case "databases":
        if (!isRecord(value)) {
          problems.push(bad(src, at, "`databases` must map environment names to database paths, e.g. `prod: data/prod.db`"));
          break;
        }
        for (const [env, path] of Object.entries(value)) {
          if (typeof path === "string" && path !== "") out.databases.set(env, path);
          else problems.push(bad(src, child(at, env), `the database of \`${env}\` must be a path`));
        }
        break;
      case "ignore": {
        const list = typeof value === "string" ? [value] : value;
        if (Array.isArray(list) && list.every((g) => typeof g === "string" && g !== "")) out.ignore = list as string[];
        else problems.push(bad(src, at, "`ignore` must be a list of name patterns, e.g. ['tmp_*']"));
        break;
      }
      case "driver":
        if (typeof value === "string" && (DRIVER_NAMES as readonly string[]).includes(value)) {
          out.driver = value as DriverChoice;
        } else {
          problems.push(bad(src, at, `\`driver\` must be one of ${DRIVER_NAMES.join(", ")}`));
        }
        break;
      case "target_sqlite": {
        // A plain 3.40 is a YAML number (3.4): take the text as written.
        const text = typeof value === "number" ? (src.numberText.get(at) ?? String(value)) : value;
        if (typeof text === "string" && isVersion(text)) out.targetSqlite = text;
        else problems.push(bad(src, at, "`target_sqlite` must be a SQLite version such as \"3.40\" or \"3.45.1\""));
        break;
      }
      default: {
        const guess = closest(key, KEYS);
        problems.push({
          ...where(src, at, "key"),
          code: "CONFIG_INVALID",
          message: `unknown setting \`${key}\`${guess ? `; did you mean \`${guess}\`?` : ""}`,
          hint: `known settings: ${KEYS.join(", ")}`,
        });
      }
    }
  }
  return problems.length > 0 ? fail(...problems) : ok(out);
}

/** `3.40`, `3.45.1`: a SQLite version as `--target-sqlite` and `target_sqlite` take it. */
export function isVersion(text: string): boolean {
  return /^3\.\d{1,3}(\.\d{1,3})?$/.test(text);
}

function bad(src: SourceFile, pointer: string, message: string): Diagnostic {
  return { ...where(src, pointer), code: "CONFIG_INVALID", message };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
