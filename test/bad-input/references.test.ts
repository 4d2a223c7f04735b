/**
 * Declarations that SQLite itself would take and then fail on later (a view over a missing
 * table, a trigger body naming a missing column, views in a circle), or that exceed its limits:
 * exit 2 from the scratch database with the YAML position, before the live database is touched.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "../cli/helpers.js";
import { codesOf, expectRefusal, SCHEMA_COMMANDS, SEED_YAML, workspace } from "./helpers.js";

const CASES: [string, string, RegExp][] = [
  ["a view over a missing table", `views:\n  v: "SELECT * FROM nowhere"\n`, /schema\.yaml:\d+:\d+: .*nowhere/],
  ["a view over a missing column", `views:\n  v: "SELECT missing FROM canary"\n`, /schema\.yaml:\d+:\d+: .*missing/],
  ["views that depend on each other in a circle", `views:\n  v1: "SELECT * FROM v2"\n  v2: "SELECT * FROM v1"\n`, /schema\.yaml:\d+:\d+: /],
  ["a view that selects from itself", `views:\n  v1: "SELECT * FROM v1"\n`, /schema\.yaml:\d+:\d+: /],
  [
    "a trigger body naming a missing column",
    `triggers:\n  tr:\n    table: canary\n    timing: AFTER\n    event: INSERT\n    body: "UPDATE canary SET missing = 1 WHERE id = NEW.id;"\n`,
    /schema\.yaml:\d+:\d+: .*missing/,
  ],
  [
    "a trigger body naming a missing NEW column",
    `triggers:\n  tr:\n    table: canary\n    timing: AFTER\n    event: INSERT\n    body: "UPDATE canary SET name = NEW.missing WHERE id = NEW.id;"\n`,
    /schema\.yaml:\d+:\d+: .*missing/,
  ],
  [
    "a trigger body writing to a missing table",
    `triggers:\n  tr:\n    table: canary\n    timing: AFTER\n    event: DELETE\n    body: "INSERT INTO audit (id) VALUES (OLD.id);"\n`,
    /schema\.yaml:\d+:\d+: .*audit/,
  ],
  [
    "a trigger on a missing table",
    `triggers:\n  tr:\n    table: nowhere\n    timing: AFTER\n    event: INSERT\n    body: "SELECT 1;"\n`,
    /schema\.yaml:\d+:\d+: .*nowhere/,
  ],
  // (A foreign key to a table that is not declared at all is only a warning: SQLite holds it.)
  ["a foreign key to a view", `  t:\n    columns:\n      p: { type: INTEGER, references: v }\nviews:\n  v: "SELECT 1 AS id"\n`, /schema\.yaml:\d+:\d+: .*`v`, which is a view/],
  ["a CHECK over a missing column", `  t:\n    columns:\n      a: { type: INTEGER, check: "missing > 0" }\n`, /schema\.yaml:\d+:\d+: .*missing/],
  ["an index on a missing column", `  t:\n    columns:\n      a: INTEGER\n    indexes:\n      t_x: [ missing ]\n`, /schema\.yaml:\d+:\d+: .*missing/],
  ["WITHOUT ROWID without a primary key", `  t:\n    without_rowid: true\n    columns:\n      a: INTEGER\n`, /schema\.yaml:\d+:\d+: /],
  ["a STRICT table with a type SQLite does not allow there", `  t:\n    strict: true\n    columns:\n      a: VARCHAR(10)\n`, /schema\.yaml:\d+:\d+: /],
  ["a generated column over a missing column", `  t:\n    columns:\n      b: INTEGER\n      a: { type: INTEGER, generated: "missing + 1" }\n`, /schema\.yaml:\d+:\d+: .*missing/],
  ["a table whose name SQLite reserves", `  sqlite_mine:\n    columns:\n      a: INTEGER\n`, /schema\.yaml:\d+:\d+: .*sqlite_/],
];

/** An indented snippet lands in the tables map (SEED_YAML ends inside it), else at the top level. */
const schemaWith = (snippet: string): string => `${SEED_YAML}${snippet}`;

describe.each(["plan", "check", "apply"])("%s: declarations SQLite cannot hold", (command) => {
  it.each(CASES)("%s: exit 2 with the position, database untouched", async (_what, snippet, message) => {
    const dir = await workspace({ "schema.yaml": schemaWith(snippet) });
    const r = await expectRefusal(dir, [...SCHEMA_COMMANDS[command]!("schema.yaml"), "--format", "json"], 2, [message]);
    expect(codesOf(r).every((c) => c.startsWith("SCHEMA_")), codesOf(r).join()).toBe(true);
  });
});

/** A table of `n` TEXT columns (plus the key). */
const wide = (n: number): string =>
  `${SEED_YAML}  wide:\n    columns:\n      id: { type: INTEGER, primary_key: true }\n${Array.from({ length: n }, (_, k) => `      c${k}: TEXT\n`).join("")}`;

describe("SQLite's column limit (2000 by default, https://www.sqlite.org/limits.html#max_column)", () => {
  it("2000 columns apply and converge", async () => {
    const dir = await workspace({ "schema.yaml": wide(1999) });
    const r = await cli([...SCHEMA_COMMANDS.apply!("schema.yaml"), "--no-backup"], { cwd: dir });
    expect(r.code, r.err).toBe(0);
    expect((await cli(["check", "--db", "app.db", "--schema", "schema.yaml"], { cwd: dir })).code).toBe(0);
  });

  it.each(["plan", "apply"])("%s: 2001 columns are exit 2 naming the table, database untouched", async (command) => {
    const dir = await workspace({ "schema.yaml": wide(2000) });
    const r = await expectRefusal(dir, [...SCHEMA_COMMANDS[command]!("schema.yaml"), "--format", "json"], 2, [/schema\.yaml:\d+:\d+: .*(too many columns|2000)/]);
    expect(codesOf(r)).toContain("SCHEMA_INVALID_SQL");
  });

  it("adding a column to a table already at the limit is exit 2, not a failed apply", async () => {
    const dir = await workspace({ "schema.yaml": wide(1999) });
    expect((await cli([...SCHEMA_COMMANDS.apply!("schema.yaml"), "--no-backup"], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, "more.yaml"), wide(2000));
    await expectRefusal(dir, [...SCHEMA_COMMANDS.apply!("more.yaml")], 2, [/more\.yaml/]);
  });
});
