/**
 * The cache of loaded declarations (src/cli/schema-cache.ts): a hit must give exactly what a
 * fresh load gives, any change to what a load depends on must miss, and nothing about the cache
 * (damaged, unwritable, turned off) may ever change a result or fail a command.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Driver } from "../../src/db/driver.js";
import { canonicalJson, schemaHash, sha256Hex } from "../../src/hash.js";
import { loadSchema } from "../../src/load/index.js";
import { cacheDir, loadSchemaCached, MAX_ENTRIES, trim } from "../../src/cli/schema-cache.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { introspectCached } from "../../src/cli/schema-cache.js";
import { caseDeclarations, caseTexts } from "../helpers/declarations.js";
import { cliEnv, testDriver } from "../helpers/driver-env.js";
import { cli } from "./helpers.js";

const tmp = (): string => mkdtempSync(join(tmpdir(), "sd-cache-"));

const SCHEMA = `tables:
  goals:
    columns:
      id: { type: INTEGER, primary_key: true }
      title: { type: TEXT, not_null: true }
      done: { type: BOOLEAN, default: 0, renamed_from: completed, backfill: "0" }
    indexes:
      goals_title: [ title ]
`;

/** A schema folder holding `text` as schema.yaml. */
function schemaAt(text: string): string {
  const dir = tmp();
  writeFileSync(join(dir, "schema.yaml"), text);
  return join(dir, "schema.yaml");
}

const entries = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith(".json"));

/** Rewrites the one entry in `dir` through `edit` (its checksum made right again). */
function editEntry(dir: string, edit: (body: string) => string): void {
  const [name] = entries(dir);
  const text = readFileSync(join(dir, name), "utf8");
  const body = edit(text.slice(65));
  writeFileSync(join(dir, name), `${sha256Hex(body)}\n${body}`);
}

describe("the schema cache: declarations", () => {
  it("a hit gives exactly the fresh load, for every golden case's declaration", async () => {
    const driver = await testDriver();
    const dir = tmp();
    let loads = 0;
    for (const text of caseDeclarations()) {
      const path = schemaAt(text);
      const fresh = loadSchema(path, driver);
      if (!fresh.ok) continue;
      const miss = loadSchemaCached(path, driver, dir);
      const hit = loadSchemaCached(path, driver, dir);
      expect(miss).toEqual(fresh);
      expect(hit).toEqual(fresh);
      // The hash kept with the entry is the schema's own.
      expect(hit.ok && schemaHash(hit.value.schema)).toBe(sha256Hex(canonicalJson(fresh.value.schema)));
      loads++;
    }
    expect(loads).toBeGreaterThan(100);
  });

  it("reads from the entry on a hit (a planted entry is believed: the key is what guards it)", async () => {
    const driver = await testDriver();
    const dir = tmp();
    const path = schemaAt(SCHEMA);
    loadSchemaCached(path, driver, dir);
    editEntry(dir, (body) => body.replaceAll('"goals_title"', '"planted"'));
    const hit = loadSchemaCached(path, driver, dir);
    expect(hit.ok && hit.value.schema.tables[0].indexes[0].name).toBe("planted");
  });

  it("keeps the hints (renames, backfills) and the warnings", async () => {
    const driver = await testDriver();
    const dir = tmp();
    const folder = tmp();
    writeFileSync(join(folder, "a.yaml"), SCHEMA);
    writeFileSync(join(folder, "b.yaml"), "# nothing here yet\n");
    const fresh = loadSchema(folder, driver);
    loadSchemaCached(folder, driver, dir);
    const hit = loadSchemaCached(folder, driver, dir);
    expect(fresh.ok && fresh.warnings.map((w) => w.code)).toEqual(["SCHEMA_EMPTY"]);
    expect(hit.ok && [...hit.value.hints.columnRenames.get("goals")!]).toEqual([["done", "completed"]]);
    expect(hit.ok && [...hit.value.hints.backfills.get("goals")!]).toEqual([["done", "0"]]);
    expect(hit).toEqual(fresh);
  });

  it("misses when a file changes, is added or is renamed", async () => {
    const driver = await testDriver();
    const dir = tmp();
    const folder = tmp();
    writeFileSync(join(folder, "a.yaml"), SCHEMA);
    loadSchemaCached(folder, driver, dir);
    writeFileSync(join(folder, "a.yaml"), SCHEMA.replace("title: [ title ]", "title: [ title, done ]"));
    const changed = loadSchemaCached(folder, driver, dir);
    expect(changed.ok && changed.value.schema.tables[0].indexes[0].keys.map((k) => k.column)).toEqual(["title", "done"]);
    writeFileSync(join(folder, "b.yaml"), "tables:\n  notes:\n    columns:\n      id: INTEGER\n");
    const added = loadSchemaCached(folder, driver, dir);
    expect(added.ok && added.value.schema.tables.map((t) => t.name)).toEqual(["goals", "notes"]);
    expect(entries(dir)).toHaveLength(3);
    // The same bytes under another name: the files a load reports, and its warnings' paths, differ.
    renameSync(join(folder, "b.yaml"), join(folder, "c.yaml"));
    const renamed = loadSchemaCached(folder, driver, dir);
    expect(renamed.ok && renamed.value.files).toEqual([join(folder, "a.yaml"), join(folder, "c.yaml")]);
    expect(entries(dir)).toHaveLength(4);
  });

  it("keeps each engine's load apart", async () => {
    const driver = await testDriver();
    const dir = tmp();
    const path = schemaAt(SCHEMA);
    loadSchemaCached(path, driver, dir);
    const other: Driver = { ...driver, name: driver.name === "native" ? "sqljs" : "native" };
    loadSchemaCached(path, other, dir);
    expect(entries(dir)).toHaveLength(2);
  });

  it("never keeps a failed load: errors are found afresh, with their positions", async () => {
    const driver = await testDriver();
    const dir = tmp();
    const path = schemaAt(SCHEMA.replace("title: [ title ]", "title: [ titel ]"));
    for (let k = 0; k < 2; k++) {
      const r = loadSchemaCached(path, driver, dir);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.diagnostics[0]).toMatchObject({ code: "SCHEMA_MISSING_COLUMN", file: path, line: 8 });
    }
    expect(existsOrEmpty(dir)).toEqual([]);
  });

  it("a damaged or truncated entry is a miss, and is written again", async () => {
    const driver = await testDriver();
    const dir = tmp();
    const path = schemaAt(SCHEMA);
    const fresh = loadSchema(path, driver);
    loadSchemaCached(path, driver, dir);
    const [name] = entries(dir);
    const good = readFileSync(join(dir, name), "utf8");
    for (const damaged of [good.slice(0, good.length - 10), good.replace('"goals_title"', '"goals_titlf"'), "", "{}", `${"0".repeat(64)}\n{}`]) {
      writeFileSync(join(dir, name), damaged);
      expect(loadSchemaCached(path, driver, dir)).toEqual(fresh);
      expect(readFileSync(join(dir, name), "utf8")).toBe(good);
    }
  });

  it("an unusable cache folder changes nothing", async () => {
    const driver = await testDriver();
    const path = schemaAt(SCHEMA);
    const fresh = loadSchema(path, driver);
    const blocker = join(tmp(), "not-a-folder");
    writeFileSync(blocker, "x");
    expect(loadSchemaCached(path, driver, blocker)).toEqual(fresh);
    expect(loadSchemaCached(path, driver, join(blocker, "below"))).toEqual(fresh);
  });

  it("trims the least recently used entries, and stale temporary files", () => {
    const dir = tmp();
    const old = Date.now() / 1000 - 10_000;
    for (let k = 0; k < MAX_ENTRIES + 3; k++) {
      const file = join(dir, `${String(k).padStart(3, "0")}.json`);
      writeFileSync(file, "{}");
      utimesSync(file, old + k, old + k);
    }
    writeFileSync(join(dir, "x.json.tmp"), "");
    utimesSync(join(dir, "x.json.tmp"), old, old);
    writeFileSync(join(dir, "y.json.tmp"), "");
    trim(dir);
    const left = readdirSync(dir).sort();
    expect(left.filter((f) => f.endsWith(".json"))).toHaveLength(MAX_ENTRIES);
    expect(left).not.toContain("000.json");
    expect(left).not.toContain("002.json");
    expect(left).toContain("003.json");
    expect(left).not.toContain("x.json.tmp");
    expect(left).toContain("y.json.tmp");
  });

  it("finds its folder in the environment, and can be turned off", () => {
    expect(cacheDir({ SCHEMADIFF_CACHE_DIR: "/c", HOME: "/h" })).toBe("/c");
    expect(cacheDir({ SCHEMADIFF_CACHE: "off", SCHEMADIFF_CACHE_DIR: "/c" })).toBeNull();
    expect(cacheDir({ SCHEMADIFF_CACHE: "0", HOME: "/h" })).toBeNull();
    expect(cacheDir({ XDG_CACHE_HOME: "/x", HOME: "/h" })).toBe(join("/x", "schemadiff"));
    expect(cacheDir({})).toBeNull();
    if (process.platform === "linux") expect(cacheDir({ HOME: "/h" })).toBe(join("/h", ".cache", "schemadiff"));
  });

  it("the CLI tests run through a cache folder of their own (test/helpers/cache-setup.ts)", () => {
    const dir = cliEnv().SCHEMADIFF_CACHE_DIR;
    expect(dir).toMatch(/schemadiff-test-cache-/);
    expect(statSync(dir!).isDirectory()).toBe(true);
  });

  it("the CLI uses it unless --no-cache, and the plan is the same either way", async () => {
    const cwd = tmp();
    const dir = join(cwd, "cache");
    writeFileSync(join(cwd, "schema.yaml"), SCHEMA);
    const db = join(cwd, "app.db");
    copyFileSync(new URL("../../fixtures/goals/dev.db", import.meta.url), db);
    const env = { SCHEMADIFF_CACHE_DIR: dir };
    const plan = ["plan", "--db", db, "--schema", "schema.yaml", "--format", "sql"];
    const uncached = await cli([...plan, "--no-cache"], { cwd, env });
    expect(existsOrEmpty(dir)).toEqual([]);
    const first = await cli(plan, { cwd, env });
    expect(entries(dir)).toHaveLength(2); // the declaration and the database
    const stamp = statSync(join(dir, entries(dir)[0])).mtimeMs;
    const second = await cli(plan, { cwd, env });
    expect([first.code, second.code]).toEqual([uncached.code, uncached.code]);
    expect(first.out).toBe(uncached.out);
    expect(second.out).toBe(uncached.out);
    expect(statSync(join(dir, entries(dir)[0])).mtimeMs).toBeGreaterThanOrEqual(stamp);
  });
});

describe("the schema cache and apply", () => {
  it("apply neither reads nor writes it; check after apply does, and sees no drift", async () => {
    const driver = await testDriver();
    const cwd = tmp();
    const dir = join(cwd, "cache");
    writeFileSync(join(cwd, "schema.yaml"), SCHEMA.replace(", renamed_from: completed", ""));
    const conn = driver.memory();
    conn.exec("CREATE TABLE goals (id INTEGER PRIMARY KEY, title TEXT NOT NULL); INSERT INTO goals (title) VALUES ('a')");
    writeFileSync(join(cwd, "app.db"), conn.export());
    conn.close();
    const env = { SCHEMADIFF_CACHE_DIR: dir };
    const applied = await cli(["apply", "--db", "app.db", "--schema", "schema.yaml", "--yes", "--no-backup"], { cwd, env });
    expect(applied.code).toBe(0);
    expect(existsOrEmpty(dir)).toEqual([]);
    for (let k = 0; k < 2; k++) expect((await cli(["check", "--db", "app.db", "--schema", "schema.yaml"], { cwd, env })).code).toBe(0);
    expect(entries(dir)).toHaveLength(2);
  });
});

describe("the schema cache: live databases", () => {
  /** A database built by `sql`, in memory. */
  const database = (driver: Driver, sql: string) => {
    const conn = driver.memory();
    conn.exec(sql);
    return conn;
  };
  const TABLES = "CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT NOT NULL DEFAULT 'x' CHECK (x <> '')); CREATE INDEX a_x ON a (x);";

  it("a hit gives exactly the fresh introspection, for every golden case's database", async () => {
    const driver = await testDriver();
    const dir = tmp();
    let n = 0;
    for (const { current } of caseTexts()) {
      const conn = database(driver, current);
      try {
        const fresh = introspect(conn);
        expect(introspectCached(conn, {}, [], driver, dir)).toEqual(fresh);
        const hit = introspectCached(conn, {}, [], driver, dir);
        expect(hit).toEqual(fresh);
        expect(hit.ok && fresh.ok && schemaHash(hit.value)).toBe(fresh.ok && sha256Hex(canonicalJson(fresh.value)));
        n++;
      } finally {
        conn.close();
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  it("reads from the entry on a hit, whatever the rows; misses when the schema changes", async () => {
    const driver = await testDriver();
    const dir = tmp();
    const conn = database(driver, TABLES);
    try {
      introspectCached(conn, {}, [], driver, dir);
      editEntry(dir, (body) => body.replace('"a_x"', '"planted"'));
      conn.exec("INSERT INTO a (x) VALUES ('y')");
      const hit = introspectCached(conn, {}, [], driver, dir);
      expect(hit.ok && hit.value.tables[0].indexes[0].name).toBe("planted");
      conn.exec("ALTER TABLE a ADD COLUMN y INTEGER");
      const changed = introspectCached(conn, {}, [], driver, dir);
      expect(changed).toEqual(introspect(conn));
      expect(changed.ok && changed.value.tables[0].columns.map((c) => c.name)).toEqual(["id", "x", "y"]);
    } finally {
      conn.close();
    }
  });

  it("keeps each set of ignore patterns apart", async () => {
    const driver = await testDriver();
    const dir = tmp();
    const conn = database(driver, `${TABLES} CREATE TABLE tmp_b (id INTEGER);`);
    try {
      const all = introspectCached(conn, {}, [], driver, dir);
      const ignore = (name: string) => name.startsWith("tmp_");
      const some = introspectCached(conn, { ignore }, ["tmp_*"], driver, dir);
      expect(all.ok && all.value.tables.map((t) => t.name)).toEqual(["a", "tmp_b"]);
      expect(some).toEqual(introspect(conn, { ignore }));
      expect(some.ok && some.value.tables.map((t) => t.name)).toEqual(["a"]);
    } finally {
      conn.close();
    }
  });
});

function existsOrEmpty(dir: string): string[] {
  try {
    return entries(dir);
  } catch {
    mkdirSync(dir, { recursive: true });
    return [];
  }
}
