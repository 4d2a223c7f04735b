/**
 * SQL text in a schema is held to one expression (or one statement) and names are always
 * quoted: text that tries to end its statement and start another (`1); DROP TABLE canary; --`)
 * is exit 2 before any DDL runs, and names full of quotes, semicolons, newlines, unicode and
 * keywords are created exactly as written, never interpreted.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { cli, expectNoTrace } from "../cli/helpers.js";
import { structure } from "../property/oracle/structure.js";
import { codesOf, expectRefusal, SCHEMA_COMMANDS, SEED_YAML, workspace } from "./helpers.js";
import { spawnSync } from "node:child_process";

const ESCAPE = "1); DROP TABLE canary; --";

/** Schema snippets (added to the canary schema) whose SQL text is not one expression or statement. */
const NOT_ONE: [string, string][] = [
  ["a column CHECK", `  t:\n    columns:\n      a: { type: INTEGER, check: "${ESCAPE}" }\n`],
  ["a table CHECK", `  t:\n    columns:\n      a: INTEGER\n    checks:\n      - "a > 0) ; DROP TABLE canary; --"\n`],
  ["a parenthesised DEFAULT", `  t:\n    columns:\n      a: { type: INTEGER, default: "(1); DROP TABLE canary; (1)" }\n`],
  ["a raw SQL DEFAULT", `  t:\n    columns:\n      a: { type: INTEGER, default: { sql: "1; DROP TABLE canary" } }\n`],
  ["an index WHERE", `  t:\n    columns:\n      a: INTEGER\n    indexes:\n      t_a: { columns: [a], where: "${ESCAPE}" }\n`],
  ["an index term", `  t:\n    columns:\n      a: INTEGER\n    indexes:\n      t_a: [ "a); DROP TABLE canary; --" ]\n`],
  ["a generated expression", `  t:\n    columns:\n      a: INTEGER\n      b: { type: INTEGER, generated: { as: "${ESCAPE}", stored: true } }\n`],
  ["a type", `  t:\n    columns:\n      a: { type: "TEXT, evil INTEGER); DROP TABLE canary; --" }\n`],
  ["a backfill", `  t:\n    columns:\n      a: { type: INTEGER, backfill: "1; DROP TABLE canary" }\n`],
];

const NOT_ONE_TOP: [string, string][] = [
  ["a view", `views:\n  v: "SELECT 1; DROP TABLE canary"\n`],
  ["a trigger WHEN", `triggers:\n  tr:\n    table: canary\n    timing: AFTER\n    event: INSERT\n    when: "1 BEGIN DROP TABLE canary; END; --"\n    body: "SELECT 1;"\n`],
  ["a trigger body", `triggers:\n  tr:\n    table: canary\n    timing: AFTER\n    event: INSERT\n    body: "SELECT 1; END; DROP TABLE canary; CREATE TRIGGER x AFTER INSERT ON canary BEGIN SELECT 1;"\n`],
  ["a virtual table", `virtual_tables:\n  f: "CREATE VIRTUAL TABLE f USING fts4(a); DROP TABLE canary"\n`],
];

describe.each(["plan", "apply"])("%s: SQL text that is not one expression or statement", (command) => {
  it.each(NOT_ONE)("in %s: exit 2, nothing runs, the canary survives", async (_what, table) => {
    const dir = await workspace({ "schema.yaml": `${SEED_YAML}${table}` });
    const r = await expectRefusal(dir, [...SCHEMA_COMMANDS[command]!("schema.yaml"), "--format", "json"], 2, [/schema\.yaml:\d+:\d+: /]);
    expect(codesOf(r).some((c) => c === "SCHEMA_NOT_EXPRESSION" || c === "SCHEMA_INVALID_SQL"), codesOf(r).join()).toBe(true);
  });

  it.each(NOT_ONE_TOP)("in %s: exit 2, nothing runs, the canary survives", async (_what, top) => {
    const dir = await workspace({ "schema.yaml": `${SEED_YAML}${top}` });
    const r = await expectRefusal(dir, [...SCHEMA_COMMANDS[command]!("schema.yaml"), "--format", "json"], 2, [/schema\.yaml:\d+:\d+: /]);
    expect(codesOf(r).some((c) => c === "SCHEMA_NOT_EXPRESSION" || c === "SCHEMA_INVALID_SQL"), codesOf(r).join()).toBe(true);
  });
});

/** Names that would break unquoted SQL; each is used for a table, a column, an index, a view and a trigger. */
const NAMES = [
  'x"; DROP TABLE canary; --',
  "it's",
  "semi;colon",
  "new\nline",
  "ünï 日本",
  "select",
  "order",
  "[br]",
  "`bt`",
  "a.b",
  " lead and trail ",
  "-- comment",
  "/* c */",
];

/** A YAML double-quoted scalar for any text. */
const y = (s: string): string => JSON.stringify(s);

function awkwardSchema(): string {
  const tables = NAMES.map((n, k) =>
    [
      `  ${y(`t ${n}`)}:`,
      "    columns:",
      `      ${y("id")}: { type: INTEGER, primary_key: true }`,
      `      ${y(n)}: { type: TEXT, check: ${y(`length("${n.replaceAll('"', '""')}") < 100`)}, default: ${y(`'${n.replaceAll("'", "''")}'`)} }`,
      ...(k > 0 ? [`      ${y(`ref ${n}`)}: { type: INTEGER, references: ${y(`t ${NAMES[k - 1]}`)} }`] : []),
      "    indexes:",
      `      ${y(`i ${n}`)}: [ ${y(`"${n.replaceAll('"', '""')}" DESC`)} ]`,
    ].join("\n"),
  );
  const views = NAMES.map((n) => `  ${y(`v ${n}`)}: ${y(`SELECT "${n.replaceAll('"', '""')}" FROM "t ${n.replaceAll('"', '""')}"`)}`);
  const triggers = NAMES.map((n) =>
    [
      `  ${y(`tr ${n}`)}:`,
      `    table: ${y(`t ${n}`)}`,
      "    timing: AFTER",
      "    event: UPDATE",
      `    of: [ ${y(n)} ]`,
      `    body: ${y(`UPDATE "t ${n.replaceAll('"', '""')}" SET "${n.replaceAll('"', '""')}" = NEW."${n.replaceAll('"', '""')}" WHERE id = NEW.id;`)}`,
    ].join("\n"),
  );
  return `${SEED_YAML}${tables.join("\n")}\nviews:\n${views.join("\n")}\ntriggers:\n${triggers.join("\n")}\n`;
}

describe("awkward names are quoted, never interpreted", () => {
  it("apply creates every object under its exact name; check is clean; the canary survives", async () => {
    const dir = await workspace({ "schema.yaml": awkwardSchema() });
    const r = await cli([...SCHEMA_COMMANDS.apply!("schema.yaml"), "--no-backup"], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expectNoTrace(r);
    const check = await cli(["check", "--db", "app.db", "--schema", "schema.yaml"], { cwd: dir });
    expect(check.code, check.out + check.err).toBe(0);

    const conn = (await loadSqlJs()).fromBytes(new Uint8Array(readFileSync(join(dir, "app.db"))));
    try {
      const names = conn.query("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_schemadiff%'");
      const expected = [
        ["table", "canary"],
        ...NAMES.flatMap((n) => [["table", `t ${n}`], ["index", `i ${n}`], ["view", `v ${n}`], ["trigger", `tr ${n}`]]),
      ];
      expect(names.map((o) => [o.type, o.name]).sort()).toEqual(expected.sort());
      expect(conn.query("SELECT name FROM canary ORDER BY id")).toEqual([{ name: "a" }, { name: "b" }, { name: "c" }]);
      // The defaults, CHECKs and triggers work under those names.
      const t = `"t ${NAMES[0]!.replaceAll('"', '""')}"`;
      conn.exec(`INSERT INTO ${t} (id) VALUES (1); UPDATE ${t} SET id = 1`);
      expect(Object.values(conn.query(`SELECT "${NAMES[0]!.replaceAll('"', '""')}" AS v FROM ${t}`)[0]!)).toEqual([NAMES[0]]);
    } finally {
      conn.close();
    }
  });

  it("dump writes them back so that check finds no drift", async () => {
    const dir = await workspace({ "schema.yaml": awkwardSchema() });
    expect((await cli([...SCHEMA_COMMANDS.apply!("schema.yaml"), "--no-backup"], { cwd: dir })).code).toBe(0);
    const dump = await cli(["dump", "--db", "app.db", "--out", "dumped.yaml"], { cwd: dir });
    expect(dump.code, dump.err).toBe(0);
    const check = await cli(["check", "--db", "app.db", "--schema", "dumped.yaml"], { cwd: dir });
    expect(check.code, check.out + check.err).toBe(0);
  });

  const shell = spawnSync("sqlite3", ["-version"]).status === 0;
  it.skipIf(!shell)("plan --format sql run in the sqlite3 shell builds the same database as apply", async () => {
    const dir = await workspace({ "schema.yaml": awkwardSchema() });
    copyFileSync(join(dir, "app.db"), join(dir, "shell.db"));
    const plan = await cli(["plan", "--db", "app.db", "--schema", "schema.yaml", "--format", "sql", "--allow-destructive"], { cwd: dir });
    expect(plan.code, plan.err).toBe(0);
    const ran = spawnSync("sqlite3", [join(dir, "shell.db")], { input: plan.out, encoding: "utf8" });
    expect(ran.status, ran.stderr).toBe(0);
    expect((await cli([...SCHEMA_COMMANDS.apply!("schema.yaml"), "--no-backup", "--no-history"], { cwd: dir })).code).toBe(0);
    const driver = await loadSqlJs();
    const [a, b] = ["app.db", "shell.db"].map((f) => driver.fromBytes(new Uint8Array(readFileSync(join(dir, f)))));
    try {
      expect(structure(b!)).toEqual(structure(a!));
    } finally {
      a!.close();
      b!.close();
    }
  });
});
