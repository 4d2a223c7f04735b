/**
 * A cache of schemas derived from text. Loading a big declaration is most of a plan's time (the
 * YAML parse, then the scratch database: 1.5 s for 1,000 tables), and introspecting a big
 * database most of the rest. Each is a pure function of its text (the YAML files; the rows of
 * sqlite_schema), this tool's code and the SQLite engine. The key is a hash of exactly those, so
 * an entry is either right or never found: there is nothing to invalidate.
 *
 * Only successful results are kept (every error is found afresh, with its position). Any problem
 * with the cache itself (no home folder, a read-only disk, a damaged entry) makes it a miss,
 * never an error: the cache can only make a command faster.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Connection, Driver } from "../db/driver.js";
import { ok, type Diagnostic, type Result } from "../errors.js";
import { canonicalJson, rememberSchemaHash, schemaHash, sha256Hex } from "../hash.js";
import { loadSources, type Declared } from "../load/index.js";
import { parseAll, readSchemaTexts } from "../load/parse.js";
import type { Hints, Schema } from "../model.js";
import { introspect, type IntrospectOptions } from "../sqlite/introspect.js";
import { CATALOG_SQL, type SchemaRow } from "../sqlite/pragma-rows.js";

/** Bumped whenever the entry layout changes. */
const FORMAT = 2;
/** Entries kept; the least recently used go first. */
export const MAX_ENTRIES = 64;
/** Bytes kept in all; a 1,000-table schema takes about 6 MB. */
export const MAX_BYTES = 128 * 1024 * 1024;

/**
 * The cache folder for an environment, or null for none: `SCHEMADIFF_CACHE=off` turns it off,
 * `SCHEMADIFF_CACHE_DIR` places it, else the platform's per-user cache folder.
 */
export function cacheDir(env: Readonly<Record<string, string | undefined>>): string | null {
  if (/^(off|0|false|no)$/i.test(env.SCHEMADIFF_CACHE ?? "")) return null;
  if (env.SCHEMADIFF_CACHE_DIR) return env.SCHEMADIFF_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "schemadiff");
  if (process.platform === "win32" && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, "schemadiff", "cache");
  if (process.platform === "darwin" && env.HOME) return join(env.HOME, "Library", "Caches", "schemadiff");
  return env.HOME ? join(env.HOME, ".cache", "schemadiff") : null;
}

/** `loadSchema`, through the cache in `dir`. */
export function loadSchemaCached(path: string, driver: Driver, dir: string): Result<Declared> {
  const listed = readSchemaTexts(path);
  if (!listed.ok) return listed;
  const load = (): Result<Declared> => {
    const parsed = parseAll(listed.value);
    return parsed.ok ? loadSources(parsed.value, driver) : parsed;
  };
  const texts = listed.value.flatMap((r) => (r.ok ? [r.value] : []));
  if (texts.length < listed.value.length) return load();
  const key = { kind: "declared", files: texts.map((t) => [t.file, sha256Hex(t.text)]) };
  return cached(dir, key, driver, load, {
    encode: (d) => ({ ...d, hints: hintsToJson(d.hints), hash: schemaHash(d.schema) }),
    decode: (json) => {
      const { hints, hash, ...rest } = json as Omit<Declared, "hints"> & { hints: HintsJson; hash: string };
      rememberSchemaHash(rest.schema, hash);
      return { ...rest, hints: hintsFromJson(hints) };
    },
  });
}

/** `introspect`, through the cache in `dir`; `ignore` spells out the patterns `options.ignore` tests. */
export function introspectCached(
  conn: Connection,
  options: IntrospectOptions,
  ignore: readonly string[],
  driver: Driver,
  dir: string,
): Result<Schema> {
  let rows: SchemaRow[];
  try {
    rows = conn.query<SchemaRow>(CATALOG_SQL.schema);
  } catch {
    return introspect(conn, options);
  }
  const key = { kind: "live", ignore, rows: rows.map((r) => [r.type, r.name, r.tbl_name, r.sql]) };
  return cached(dir, key, driver, () => introspect(conn, { ...options, schemaRows: rows }), {
    encode: (schema) => ({ schema, hash: schemaHash(schema) }),
    decode: (json) => {
      const { schema, hash } = json as { schema: Schema; hash: string };
      rememberSchemaHash(schema, hash);
      return schema;
    },
  });
}

/** How a value is kept in an entry. */
interface Codec<T> {
  encode(value: T): unknown;
  decode(json: unknown): T;
}

/** `compute()` under `key` (made complete with the tool's code and the engine). */
function cached<T>(dir: string, key: object, driver: Driver, compute: () => Result<T>, codec: Codec<T>): Result<T> {
  const tool = codeIdentity();
  if (tool === null) return compute();
  const id = sha256Hex(canonicalJson({ format: FORMAT, code: tool, engine: engineIdentity(driver), ...key }));
  const file = join(dir, `${id}.json`);
  const hit = readEntry(file, id);
  if (hit !== null) return ok(codec.decode(hit.value), hit.warnings);
  const result = compute();
  if (result.ok) writeEntry(dir, file, { format: FORMAT, key: id, value: codec.encode(result.value), warnings: result.warnings });
  return result;
}

/** More module files than schemadiff has: this is not the layout codeIdentity reads. */
const MAX_CODE_FILES = 1000;

let code: string | null | undefined;

/**
 * A hash of this tool's own code: package.json (its version and pinned dependencies) and every
 * module file of the package, so a rebuilt or upgraded tool never reads an older one's entries.
 * Null (no caching) when this module is not where the package layout puts it (bundled, say).
 */
function codeIdentity(): string | null {
  if (code !== undefined) return code;
  code = null;
  try {
    const root = new URL("../", import.meta.url);
    const pkg = readFileSync(new URL("../package.json", root), "utf8");
    if ((JSON.parse(pkg) as { name?: unknown }).name !== "schemadiff" || !/\/cli\/schema-cache\.[jt]s$/.test(import.meta.url)) return null;
    const parts: string[] = [];
    const walk = (dir: URL, rel: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (entry.isDirectory()) walk(new URL(`${entry.name}/`, dir), `${rel}${entry.name}/`);
        else if (/\.(?:js|mjs|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
          if (parts.length > 2 * MAX_CODE_FILES) throw new Error("too many files");
          parts.push(`${rel}${entry.name}`, sha256Hex(readFileSync(new URL(entry.name, dir), "utf8")));
        }
      }
    };
    walk(root, "");
    parts.push(sha256Hex(pkg));
    code = sha256Hex(parts.join("\n"));
  } catch {
    // Unreadable code or package.json: no identity, no cache.
  }
  return code;
}

const engines = new Map<Driver, string>();

/** The driver and its SQLite: version and compile options (they decide what SQLite reports). */
function engineIdentity(driver: Driver): string {
  let identity = engines.get(driver);
  if (identity === undefined) {
    const conn = driver.memory();
    try {
      const options = conn.query<{ compile_options: string }>("PRAGMA compile_options").map((r) => r.compile_options);
      identity = `${driver.name} ${conn.sqliteVersion} ${options.join(" ")}`;
    } finally {
      conn.close();
    }
    engines.set(driver, identity);
  }
  return identity;
}

/** What an entry file holds, after a SHA-256 of it and a newline. */
interface Entry {
  readonly format: number;
  readonly key: string;
  readonly value: unknown;
  readonly warnings: readonly Diagnostic[];
}

/** The entry in `file` when it is whole and under `key`, else null (a miss). */
function readEntry(file: string, key: string): Entry | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const newline = text.indexOf("\n");
  const body = text.slice(newline + 1);
  if (newline !== 64 || text.slice(0, 64) !== sha256Hex(body)) return null;
  let entry: Entry;
  try {
    entry = JSON.parse(body) as Entry;
  } catch {
    return null;
  }
  if (entry.format !== FORMAT || entry.key !== key) return null;
  try {
    // The least recently used entries are evicted first.
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // A read-only cache still serves.
  }
  return entry;
}

/** Writes an entry atomically (a temporary file renamed over), then trims the folder. */
function writeEntry(dir: string, file: string, entry: Entry): void {
  const body = JSON.stringify(entry);
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temp, `${sha256Hex(body)}\n${body}`, { mode: 0o600 });
    renameSync(temp, file);
    trim(dir);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // Never written.
    }
  }
}

/** Removes the least recently used entries past MAX_ENTRIES or MAX_BYTES, and stale temporary files. */
export function trim(dir: string): void {
  const entries: { path: string; size: number; used: number }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (name.endsWith(".json")) entries.push({ path, size: stat.size, used: stat.mtimeMs });
      else if (name.endsWith(".tmp") && Date.now() - stat.mtimeMs > 3_600_000) unlinkSync(path);
    } catch {
      // Removed meanwhile by another run.
    }
  }
  entries.sort((a, b) => b.used - a.used);
  let bytes = 0;
  entries.forEach((e, k) => {
    bytes += e.size;
    if (k < MAX_ENTRIES && bytes <= MAX_BYTES) return;
    try {
      unlinkSync(e.path);
    } catch {
      // Removed meanwhile by another run.
    }
  });
}

/** Hints with their Maps as entry lists. */
interface HintsJson {
  readonly tableRenames: [string, string][];
  readonly columnRenames: [string, [string, string][]][];
  readonly backfills: [string, [string, string][]][];
}

function hintsToJson(hints: Hints): HintsJson {
  const nested = (m: ReadonlyMap<string, ReadonlyMap<string, string>>): [string, [string, string][]][] =>
    [...m].map(([k, v]) => [k, [...v]]);
  return { tableRenames: [...hints.tableRenames], columnRenames: nested(hints.columnRenames), backfills: nested(hints.backfills) };
}

function hintsFromJson(hints: HintsJson): Hints {
  const nested = (list: [string, [string, string][]][]): Map<string, Map<string, string>> =>
    new Map(list.map(([k, v]) => [k, new Map(v)]));
  return { tableRenames: new Map(hints.tableRenames), columnRenames: nested(hints.columnRenames), backfills: nested(hints.backfills) };
}
