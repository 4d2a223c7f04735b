import { describe, expect, it } from "vitest";
import { tempDir } from "../db/helpers.js";
import { cli, expectNoTrace } from "./helpers.js";

describe("usage", () => {
  const cwd = tempDir();

  it("--help prints the commands and exits 0", async () => {
    const r = await cli(["--help"], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: schemadiff/);
    for (const c of ["plan", "apply", "check", "dump", "diff", "history"]) expect(r.out).toContain(c);
    expect(r.out).toMatch(/Exit codes: 0 .* 3 refused/);
  });

  it.each(["plan", "apply", "check", "dump", "diff", "history"])("%s --help exits 0 and lists its options", async (cmd) => {
    const r = await cli([cmd, "--help"], { cwd });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^Usage: schemadiff ${cmd}`));
    expect(r.out).toContain("--config");
  });

  it("apply --help lists the safety flags", async () => {
    const r = await cli(["apply", "--help"], { cwd });
    for (const f of ["--yes", "--allow-destructive", "--backup <file>", "--no-backup", "--no-history", "--dry-run"]) {
      expect(r.out).toContain(f);
    }
  });

  it("--version prints the package version", async () => {
    const r = await cli(["--version"], { cwd });
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [[], /Usage: schemadiff/],
    [["pla"], /unknown command 'pla'[\s\S]*Did you mean plan\?/],
    [["plan", "--dbb", "x.db"], /unknown option '--dbb'[\s\S]*Did you mean --db\?/],
    [["plan", "--format", "xml"], /Allowed choices are text, sql, json/],
    [["check", "--format", "sql"], /Allowed choices are text, json/],
    [["plan", "--target-sqlite", "latest"], /expected a SQLite version/],
    [["plan", "--driver", "fast"], /Allowed choices are auto, native, sqljs/],
    [["plan", "--db"], /argument missing/],
    [["diff", "a.db"], /missing required argument 'to'/],
    [["diff", "a.db", "b.db", "c.db"], /too many arguments/],
    [["history", "--limit", "0"], /positive whole number/],
  ])("%j is a usage error: exit 2", async (argv, message) => {
    const r = await cli(argv, { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe("");
    expectNoTrace(r);
  });

  it("a command without a database says how to give one", async () => {
    const r = await cli(["history"], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: no database given\n  hint: pass --db FILE/);
    expectNoTrace(r);
  });

  it("--db together with --env is a usage error", async () => {
    const r = await cli(["history", "--db", "a.db", "--env", "prod"], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/both --db and --env/);
  });

  it("--env without a config file says there is none", async () => {
    const r = await cli(["history", "--env", "prod"], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--env prod: there is no config file/);
  });

  it("a usage failure with --format json also prints a JSON error on stdout", async () => {
    const r = await cli(["history", "--format", "json"], { cwd });
    expect(r.code).toBe(2);
    const body = JSON.parse(r.out);
    expect(body).toMatchObject({ version: 1, command: "history", ok: false, exitCode: 2 });
    expect(body.diagnostics[0].code).toBe("USAGE");
  });
});
