/**
 * `schemadiff diff FROM TO`: compare any two schemas, each a database file, a schema file or
 * folder, or an environment named in the config. Prints a unified diff of their YAML, then the
 * plan that turns FROM into TO.
 */
import { statSync } from "node:fs";
import { createTwoFilesPatch } from "diff";
import type { Driver } from "../../db/driver.js";
import { toYaml } from "../../dump/to-yaml.js";
import { EXIT, fail, ok, type Result } from "../../errors.js";
import { schemaHash } from "../../hash.js";
import { NO_HINTS, type Hints, type Schema } from "../../model.js";
import { isSqliteFile, type Context } from "../context.js";
import { displayPath, formatPlanText, jsonText, JSON_VERSION, planJson, type Palette } from "../format.js";
import { readLive } from "../live.js";
import { makePlan, readDeclared } from "../pipeline.js";

/** File names that mean "a database" even when the file is missing, empty or damaged. */
const DB_EXTENSION = /\.(db|sqlite|sqlite3|db3)$/i;

/** One side of the comparison. */
interface Side {
  readonly label: string;
  readonly kind: "database" | "schema";
  readonly schema: Schema;
  readonly hints: Hints;
}

/** Prints the YAML diff and the plan FROM -> TO; exit 0 whether or not they differ. */
export async function diff(ctx: Context, args: readonly string[]): Promise<number> {
  const [fromArg, toArg] = args as [string, string];
  const fromWhere = classify(ctx, fromArg);
  const toWhere = classify(ctx, toArg);
  const driver = await ctx.driver();
  const from = fromWhere.ok ? load(ctx, driver, fromWhere.value) : fromWhere;
  const to = toWhere.ok ? load(ctx, driver, toWhere.value) : toWhere;
  if (!from.ok || !to.ok) {
    ctx.unwrap(fail(...(from.ok ? [] : from.diagnostics), ...(to.ok ? [] : to.diagnostics)));
  }
  const a = ctx.unwrap(from);
  const b = ctx.unwrap(to);
  const fromYaml = toYaml(a.schema);
  const toYamlText = toYaml(b.schema);
  const patch = fromYaml === toYamlText ? "" : unifiedDiff(a.label, b.label, fromYaml, toYamlText);
  const plan = makePlan(ctx, a.schema, b.schema, b.hints);
  if (ctx.format("text") === "json") {
    ctx.io.stdout(
      jsonText({
        version: JSON_VERSION,
        command: "diff",
        from: { path: a.label, kind: a.kind, hash: schemaHash(a.schema) },
        to: { path: b.label, kind: b.kind, hash: schemaHash(b.schema) },
        identical: patch === "" && plan.steps.length === 0,
        yamlDiff: patch,
        ...planJson(plan, true),
        warnings: ctx.warnings,
      }),
    );
    return EXIT.OK;
  }
  if (patch === "" && plan.steps.length === 0) {
    ctx.io.stdout(`No differences: ${a.label} and ${b.label} have the same schema.\n`);
    for (const note of plan.notes) ctx.io.stdout(`  - ${note}\n`);
    return EXIT.OK;
  }
  ctx.io.stdout(colourPatch(patch, ctx.palette));
  ctx.io.stdout(
    `\n${formatPlanText(plan, { allowDestructive: true, palette: ctx.palette, title: `Plan ${a.label} -> ${b.label}` })}`,
  );
  return EXIT.OK;
}

/** Decides what an argument names: an existing SQLite file, a schema path, or a config environment. */
function classify(ctx: Context, arg: string): Result<{ kind: Side["kind"]; path: string; label: string }> {
  const path = ctx.abs(arg);
  let exists = true;
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    exists = false;
  }
  const label = displayPath(path, ctx.io.cwd);
  if (exists) {
    const kind = (isFile && isSqliteFile(path)) || DB_EXTENSION.test(path) ? "database" : "schema";
    return ok({ kind, path, label });
  }
  if (ctx.config.databases.has(arg)) {
    const envPath = ctx.envPath(arg);
    return ok({ kind: "database", path: envPath, label: displayPath(envPath, ctx.io.cwd) });
  }
  if (DB_EXTENSION.test(path)) return ok({ kind: "database", path, label });
  const envs = [...ctx.config.databases.keys()];
  return fail({
    code: "USAGE",
    file: path,
    message: "not found: expected a database file, a schema file or folder, or an environment from the config",
    hint: envs.length > 0 ? `environments in the config: ${envs.join(", ")}` : "check the path",
  });
}

function load(ctx: Context, driver: Driver, where: { kind: Side["kind"]; path: string; label: string }): Result<Side> {
  if (where.kind === "database") {
    const live = readLive(ctx, driver, where.path);
    if (!live.ok) return live;
    live.value.conn.close();
    return ok({ label: where.label, kind: "database", schema: live.value.schema, hints: NO_HINTS }, live.warnings);
  }
  const declared = readDeclared(ctx, driver, where.path);
  if (!declared.ok) return declared;
  return ok(
    { label: where.label, kind: "schema", schema: declared.value.schema, hints: declared.value.hints },
    declared.warnings,
  );
}

/** A unified diff with the usual `---`/`+++` header (jsdiff's `====` banner dropped). */
function unifiedDiff(fromLabel: string, toLabel: string, a: string, b: string): string {
  const patch = createTwoFilesPatch(fromLabel, toLabel, a, b, undefined, undefined, { context: 3 });
  return patch.replace(/^=+\n/, "");
}

function colourPatch(patch: string, p: Palette): string {
  return patch
    .split("\n")
    .map((line) =>
      line.startsWith("+++") || line.startsWith("---")
        ? p.bold(line)
        : line.startsWith("@@")
          ? p.cyan(line)
          : line.startsWith("+")
            ? p.green(line)
            : line.startsWith("-")
              ? p.red(line)
              : line,
    )
    .join("\n");
}
