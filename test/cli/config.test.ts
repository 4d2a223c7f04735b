import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "../../src/cli/config.js";
import { Context } from "../../src/cli/context.js";
import type { Io } from "../../src/cli/io.js";
import type { CliOptions } from "../../src/cli/options.js";
import { DiagnosticError, type Result } from "../../src/errors.js";
import { tempDir } from "../db/helpers.js";
import { cli } from "./helpers.js";

function diagnostics<T>(r: Result<T>) {
  if (r.ok) throw new Error("expected a failure");
  return r.diagnostics;
}

describe("parseConfig", () => {
  it("reads every setting", () => {
    const r = parseConfig(
      [
        "schema: schema/goals.yaml",
        "databases:",
        "  dev: fixtures/goals/dev.db",
        "  prod: fixtures/goals/prod.db",
        "ignore: ['tmp_*', legacy_?]",
        "driver: sqljs",
        "target_sqlite: 3.40",
      ].join("\n"),
      "/p/schemadiff.config.yaml",
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.value).toEqual({
      file: "/p/schemadiff.config.yaml",
      dir: "/p",
      schema: "schema/goals.yaml",
      databases: new Map([
        ["dev", "fixtures/goals/dev.db"],
        ["prod", "fixtures/goals/prod.db"],
      ]),
      ignore: ["tmp_*", "legacy_?"],
      driver: "sqljs",
      // Written 3.40, which YAML reads as the number 3.4: the text as written is kept.
      targetSqlite: "3.40",
    });
  });

  it("an empty file is an empty config", () => {
    const r = parseConfig("# nothing yet\n", "/p/c.yaml");
    expect(r.ok && r.value.databases.size).toBe(0);
  });

  it("an unknown key is CONFIG_INVALID with did-you-mean and its position", () => {
    const ds = diagnostics(parseConfig("schema: s.yaml\ndatabase:\n  prod: p.db\n", "/p/c.yaml"));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: "CONFIG_INVALID", file: "/p/c.yaml", line: 2, col: 1 });
    expect(ds[0]!.message).toMatch(/unknown setting `database`; did you mean `databases`\?/);
  });

  it("a dashed spelling is recognised as the underscored key", () => {
    const ds = diagnostics(parseConfig("target-sqlite: '3.40'\n", "/p/c.yaml"));
    expect(ds[0]!.message).toMatch(/did you mean `target_sqlite`/);
  });

  it.each([
    ["schema: [a]\n", /`schema` must be a path/, 1, 9],
    ["databases: prod.db\n", /`databases` must map environment names/, 1, 12],
    ["databases:\n  prod: 3\n", /the database of `prod` must be a path/, 2, 9],
    ["ignore: {a: b}\n", /`ignore` must be a list/, 1, 9],
    ["driver: turbo\n", /`driver` must be one of auto, native, sqljs/, 1, 9],
    ["target_sqlite: latest\n", /`target_sqlite` must be a SQLite version/, 1, 16],
    ["- a\n- b\n", /must be a map/, 1, 1],
  ])("%j is CONFIG_INVALID at its position", (text, message, line, col) => {
    const ds = diagnostics(parseConfig(text, "/p/c.yaml"));
    expect(ds[0]).toMatchObject({ code: "CONFIG_INVALID", line, col });
    expect(ds[0]!.message).toMatch(message);
  });

  it("reports every problem at once", () => {
    const ds = diagnostics(parseConfig("scheme: a\ndriver: x\n", "/p/c.yaml"));
    expect(ds.map((d) => d.line)).toEqual([1, 2]);
  });

  it("a YAML syntax error is CONFIG_INVALID with a position", () => {
    const ds = diagnostics(parseConfig("databases: {prod: a.db\n", "/p/c.yaml"));
    expect(ds[0]!.code).toBe("CONFIG_INVALID");
    expect(ds[0]!.line).toBeGreaterThan(0);
  });
});

describe("loadConfig", () => {
  it("no config file in the folder is an empty config", () => {
    const r = loadConfig(tempDir());
    expect(r.ok && r.value.file).toBe(null);
  });

  it("--config naming a missing file is CONFIG_INVALID", () => {
    const cwd = tempDir();
    const ds = diagnostics(loadConfig(cwd, "nope.yaml"));
    expect(ds[0]).toMatchObject({ code: "CONFIG_INVALID", file: join(cwd, "nope.yaml"), message: "config file not found" });
  });

  it("--config naming a folder is CONFIG_INVALID", () => {
    const cwd = tempDir();
    expect(diagnostics(loadConfig(cwd, "."))[0]!.message).toMatch(/is a directory/);
  });
});

describe("config and flags together", () => {
  const io = (cwd: string): Io => ({ stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, cwd });

  function context(cwd: string, opts: CliOptions, configPath?: string): Context {
    const config = loadConfig(cwd, configPath);
    if (!config.ok) throw new Error(JSON.stringify(config.diagnostics));
    return new Context(io(cwd), opts, config.value);
  }

  function setup(): string {
    const cwd = tempDir();
    mkdirSync(join(cwd, "conf"));
    writeFileSync(
      join(cwd, "conf", "sd.yaml"),
      "schema: ../decl/app.yaml\ndatabases:\n  prod: ../data/prod.db\nignore: [tmp_*]\ntarget_sqlite: '3.35'\n",
    );
    return cwd;
  }

  it("paths in the config are relative to the config file's folder", () => {
    const cwd = setup();
    const ctx = context(cwd, { env: "prod" }, "conf/sd.yaml");
    expect(ctx.dbPath()).toBe(join(cwd, "data", "prod.db"));
    expect(ctx.schemaPath()).toBe(join(cwd, "decl", "app.yaml"));
    expect(ctx.targetSqlite()).toBe("3.35");
  });

  it("flags override the config; --ignore adds to it", () => {
    const cwd = setup();
    const ctx = context(cwd, { db: "x.db", schema: "s", targetSqlite: "3.45", ignore: ["old_*"] }, "conf/sd.yaml");
    expect(ctx.dbPath()).toBe(join(cwd, "x.db"));
    expect(ctx.schemaPath()).toBe(join(cwd, "s"));
    expect(ctx.targetSqlite()).toBe("3.45");
    const ignore = ctx.ignore()!;
    expect(["tmp_a", "old_b", "keep"].map(ignore)).toEqual([true, true, false]);
  });

  it("the schema path defaults to schema/ in the working folder", () => {
    const cwd = tempDir();
    expect(context(cwd, {}).schemaPath()).toBe(join(cwd, "schema"));
  });

  it("an unknown --env suggests the closest name and lists the known ones", () => {
    const cwd = setup();
    const ctx = context(cwd, { env: "prd" }, "conf/sd.yaml");
    try {
      ctx.dbPath();
      throw new Error("expected a failure");
    } catch (e) {
      const d = (e as DiagnosticError).diagnostics[0]!;
      expect(d.code).toBe("CONFIG_INVALID");
      expect(d.message).toMatch(/no database named `prd`; did you mean `prod`\?/);
      expect(d.hint).toMatch(/known environments: prod/);
    }
  });

  it("the config file in the working folder is found without --config", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "schemadiff.config.yaml"), "databses:\n  prod: p.db\n");
    const r = await cli(["history", "--env", "prod"], { cwd });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/schemadiff\.config\.yaml:1:1: unknown setting `databses`; did you mean `databases`\?/);
  });
});
