/**
 * The sql.js write-back without a second image of the file in memory: the bytes read are released
 * once the engine has its copy, the engine's copy is closed before anything is written, "unchanged"
 * is proved by a streamed SHA-256 of the file, and the backup is copied (streamed) from the file
 * itself and verified against the hash taken at read time.
 */
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { nodeFileSystem, readSidecars, type FileSystem, type LiveFile } from "../../src/apply/file.js";
import { checkUnchanged, CHUNK_BYTES, fileSha256, forEachChunk } from "../../src/apply/fingerprint.js";
import type { Driver } from "../../src/db/driver.js";
import { readDatabaseFile } from "../../src/db/file.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import {
  applyPlan,
  asWalMode,
  buildImage,
  declared,
  expectFailure,
  expectSuccess,
  expectUntouched,
  faultyFs,
  fileSha,
  fingerprint,
  listing,
  plan,
  queryFile,
  sha256,
  step,
  tempDir,
  walWithFrame,
  writeDb,
} from "./helpers.js";

const BASE = `
  CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT);
  INSERT INTO users VALUES (1, 'a@x', 'Ann'), (2, 'b@x', NULL), (3, 'c@x', 'Cy');
`;
const WITH_AGE = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT, age INTEGER);";
const ADD_AGE = plan([step('ALTER TABLE "users" ADD COLUMN "age" INTEGER', { table: "users" })]);
const BACKUP = "app.db.20261121T153000Z.bak";
/** An mtime in whole seconds (2023-11-14), which `utimesSync` sets back exactly. */
const SECONDS = 1_700_000_000;

let dir: string;
let db: string;
beforeEach(async () => {
  dir = tempDir();
  db = await writeDb(dir, BASE);
});

/** The image another process would leave after renaming Ann to Ana: same size, other content. */
async function sameSizeEdit(path: string): Promise<Uint8Array> {
  const conn = (await loadSqlJs()).fromBytes(new Uint8Array(readFileSync(path)));
  try {
    conn.exec("UPDATE users SET name = 'Ana' WHERE id = 1");
    const image = conn.export();
    expect(image.length).toBe(statSync(path).size);
    return image;
  } finally {
    conn.close();
  }
}

describe("memory: one image of the file at a time", () => {
  it("releases the bytes read as soon as the engine has its copy, before the plan runs", async () => {
    const handed: Uint8Array[] = [];
    const base = await loadSqlJs();
    const driver: Driver = {
      ...base,
      fromBytes: (bytes) => {
        handed.push(bytes);
        expect(bytes.length).toBe(statSync(db).size);
        return base.fromBytes(bytes);
      },
    };
    let seenAtConfirm: number | null = null;
    const confirm = async (): Promise<boolean> => {
      seenAtConfirm = handed[0].buffer.byteLength;
      return true;
    };
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { driver, confirm }));
    expect(outcome.applied).toBe(true);
    expect(handed).toHaveLength(1);
    // The read buffer was shrunk to nothing (its memory given back), not merely dropped.
    expect(seenAtConfirm).toBe(0);
    expect(handed[0].length).toBe(0);
  });

  it("reads the file into a releasable buffer (src/db/file.ts), with the same bytes and hash", () => {
    const plain = expectSuccess(readDatabaseFile(db));
    const releasable = expectSuccess(readDatabaseFile(db, { releasable: true }));
    expect(releasable.bytes).toEqual(plain.bytes);
    expect(releasable.snapshot).toEqual(plain.snapshot);
    expect((releasable.bytes.buffer as ArrayBuffer & { resizable?: boolean }).resizable).toBe(true);
    expect((plain.bytes.buffer as ArrayBuffer & { resizable?: boolean }).resizable).not.toBe(true);
  });

  it("exports and closes the engine's copy before the first write-back operation", async () => {
    const log: string[] = [];
    const base = await loadSqlJs();
    const tracing: Driver = {
      ...base,
      fromBytes: (bytes) => {
        const conn = base.fromBytes(bytes);
        return {
          ...conn,
          export: () => {
            log.push("export");
            return conn.export();
          },
          close: () => {
            log.push("close");
            conn.close();
          },
        };
      },
    };
    const fs = faultyFs(() => false);
    const logging: FileSystem = {
      ...fs,
      openSync: (file, flags, mode) => {
        log.push(`open ${file === db ? "the database" : "another file"}`);
        return fs.openSync(file, flags, mode);
      },
    };
    expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { driver: tracing }, { fs: logging }));
    expect(log.slice(0, 3)).toEqual(["export", "close", "open the database"]);
  });
});

describe("unchanged, by a streamed SHA-256", () => {
  it("a change that keeps the size and puts the mtime back is still refused (content differs)", async () => {
    const edited = await sameSizeEdit(db);
    // Whole seconds, so that putting the mtime back is exact.
    utimesSync(db, SECONDS, SECONDS);
    const confirm = async (): Promise<boolean> => {
      writeFileSync(db, edited);
      utimesSync(db, SECONDS, SECONDS);
      return true;
    };
    const result = await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { confirm });
    const after = fingerprint(db);
    expect(expectFailure(result, "REFUSED_CHANGED")).toContain("content differs");
    expect(after.sha256).toBe(sha256(edited));
    expect(await queryFile(db, "SELECT name FROM users WHERE id = 1")).toEqual([{ name: "Ana" }]);
    expectUntouched(db, after, dir, ["app.db"]);
  });

  it("a database removed meanwhile: refused, nothing created", async () => {
    const confirm = async (): Promise<boolean> => {
      unlinkSync(db);
      return true;
    };
    const result = await applyPlan(db, ADD_AGE, await declared(WITH_AGE), { confirm });
    expect(expectFailure(result, "REFUSED_CHANGED")).toContain("gone");
    expect(listing(dir)).toEqual([]);
  });

  it("checkUnchanged: null when untouched; size, mtime, content and sidecars each refuse", async () => {
    utimesSync(db, SECONDS, SECONDS);
    const read = expectSuccess(readDatabaseFile(db));
    const live: LiveFile = { path: db, snapshot: read.snapshot, formatVersions: { write: 1, read: 1 } };
    expect(checkUnchanged(nodeFileSystem, readSidecars, live)).toBeNull();

    writeFileSync(`${db}-wal`, walWithFrame());
    expect(checkUnchanged(nodeFileSystem, readSidecars, live)?.code).toBe("REFUSED_IN_USE");
    unlinkSync(`${db}-wal`);

    const edited = await sameSizeEdit(db);
    writeFileSync(db, edited);
    expect(checkUnchanged(nodeFileSystem, readSidecars, live)?.message).toContain("modification time differs");
    utimesSync(db, SECONDS, SECONDS);
    expect(checkUnchanged(nodeFileSystem, readSidecars, live)?.message).toContain("content differs");

    const longer = new Uint8Array(edited.length + 4096);
    longer.set(edited);
    writeFileSync(db, longer);
    expect(checkUnchanged(nodeFileSystem, readSidecars, live)?.message).toContain(`size ${edited.length} -> ${edited.length + 4096} bytes`);
  });
});

describe("the backup, copied from the file", () => {
  it("a WAL-mode database: the backup is byte-identical (the engine's header change never reaches it)", async () => {
    writeFileSync(db, asWalMode(await buildImage(BASE)));
    const original = fileSha(db);
    const outcome = expectSuccess(await applyPlan(db, ADD_AGE, await declared(WITH_AGE)));
    expect(outcome.backupPath).toBe(join(dir, BACKUP));
    expect(fileSha(join(dir, BACKUP))).toBe(original);
    const backup = readFileSync(join(dir, BACKUP));
    expect([backup[18], backup[19]]).toEqual([2, 2]);
    const applied = readFileSync(db);
    expect([applied[18], applied[19]]).toEqual([2, 2]);
  });

  it("a database written to while it is copied: REFUSED_CHANGED, the backup removed, the other write kept", async () => {
    const edited = await sameSizeEdit(db);
    let reads = 0;
    const fs = faultyFs(() => false);
    // The first read of the database is the check before the backup; the second is the copy.
    const racing: FileSystem = {
      ...fs,
      openSync: (file, flags, mode) => {
        if (file === db && flags === "r" && ++reads === 2) writeFileSync(db, edited);
        return fs.openSync(file, flags, mode);
      },
    };
    const result = await applyPlan(db, ADD_AGE, await declared(WITH_AGE), {}, { fs: racing });
    expect(expectFailure(result, "REFUSED_CHANGED")).toContain("another process");
    expect(fileSha(db)).toBe(sha256(edited));
    expect(listing(dir)).toEqual(["app.db"]);
  });

  it("a backup that reads back wrong (the file intact): APPLY_FAILED, removed, the original untouched", async () => {
    const before = fingerprint(db);
    const fs = faultyFs(() => false);
    const fds = new Set<number>();
    const corrupting: FileSystem = {
      ...fs,
      openSync: (file, flags, mode) => {
        const fd = fs.openSync(file, flags, mode);
        if (file === join(dir, BACKUP)) fds.add(fd);
        return fd;
      },
      readSync: (fd, buffer, offset, length, position) => {
        const n = fs.readSync(fd, buffer, offset, length, position);
        if (fds.has(fd) && n > 0) buffer[offset] ^= 0xff;
        return n;
      },
      closeSync: (fd) => {
        fds.delete(fd);
        fs.closeSync(fd);
      },
    };
    const text = expectFailure(await applyPlan(db, ADD_AGE, await declared(WITH_AGE), {}, { fs: corrupting }), "APPLY_FAILED");
    expect(text).toContain("differs from the original");
    expectUntouched(db, before, dir, ["app.db"]);
  });
});

describe("streamed reads", () => {
  it("hash a file larger than a chunk exactly as a whole-file hash, whatever the read sizes", () => {
    const file = join(tempDir(), "big.bin");
    const data = new Uint8Array(randomBytes(2 * CHUNK_BYTES + 12345));
    writeFileSync(file, data);
    const whole = createHash("sha256").update(data).digest("hex");
    expect(fileSha256(nodeFileSystem, file)).toBe(whole);
    // A file system that returns short reads (as pipes and network file systems may).
    const stingy: FileSystem = {
      ...nodeFileSystem,
      readSync: (fd, buffer, offset, length, position) => nodeFileSystem.readSync(fd, buffer, offset, Math.min(length, 1000 + (position % 777)), position),
    };
    expect(fileSha256(stingy, file)).toBe(whole);
  });

  it("a file that ends before the expected size throws (it changed meanwhile)", () => {
    const file = join(tempDir(), "short.bin");
    writeFileSync(file, new Uint8Array(100).fill(1));
    const fd = nodeFileSystem.openSync(file, "r");
    try {
      const seen: number[] = [];
      expect(() => forEachChunk(nodeFileSystem, fd, 150, (chunk, position) => seen.push(position, chunk.length))).toThrow(
        "ended after 100 of 150 bytes",
      );
      expect(seen).toEqual([0, 100]);
    } finally {
      nodeFileSystem.closeSync(fd);
    }
  });
});
