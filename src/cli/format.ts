/**
 * Turning results into output: diagnostics, plans as text (for people) and as JSON (for
 * machines; every shape carries `version: 1` and is documented in docs/CLI.md). Pure.
 */
import { isAbsolute, relative, sep } from "node:path";
import { formatDiagnostic, type Diagnostic } from "../errors.js";
import type { LossEstimate, Plan, Step } from "../plan/step.js";

/** The JSON output version; bumped only on an incompatible change to a documented shape. */
export const JSON_VERSION = 1;

/** ANSI styling, or identity functions when colour is off. */
export interface Palette {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

/** Colour only on a terminal and only when NO_COLOR is unset or empty (https://no-color.org). */
export function colourEnabled(isTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY && !env.NO_COLOR;
}

/** A palette: ANSI SGR codes when `enabled`, plain text otherwise. */
export function palette(enabled: boolean): Palette {
  const sgr = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), cyan: sgr(36, 39), dim: sgr(2, 22), bold: sgr(1, 22) };
}

/** A path as the user should read it: relative to `cwd` when inside it. */
export function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel === "" ? "." : rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}

/** A diagnostic with its file shown relative to `cwd`, and `cwd/` dropped from its text. */
export function presentDiagnostic(d: Diagnostic, cwd: string): Diagnostic {
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  const strip = (s: string) => s.split(prefix).join("");
  const out: Diagnostic = { ...d, message: strip(d.message), ...(d.file ? { file: displayPath(d.file, cwd) } : {}) };
  return d.hint === undefined ? out : { ...out, hint: strip(d.hint) };
}

/** `error: file:line:col: message` lines (warnings say `warning:`), each with its hint. */
export function formatDiagnostics(list: readonly Diagnostic[], kind: "error" | "warning", p: Palette): string {
  const label = kind === "error" ? p.red("error") : p.yellow("warning");
  return list.map((d) => `${label}: ${formatDiagnostic(d)}\n`).join("");
}

/** Counts that describe a plan, for the summary line and the JSON `summary`. */
export interface PlanSummary {
  readonly steps: number;
  readonly tablesChanged: number;
  readonly rebuilds: number;
  readonly inPlace: number;
  /** Steps that belong to no table (views, triggers, virtual tables). */
  readonly otherSteps: number;
  readonly destructive: number;
  /** Destructive steps that would not run without --allow-destructive. */
  readonly blocked: number;
  readonly dataDependent: number;
}

/** Summarises a plan. */
export function summarize(plan: Plan, allowDestructive: boolean): PlanSummary {
  const tables = new Map<string, boolean>();
  for (const s of plan.steps) {
    if (s.table !== null) tables.set(s.table, (tables.get(s.table) ?? false) || s.rebuild);
  }
  const rebuilds = [...tables.values()].filter(Boolean).length;
  const destructive = plan.steps.filter((s) => s.safety === "destructive").length;
  return {
    steps: plan.steps.length,
    tablesChanged: tables.size,
    rebuilds,
    inPlace: tables.size - rebuilds,
    otherSteps: plan.steps.filter((s) => s.table === null).length,
    destructive,
    blocked: allowDestructive ? 0 : destructive,
    dataDependent: plan.steps.filter((s) => s.safety === "data-dependent").length,
  };
}

/** "3 tables changed: 1 rebuild, 2 in place; 1 destructive step blocked (needs --allow-destructive)". */
export function summaryLine(s: PlanSummary): string {
  if (s.steps === 0) return "No changes: the database matches the schema.";
  const parts: string[] = [];
  if (s.tablesChanged > 0) {
    parts.push(`${count(s.tablesChanged, "table")} changed: ${count(s.rebuilds, "rebuild")}, ${s.inPlace} in place`);
  }
  if (s.otherSteps > 0) parts.push(`${count(s.otherSteps, "other step")} (views, triggers)`);
  const head = parts.join("; ");
  const tail: string[] = [];
  if (s.blocked > 0) tail.push(`${count(s.blocked, "destructive step")} blocked (needs --allow-destructive)`);
  else if (s.destructive > 0) tail.push(count(s.destructive, "destructive step"));
  if (s.dataDependent > 0) tail.push(`${count(s.dataDependent, "data-dependent step")} checked against the data first`);
  return [head, ...tail].join("; ");
}

/** Loss counts measured on the live data (null when the count could not be taken). */
export type LossCounts = ReadonlyMap<LossEstimate, number | null>;

/** Options for the text rendering of a plan. */
export interface PlanTextOptions {
  readonly allowDestructive: boolean;
  readonly palette: Palette;
  readonly losses?: LossCounts;
  /** Show each step's SQL under it (default false: `--format sql` is the script). */
  readonly sql?: boolean;
  /** A first line, e.g. "Plan for app.db -> schema/". */
  readonly title?: string;
}

/** A plan for people: grouped per table, each step's why and safety, notes, then the summary. */
export function formatPlanText(plan: Plan, options: PlanTextOptions): string {
  const p = options.palette;
  const lines: string[] = [];
  if (options.title) lines.push(p.bold(options.title), "");
  for (const [table, steps] of groupByTable(plan.steps)) {
    const rebuild = steps.some((s) => s.rebuild);
    const heading = table === null ? "views and triggers" : `table ${table}`;
    const how = table === null ? "" : p.dim(rebuild ? " (rebuild)" : " (in place)");
    lines.push(`${p.bold(heading)}${how}`);
    for (const step of steps) lines.push(...stepLines(step, options));
    lines.push("");
  }
  if (plan.notes.length > 0) {
    lines.push(p.bold("notes"));
    for (const note of plan.notes) lines.push(`  - ${note}`);
    lines.push("");
  }
  lines.push(summaryLine(summarize(plan, options.allowDestructive)));
  return `${lines.join("\n")}\n`;
}

function stepLines(step: Step, options: PlanTextOptions): string[] {
  const p = options.palette;
  const marks: string[] = [];
  if (step.safety === "destructive") {
    marks.push(p.red(options.allowDestructive ? "[destructive]" : "[destructive; blocked: needs --allow-destructive]"));
  } else if (step.safety === "data-dependent") {
    marks.push(p.yellow("[data-dependent]"));
  }
  const out = [`  - ${step.why}${marks.length > 0 ? ` ${marks.join(" ")}` : ""}`];
  for (const loss of step.losses) {
    const n = options.losses?.get(loss);
    const what = loss.column === null ? `table ${loss.table}` : `column ${loss.table}.${loss.column}`;
    const amount =
      n === undefined || n === null
        ? "its data"
        : loss.column === null
          ? count(n, "row")
          : count(n, "non-NULL value");
    out.push(`      ${p.red("loses")} ${amount} (${what})`);
  }
  for (const check of step.checks) out.push(`      ${p.yellow("checked first:")} ${check.rule}`);
  if (options.sql === true) {
    for (const sql of step.sql) out.push(...sql.split("\n").map((l) => `      ${p.dim(l)}`));
  }
  return out;
}

/** Steps grouped by table in order of first appearance (steps with no table last). */
function groupByTable(steps: readonly Step[]): [string | null, Step[]][] {
  const groups = new Map<string | null, Step[]>();
  for (const s of steps.filter((x) => x.table !== null)) {
    groups.set(s.table, [...(groups.get(s.table) ?? []), s]);
  }
  const other = steps.filter((s) => s.table === null);
  if (other.length > 0) groups.set(null, other);
  return [...groups];
}

/** The JSON form of a plan's steps, summary and notes (part of the plan/check/diff/apply shapes). */
export function planJson(plan: Plan, allowDestructive: boolean, losses?: LossCounts): Record<string, unknown> {
  return {
    summary: summarize(plan, allowDestructive),
    steps: plan.steps.map((s, index) => ({
      index,
      table: s.table,
      why: s.why,
      safety: s.safety,
      rebuild: s.rebuild,
      blocked: s.safety === "destructive" && !allowDestructive,
      sql: s.sql,
      checks: s.checks.map((c) => ({ rule: c.rule, table: c.table, countSql: c.countSql, sampleSql: c.sampleSql, hint: c.hint })),
      losses: s.losses.map((l) => ({ table: l.table, column: l.column, countSql: l.countSql, count: losses?.get(l) ?? null })),
    })),
    notes: plan.notes,
    needsForeignKeysOff: plan.needsForeignKeysOff,
    minSqliteVersion: plan.minSqliteVersion,
  };
}

/** Serialises a JSON output object (two-space indent, trailing newline). */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
