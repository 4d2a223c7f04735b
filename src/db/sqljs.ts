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
    // sql.js copies the bytes into its in-memory file system, so the caller may release them
    // once this returns (apply does, to hold one image of the file rather than two).
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
        // The column names once per statement: getAsObject would decode them again for every row.
        let names: string[] | undefined;
        while (stmt.step()) {
          names ??= stmt.getColumnNames();
          rows.push(rowObject(names, stmt.get() as SqlValue[]) as T);
        }
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

/**
 * The row as sql.js's getAsObject builds it (`Object.fromEntries` of names and values): a later
 * column of the same name wins, and a column named `__proto__` is an own property.
 */
function rowObject(names: readonly string[], values: readonly SqlValue[]): Row {
  const row: Row = {};
  for (let k = 0; k < names.length; k++) {
    const name = names[k];
    if (name === "__proto__") Object.defineProperty(row, name, { value: values[k], enumerable: true, writable: true, configurable: true });
    else row[name] = values[k];
  }
  return row;
}
