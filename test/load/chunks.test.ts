/**
 * The scratch database of a big schema is split over several small ones (src/load/chunks.ts).
 * Split or not, normalise must give the same result: the same model, the same warnings, and for
 * a declaration SQLite refuses the same diagnostics at the same places.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Connection, Driver } from "../../src/db/driver.js";
import type { Result } from "../../src/errors.js";
import { planChunks } from "../../src/load/chunks.js";
import { normalise } from "../../src/load/normalise.js";
import { parseYaml } from "../../src/load/parse.js";
import { toModel, type ModelBuild } from "../../src/load/to-model.js";
import { validateSource } from "../../src/load/validate.js";
import type { Schema } from "../../src/model.js";
import { caseDeclarations } from "../helpers/declarations.js";
import { testDriver } from "../helpers/driver-env.js";

/** The model of YAML text, or null when the loader refuses it before normalising. */
function modelOf(text: string): ModelBuild | null {
  const parsed = parseYaml(text, "schema.yaml");
  if (!parsed.ok || parsed.value.data === null || validateSource(parsed.value).length > 0) return null;
  const model = toModel([parsed.value]);
  return model.ok ? model.value : null;
}

/** A driver that counts the scratch databases it opens. */
function counting(driver: Driver): { driver: Driver; opened: () => number } {
  let n = 0;
  const count = (conn: Connection): Connection => {
    n++;
    return conn;
  };
  return { driver: { ...driver, memory: () => count(driver.memory()), fromBytes: (b) => count(driver.fromBytes(b)) }, opened: () => n };
}

/** normalise in one scratch database. */
function whole(model: ModelBuild, driver: Driver): Result<Schema> {
  return normalise(model, driver, { chunkObjects: Number.POSITIVE_INFINITY });
}

const CROSS = `
tables:
  users:
    columns:
      id: { type: INTEGER, primary_key: true }
      email: { type: TEXT, not_null: true, collate: NOCASE }
    indexes:
      users_email: { columns: [email], unique: true }
      users_recent: [id DESC]
      users_open: { columns: [email], unique: true, where: "id > 0" }
  teams:
    columns:
      id: { type: INTEGER, primary_key: true, autoincrement: true }
      name: { type: TEXT, check: "length(name) > 0" }
  members:
    columns:
      user_id: { type: INTEGER, references: { table: users, column: id, on_delete: CASCADE } }
      team_id: { type: INTEGER, references: teams }
      role: { type: TEXT, default: member }
    primary_key: [user_id, team_id]
  posts:
    columns:
      id: { type: INTEGER, primary_key: true }
      author: { type: TEXT, references: { table: users, column: email } }
      body: TEXT
    indexes:
      posts_author: [author, id DESC]
      posts_recent: { columns: [id], where: "body IS NOT NULL" }
  audit:
    columns:
      id: { type: INTEGER, primary_key: true }
      what: { type: TEXT, not_null: true }
  '"odd" name':
    columns:
      'weird col': { type: TEXT, generated: "upper(CAST(k2 AS TEXT))" }
      k: { type: INTEGER, references: { table: '"odd" name', column: k2 } }
      k2: { type: INTEGER, unique: true }
    without_rowid: false
views:
  v_posts: "SELECT p.id, u.email FROM posts AS p JOIN users AS u ON u.email = p.author"
  v_nested: "SELECT * FROM v_posts WHERE id > 0"
  v_quoted: "SELECT * FROM 'audit'"
  v_indexed: "SELECT id FROM users INDEXED BY users_email WHERE email = 'x'"
triggers:
  trg_members_insert:
    table: members
    timing: AFTER
    event: INSERT
    body: "INSERT INTO audit (what) VALUES ('member ' || NEW.user_id);"
  trg_audit_check:
    table: audit
    timing: BEFORE
    event: INSERT
    when: "NEW.what = ''"
    body: "SELECT RAISE(ABORT, 'empty');"
  trg_v_posts:
    table: v_posts
    timing: INSTEAD OF
    event: DELETE
    body: "DELETE FROM posts WHERE id = OLD.id;"
`;

/** Declarations SQLite refuses in ways that involve objects in other chunks. */
const BROKEN = [
  // A view over a column that its table lacks.
  CROSS.replace("SELECT p.id, u.email", "SELECT p.id, u.missing"),
  // A trigger body that writes a column its target lacks.
  CROSS.replace("INSERT INTO audit (what)", "INSERT INTO audit (whom)"),
  // A trigger on a view whose INDEXED BY names no index.
  CROSS.replace("INDEXED BY users_email", "INDEXED BY no_such_index"),
  // A bad CHECK and a bad partial index, with a view over the table that failed.
  CROSS.replace('"length(name) > 0"', '"lengthh(name) > 0"').replace('"body IS NOT NULL"', '"bodyy IS NOT NULL"'),
];

/** Declarations SQLite takes but whose foreign keys it cannot use: warnings (WARN_FK_MISMATCH). */
const MISMATCHED = [
  // A foreign key to parent columns without a UNIQUE constraint (foreign key mismatch).
  CROSS.replace("column: email }", "column: id } }\n      note: { type: TEXT, references: { table: teams, column: name }"),
  // The parent column's only UNIQUE indexes are partial: the foreign key check finds no key.
  CROSS.replace("users_email: { columns: [email], unique: true }", 'users_email: { columns: [email], unique: true, where: "email IS NOT NULL" }'),
];

function schemaFiles(): string[] {
  const root = fileURLToPath(new URL("../../schema", import.meta.url));
  return readdirSync(root).filter((f) => f.endsWith(".yaml")).map((f) => readFileSync(join(root, f), "utf8"));
}

describe("chunked normalisation", () => {
  it("plans chunks with each table's foreign key parents, and one more for the views and triggers", () => {
    const model = modelOf(CROSS)!;
    // Tables come sorted by name: "odd" name, audit, members, posts, teams, users.
    expect(model.declared.tables.map((t) => t.name)).toEqual(['"odd" name', "audit", "members", "posts", "teams", "users"]);
    const chunks = planChunks(model.declared, 2)!;
    // Two objects per chunk; a table with more (posts, users) has one of its own.
    expect(chunks.map((c) => c.tables.map((t) => t.name))).toEqual([
      ['"odd" name', "audit"],
      ["members", "teams", "users"],
      ["posts", "users"],
      ["teams"],
      ["users"],
      ["audit", "members", "posts", "users"],
    ]);
    // Supporting tables come with the indexes a foreign key check may use: UNIQUE, without WHERE.
    expect(chunks.map((c) => c.indexes.map((i) => i.name))).toEqual([
      [],
      ["users_email"],
      ["posts_author", "posts_recent", "users_email"],
      [],
      ["users_email", "users_open", "users_recent"],
      ["posts_author", "posts_recent", "users_email", "users_open", "users_recent"],
    ]);
    expect(chunks.map((c) => c.foreignKeyChecks.map((t) => t.name))).toEqual([['"odd" name'], ["members"], ["posts"], [], [], []]);
    expect(chunks.map((c) => [...c.relations].sort())).toEqual([
      ['"odd" name', "audit"],
      ["members"],
      ["posts", "posts_author", "posts_recent"],
      ["teams"],
      ["users", "users_email", "users_open", "users_recent"],
      ["v_indexed", "v_nested", "v_posts", "v_quoted"],
    ]);
    expect(chunks[5].triggers.map((t) => t.name)).toEqual(["trg_audit_check", "trg_members_insert", "trg_v_posts"]);
    expect([...chunks[5].triggerNames].sort()).toEqual(["trg_audit_check", "trg_members_insert", "trg_v_posts"]);
  });

  it("keeps one database for small schemas, virtual tables and foreign keys to views", () => {
    const model = modelOf(CROSS)!;
    expect(planChunks(model.declared)).toBeNull();
    const withVirtual = modelOf(`${CROSS}\nvirtual_tables:\n  docs: "CREATE VIRTUAL TABLE docs USING fts4(body)"\n`)!;
    expect(planChunks(withVirtual.declared, 2)).toBeNull();
    const schema = model.declared;
    const toView = { ...schema, tables: schema.tables.map((t) => (t.name === "posts" ? { ...t, foreignKeys: [{ ...t.foreignKeys[0], refTable: "V_POSTS" }] } : t)) };
    expect(planChunks(toView, 2)).toBeNull();
  });

  it("gives the same schema as one database, without falling back to it", async () => {
    const driver = await testDriver();
    const model = modelOf(CROSS)!;
    const expected = whole(model, driver);
    expect(expected.ok).toBe(true);
    for (const size of [1, 2, 3, 5, 8]) {
      const c = counting(driver);
      const got = normalise(model, c.driver, { chunkObjects: size });
      expect(got).toEqual(expected);
      // One database per chunk and none more: the chunked result is the one returned.
      expect(c.opened()).toBe(planChunks(model.declared, size)!.length);
    }
  });

  it.each(BROKEN.map((text, k) => [k, text] as const))("reports what one database reports for broken declaration %i", async (_k, text) => {
    const driver = await testDriver();
    const model = modelOf(text)!;
    expect(model).not.toBeNull();
    const expected = whole(model, driver);
    expect(expected.ok).toBe(false);
    for (const size of [1, 2, 4]) expect(normalise(model, driver, { chunkObjects: size })).toEqual(expected);
  });

  it.each(MISMATCHED.map((text, k) => [k, text] as const))("warns as one database warns for mismatched foreign key %i", async (_k, text) => {
    const driver = await testDriver();
    const model = modelOf(text)!;
    const expected = whole(model, driver);
    expect(expected.ok && expected.warnings.map((w) => w.code)).toEqual(["WARN_FK_MISMATCH"]);
    for (const size of [1, 2, 4]) expect(normalise(model, driver, { chunkObjects: size })).toEqual(expected);
  });

  it("gives the same result as one database for every golden case and example schema", async () => {
    const driver = await testDriver();
    const texts = [...caseDeclarations(), ...schemaFiles()];
    expect(texts.length).toBeGreaterThan(50);
    let split = 0;
    for (const text of texts) {
      const model = modelOf(text);
      if (model === null) continue;
      const expected = whole(model, driver);
      for (const size of [1, 3]) {
        if (planChunks(model.declared, size) !== null) split++;
        expect({ text, result: normalise(model, driver, { chunkObjects: size }) }).toEqual({ text, result: expected });
      }
    }
    expect(split).toBeGreaterThan(50);
  });
});
