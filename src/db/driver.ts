/**
 * The driver port: the only way the rest of the code talks to SQLite.
 * Synchronous on purpose: both sql.js and better-sqlite3 are synchronous.
 */

export type SqlValue = number | bigint | string | Uint8Array | null;
export type Row = Record<string, SqlValue>;

/** An open connection. */
export interface Connection {
  /** Runs one statement with bound parameters and returns its rows. */
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): T[];
  /** Runs a script of statements (no results, no parameters). */
  exec(sql: string): void;
  /** The whole database image (sql.js: the in-memory copy). */
  export(): Uint8Array;
  close(): void;
  /** The engine's SQLite version, e.g. "3.54.1". */
  readonly sqliteVersion: string;
}

/** Opens databases. */
export interface Driver {
  readonly name: "sqljs" | "native";
  /** A new empty in-memory database (the scratch database for normalisation). */
  memory(): Connection;
  /** A database from a file image already read into memory. */
  fromBytes(bytes: Uint8Array): Connection;
}
