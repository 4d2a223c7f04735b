/**
 * The child process of kill.test.ts: applies a declaration (the schema SQLite makes of a DDL
 * script) to a database file with the real differ, planner and applier, while the parent kills it
 * with SIGKILL at random moments. Usage:
 *   node kill-child.js DB TARGET.sql
 * Prints `ready` just before apply starts and `done <status>` when it ends. Writes go out in
 * 64 KiB pieces with a short pause between them, so the write-back takes long enough for kill
 * points to land inside it (and the partial-write loop is exercised).
 */
import { readFileSync } from "node:fs";
import { nodeFileSystem, type FileSystem } from "../../src/apply/file.js";
import { applyDatabase } from "../../src/apply/index.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import type { Declared } from "../../src/load/index.js";
import { NO_HINTS } from "../../src/model.js";
import { introspect } from "../../src/sqlite/introspect.js";

const [dbPath, ddlPath] = process.argv.slice(2);
const pause = new Int32Array(new SharedArrayBuffer(4));
const slowFs: FileSystem = {
  ...nodeFileSystem,
  writeSync: (fd, data, offset, length, position) => {
    Atomics.wait(pause, 0, 0, 1);
    return nodeFileSystem.writeSync(fd, data, offset, Math.min(length, 65536), position);
  },
};

const driver = await loadSqlJs();
const scratch = driver.memory();
scratch.exec(readFileSync(ddlPath, "utf8"));
const schema = introspect(scratch);
scratch.close();
if (!schema.ok) {
  process.stdout.write(`error ${JSON.stringify(schema.diagnostics)}\n`);
  process.exit(2);
}
const desired: Declared = { schema: schema.value, declared: schema.value, hints: NO_HINTS, files: [ddlPath] };
process.stdout.write("ready\n");
const result = await applyDatabase(
  {
    dbPath,
    driver,
    desired,
    allowDestructive: false,
    backup: { kind: "default" },
    history: true,
    dryRun: false,
    toolVersion: "kill-test",
  },
  { fs: slowFs },
);
process.stdout.write(result.ok ? `done ${result.value.status}\n` : `error ${JSON.stringify(result.diagnostics)}\n`);
