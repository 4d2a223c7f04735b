/** `schemadiff check`: does the database match the declared schema? Exit 0 yes, 1 drift, 2 error. */
import { EXIT } from "../../errors.js";
import { schemaHash } from "../../hash.js";
import type { Context } from "../context.js";
import { displayPath, formatPlanText, jsonText, JSON_VERSION, planJson } from "../format.js";
import { withLivePlan } from "../pipeline.js";

/** Drift is any planned step; notes alone (e.g. column order) are not drift. */
export async function check(ctx: Context): Promise<number> {
  const format = ctx.format("text");
  return withLivePlan(ctx, ({ dbPath, schemaPath, live, declared, plan: result }) => {
    const drift = result.steps.length > 0;
    const db = displayPath(dbPath, ctx.io.cwd);
    const schema = displayPath(schemaPath, ctx.io.cwd);
    if (format === "json") {
      ctx.io.stdout(
        jsonText({
          version: JSON_VERSION,
          command: "check",
          database: db,
          schema,
          drift,
          hashes: { from: schemaHash(live.schema), to: schemaHash(declared.schema) },
          ...planJson(result, ctx.opts.allowDestructive === true),
          warnings: ctx.warnings,
        }),
      );
    } else if (drift) {
      ctx.io.stdout(
        formatPlanText(result, {
          allowDestructive: true,
          palette: ctx.palette,
          title: `Drift: ${db} does not match ${schema}`,
        }),
      );
      ctx.io.stdout("`schemadiff plan` with the same arguments shows the plan; add `--format sql` for the script.\n");
    } else {
      const notes = result.notes.map((n) => `  - ${n}\n`).join("");
      ctx.io.stdout(`No drift: ${db} matches ${schema}.\n${notes ? `notes:\n${notes}` : ""}`);
    }
    return drift ? EXIT.DRIFT : EXIT.OK;
  });
}
