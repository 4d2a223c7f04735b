/** `schemadiff plan`: the migration that would bring the database to the declared schema. */
import { EXIT } from "../../errors.js";
import { schemaHash } from "../../hash.js";
import { renderScript } from "../../plan/render-script.js";
import type { Context } from "../context.js";
import { displayPath, formatPlanText, jsonText, JSON_VERSION, planJson } from "../format.js";
import { countLosses, withLivePlan } from "../pipeline.js";

/** Prints the plan as text, a runnable SQL script, or JSON; exit 0 (the plan may be empty). */
export async function plan(ctx: Context): Promise<number> {
  const format = ctx.format("text");
  return withLivePlan(ctx, ({ dbPath, schemaPath, live, declared, plan: result }) => {
    const allowDestructive = ctx.opts.allowDestructive === true;
    const losses = countLosses(live.conn, result);
    const from = schemaHash(live.schema);
    const to = schemaHash(declared.schema);
    const db = displayPath(dbPath, ctx.io.cwd);
    const schema = displayPath(schemaPath, ctx.io.cwd);
    switch (format) {
      case "sql":
        ctx.io.stdout(renderScript(result, { from, to }));
        break;
      case "json":
        ctx.io.stdout(
          jsonText({
            version: JSON_VERSION,
            command: "plan",
            database: db,
            schema,
            hashes: { from, to },
            changed: result.steps.length > 0,
            ...planJson(result, allowDestructive, losses),
            warnings: ctx.warnings,
          }),
        );
        break;
      default:
        ctx.io.stdout(
          formatPlanText(result, { allowDestructive, palette: ctx.palette, losses, title: `Plan for ${db} -> ${schema}` }),
        );
        if (result.steps.length > 0) ctx.io.stdout(ctx.palette.dim("(--format sql prints the SQL script)\n"));
    }
    return EXIT.OK;
  });
}
