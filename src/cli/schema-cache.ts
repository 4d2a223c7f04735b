/**
 * A cache of loaded declarations. Loading a big schema is most of a plan's time (the YAML parse,
 * then the scratch database: 1.5 s for 1,000 tables), and its result is a pure function of the
 * YAML files, this tool's code and the SQLite engine. The key is a hash of exactly those, so an
 * entry is either right or never found: there is nothing to invalidate.
 *
 * Only successful loads are kept (every error is found afresh, with its position). Any problem
 * with the cache itself (no home folder, a read-only disk, a damaged entry) makes it a miss,
 * never an error: the cache can only make a command faster.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Driver } from "../db/driver.js";
import { ok, type Diagnostic, type Result } from "../errors.js";
import { canonicalJson, sha256Hex } from "../hash.js";
import { loadSources, type Declared } from "../load/index.js";
import { parseAll, readSchemaTexts, type SchemaText } from "../load/parse.js";
import type { Hints } from "../model.js";

/** Bumped whenever the entry layout changes. */
const FORMAT = 1;
/** Entries kept; the least recently used go first. */
export const MAX_ENTRIES = 64;
/** Bytes kept in all; a 1,000-table schema takes about 3 MB. */
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
  const texts = listed.value.flatMap((r) => (r.ok ? [r.value] : []));
  const load = (): Result<Declared> => {
    const parsed = parseAll(listed.value);
    return parsed.ok ? loadSources(parsed.value, driver) : parsed;
  };
  if (texts.length < listed.value.length) return load();

  const key = entryKey(texts, driver);
  const file = join(dir, `${key}.json`);
  const hit = readEntry(file, key);
  if (hit !== null) return hit;
  const loaded = load();
  if (loaded.ok) writeEntry(dir, file, key, loaded.value, loaded.warnings);
  return loaded;
}

/** What a load depends on: the files (names and bytes), the tool's code, the engine. */
function entryKey(texts: readonly SchemaText[], driver: Driver): string {
  return sha256Hex(
    canonicalJson({
      format: FORMAT,
      code: codeIdentity(),
      engine: engineIdentity(driver),
      files: texts.map((t) => [t.file, sha256Hex(t.text)]),
    }),
  );
}

let code: string | undefined;

/**
 * A hash of this tool's own code: package.json (its version and pinned dependencies) and every
 * module file beside this one, so a rebuilt or upgraded tool never reads an older one's entries.
 */
function codeIdentity(): string {
  if (code !== undefined) return code;
  const root = new URL("../", import.meta.url);
  const parts: string[] = [];
  const walk = (dir: URL, rel: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) walk(new URL(`${entry.name}/`, dir), `${rel}${entry.name}/`);
      else if (/\.(?:js|mjs|ts)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        parts.push(`${rel}${entry.name}`, sha256Hex(readFileSync(new URL(entry.name, dir), "utf8")));
      }
    }
  };
  walk(root, "");
  parts.push(sha256Hex(readFileSync(new URL("../package.json", root), "utf8")));
  code = sha256Hex(parts.join("\n"));
  return code;
}

const engines = new Map<Driver, string>();

/** The driver and its SQLite: version and compile options (they decide what normalising yields). */
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

/** What an entry holds (Maps as entry lists). */
interface Entry {
  readonly format: number;
  readonly key: string;
  readonly declared: Omit<Declared, "hints"> & { readonly hints: SerialHints };
  readonly warnings: readonly Diagnostic[];
}

interface SerialHints {
  readonly tableRenames: [string, string][];
  readonly columnRenames: [string, [string, string][]][];
  readonly backfills: [string, [string, string][]][];
}

/**
 * The entry's load, or null. An entry is a SHA-256 of its JSON, a newline, then the JSON: a
 * damaged or truncated one is a miss.
 */
function readEntry(file: string, key: string): Result<Declared> | null {
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
  const { hints, ...rest } = entry.declared;
  return ok({ ...rest, hints: fromSerial(hints) }, entry.warnings);
}

/** Writes an entry atomically (a temporary file renamed over), then trims the folder. */
function writeEntry(dir: string, file: string, key: string, declared: Declared, warnings: readonly Diagnostic[]): void {
  const entry: Entry = { format: FORMAT, key, declared: { ...declared, hints: toSerial(declared.hints) }, warnings };
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

function toSerial(hints: Hints): SerialHints {
  const nested = (m: ReadonlyMap<string, ReadonlyMap<string, string>>): [string, [string, string][]][] =>
    [...m].map(([k, v]) => [k, [...v]]);
  return { tableRenames: [...hints.tableRenames], columnRenames: nested(hints.columnRenames), backfills: nested(hints.backfills) };
}

function fromSerial(hints: SerialHints): Hints {
  const nested = (list: [string, [string, string][]][]): Map<string, Map<string, string>> =>
    new Map(list.map(([k, v]) => [k, new Map(v)]));
  return { tableRenames: new Map(hints.tableRenames), columnRenames: nested(hints.columnRenames), backfills: nested(hints.backfills) };
}
