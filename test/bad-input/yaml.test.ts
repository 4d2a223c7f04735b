/**
 * Bad schema files, end to end through run(): every command that reads a schema exits 2 with the
 * file (and line where there is one), prints no stack trace, and leaves the database and the
 * folder exactly as they were. (Loader-level positions and codes: test/load/.)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/helpers.js";
import { codesOf, expectRefusal, SCHEMA_COMMANDS, SEED_YAML, workspace } from "./helpers.js";

/** name, files, the schema argument, the code, and what the message must say. */
const CASES: [string, Record<string, string>, string, string, RegExp[]][] = [
  [
    "malformed YAML (an unclosed flow map)",
    { "schema.yaml": "tables:\n  canary:\n    columns: { id: INTEGER\n" },
    "schema.yaml",
    "YAML_SYNTAX",
    [/schema\.yaml:\d+:\d+: /],
  ],
  [
    "malformed YAML (a tab-indented block)",
    { "schema.yaml": "tables:\n\tcanary:\n\t\tcolumns: {}\n" },
    "schema.yaml",
    "YAML_SYNTAX",
    [/schema\.yaml:2:\d+: /],
  ],
  [
    "a wrong value type (not_null: 'yes')",
    { "schema.yaml": SEED_YAML.replace("not_null: true", 'not_null: "yes"') },
    "schema.yaml",
    "SCHEMA_TYPE",
    [/schema\.yaml:5:\d+: /],
  ],
  [
    "a wrong value type (columns as a list)",
    { "schema.yaml": "tables:\n  canary:\n    columns: [id, name]\n" },
    "schema.yaml",
    "SCHEMA_TYPE",
    [/schema\.yaml:3:\d+: /],
  ],
  [
    "a wrong value type (a number where a table is expected)",
    { "schema.yaml": "tables:\n  canary: 42\n" },
    "schema.yaml",
    "SCHEMA_TYPE",
    [/schema\.yaml:2:\d+: /],
  ],
  [
    "an unknown key, with a suggestion",
    { "schema.yaml": "tables:\n  canary:\n    colums:\n      id: INTEGER\n" },
    "schema.yaml",
    "SCHEMA_UNKNOWN_KEY",
    [/schema\.yaml:3:5: /, /columns/],
  ],
  [
    "an unknown column key",
    { "schema.yaml": SEED_YAML.replace("not_null: true", "nullable: false") },
    "schema.yaml",
    "SCHEMA_UNKNOWN_KEY",
    [/schema\.yaml:5:\d+: .*nullable/],
  ],
  ["an empty schema file (it would drop every table)", { "schema.yaml": "" }, "schema.yaml", "SCHEMA_EMPTY", [/schema\.yaml/]],
  ["a comment-only schema file", { "schema.yaml": "# nothing yet\n" }, "schema.yaml", "SCHEMA_EMPTY", [/schema\.yaml/]],
  ["a schema folder with no YAML", { "schema/README.md": "# notes\n", "schema/old.yaml.bak": "tables: {}\n" }, "schema", "SCHEMA_NOT_FOUND", [/schema/]],
  ["a schema path that does not exist", {}, "nowhere.yaml", "SCHEMA_NOT_FOUND", [/nowhere\.yaml/]],
  [
    "one table declared in two files",
    { "schema/a.yaml": SEED_YAML, "schema/b.yaml": SEED_YAML.replace("name: { type: TEXT, not_null: true }", "other: TEXT") },
    "schema",
    "SCHEMA_DUPLICATE",
    [/b\.yaml:2:3: /, /a\.yaml/],
  ],
  [
    "one table in two files, differing only in case",
    { "schema/a.yaml": SEED_YAML, "schema/b.yaml": SEED_YAML.replace("canary:", "Canary:") },
    "schema",
    "SCHEMA_DUPLICATE",
    [/b\.yaml:2:3: /],
  ],
  [
    "a key given twice in one map",
    { "schema.yaml": `${SEED_YAML}  canary:\n    columns:\n      id: INTEGER\n` },
    "schema.yaml",
    "SCHEMA_DUPLICATE",
    [/schema\.yaml:6:3: /],
  ],
  ["several YAML documents in one file", { "schema.yaml": `${SEED_YAML}---\n${SEED_YAML}` }, "schema.yaml", "YAML_SYNTAX", [/schema\.yaml:\d+:\d+: /]],
  ["a top level that is a list", { "schema.yaml": "- canary\n" }, "schema.yaml", "SCHEMA_TYPE", [/schema\.yaml:1:\d+: /]],
  ["binary garbage (a scalar where a map is expected)", { "schema.yaml": "\u0000\u0001\u0002\u00ff\ufffe tables" }, "schema.yaml", "SCHEMA_TYPE", [/schema\.yaml/]],
];

describe.each(Object.keys(SCHEMA_COMMANDS))("%s with a bad schema", (command) => {
  it.each(CASES)("%s: exit 2, file untouched", async (_name, files, schema, code, messages) => {
    const dir = await workspace(files);
    const r = await expectRefusal(dir, [...SCHEMA_COMMANDS[command]!(schema), "--format", "json"], 2, messages);
    // `diff` reads a path that does not exist as an environment name, so it is a usage error there.
    expect(codesOf(r)).toContain(command === "diff" && code === "SCHEMA_NOT_FOUND" && !schema.startsWith("schema") ? "USAGE" : code);
  });
});

describe("YAML that would expand without bound", () => {
  const bomb = [
    "a: &a [x, x, x, x, x, x, x, x, x, x]",
    ...Array.from({ length: 9 }, (_, k) => `${String.fromCharCode(98 + k)}: &${String.fromCharCode(98 + k)} [${Array(10).fill(`*${String.fromCharCode(97 + k)}`).join(", ")}]`),
    "tables:",
    "  canary:",
    "    columns: { id: INTEGER }",
    "    x-bomb: *j",
  ].join("\n");

  it("an alias bomb (a billion values) stops with YAML_TOO_LARGE in bounded time and memory", async () => {
    const dir = await workspace({ "schema.yaml": bomb });
    const heap = process.memoryUsage().heapUsed;
    const started = Date.now();
    const r = await expectRefusal(dir, [...SCHEMA_COMMANDS.apply!("schema.yaml"), "--format", "json"], 2, [/schema\.yaml/]);
    expect(codesOf(r)).toContain("YAML_TOO_LARGE");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(512 * 1024 * 1024);
  });

  it("a self-referencing alias is an error, not a hang", async () => {
    const dir = await workspace({ "schema.yaml": "tables: &t\n  canary:\n    columns: { id: INTEGER }\n    x-self: *t\n" });
    const started = Date.now();
    await expectRefusal(dir, SCHEMA_COMMANDS.plan!("schema.yaml"), 2, [/schema\.yaml/]);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a file over the size limit is refused before it is parsed", async () => {
    const dir = await workspace();
    writeFileSync(join(dir, "schema.yaml"), `${SEED_YAML}# ${"x".repeat(11 * 1024 * 1024)}\n`);
    const started = Date.now();
    const r = await expectRefusal(dir, [...SCHEMA_COMMANDS.plan!("schema.yaml"), "--format", "json"], 2, [/schema\.yaml/, /too large/]);
    expect(codesOf(r)).toContain("YAML_TOO_LARGE");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("deeply nested flow collections are a positioned error, never an internal one", async () => {
    const depth = 100_000;
    const dir = await workspace({ "schema.yaml": `${SEED_YAML}x-deep: ${"[".repeat(depth)}${"]".repeat(depth)}\n` });
    const started = Date.now();
    const r = await cli(SCHEMA_COMMANDS.plan!("schema.yaml"), { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/schema\.yaml:\d+:\d+: /);
    expect(r.err).not.toMatch(/internal error/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("a legal but large schema (1000 tables of 20 columns) plans in bounded time", async () => {
    const tables = Array.from({ length: 1000 }, (_, t) => `  t${t}:\n    columns:\n${Array.from({ length: 20 }, (_, c) => `      c${c}: TEXT\n`).join("")}`);
    const dir = await workspace({ "schema.yaml": `${SEED_YAML}${tables.join("")}` });
    const started = Date.now();
    const r = await cli(SCHEMA_COMMANDS.plan!("schema.yaml"), { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/1000 tables changed/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe("a folder of schema files", () => {
  it("an empty file next to real ones is only a warning: the others still apply", async () => {
    const dir = await workspace({ "schema/a.yaml": SEED_YAML, "schema/empty.yaml": "" });
    mkdirSync(join(dir, "schema", "sub"), { recursive: true });
    const r = await cli(["check", "--db", "app.db", "--schema", "schema"], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/empty\.yaml/);
  });
});
