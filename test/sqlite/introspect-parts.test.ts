/**
 * A schema read from several databases, each object from the one that owns it, is the schema
 * one database holding everything gives (the chunked scratch run of src/load/normalise.ts).
 * And reading a database twice gives equal models that share nothing (parses are memoised).
 */
import { describe, expect, it } from "vitest";
import { asciiLower } from "../../src/sqlite/names.js";
import { introspect, introspectParts, readSchemaPart } from "../../src/sqlite/introspect.js";
import type { SchemaRow } from "../../src/sqlite/pragma-rows.js";
import { memoryDb } from "./helpers.js";

const USERS = "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT COLLATE NOCASE UNIQUE, CHECK (email <> ''));\nCREATE INDEX users_email ON users (lower(email)) WHERE email IS NOT NULL;";
const POSTS = "CREATE TABLE posts (id INTEGER PRIMARY KEY, author INTEGER REFERENCES users (id) ON DELETE CASCADE, body TEXT DEFAULT 'x', n INT AS (id * 2));\nCREATE INDEX posts_author ON posts (author DESC);";
// Unmodelled clauses give warnings, whose order must be that of one database.
const ODD = "CREATE TABLE odd (a TEXT NOT NULL ON CONFLICT IGNORE, b INT CONSTRAINT nn NOT NULL);";
const VIEWS = "CREATE VIEW v AS SELECT p.id, u.email FROM posts AS p JOIN users AS u ON u.id = p.author;\nCREATE TRIGGER trg AFTER INSERT ON users BEGIN INSERT INTO posts (author) VALUES (NEW.id); END;";

const owns = (...names: string[]) => (row: SchemaRow): boolean => names.includes(asciiLower(row.name));

describe("introspectParts", () => {
  it("equals one database holding everything", async () => {
    const whole = await memoryDb([ODD, USERS, POSTS, VIEWS].join("\n"));
    const a = await memoryDb([ODD, USERS].join("\n"));
    const b = await memoryDb([USERS, POSTS].join("\n"));
    const c = await memoryDb([USERS, POSTS, VIEWS].join("\n"));
    try {
      const expected = introspect(whole);
      expect(expected.ok).toBe(true);
      expect(expected.ok ? expected.warnings.length : 0).toBeGreaterThan(1);
      const got = introspectParts([
        readSchemaPart(a, owns("odd", "users", "users_email")),
        readSchemaPart(b, owns("posts", "posts_author")),
        readSchemaPart(c, owns("v", "trg")),
      ]);
      expect(got).toEqual(expected);
    } finally {
      for (const db of [whole, a, b, c]) db.close();
    }
  });

  it("leaves out what no part owns", async () => {
    const a = await memoryDb([USERS, POSTS].join("\n"));
    try {
      const got = introspectParts([readSchemaPart(a, owns("posts"))]);
      expect(got.ok ? got.value.tables.map((t) => [t.name, t.indexes.length]) : got.diagnostics).toEqual([["posts", 0]]);
    } finally {
      a.close();
    }
  });
});

describe("introspect twice", () => {
  it("gives equal schemas that share no objects", async () => {
    const db = await memoryDb([USERS, POSTS, VIEWS].join("\n"));
    try {
      const first = introspect(db);
      const second = introspect(db);
      expect(second).toEqual(first);
      if (!first.ok || !second.ok) throw new Error("introspection failed");
      expect(second.value.tables[0]).not.toBe(first.value.tables[0]);
      expect(second.value.tables[0].columns).not.toBe(first.value.tables[0].columns);
      expect(second.value.tables[0].checks).not.toBe(first.value.tables[0].checks);
    } finally {
      db.close();
    }
  });
});
