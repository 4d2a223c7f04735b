/** `schemadiff dump`: the database's schema as YAML in the declared format (shortest forms, stable order). */
import { realpathSync, statSync, writeFileSync } from "node:fs";
import { toYaml } from "../../dump/to-yaml.js";
import { EXIT } from "../../errors.js";
import { isSqliteFile, type Context } from "../context.js";
import { displayPath } from "../format.js";
import { readLive } from "../live.js";

/** Prints the YAML, or writes it to `--out` (never over a database). */
export async function dump(ctx: Context): Promise<number> {
  const dbPath = ctx.dbPath();
  const out = ctx.opts.out === undefined ? undefined : ctx.abs(ctx.opts.out);
  if (out !== undefined) guardOut(ctx, out, dbPath);
  const driver = await ctx.driver();
  const live = ctx.unwrap(readLive(ctx, driver, dbPath));
  let yaml: string;
  try {
    yaml = toYaml(live.schema);
  } finally {
    live.conn.close();
  }
  if (out === undefined) {
    ctx.io.stdout(yaml);
    return EXIT.OK;
  }
  try {
    writeFileSync(out, yaml);
  } catch (e) {
    ctx.fail({ code: "USAGE", file: out, message: `cannot write the dump: ${(e as Error).message}` });
  }
  ctx.io.stderr(`Wrote the schema of ${displayPath(dbPath, ctx.io.cwd)} to ${displayPath(out, ctx.io.cwd)}\n`);
  return EXIT.OK;
}

/** `--out` must not be the database itself, another database, or a folder. */
function guardOut(ctx: Context, out: string, dbPath: string): void {
  let isDir = false;
  try {
    isDir = statSync(out).isDirectory();
  } catch {
    return; // does not exist yet: fine
  }
  if (isDir) ctx.fail({ code: "USAGE", file: out, message: "--out is a directory", hint: "pass a file name, e.g. schema/app.yaml" });
  if (sameFile(out, dbPath) || isSqliteFile(out)) {
    ctx.fail({
      code: "USAGE",
      file: out,
      message: "--out names a SQLite database; refusing to overwrite it with YAML",
      hint: "pass a .yaml file name",
    });
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
