/** Diff + plan over models, for planner unit tests. */
import { diffSchemas } from "../../src/diff/diff-schema.js";
import type { Hints, Schema } from "../../src/model.js";
import { NO_HINTS } from "../../src/model.js";
import { planChanges, type PlanOptions } from "../../src/plan/plan.js";
import type { Plan } from "../../src/plan/step.js";

/** The plan from `current` to `desired`. */
export function planOf(current: Schema, desired: Schema, hints: Hints = NO_HINTS, options: PlanOptions = {}): Plan {
  const changes = diffSchemas(current, desired, hints);
  if (!changes.ok) throw new Error(JSON.stringify(changes.diagnostics));
  return planChanges(changes.value, current, desired, hints, options);
}

/** Every statement of the plan, in order. */
export function statements(plan: Plan): string[] {
  return plan.steps.flatMap((s) => s.sql);
}
