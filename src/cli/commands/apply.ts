/**
 * `schemadiff apply`: the CLI side of the apply pipeline (src/apply/): flags to a request, the
 * plan shown and confirmed on a terminal (`--yes` otherwise), progress on a terminal, and the
 * outcome reported with the one command that restores the backup.
 */
import { applyDatabase, type ApplyOutcome, type BackupChoice, type ConfirmContext, type ProgressEvent } from "../../apply/index.js";
import { EXIT } from "../../errors.js";
import type { Plan } from "../../plan/step.js";
import type { Context } from "../context.js";
import { displayPath, formatPlanText, jsonText, JSON_VERSION, planJson, type LossCounts } from "../format.js";
import { readDeclared } from "../pipeline.js";
import { toolVersion } from "../version.js";
import { assertNever } from "../../diff/changes.js";

/** Exit 0 when applied, up to date or dry-run; 2 on bad input; 3 when refused or declined. */
export async function apply(ctx: Context): Promise<number> {
  const json = ctx.format("text") === "json";
  const dbPath = ctx.dbPath();
  const schemaPath = ctx.schemaPath();
  const driver = await ctx.driver();
  const declared = ctx.unwrap(readDeclared(ctx, driver, schemaPath, true));
  const db = displayPath(dbPath, ctx.io.cwd);
  const schema = displayPath(schemaPath, ctx.io.cwd);
  const allowDestructive = ctx.opts.allowDestructive === true;
  const dryRun = ctx.opts.dryRun === true;
  const interactive = !json && ctx.io.isTTY && ctx.io.prompt !== undefined;
  let planShown = false;
  let needsYes = false;

  const showPlan = (plan: Plan, losses?: LossCounts) => {
    if (json || planShown) return;
    planShown = true;
    ctx.io.stdout(formatPlanText(plan, { allowDestructive, palette: ctx.palette, losses, title: `Plan for ${db} -> ${schema}` }));
  };
  const confirm =
    ctx.opts.yes === true || dryRun
      ? undefined
      : async (plan: Plan, context: ConfirmContext): Promise<boolean> => {
          showPlan(plan, lossCounts(plan, context));
          if (!interactive || !ctx.io.prompt) {
            needsYes = true;
            return false;
          }
          const n = plan.steps.length;
          const answer = await ctx.io.prompt(`Apply ${n} step${n === 1 ? "" : "s"} to ${db}? [y/N] `);
          return /^\s*y(es)?\s*$/i.test(answer);
        };

  const ignore = ctx.ignore();
  const outcome = ctx.unwrap(
    await applyDatabase({
      dbPath,
      driver,
      desired: declared,
      ...(ignore ? { ignore } : {}),
      allowDestructive,
      backup: backupChoice(ctx),
      history: ctx.opts.history !== false,
      dryRun,
      ...(confirm ? { confirm } : {}),
      ...(ctx.io.isTTY && !json ? { progress: progressPrinter(ctx) } : {}),
      toolVersion: toolVersion(),
      ...(ctx.opts.lockTimeout !== undefined ? { lockTimeoutMs: ctx.opts.lockTimeout } : {}),
    }),
  );

  if (outcome.status === "declined" && needsYes) {
    ctx.fail({
      code: "REFUSED_NO_TTY",
      file: dbPath,
      message: json ? "--format json cannot ask for confirmation; nothing was written" : "not on a terminal, so apply cannot ask; nothing was written",
      hint: "review the plan, then run again with --yes (or --dry-run to rehearse)",
    });
  }
  if (json) {
    ctx.io.stdout(jsonText(outcomeJson(outcome, db, schema, allowDestructive, ctx)));
    return outcome.status === "declined" ? EXIT.REFUSED : EXIT.OK;
  }
  return report(ctx, outcome, db, schema, showPlan);
}

function report(
  ctx: Context,
  outcome: ApplyOutcome,
  db: string,
  schema: string,
  showPlan: (plan: Plan, losses?: LossCounts) => void,
): number {
  const out = (s: string) => ctx.io.stdout(`${s}\n`);
  const p = ctx.palette;
  switch (outcome.status) {
    case "up-to-date":
      out(`Nothing to apply: ${db} already matches ${schema}.`);
      return EXIT.OK;
    case "declined":
      out("Cancelled: nothing was written.");
      return EXIT.REFUSED;
    case "dry-run":
      showPlan(outcome.plan, lossesOf(outcome));
      out("\n-- what apply would run:");
      out(outcome.statements.map((s) => `${s};`).join("\n"));
      out(`\nDry run: every step ran and was verified on an in-memory copy, then rolled back; ${db} was not written.`);
      return EXIT.OK;
    case "applied": {
      showPlan(outcome.plan, lossesOf(outcome));
      const n = outcome.plan.steps.length;
      out(p.green(`Applied ${n} step${n === 1 ? "" : "s"} to ${db} in ${outcome.durationMs} ms.`));
      if (outcome.historyId !== null) out(`Recorded as entry #${outcome.historyId} (schemadiff history --db ${db}).`);
      if (outcome.backupPath !== null) {
        out(`Backup (verified): ${displayPath(outcome.backupPath, ctx.io.cwd)}`);
        if (outcome.restoreCommand) out(`To restore it: ${outcome.restoreCommand}`);
      } else {
        out("No backup was kept (--no-backup).");
      }
      return EXIT.OK;
    }
    default:
      return assertNever(outcome.status);
  }
}

function outcomeJson(outcome: ApplyOutcome, db: string, schema: string, allowDestructive: boolean, ctx: Context) {
  return {
    version: JSON_VERSION,
    command: "apply",
    database: db,
    schema,
    status: outcome.status,
    applied: outcome.applied,
    hashes: { before: outcome.schemaHashBefore, after: outcome.schemaHashAfter },
    backupPath: outcome.backupPath === null ? null : displayPath(outcome.backupPath, ctx.io.cwd),
    restoreCommand: outcome.restoreCommand,
    historyId: outcome.historyId,
    durationMs: outcome.durationMs,
    statements: outcome.statements,
    ...planJson(outcome.plan, allowDestructive, lossesOf(outcome)),
    warnings: ctx.warnings,
  };
}

function backupChoice(ctx: Context): BackupChoice {
  const b = ctx.opts.backup;
  if (b === false) return { kind: "none" };
  if (typeof b === "string") return { kind: "path", path: ctx.abs(b) };
  return { kind: "default" };
}

/** Apply's counted losses keyed by the plan's own loss estimates, for the plan text and JSON. */
function lossCounts(plan: Plan, context: { readonly losses: ConfirmContext["losses"] }): LossCounts {
  const counts = new Map<Plan["steps"][number]["losses"][number], number | null>();
  for (const loss of context.losses) {
    const estimate = plan.steps[loss.step - 1]?.losses.find((l) => l.table === loss.table && l.column === loss.column);
    if (estimate) counts.set(estimate, loss.count);
  }
  return counts;
}

function lossesOf(outcome: ApplyOutcome): LossCounts {
  return lossCounts(outcome.plan, outcome);
}

/** Progress on stderr, a line per step and per rebuilt table's copy. */
function progressPrinter(ctx: Context): (event: ProgressEvent) => void {
  return (event) => {
    switch (event.kind) {
      case "step":
        ctx.io.stderr(ctx.palette.dim(`[${event.index}/${event.count}] ${event.why}\n`));
        break;
      case "copy-start":
        break;
      case "copy-done":
        ctx.io.stderr(ctx.palette.dim(`      copied ${event.copied}${event.total === null ? "" : `/${event.total}`} rows of ${event.table}\n`));
        break;
      default:
        assertNever(event);
    }
  };
}
