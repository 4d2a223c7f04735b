import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bindValue, loadNative } from "../../src/db/native.js";
import { isNativeDriver, parseDriverChoice, selectDriver, type DriverLoaders } from "../../src/db/select.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { fail, ok, type Result } from "../../src/errors.js";
import { fileSha256, native, nativeDriver, nativeTitle, tempDir } from "./helpers.js";

function codes<T>(r: Result<T>): string[] {
  return r.ok ? ["ok"] : r.diagnostics.map((d) => d.code);
}

function message<T>(r: Result<T>): string {
  if (r.ok) throw new Error("expected a failure");
  return r.diagnostics.map((d) => `${d.message} | ${d.hint ?? ""}`).join("\n");
}

describe("loading better-sqlite3", () => {
  it("reports the loader's own error when the module is missing", async () => {
    const r = await loadNative(() => Promise.reject(new Error("Cannot find package 'better-sqlite3'")));
    expect(codes(r)).toEqual(["USAGE"]);
    expect(message(r)).toContain("the native driver (better-sqlite3) is unavailable: Cannot find package 'better-sqlite3'");
    expect(message(r)).toContain("--driver sqljs");
  });

  it("reports an addon that was never compiled (the module loads, the constructor throws)", async () => {
    const broken = function () {
      throw new Error("Could not locate the bindings file. Tried: build/Release/better_sqlite3.node");
    };
    const r = await loadNative(async () => ({ default: broken }));
    expect(codes(r)).toEqual(["USAGE"]);
    expect(message(r)).toContain("Could not locate the bindings file");
  });

  it("rejects a module without a constructor", async () => {
    const r = await loadNative(async () => ({ default: 42 }));
    expect(message(r)).toContain("no default export");
  });
});

describe("selectDriver", () => {
  const missing: DriverLoaders = {
    native: async () => fail({ code: "USAGE", message: "the native driver (better-sqlite3) is unavailable: gone" }),
    sqljs: loadSqlJs,
  };

  it("sqljs always gives sql.js", async () => {
    const r = await selectDriver("sqljs");
    expect(r.ok && r.value.name).toBe("sqljs");
  });

  it("native without better-sqlite3 fails with the reason; auto falls back to sql.js silently", async () => {
    const n = await selectDriver("native", missing);
    expect(codes(n)).toEqual(["USAGE"]);
    expect(message(n)).toContain("unavailable: gone");
    const a = await selectDriver("auto", missing);
    expect(a.ok && a.value.name).toBe("sqljs");
    expect(a.ok && a.warnings).toEqual([]);
  });

  it("auto picks native when it loads", async () => {
    const fake = { name: "native", memory: () => null, fromBytes: () => null, openFile: () => null };
    const loaders: DriverLoaders = { native: async () => ok(fake as never), sqljs: loadSqlJs };
    const a = await selectDriver("auto", loaders);
    expect(a.ok && a.value).toBe(fake);
    expect(a.ok && isNativeDriver(a.value)).toBe(true);
  });

  it("parses --driver values and names the accepted ones otherwise", () => {
    expect(parseDriverChoice("native")).toEqual(ok("native"));
    const bad = parseDriverChoice("sqlite3");
    expect(codes(bad)).toEqual(["USAGE"]);
    expect(message(bad)).toContain("auto, native, sqljs");
  });

  it("sql.js is not a native driver", async () => {
    expect(isNativeDriver(await loadSqlJs())).toBe(false);
  });
});

describe("bindValue: numbers bind as sql.js binds them", () => {
  it("32-bit integers become INTEGER, everything else REAL, bigints go through Number", () => {
    expect(bindValue(1)).toBe(1n);
    expect(bindValue(-2147483648)).toBe(-2147483648n);
    expect(bindValue(2147483648)).toBe(2147483648);
    expect(bindValue(1.5)).toBe(1.5);
    expect(bindValue(7n)).toBe(7n);
    expect(bindValue(2n ** 40n)).toBe(2 ** 40);
    expect(bindValue("x")).toBe("x");
    expect(bindValue(null)).toBe(null);
  });
});

describe.skipIf(!native)(nativeTitle("the native adapter"), () => {
  it("auto selects it on this machine", async () => {
    const r = await selectDriver("auto");
    expect(r.ok && r.value.name).toBe("native");
  });

  it("reports its SQLite version", () => {
    const conn = nativeDriver().memory();
    expect(conn.sqliteVersion).toMatch(/^3\.\d+\.\d+$/);
    conn.close();
  });

  it("starts with foreign keys OFF, as sql.js does", async () => {
    const conn = nativeDriver().memory();
    expect(conn.query("PRAGMA foreign_keys")).toEqual([{ foreign_keys: 0 }]);
    conn.close();
  });

  it("runs statements without results through query (INSERT, PRAGMA set, BEGIN)", () => {
    const conn = nativeDriver().memory();
    conn.exec("CREATE TABLE t(a)");
    expect(conn.query("BEGIN")).toEqual([]);
    expect(conn.query("INSERT INTO t VALUES (?)", [1])).toEqual([]);
    expect(conn.query("COMMIT")).toEqual([]);
    expect(conn.query("INSERT INTO t VALUES (2) RETURNING a")).toEqual([{ a: 2 }]);
    expect(conn.query("SELECT a FROM t ORDER BY a")).toEqual([{ a: 1 }, { a: 2 }]);
    conn.close();
  });

  it("returns blobs as plain Uint8Arrays and accepts them as parameters", () => {
    const conn = nativeDriver().memory();
    const [row] = conn.query("SELECT ? AS b, x'' AS e", [new Uint8Array([1, 2, 3])]);
    expect(row.b).toEqual(new Uint8Array([1, 2, 3]));
    expect(Object.getPrototypeOf(row.b)).toBe(Uint8Array.prototype);
    expect(row.e).toEqual(new Uint8Array(0));
    conn.close();
  });

  it("round-trips an image through fromBytes and export", async () => {
    const sqljs = await loadSqlJs();
    const src = sqljs.memory();
    src.exec("CREATE TABLE t(a TEXT); INSERT INTO t VALUES ('x'), ('y');");
    const conn = nativeDriver().fromBytes(src.export());
    src.close();
    expect(conn.query("SELECT a FROM t ORDER BY a")).toEqual([{ a: "x" }, { a: "y" }]);
    const again = (await loadSqlJs()).fromBytes(conn.export());
    expect(again.query("SELECT count(*) AS n FROM t")).toEqual([{ n: 2 }]);
    again.close();
    conn.close();
  });

  it("throws SQLite's own error text, as sql.js does", async () => {
    const sqljs = (await loadSqlJs()).memory();
    const conn = nativeDriver().memory();
    const sql = "CREATE TABLE t(a UNIQUE); INSERT INTO t VALUES (1); INSERT INTO t VALUES (1);";
    expect(() => conn.exec(sql)).toThrow("UNIQUE constraint failed: t.a");
    expect(() => sqljs.exec(sql)).toThrow("UNIQUE constraint failed: t.a");
    conn.close();
    sqljs.close();
  });
});

describe.skipIf(!native)(nativeTitle("openFile"), () => {
  async function fileWith(sql: string): Promise<string> {
    const dir = tempDir();
    const file = join(dir, "app.db");
    const conn = (await loadSqlJs()).memory();
    conn.exec(sql);
    writeFileSync(file, conn.export());
    conn.close();
    return file;
  }

  it("opens a file in place: writes land in the file, and the journal mode is reported", async () => {
    const file = await fileWith("CREATE TABLE t(a); INSERT INTO t VALUES (1);");
    const r = nativeDriver().openFile(file, { readonly: false, busyTimeoutMs: 100 });
    if (!r.ok) throw new Error(message(r));
    expect(r.value.path).toBe(file);
    expect(r.value.journalMode()).toBe("delete");
    r.value.exec("INSERT INTO t VALUES (2)");
    r.value.close();
    const copy = (await loadSqlJs()).fromBytes(new Uint8Array(await import("node:fs").then((fs) => fs.readFileSync(file))));
    expect(copy.query("SELECT count(*) AS n FROM t")).toEqual([{ n: 2 }]);
    copy.close();
  });

  it("read-only connections cannot write and leave the file untouched", async () => {
    const file = await fileWith("CREATE TABLE t(a);");
    const before = fileSha256(file);
    const r = nativeDriver().openFile(file, { readonly: true, busyTimeoutMs: 100 });
    if (!r.ok) throw new Error(message(r));
    expect(() => r.value.exec("INSERT INTO t VALUES (1)")).toThrow(/readonly/);
    r.value.close();
    expect(fileSha256(file)).toBe(before);
  });

  it("never creates a missing file", () => {
    const dir = tempDir();
    const r = nativeDriver().openFile(join(dir, "missing.db"), { readonly: false, busyTimeoutMs: 100 });
    expect(codes(r)).toEqual(["DB_NOT_FOUND"]);
    expect(r.ok || r.diagnostics[0].file).toBe(join(dir, "missing.db"));
  });

  it("names a directory, a non-database and a truncated file", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "folder.db"));
    expect(codes(nativeDriver().openFile(join(dir, "folder.db"), { readonly: true, busyTimeoutMs: 0 }))).toEqual(["DB_IS_DIRECTORY"]);
    writeFileSync(join(dir, "notes.db"), "tables:\n  goals: {}\n");
    expect(codes(nativeDriver().openFile(join(dir, "notes.db"), { readonly: true, busyTimeoutMs: 0 }))).toEqual(["DB_NOT_SQLITE"]);
    writeFileSync(join(dir, "empty.db"), "");
    expect(codes(nativeDriver().openFile(join(dir, "empty.db"), { readonly: true, busyTimeoutMs: 0 }))).toEqual(["DB_NOT_SQLITE"]);
    writeFileSync(join(dir, "short.db"), "SQLite format 3\0abc");
    expect(codes(nativeDriver().openFile(join(dir, "short.db"), { readonly: true, busyTimeoutMs: 0 }))).toEqual(["DB_CORRUPT"]);
  });

  it("refuses a name with surrounding white space (better-sqlite3 would trim it)", async () => {
    const file = await fileWith("CREATE TABLE t(a);");
    const spaced = `${file} `;
    writeFileSync(spaced, "");
    expect(codes(nativeDriver().openFile(spaced, { readonly: true, busyTimeoutMs: 0 }))).toEqual(["DB_UNSUPPORTED"]);
  });
});
