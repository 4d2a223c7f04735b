import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Result } from "../../src/errors.js";
import type { Driver } from "../../src/db/driver.js";
import { isUnchanged, openDatabaseFile, readDatabaseFile, MAX_SQLJS_BYTES } from "../../src/db/file.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { buildDb, fingerprint, fromBase64, isRoot, listing, readBytes, tempDir, writeDb } from "./helpers.js";
import { WAL_DB, WAL_FILE } from "./wal-fixture.js";

let driver: Driver;
beforeAll(async () => {
  driver = await loadSqlJs();
});

const SQL = "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t(name) VALUES ('a'), ('b');";

function codeOf<T>(r: Result<T>): string {
  return r.ok ? "ok" : r.diagnostics.map((d) => d.code).join(",");
}
function diag<T>(r: Result<T>) {
  if (r.ok) throw new Error("expected a failure");
  return r.diagnostics[0]!;
}

/** Runs `read` and asserts the file and its folder are exactly as before. */
function readUntouched(path: string, dir: string, read: () => Result<unknown>): Result<unknown> {
  const before = fingerprint(path);
  const names = listing(dir);
  const r = read();
  expect(fingerprint(path)).toEqual(before);
  expect(listing(dir)).toEqual(names);
  return r;
}

describe("readDatabaseFile", () => {
  it("reads a database and snapshots what it read", async () => {
    const dir = tempDir();
    const path = await writeDb(join(dir, "app.db"), SQL);
    chmodSync(path, 0o640);
    const r = readUntouched(path, dir, () => readDatabaseFile(path));
    if (!r.ok) throw new Error(codeOf(r));
    const v = r.value as ReturnType<typeof readDatabaseFile> extends Result<infer T> ? T : never;
    const bytes = readBytes(path);
    expect(v.bytes).toEqual(bytes);
    expect(v.snapshot).toEqual({
      path,
      size: bytes.length,
      mtimeMs: fingerprint(path).mtimeMs,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      mode: 0o640,
    });
    expect(v.header.pageSize).toBe(4096);
    expect(v.header.pageCount).toBe(bytes.length / 4096);
    expect(v.wal).toBe("absent");
    expect(v.hotJournal).toBe(false);
  });

  it("follows a symbolic link to the database", async () => {
    const dir = tempDir();
    const path = await writeDb(join(dir, "real.db"), SQL);
    symlinkSync(path, join(dir, "link.db"));
    expect(codeOf(readDatabaseFile(join(dir, "link.db")))).toBe("ok");
  });

  it("a missing path is DB_NOT_FOUND and nothing is created", () => {
    const dir = tempDir();
    const r = readDatabaseFile(join(dir, "nope.db"));
    expect(codeOf(r)).toBe("DB_NOT_FOUND");
    expect(diag(r).file).toBe(join(dir, "nope.db"));
    expect(diag(r).hint).toMatch(/never creates/);
    expect(listing(dir)).toEqual([]);
  });

  it("a path through a file is DB_NOT_FOUND", async () => {
    const dir = tempDir();
    const path = await writeDb(join(dir, "app.db"), SQL);
    expect(codeOf(readDatabaseFile(join(path, "inner.db")))).toBe("DB_NOT_FOUND");
  });

  it("a directory is DB_IS_DIRECTORY and the hint names databases inside it", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "data"));
    await writeDb(join(dir, "data", "app.db"), SQL);
    const r = readDatabaseFile(join(dir, "data"));
    expect(codeOf(r)).toBe("DB_IS_DIRECTORY");
    expect(diag(r).hint).toContain("app.db");
  });

  it("an empty file is DB_NOT_SQLITE and says it is empty", () => {
    const dir = tempDir();
    const path = join(dir, "empty.db");
    writeFileSync(path, "");
    const r = readUntouched(path, dir, () => readDatabaseFile(path));
    expect(codeOf(r)).toBe("DB_NOT_SQLITE");
    expect(diag(r).message).toMatch(/empty/);
  });

  it("random bytes are DB_NOT_SQLITE and mention encryption", () => {
    const dir = tempDir();
    const path = join(dir, "enc.db");
    writeFileSync(path, new Uint8Array(createHash("sha512").update("x").digest()));
    const r = readUntouched(path, dir, () => readDatabaseFile(path));
    expect(codeOf(r)).toBe("DB_NOT_SQLITE");
    expect(diag(r).message).toMatch(/not a SQLite database \(or it is encrypted\)/);
  });

  it("a YAML file suggests swapped arguments; an SQL script suggests sqlite3", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "schema.yaml"), "tables:\n  t:\n    columns:\n      id: INTEGER\n");
    writeFileSync(join(dir, "dump.sql"), "CREATE TABLE t(id);\n");
    expect(diag(readDatabaseFile(join(dir, "schema.yaml"))).hint).toMatch(/swap --db and --schema/);
    expect(diag(readDatabaseFile(join(dir, "dump.sql"))).hint).toMatch(/sqlite3 NEW\.db </);
  });

  it("a file shorter than one byte of the magic string's length is DB_NOT_SQLITE", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "x.db"), "hi");
    expect(codeOf(readDatabaseFile(join(dir, "x.db")))).toBe("DB_NOT_SQLITE");
  });

  it("a truncated database is DB_CORRUPT and says so", async () => {
    const dir = tempDir();
    const big = await buildDb(`${SQL} CREATE TABLE u(x); CREATE TABLE v(y); CREATE INDEX iu ON u(x);`);
    const path = join(dir, "cut.db");
    writeFileSync(path, big.subarray(0, big.length - 4096));
    const r = readUntouched(path, dir, () => readDatabaseFile(path));
    expect(codeOf(r)).toBe("DB_CORRUPT");
    expect(diag(r).message).toMatch(/truncated/);
  });

  it("a file cut inside the 100-byte header is DB_CORRUPT", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "h.db"), (await buildDb(SQL)).subarray(0, 60));
    expect(codeOf(readDatabaseFile(join(dir, "h.db")))).toBe("DB_CORRUPT");
  });

  it("a newer file format is DB_UNSUPPORTED", async () => {
    const dir = tempDir();
    const bytes = await buildDb(SQL);
    bytes[18] = 3;
    bytes[19] = 3;
    writeFileSync(join(dir, "new.db"), bytes);
    const r = readDatabaseFile(join(dir, "new.db"));
    expect(codeOf(r)).toBe("DB_UNSUPPORTED");
    expect(diag(r).message).toMatch(/newer SQLite file format/);
  });

  it("an invalid page size or payload fraction is DB_CORRUPT", async () => {
    const dir = tempDir();
    const a = await buildDb(SQL);
    a[16] = 0x03;
    a[17] = 0x00; // 768: not a power of two
    writeFileSync(join(dir, "a.db"), a);
    const b = await buildDb(SQL);
    b[21] = 65;
    writeFileSync(join(dir, "b.db"), b);
    expect(codeOf(readDatabaseFile(join(dir, "a.db")))).toBe("DB_CORRUPT");
    expect(codeOf(readDatabaseFile(join(dir, "b.db")))).toBe("DB_CORRUPT");
  });

  it("a database above the size limit is DB_TOO_LARGE without being read", async () => {
    const dir = tempDir();
    const path = await writeDb(join(dir, "app.db"), SQL);
    expect(codeOf(readDatabaseFile(path, { maxBytes: 4096 }))).toBe("DB_TOO_LARGE");
    // A sparse file just over the default limit, with a valid header: refused at once.
    const huge = join(dir, "huge.db");
    const head = await buildDb(SQL);
    writeFileSync(huge, head);
    truncateSync(huge, MAX_SQLJS_BYTES + 4096);
    const started = Date.now();
    const r = readDatabaseFile(huge);
    expect(codeOf(r)).toBe("DB_TOO_LARGE");
    expect(diag(r).message).toMatch(/1\.1 GB.*into memory/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a FIFO is refused without blocking", () => {
    const dir = tempDir();
    const fifo = join(dir, "pipe.db");
    try {
      execFileSync("mkfifo", [fifo]);
    } catch {
      return; // no mkfifo on this system: nothing to test
    }
    expect(codeOf(readDatabaseFile(fifo))).toBe("DB_NOT_SQLITE");
  });

  it.skipIf(isRoot())("an unreadable file is DB_READ_ONLY (skipped as root: permissions do not bite)", async () => {
    const dir = tempDir();
    const path = await writeDb(join(dir, "locked.db"), SQL);
    chmodSync(path, 0o000);
    try {
      const r = readDatabaseFile(path);
      expect(codeOf(r)).toBe("DB_READ_ONLY");
      expect(diag(r).message).toMatch(/permission denied/);
    } finally {
      chmodSync(path, 0o644);
    }
  });
});

describe("-wal and -journal", () => {
  function walPair(dir: string, wal: Uint8Array = fromBase64(WAL_FILE)): string {
    const path = join(dir, "w.db");
    writeFileSync(path, fromBase64(WAL_DB));
    writeFileSync(`${path}-wal`, wal);
    return path;
  }

  it("a real WAL with committed frames is 'frames', and opening it warns", () => {
    const dir = tempDir();
    const path = walPair(dir);
    const walBefore = fingerprint(`${path}-wal`);
    const r = readDatabaseFile(path);
    if (!r.ok) throw new Error(codeOf(r));
    expect(r.value.wal).toBe("frames");
    expect(r.value.walFrames).toBe(3);
    const opened = openDatabaseFile(path, driver);
    if (!opened.ok) throw new Error(codeOf(opened));
    expect(opened.warnings.map((w) => w.code)).toEqual(["WARN_DB_IN_USE"]);
    expect(opened.warnings[0]!.message).toMatch(/w\.db-wal holds committed changes/);
    expect(opened.warnings[0]!.hint).toMatch(/wal_checkpoint/);
    opened.value.conn.close();
    expect(fingerprint(`${path}-wal`)).toEqual(walBefore);
  });

  it("only frames up to the last intact commit count", () => {
    const wal = fromBase64(WAL_FILE);
    const cut = walPair(tempDir(), wal.subarray(0, wal.length - 100));
    expect((readDatabaseFile(cut) as { value: { walFrames: number } }).value.walFrames).toBe(2);
  });

  it.each([
    ["an empty WAL", new Uint8Array(0)],
    ["a WAL with only its header", fromBase64(WAL_FILE).subarray(0, 32)],
    ["garbage", new Uint8Array(2000).fill(7)],
    [
      "a WAL header whose checksum is wrong",
      (() => {
        const w = fromBase64(WAL_FILE);
        w[16] ^= 0xff;
        return w;
      })(),
    ],
    [
      "frames whose salt does not match the header (left from before a reset)",
      (() => {
        const w = fromBase64(WAL_FILE);
        w[32 + 8] ^= 0xff; // the first frame's salt-1
        return w;
      })(),
    ],
    [
      "a frame whose checksum is wrong",
      (() => {
        const w = fromBase64(WAL_FILE);
        w[32 + 24 + 200] ^= 0xff;
        return w;
      })(),
    ],
  ])("%s is 'empty'", (_name, wal) => {
    const r = readDatabaseFile(walPair(tempDir(), wal));
    expect(r.ok && r.value.wal).toBe("empty");
  });

  it("a rollback journal with its magic is hot; zeroed or empty ones are not", async () => {
    const dir = tempDir();
    const path = await writeDb(join(dir, "j.db"), SQL);
    const journal = new Uint8Array(512);
    journal.set([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
    writeFileSync(`${path}-journal`, journal);
    const hot = openDatabaseFile(path, driver);
    expect(hot.ok && hot.value.file.hotJournal).toBe(true);
    expect(hot.ok && hot.warnings[0]?.message).toMatch(/live rollback journal/);
    if (hot.ok) hot.value.conn.close();
    writeFileSync(`${path}-journal`, new Uint8Array(512));
    expect((readDatabaseFile(path) as { value: { hotJournal: boolean } }).value.hotJournal).toBe(false);
    writeFileSync(`${path}-journal`, "");
    expect((readDatabaseFile(path) as { value: { hotJournal: boolean } }).value.hotJournal).toBe(false);
  });
});

describe("openDatabaseFile", () => {
  it("opens a database and queries it", async () => {
    const dir = tempDir();
    const path = await writeDb(join(dir, "app.db"), SQL);
    const r = readUntouched(path, dir, () => openDatabaseFile(path, driver));
    if (!r.ok) throw new Error(codeOf(r));
    const { conn } = r.value as { conn: { query: (s: string) => unknown[]; close(): void } };
    expect(conn.query("SELECT name FROM t ORDER BY id")).toEqual([{ name: "a" }, { name: "b" }]);
    expect(r.warnings).toEqual([]);
    conn.close();
  });

  it("a damaged schema page is DB_CORRUPT naming the file", async () => {
    const dir = tempDir();
    const bytes = await buildDb(SQL);
    bytes.fill(0xee, 100, 4096);
    const path = join(dir, "bad.db");
    writeFileSync(path, bytes);
    const r = readUntouched(path, dir, () => openDatabaseFile(path, driver));
    expect(codeOf(r)).toBe("DB_CORRUPT");
    expect(diag(r).file).toBe(path);
  });
});

describe("isUnchanged", () => {
  it("is true for the same bytes and false after any write or touch", async () => {
    const dir = tempDir();
    const path = await writeDb(join(dir, "app.db"), SQL);
    const r = readDatabaseFile(path);
    if (!r.ok) throw new Error(codeOf(r));
    expect(isUnchanged(r.value.snapshot)).toBe(true);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(isUnchanged(r.value.snapshot)).toBe(false);
  });
});
