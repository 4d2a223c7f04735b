/**
 * Databases that cannot be written. (Missing, directory, empty, truncated, non-SQLite and
 * newer-format files, and swapped --db/--schema, are covered for every command in
 * test/cli/bad-db.test.ts.) Tests run as root here, where chmod does not stop a write, so a
 * read-only file is made with `chattr +i` (immutable: not even root may write, rename over it
 * or create files in an immutable folder); without chattr the chmod variant runs for non-root.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isRoot } from "../db/helpers.js";
import { cli } from "../cli/helpers.js";
import { codesOf, expectRefusal, SEED_YAML, workspace } from "./helpers.js";

const CHANGE = `${SEED_YAML}      extra: TEXT\n`;

/** True when this machine lets us set the immutable attribute. */
function chattrWorks(): boolean {
  const dir = mkdtempSync(join(tmpdir(), "schemadiff-chattr-"));
  const probe = join(dir, "probe");
  writeFileSync(probe, "x");
  const works = spawnSync("chattr", ["+i", probe]).status === 0;
  if (works) spawnSync("chattr", ["-i", probe]);
  rmSync(dir, { recursive: true, force: true });
  return works;
}

const CHATTR = chattrWorks();
const immutable: string[] = [];

function makeImmutable(path: string): void {
  expect(spawnSync("chattr", ["+i", path]).status).toBe(0);
  immutable.push(path);
}

afterEach(() => {
  for (const path of immutable.splice(0)) spawnSync("chattr", ["-i", path]);
});

describe.each(["sqljs", "native"])("apply --driver %s on a database that cannot be written", (driver) => {
  it.skipIf(!CHATTR)("an immutable database file: exit 2 DB_READ_ONLY, nothing written, no stray files", async () => {
    const dir = await workspace({ "schema.yaml": CHANGE });
    makeImmutable(join(dir, "app.db"));
    const r = await expectRefusal(dir, ["apply", "--db", "app.db", "--schema", "schema.yaml", "--yes", "--driver", driver, "--format", "json"], 2, [
      /app\.db: .*read-only/,
    ]);
    expect(codesOf(r)).toEqual(["DB_READ_ONLY"]);
  });

  it.skipIf(!CHATTR)("an immutable folder: exit 2 DB_READ_ONLY before anything is written", async () => {
    const dir = await workspace({ "schema.yaml": CHANGE });
    makeImmutable(dir);
    const r = await expectRefusal(dir, ["apply", "--db", "app.db", "--schema", "schema.yaml", "--yes", "--driver", driver, "--format", "json"], 2, [
      /cannot create files in/,
    ]);
    expect(codesOf(r)).toEqual(["DB_READ_ONLY"]);
  });

  it.skipIf(isRoot())("a file without write permission (chmod 444): exit 2 DB_READ_ONLY (skipped as root)", async () => {
    const dir = await workspace({ "schema.yaml": CHANGE });
    chmodSync(join(dir, "app.db"), 0o444);
    try {
      const r = await expectRefusal(dir, ["apply", "--db", "app.db", "--schema", "schema.yaml", "--yes", "--driver", driver, "--format", "json"], 2, [/read-only/]);
      expect(codesOf(r)).toEqual(["DB_READ_ONLY"]);
    } finally {
      chmodSync(join(dir, "app.db"), 0o644);
    }
  });

  it.skipIf(!CHATTR)("the read-only commands still work on an immutable file", async () => {
    const dir = await workspace({ "schema.yaml": CHANGE });
    makeImmutable(join(dir, "app.db"));
    for (const argv of [
      ["plan", "--db", "app.db", "--schema", "schema.yaml"],
      ["check", "--db", "app.db", "--schema", "schema.yaml"],
      ["apply", "--db", "app.db", "--schema", "schema.yaml", "--dry-run"],
      ["dump", "--db", "app.db"],
    ]) {
      const r = await cli([...argv, "--driver", driver], { cwd: dir });
      expect(r.code, `${argv.join(" ")}: ${r.err}`).toBe(argv[0] === "check" ? 1 : 0);
    }
  });
});
