/** Loading valid schemas: shorthands, multi-file merges, hints, normalisation. */
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadSchema } from "../../src/load/index.js";
import { folder, load, sqljs, valueOf } from "./helpers.js";

describe("shorthands mean the same as their long forms", () => {
  const short = [
    "tables:",
    "  parent:",
    "    columns:",
    "      id: { type: INTEGER, primary_key: true }",
    "  t:",
    "    columns:",
    "      id: { type: TEXT, primary_key: true }",
    "      parent_id: { type: INTEGER, references: parent }",
    "      name: { type: TEXT, unique: true, check: length(name) > 0 }",
    "      total: { type: REAL, generated: id || name }",
    "      deleted_at: DATETIME",
    "      note:",
    "      status: { type: TEXT, default: open }",
    "    indexes:",
    "      idx_t: [name, deleted_at DESC, lower(name)]",
    "views:",
    "  v: SELECT id FROM t",
  ];
  const long = [
    "tables:",
    "  parent:",
    "    columns:",
    "      id: { type: INTEGER }",
    "    primary_key: { columns: [id] }",
    "  t:",
    "    columns:",
    "      id: { type: TEXT }",
    "      parent_id: { type: INTEGER, references: { table: parent, on_delete: NO ACTION, on_update: NO ACTION, deferrable: false } }",
    "      name: { type: TEXT, check: [{ expr: length(name) > 0 }] }",
    "      total: { type: REAL, generated: { as: id || name, stored: false } }",
    "      deleted_at: { type: DATETIME }",
    "      note: {}",
    "      status: { type: TEXT, default: \"'open'\" }",
    "    primary_key: [id]",
    "    unique:",
    "      - { columns: [name] }",
    "    indexes:",
    "      idx_t: { columns: ['name', 'deleted_at DESC', 'lower(name)'], unique: false }",
    "views:",
    "  v: { sql: SELECT id FROM t }",
  ];

  test("the declared and the normalised models are identical", async () => {
    const a = valueOf(await load(...short));
    const b = valueOf(await load(...long));
    expect(a.declared).toEqual(b.declared);
    expect(a.schema).toEqual(b.schema);
  });

  test("autoincrement with a table-level one-column key is the column-level key", async () => {
    const table = valueOf(await load("tables:", "  t:", "    columns:", "      id: { type: INTEGER, autoincrement: true }", "    primary_key: [id]"));
    const column = valueOf(await load("tables:", "  t:", "    columns:", "      id: { type: INTEGER, primary_key: true, autoincrement: true }"));
    expect(table.schema).toEqual(column.schema);
    expect(column.schema.tables[0].primaryKey).toEqual({ name: null, columns: ["id"], autoincrement: true, desc: false, onConflict: null });
  });

  test("object index terms normalise like SQL terms", async () => {
    const sql = valueOf(await load("tables:", "  t:", "    columns: { a: INT, b: TEXT }", "    indexes:", "      i: [a DESC, b COLLATE NOCASE, a + 1]"));
    const objects = valueOf(
      await load(
        "tables:",
        "  t:",
        "    columns: { a: INT, b: TEXT }",
        "    indexes:",
        "      i: [{ column: a, desc: true }, { column: b, collate: NOCASE }, { expr: a + 1 }]",
      ),
    );
    expect(objects.schema).toEqual(sql.schema);
    expect(sql.schema.tables[0].indexes[0].keys).toEqual([
      { column: "a", expr: null, collate: null, desc: true },
      { column: "b", expr: null, collate: "NOCASE", desc: false },
      { column: null, expr: "a + 1", collate: null, desc: false },
    ]);
  });

  test("COLLATE in an object term applies to the whole expression", async () => {
    const sql = valueOf(await load("tables:", "  t:", "    columns: { a: INT }", "    indexes:", "      i: ['(a + 1) COLLATE NOCASE']"));
    const object = valueOf(await load("tables:", "  t:", "    columns: { a: INT }", "    indexes:", "      i: [{ expr: a + 1, collate: NOCASE }]"));
    expect(object.schema).toEqual(sql.schema);
    expect(sql.schema.tables[0].indexes[0].keys).toEqual([{ column: null, expr: "a + 1", collate: "NOCASE", desc: false }]);
  });

  test("a string index term is declared verbatim and normalised by SQLite", async () => {
    const d = valueOf(await load("tables:", "  t:", "    columns: { created_at: TEXT }", "    indexes:", '      i: ["\\"created_at\\"   desc"]'));
    expect(d.declared.tables[0].indexes[0].keys).toEqual([{ column: null, expr: '"created_at"   desc', collate: null, desc: false }]);
    expect(d.schema.tables[0].indexes[0].keys).toEqual([{ column: "created_at", expr: null, collate: null, desc: true }]);
  });
});

describe("normalisation by SQLite", () => {
  test("spelling differences disappear", async () => {
    const a = valueOf(await load("tables:", "  t:", "    columns:", "      a: { type: INTEGER, check: ((a>0)), default: 0 }", "      b: { type: TEXT, collate: nocase }"));
    const b = valueOf(await load("tables:", "  t:", "    columns:", '      a: { type: INTEGER, check: "\\"a\\" > 0", default: "0" }', "      b: { type: TEXT, collate: NOCASE }"));
    expect(a.schema).toEqual(b.schema);
    expect(a.declared).not.toEqual(b.declared);
  });

  test("a number default keeps its spelling", async () => {
    const d = valueOf(await load("tables:", "  t:", "    columns:", "      price: { type: REAL, default: 1.50 }", "      n: { default: -0x10 }"));
    expect(d.declared.tables[0].columns.map((c) => c.default)).toEqual(["1.50", "-0x10"]);
    expect(d.schema.tables[0].columns.map((c) => c.default)).toEqual(["1.50", "-0x10"]);
  });

  test("column order is declaration order, integer-like names included", async () => {
    const d = valueOf(await load("tables:", "  t:", "    columns:", "      b: INT", "      2: INT", "      a: INT", "      1: INT"));
    expect(d.schema.tables[0].columns.map((c) => c.name)).toEqual(["b", "2", "a", "1"]);
  });

  test("a trigger body may leave out its last semicolon", async () => {
    const d = valueOf(
      await load(
        "tables:",
        "  t:",
        "    columns: { a: INT, b: INT }",
        "triggers:",
        "  trg:",
        "    table: t",
        "    timing: AFTER",
        "    event: UPDATE",
        "    of: [a]",
        "    when: NEW.a > 0",
        "    body: |",
        "      UPDATE t SET b = NEW.a WHERE a = NEW.a;",
        "      DELETE FROM t WHERE b IS NULL -- tidy up",
      ),
    );
    expect(d.schema.triggers[0]).toEqual({
      name: "trg",
      table: "t",
      timing: "AFTER",
      event: "UPDATE",
      ofColumns: ["a"],
      when: "NEW.a > 0",
      body: "UPDATE t SET b = NEW.a WHERE a = NEW.a;\nDELETE FROM t WHERE b IS NULL;",
    });
  });

  test("virtual tables load even when this SQLite lacks their module", async () => {
    const d = valueOf(await load("virtual_tables:", "  docs_fts: CREATE VIRTUAL TABLE docs_fts USING FTS5(title,  body);"));
    expect(d.schema.virtualTables).toEqual([{ name: "docs_fts", module: "fts5", sql: "CREATE VIRTUAL TABLE docs_fts USING fts5(title, body)" }]);
  });

  test("YAML anchors and merge keys reuse column definitions; x- keys hold them", async () => {
    const d = valueOf(
      await load(
        "x-stamp: &stamp { type: TEXT, not_null: true, default: CURRENT_TIMESTAMP }",
        "tables:",
        "  a:",
        "    columns:",
        "      id: INTEGER",
        "      created_at: *stamp",
        "      updated_at: { <<: *stamp, not_null: false }",
      ),
    );
    expect(d.schema.tables[0].columns.slice(1).map((c) => [c.name, c.type, c.notNull, c.default])).toEqual([
      ["created_at", "TEXT", true, "CURRENT_TIMESTAMP"],
      ["updated_at", "TEXT", false, "CURRENT_TIMESTAMP"],
    ]);
  });

  test("empty sections are allowed", async () => {
    const d = valueOf(await load("tables:", "  t:", "    columns: { a: INT }", "    indexes:", "views:", "triggers:", "virtual_tables:"));
    expect(d.schema.tables.map((t) => t.name)).toEqual(["t"]);
  });
});

describe("several files", () => {
  test("merge into one schema, references crossing files", async () => {
    const dir = folder({
      "10-users.yaml": "tables:\n  users:\n    columns:\n      id: { type: INTEGER, primary_key: true }\n",
      "20-posts.yml": "tables:\n  posts:\n    columns:\n      id: { type: INTEGER, primary_key: true }\n      author: { type: INTEGER, references: users }\nviews:\n  v: SELECT * FROM posts JOIN users ON users.id = posts.author\n",
      "README.md": "not a schema",
    });
    const d = valueOf(loadSchema(dir, await sqljs()));
    expect(d.files).toEqual([join(dir, "10-users.yaml"), join(dir, "20-posts.yml")]);
    expect(d.schema.tables.map((t) => t.name)).toEqual(["posts", "users"]);
    expect(d.schema.tables[0].foreignKeys[0].refTable).toBe("users");
    expect(d.schema.views.map((v) => v.name)).toEqual(["v"]);
  });

  test("one file by path", async () => {
    const dir = folder({ "schema.yaml": "tables:\n  t:\n    columns: { a: INT }\n" });
    const d = valueOf(loadSchema(join(dir, "schema.yaml"), await sqljs()));
    expect(d.files).toEqual([join(dir, "schema.yaml")]);
  });
});

describe("hints stay out of the compared model", () => {
  test("renamed_from and backfill", async () => {
    const d = valueOf(
      await load(
        "tables:",
        "  people:",
        "    renamed_from: users",
        "    columns:",
        "      id: { type: INTEGER, primary_key: true }",
        "      full_name: { type: TEXT, renamed_from: name }",
        "      slug: { type: TEXT, not_null: true, backfill: lower(full_name) }",
        "      team: { type: TEXT, backfill: SELECT name FROM teams LIMIT 1 }",
        "      score: { type: INT, backfill: 'UPDATE people SET score = 0 WHERE score IS NULL;' }",
        "      same: { type: INT, renamed_from: same }",
        "  teams:",
        "    columns: { name: TEXT }",
      ),
    );
    expect(d.hints.tableRenames).toEqual(new Map([["people", "users"]]));
    expect(d.hints.columnRenames).toEqual(new Map([["people", new Map([["full_name", "name"]])]]));
    expect(d.hints.backfills).toEqual(
      new Map([
        [
          "people",
          new Map([
            ["slug", "lower(full_name)"],
            ["team", "(SELECT name FROM teams LIMIT 1)"],
            ["score", "UPDATE people SET score = 0 WHERE score IS NULL"],
          ]),
        ],
      ]),
    );
    const plain = valueOf(
      await load(
        "tables:",
        "  people:",
        "    columns:",
        "      id: { type: INTEGER, primary_key: true }",
        "      full_name: TEXT",
        "      slug: { type: TEXT, not_null: true }",
        "      team: TEXT",
        "      score: INT",
        "      same: INT",
        "  teams:",
        "    columns: { name: TEXT }",
      ),
    );
    expect(d.schema).toEqual(plain.schema);
  });
});
