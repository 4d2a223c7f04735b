/** The commands end to end, in-process: outputs, exit codes, and what they leave on disk. */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.js";
import { fingerprint, listing, tempDir, writeDb } from "../db/helpers.js";
import { cli, expectNoTrace } from "./helpers.js";

const CURRENT = `
  CREATE TABLE users(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  INSERT INTO users(name) VALUES ('ann'), ('bob');
  CREATE TABLE legacy(x);
  INSERT INTO legacy VALUES (1), (2), (3);
`;
const SCHEMA = `tables:
  users:
    columns:
      id: { type: INTEGER, primary_key: true }
      name: { type: TEXT, not_null: true }
      email: TEXT
    indexes:
      idx_users_email: [email]
`;

async function project(sql = CURRENT, schema = SCHEMA): Promise<string> {
  const dir = tempDir();
  await writeDb(join(dir, "app.db"), sql);
  writeFileSync(join(dir, "schema.yaml"), schema);
  return dir;
}

const PLAN = ["plan", "--db", "app.db", "--schema", "schema.yaml"];

describe("plan", () => {
  it("prints the plan grouped per table with a summary, and touches nothing", async () => {
    const cwd = await project();
    const before = fingerprint(join(cwd, "app.db"));
    const r = await cli(PLAN, { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Plan for app\.db -> schema\.yaml\n/);
    expect(r.out).toMatch(/table users \(in place\)\n {2}- add column users\.email/);
    expect(r.out).toMatch(/table legacy[^\n]*\n {2}- drop table legacy \[destructive; blocked: needs --allow-destructive\]\n {6}loses 3 rows \(table legacy\)/);
    expect(r.out).toMatch(/2 tables changed: 0 rebuilds, 2 in place; 1 destructive step blocked \(needs --allow-destructive\)/);
    expect(r.err).toBe("");
    expect(fingerprint(join(cwd, "app.db"))).toEqual(before);
    expect(listing(cwd)).toEqual(["app.db", "schema.yaml"]);
  });

  it("--allow-destructive lifts the block in the text", async () => {
    const r = await cli([...PLAN, "--allow-destructive"], { cwd: await project() });
    expect(r.out).not.toMatch(/blocked/);
    expect(r.out).toMatch(/drop table legacy \[destructive\]/);
  });

  it("--format json is versioned and lists every step", async () => {
    const r = await cli([...PLAN, "--format", "json"], { cwd: await project() });
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body).toMatchObject({ version: 1, command: "plan", database: "app.db", schema: "schema.yaml", changed: true });
    expect(body.hashes.from).toMatch(/^[0-9a-f]{64}$/);
    expect(body.summary).toMatchObject({ tablesChanged: 2, destructive: 1, blocked: 1 });
    const drop = body.steps.find((s: { why: string }) => /drop table legacy/.test(s.why));
    expect(drop).toMatchObject({ safety: "destructive", blocked: true, table: "legacy", losses: [{ table: "legacy", column: null, count: 3 }] });
    for (const s of body.steps) expect(s.sql.length).toBeGreaterThan(0);
  });

  it("--format sql is a script with the schema hashes", async () => {
    const cwd = await project();
    const json = JSON.parse((await cli([...PLAN, "--format", "json"], { cwd })).out);
    const r = await cli([...PLAN, "--format", "sql"], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toContain(json.hashes.from);
    expect(r.out).toContain(json.hashes.to);
    expect(r.out).toMatch(/BEGIN[\s\S]*ALTER TABLE "users" ADD COLUMN "email" TEXT[\s\S]*COMMIT;/);
  });

  it("a bad schema is exit 2 with file:line:col", async () => {
    const cwd = await project(CURRENT, "tables:\n  users:\n    colums:\n      id: INTEGER\n");
    const r = await cli(PLAN, { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: schema\.yaml:3:5: /m);
    expectNoTrace(r);
  });

  it("a bad database and a bad schema are both reported", async () => {
    const cwd = await project(CURRENT, "tables: [\n");
    writeFileSync(join(cwd, "app.db"), "");
    const r = await cli(PLAN, { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/app\.db: is empty/);
    expect(r.err).toMatch(/schema\.yaml:\d+:\d+/);
  });

  it("colour only on a terminal, and never with NO_COLOR", async () => {
    const cwd = await project();
    expect((await cli(PLAN, { cwd, isTTY: true })).out).toContain("\u001b[31m");
    expect((await cli(PLAN, { cwd, isTTY: true, env: { NO_COLOR: "1" } })).out).not.toContain("\u001b[");
    expect((await cli(PLAN, { cwd })).out).not.toContain("\u001b[");
  });
});

describe("check", () => {
  it("exits 1 on drift, 0 once the schema matches, 2 on bad input", async () => {
    const cwd = await project();
    const drift = await cli(["check", "--db", "app.db", "--schema", "schema.yaml"], { cwd });
    expect(drift.code).toBe(1);
    expect(drift.out).toMatch(/^Drift: app\.db does not match schema\.yaml/);
    const same = await project(CURRENT, "tables:\n  users:\n    columns:\n      id: { type: INTEGER, primary_key: true }\n      name: { type: TEXT, not_null: true }\n  legacy:\n    columns:\n      x: {}\n");
    const ok = await cli(["check", "--db", "app.db", "--schema", "schema.yaml"], { cwd: same });
    expect(ok.code).toBe(0);
    expect(ok.out).toBe("No drift: app.db matches schema.yaml.\n");
    expect((await cli(["check", "--db", "nope.db", "--schema", "schema.yaml"], { cwd })).code).toBe(2);
  });

  it("--format json says drift and is versioned", async () => {
    const r = await cli(["check", "--db", "app.db", "--schema", "schema.yaml", "--format", "json"], { cwd: await project() });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ version: 1, command: "check", drift: true });
  });

  it("ignored tables are not drift (flag or config)", async () => {
    const cwd = await project();
    writeFileSync(join(cwd, "schema.yaml"), "tables:\n  users:\n    columns:\n      id: { type: INTEGER, primary_key: true }\n      name: { type: TEXT, not_null: true }\n");
    const args = ["check", "--db", "app.db", "--schema", "schema.yaml"];
    expect((await cli(args, { cwd })).code).toBe(1);
    expect((await cli([...args, "--ignore", "leg*"], { cwd })).code).toBe(0);
    writeFileSync(join(cwd, "schemadiff.config.yaml"), "ignore: [legacy]\n");
    expect((await cli(args, { cwd })).code).toBe(0);
  });

  it("--env picks the database named in the config", async () => {
    const cwd = await project();
    writeFileSync(join(cwd, "schemadiff.config.yaml"), "schema: schema.yaml\ndatabases:\n  prod: app.db\n");
    const r = await cli(["check", "--env", "prod"], { cwd });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Drift: app\.db does not match schema\.yaml/);
  });
});

describe("dump", () => {
  it("prints stable YAML that check accepts with no drift", async () => {
    const cwd = await project();
    const first = await cli(["dump", "--db", "app.db"], { cwd });
    const second = await cli(["dump", "--db", "app.db"], { cwd });
    expect(first.code).toBe(0);
    expect(first.out).toBe(second.out);
    expect(first.out).toMatch(/tables:\n {2}legacy:[\s\S]*users:/);
    const out = await cli(["dump", "--db", "app.db", "--out", "dumped.yaml"], { cwd });
    expect(out.code).toBe(0);
    expect(out.err).toMatch(/Wrote the schema of app\.db to dumped\.yaml/);
    expect((await cli(["check", "--db", "app.db", "--schema", "dumped.yaml"], { cwd })).code).toBe(0);
  });

  it("refuses to write over a database", async () => {
    const cwd = await project();
    await writeDb(join(cwd, "other.db"), "CREATE TABLE z(a)");
    const before = fingerprint(join(cwd, "other.db"));
    for (const target of ["app.db", "other.db"]) {
      const r = await cli(["dump", "--db", "app.db", "--out", target], { cwd });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/refusing to overwrite it with YAML/);
    }
    expect(fingerprint(join(cwd, "other.db"))).toEqual(before);
  });
});

describe("diff", () => {
  it("shows the YAML diff and the plan from a database to a schema", async () => {
    const cwd = await project();
    const r = await cli(["diff", "app.db", "schema.yaml"], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^--- app\.db\n\+\+\+ schema\.yaml\n@@/);
    expect(r.out).toMatch(/^-  legacy:/m);
    expect(r.out).toMatch(/^\+ {6}email: TEXT/m);
    expect(r.out).toMatch(/Plan app\.db -> schema\.yaml[\s\S]*drop table legacy \[destructive\]/);
  });

  it("says so when two sources are the same, and compares database to database", async () => {
    const cwd = await project();
    await writeDb(join(cwd, "copy.db"), CURRENT);
    const r = await cli(["diff", "app.db", "copy.db"], { cwd });
    expect(r.out).toBe("No differences: app.db and copy.db have the same schema.\n");
    const json = JSON.parse((await cli(["diff", "app.db", "copy.db", "--format", "json"], { cwd })).out);
    expect(json).toMatchObject({ version: 1, command: "diff", identical: true, yamlDiff: "" });
    expect(json.from).toMatchObject({ path: "app.db", kind: "database" });
  });

  it("takes environment names from the config and rejects unknown arguments", async () => {
    const cwd = await project();
    writeFileSync(join(cwd, "schemadiff.config.yaml"), "databases:\n  prod: app.db\n");
    expect((await cli(["diff", "prod", "schema.yaml"], { cwd })).out).toMatch(/^--- app\.db/);
    const r = await cli(["diff", "nothing", "schema.yaml"], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nothing: not found: expected a database file, a schema file or folder, or an environment/);
    expect(r.err).toMatch(/environments in the config: prod/);
  });
});

describe("apply", () => {
  const ADDITIVE = SCHEMA.replace("tables:\n", "tables:\n  legacy:\n    columns:\n      x: {}\n");
  const APPLY = ["apply", "--db", "app.db", "--schema", "schema.yaml"];

  it("without a terminal and without --yes: shows the plan, refuses with exit 3, writes nothing", async () => {
    const cwd = await project(CURRENT, ADDITIVE);
    const before = fingerprint(join(cwd, "app.db"));
    const r = await cli(APPLY, { cwd });
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/add column users\.email/);
    expect(r.err).toMatch(/not on a terminal, so apply cannot ask; nothing was written\n {2}hint: .*--yes/);
    expect(fingerprint(join(cwd, "app.db"))).toEqual(before);
    expect(listing(cwd)).toEqual(["app.db", "schema.yaml"]);
  });

  it("on a terminal it asks; 'n' cancels with exit 3 and writes nothing", async () => {
    const cwd = await project(CURRENT, ADDITIVE);
    const before = fingerprint(join(cwd, "app.db"));
    const r = await cli(APPLY, { cwd, isTTY: true, answers: ["n"] });
    expect(r.prompts).toEqual(["Apply 2 steps to app.db? [y/N] "]);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(/Cancelled: nothing was written\./);
    expect(fingerprint(join(cwd, "app.db"))).toEqual(before);
  });

  it("on a terminal 'y' applies, keeps a backup, records history; check is then 0", async () => {
    const cwd = await project(CURRENT, ADDITIVE);
    const r = await cli(APPLY, { cwd, isTTY: true, env: { NO_COLOR: "1" }, answers: ["y"] });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Applied 2 steps to app\.db in \d+ ms\./);
    expect(r.out).toMatch(/Backup \(verified\): app\.db\.\d{8}T\d{6}Z\.bak\nTo restore it: (cp|sqlite3) /);
    expect(readdirSync(cwd).filter((n) => n.endsWith(".bak"))).toHaveLength(1);
    expect((await cli(["check", "--db", "app.db", "--schema", "schema.yaml"], { cwd })).code).toBe(0);
    const history = await cli(["history", "--db", "app.db"], { cwd });
    expect(history.out).toMatch(/^#1 {2}\d{4}-\d\d-\d\dT[\d:.]+Z {2}applied {2}\d+ statements/);
    const json = JSON.parse((await cli(["history", "--db", "app.db", "--format", "json"], { cwd })).out);
    expect(json).toMatchObject({ version: 1, command: "history", database: "app.db" });
    expect(json.entries[0]).toMatchObject({ id: 1, status: "applied" });
  });

  it("--dry-run prints the statements and writes nothing", async () => {
    const cwd = await project(CURRENT, ADDITIVE);
    const before = fingerprint(join(cwd, "app.db"));
    const r = await cli([...APPLY, "--dry-run"], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ALTER TABLE "users" ADD COLUMN "email" TEXT;/);
    expect(r.out).toMatch(/Dry run: .* app\.db was not written\./);
    expect(fingerprint(join(cwd, "app.db"))).toEqual(before);
    expect(listing(cwd)).toEqual(["app.db", "schema.yaml"]);
  });

  it("--yes --format json --no-backup --no-history reports the outcome as JSON", async () => {
    const cwd = await project(CURRENT, ADDITIVE);
    const r = await cli([...APPLY, "--yes", "--format", "json", "--no-backup", "--no-history"], { cwd });
    expect(r.code).toBe(0);
    const body = JSON.parse(r.out);
    expect(body).toMatchObject({ version: 1, command: "apply", status: "applied", applied: true, backupPath: null, historyId: null });
    expect(listing(cwd)).toEqual(["app.db", "schema.yaml"]);
    expect((await cli([...APPLY, "--yes"], { cwd })).out).toBe("Nothing to apply: app.db already matches schema.yaml.\n");
  });

  it("a destructive plan without --allow-destructive is refused with exit 3", async () => {
    const cwd = await project();
    const before = fingerprint(join(cwd, "app.db"));
    const r = await cli([...APPLY, "--yes"], { cwd });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/legacy/);
    expect(fingerprint(join(cwd, "app.db"))).toEqual(before);
    expect(existsSync(join(cwd, "app.db-journal"))).toBe(false);
  });
});

describe("read-only commands", () => {
  it.each([
    ["plan", "--db", "app.db", "--schema", "schema.yaml", "--format", "sql"],
    ["check", "--db", "app.db", "--schema", "schema.yaml"],
    ["dump", "--db", "app.db"],
    ["diff", "app.db", "schema.yaml"],
    ["history", "--db", "app.db"],
  ])("%s leaves a good database byte-for-byte and mtime unchanged, creating nothing", async (...argv) => {
    const cwd = await project();
    const before = fingerprint(join(cwd, "app.db"));
    const r = await cli(argv, { cwd });
    expect(r.code === 0 || (argv[0] === "check" && r.code === 1)).toBe(true);
    expect(fingerprint(join(cwd, "app.db"))).toEqual(before);
    expect(listing(cwd)).toEqual(["app.db", "schema.yaml"]);
  });

  it("history on a database never applied to says so", async () => {
    const r = await cli(["history", "--db", "app.db"], { cwd: await project() });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^No history: app\.db has no _schemadiff_history entries/);
  });
});

describe("the boundary", () => {
  it("an unexpected exception is one line, exit 2, no stack trace", async () => {
    const cwd = await project();
    let err = "";
    const code = await run(PLAN, {
      cwd,
      isTTY: false,
      env: {},
      stdout: () => {
        throw new Error("disk full");
      },
      stderr: (t) => {
        err += t;
      },
    });
    expect(code).toBe(2);
    expect(err).toMatch(/^internal error: disk full\n/);
    expect(err).not.toMatch(/\n\s+at /);
  });
});
