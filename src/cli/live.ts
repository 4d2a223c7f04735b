/**
 * The live side of the pipeline: a database file read safely (never touched) and introspected,
 * with ignored names left out.
 */
import type { Driver, Connection } from "../db/driver.js";
import { openDatabaseFile, type DatabaseFile } from "../db/file.js";
import type { Result } from "../errors.js";
import type { Schema } from "../model.js";
import { introspect } from "../sqlite/introspect.js";
import type { Context } from "./context.js";
import { withoutIgnored } from "./ignore.js";
import { introspectCached } from "./schema-cache.js";

/** A database read into memory and introspected. The caller closes `conn`. */
export interface LiveDatabase {
  readonly path: string;
  readonly conn: Connection;
  readonly file: DatabaseFile;
  readonly schema: Schema;
}

/** Opens and introspects a database file (read-only; the file is never touched). */
export function readLive(ctx: Context, driver: Driver, path: string): Result<LiveDatabase> {
  const opened = openDatabaseFile(path, driver);
  if (!opened.ok) return opened;
  const { conn, file } = opened.value;
  const ignore = ctx.ignore();
  const options = ignore ? { ignore } : {};
  const dir = ctx.cacheDir();
  const schema = dir === null ? introspect(conn, options) : introspectCached(conn, options, ctx.ignorePatterns(), driver, dir);
  if (!schema.ok) {
    conn.close();
    return { ok: false, diagnostics: schema.diagnostics.map((d) => ({ file: path, ...d })) };
  }
  return {
    ok: true,
    value: { path, conn, file, schema: withoutIgnored(schema.value, ignore) },
    warnings: [...opened.warnings, ...schema.warnings],
  };
}

