// A stand-in for an application that keeps a database open in WAL mode while schemadiff applies.
// Usage: node app-writer.mjs DB_PATH INITIAL_ROWS        (a writer)
//        node app-writer.mjs DB_PATH read                (a reader that never waits: busy timeout 0)
// The writer switches DB_PATH to WAL with automatic checkpoints off (so its commits stay in the
// -wal, un-checkpointed), inserts INITIAL_ROWS rows into events in one transaction, prints
// "ready", then inserts one row per tick (each its own transaction) and prints "ack <id>" after
// every commit. The reader prints "ready", then counts the rows of events every tick. Both stop
// when stdin says "stop", print "done <count> <errors>" and exit without closing the database
// (closing the last connection would checkpoint the WAL).
import Database from "better-sqlite3";

const [file, mode] = process.argv.slice(2);
let stopping = false;
process.stdin.on("data", (chunk) => {
  if (String(chunk).includes("stop")) stopping = true;
});

/** Runs `step` every millisecond until told to stop; `step` returns an output line or null. */
function every(step) {
  let done = 0;
  let errors = 0;
  const tick = () => {
    if (stopping) {
      process.stdout.write(`done ${done} ${errors}\n`);
      process.exit(0);
    }
    try {
      const line = step(done);
      done++;
      if (line) process.stdout.write(`${line}\n`);
    } catch (error) {
      errors++;
      process.stdout.write(`error ${error.code} ${error.message}\n`);
    }
    setTimeout(tick, 1);
  };
  tick();
}

if (mode === "read") {
  const reader = new Database(file, { fileMustExist: true, readonly: true, timeout: 0 });
  const count = reader.prepare("SELECT count(*) AS n FROM events");
  process.stdout.write("ready\n");
  every(() => {
    count.get();
    return null;
  });
} else {
  const db = new Database(file, { fileMustExist: true, timeout: 20000 });
  db.pragma("journal_mode = WAL");
  db.pragma("wal_autocheckpoint = 0");
  const insert = db.prepare("INSERT INTO events (source, n) VALUES ('app', ?)");
  const initial = Number(mode);
  db.transaction(() => {
    for (let i = 0; i < initial; i++) insert.run(-1 - i);
  })();
  process.stdout.write("ready\n");
  every((i) => `ack ${insert.run(i).lastInsertRowid}`);
}
