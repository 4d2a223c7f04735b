/** `schemadiff history`: the applies recorded in the database's `_schemadiff_history` table. */
import { HISTORY_TABLE, readHistory, type HistoryEntry } from "../../apply/history.js";
import { openDatabaseFile } from "../../db/file.js";
import { EXIT, fail } from "../../errors.js";
import type { Context } from "../context.js";
import { displayPath, jsonText, JSON_VERSION, type Palette } from "../format.js";

/** Lists entries newest first (`--limit N` keeps the newest N). */
export async function history(ctx: Context): Promise<number> {
  const dbPath = ctx.dbPath();
  const driver = await ctx.driver();
  const { conn } = ctx.unwrap(openDatabaseFile(dbPath, driver));
  let entries: readonly HistoryEntry[];
  try {
    const read = readHistory(conn);
    entries = ctx.unwrap(read.ok ? read : fail(...read.diagnostics.map((d) => ({ file: dbPath, ...d }))));
  } finally {
    conn.close();
  }
  const newest = [...entries].reverse().slice(0, ctx.opts.limit ?? entries.length);
  const db = displayPath(dbPath, ctx.io.cwd);
  if (ctx.format("text") === "json") {
    ctx.io.stdout(jsonText({ version: JSON_VERSION, command: "history", database: db, entries: newest, warnings: ctx.warnings }));
    return EXIT.OK;
  }
  if (entries.length === 0) {
    ctx.io.stdout(`No history: ${db} has no ${HISTORY_TABLE} entries (apply has not run on it, or ran with --no-history).\n`);
    return EXIT.OK;
  }
  ctx.io.stdout(newest.map((e) => entryText(e, ctx.palette)).join(""));
  if (newest.length < entries.length) ctx.io.stdout(`(${entries.length - newest.length} older entries not shown)\n`);
  return EXIT.OK;
}

function entryText(e: HistoryEntry, p: Palette): string {
  const status = e.status === "applied" ? p.green(e.status) : p.yellow(e.status);
  const statements = `${e.statements.length} statement${e.statements.length === 1 ? "" : "s"}`;
  return (
    `${p.bold(`#${e.id}`)}  ${e.appliedAt}  ${status}  ${statements}  ${e.durationMs} ms  schemadiff ${e.toolVersion}\n` +
    `    schema ${short(e.schemaHashBefore)} -> ${short(e.schemaHashAfter)}  plan ${short(e.planSha256)}\n`
  );
}

function short(hash: string): string {
  return hash.length > 12 ? hash.slice(0, 12) : hash;
}
