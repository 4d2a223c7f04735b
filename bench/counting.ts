/** A driver whose connections count the statements they run, to show introspection is bounded. */
import type { Connection, Driver } from "../src/db/driver.js";

/** Statement counts, shared by every connection the driver opens. */
export interface Counter {
  queries: number;
  execs: number;
}

/** A new zeroed counter. */
export function newCounter(): Counter {
  return { queries: 0, execs: 0 };
}

/** `conn` with every `query` and `exec` counted. */
export function countingConnection(conn: Connection, counter: Counter): Connection {
  return {
    sqliteVersion: conn.sqliteVersion,
    query(sql, params) {
      counter.queries++;
      return conn.query(sql, params);
    },
    exec(sql) {
      counter.execs++;
      conn.exec(sql);
    },
    export: () => conn.export(),
    close: () => conn.close(),
  };
}

/** `driver` whose connections count into `counter`. */
export function countingDriver(driver: Driver, counter: Counter): Driver {
  return {
    name: driver.name,
    memory: () => countingConnection(driver.memory(), counter),
    fromBytes: (bytes) => countingConnection(driver.fromBytes(bytes), counter),
  };
}
