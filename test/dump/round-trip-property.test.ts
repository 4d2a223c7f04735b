/**
 * dump -> load is the identity on generated schemas: arbitrary names (unicode, quotes, spaces,
 * keywords, YAML-looking text) and arbitrary defaults.
 */
import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import type { Driver } from "../../src/db/driver.js";
import { loadSqlJs } from "../../src/db/sqljs.js";
import { toYaml } from "../../src/dump/to-yaml.js";
import { loadSchemaFromText } from "../../src/load/index.js";
import { introspect } from "../../src/sqlite/introspect.js";
import { asciiLower } from "../../src/sqlite/names.js";
import { quoteIdent, quoteString } from "../../src/sqlite/quote.js";

let driver: Driver;
beforeAll(async () => {
  driver = await loadSqlJs();
});

const special = fc.constantFrom("order", "group", "true", "null", "yes", "1", "2024", "a b", 'say "hi"', "it's", "x: y", "- z", "#", "~", "é", "名前", "A", "a/b", "x~0");
const name = fc
  .oneof(special, fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }))
  .filter((n) => !n.includes("\u0000") && !asciiLower(n).startsWith("sqlite_"));

const defaultSql = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 8 }).map(quoteString),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? "-0.0" : String(d))),
  fc.constantFrom("NULL", "CURRENT_TIMESTAMP", "TRUE", "X'0a'", "(1 + 2)", "1.50", "-0.5", "0x10", "'0'", "'NULL'", "'(x)'"),
);

const column = fc.record({
  name,
  type: fc.constantFrom("", "INTEGER", "TEXT", "REAL", "VARCHAR(10)", "BOOLEAN"),
  notNull: fc.boolean(),
  default: fc.option(defaultSql, { nil: null }),
  check: fc.boolean(),
});

const table = fc.record({
  name,
  columns: fc.uniqueArray(column, { minLength: 1, maxLength: 4, selector: (c) => asciiLower(c.name) }),
  index: fc.boolean(),
  desc: fc.boolean(),
});

test("generated schemas survive dump -> load", () => {
  fc.assert(
    fc.property(fc.uniqueArray(table, { minLength: 1, maxLength: 3, selector: (t) => asciiLower(t.name) }), (tables) => {
      const ddl: string[] = [];
      tables.forEach((t, k) => {
        const cols = t.columns.map((c) => {
          let s = quoteIdent(c.name);
          if (c.type !== "") s += ` ${c.type}`;
          if (c.notNull) s += " NOT NULL";
          if (c.default !== null) s += ` DEFAULT ${c.default}`;
          if (c.check) s += ` CHECK (${quoteIdent(c.name)} IS NOT NULL OR 1)`;
          return s;
        });
        ddl.push(`CREATE TABLE ${quoteIdent(t.name)} (${cols.join(", ")})`);
        if (t.index) {
          const first = quoteIdent(t.columns[0].name);
          ddl.push(`CREATE INDEX ${quoteIdent(`idx ${k} ${t.name}`)} ON ${quoteIdent(t.name)} (${first}${t.desc ? " DESC" : ""})`);
        }
      });
      const conn = driver.memory();
      try {
        for (const statement of ddl) conn.exec(statement);
        const s = introspect(conn);
        if (!s.ok) throw new Error(JSON.stringify(s.diagnostics));
        const yaml = toYaml(s.value);
        const back = loadSchemaFromText(yaml, "dump.yaml", driver);
        if (!back.ok) throw new Error(`${yaml}\n${JSON.stringify(back.diagnostics)}`);
        expect(back.value.schema).toEqual(s.value);
      } finally {
        conn.close();
      }
    }),
    { numRuns: 150 },
  );
});
