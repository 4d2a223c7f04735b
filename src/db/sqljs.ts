/** The sql.js adapter: SQLite compiled to WebAssembly, working on an in-memory copy. */
import initSqlJs, { type Database, type SqlJsStatic } from "sql.js";
import type { Connection, Driver, Row, SqlValue } from "./driver.js";

let engine: SqlJsStatic | undefined;

/** Loads the WebAssembly engine once per process. */
export async function loadSqlJs(): Promise<Driver> {
  engine ??= await initSqlJs();
  const sql = engine;
  return {
    name: "sqljs",
    memory: () => wrap(new sql.Database()),
    fromBytes: (bytes) => wrap(new sql.Database(bytes)),
  };
}

function wrap(db: Database): Connection {
  const version = String(db.exec("SELECT sqlite_version()")[0]?.values[0]?.[0] ?? "");
  return {
    sqliteVersion: version,
    query<T extends Row>(text: string, params: readonly SqlValue[] = []): T[] {
      const stmt = db.prepare(text);
      try {
        stmt.bind(params.map((p) => (typeof p === "bigint" ? Number(p) : p)) as never);
        const rows: T[] = [];
        while (stmt.step()) rows.push(stmt.getAsObject() as T);
        return rows;
      } finally {
        stmt.free();
      }
    },
    exec(text: string): void {
      db.exec(text);
    },
    export: () => db.export(),
    close: () => db.close(),
  };
}
