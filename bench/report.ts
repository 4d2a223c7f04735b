/** The bench's output: a table for people, or one JSON document (`--json`). */
import type { Row } from "./harness.js";
import type { Summary } from "./stats.js";
import { mb, ms } from "./util.js";

/** Everything the bench found. */
export interface Report {
  readonly version: 1;
  readonly machine: Readonly<Record<string, string | number | null>>;
  readonly options: Readonly<Record<string, unknown>>;
  readonly rows: readonly Row[];
  /** Conclusions drawn from several rows (the sql.js size limit). */
  readonly derived: Readonly<Record<string, unknown>>;
}

/** The report as JSON text. */
export function reportJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function range(s: Summary, format: (n: number) => string): string {
  return s.runs > 1 ? `${format(s.min)}–${format(s.max)}` : "";
}

function figures(row: Row): string {
  const parts: string[] = [];
  const phases = Object.entries(row.phasesMs).filter(([name]) => name !== "modules");
  if (phases.length > 0) parts.push(phases.map(([name, s]) => `${name} ${ms(s.median)}`).join(", "));
  const counts = Object.entries(row.counts);
  if (counts.length > 0) parts.push(counts.map(([name, n]) => `${name}: ${n}`).join(", "));
  const figs = Object.entries(row.figures);
  if (figs.length > 0) parts.push(figs.map(([name, v]) => `${name}: ${typeof v === "number" ? round(v) : v}`).join(", "));
  if (row.target) parts.push(`target ${row.target.text}: ${row.target.met === null ? "n/a" : row.target.met ? "met" : "NOT met"}`);
  if (row.note) parts.push(row.note);
  return parts.join(" | ");
}

function round(n: number): string {
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** The report as a plain-text table, one block per suite. */
export function reportTable(report: Report): string {
  const lines: string[] = [];
  lines.push(
    `schemadiff bench: ${Object.entries(report.machine)
      .map(([k, v]) => `${k} ${v ?? "-"}`)
      .join(", ")}`,
  );
  lines.push(`runs per row: ${String(report.options.runs)} (median, min–max; each run a fresh process)`);
  const suites = [...new Set(report.rows.map((r) => r.suite))];
  for (const suite of suites) {
    lines.push("", `== ${suite}`);
    const rows = report.rows.filter((r) => r.suite === suite);
    const header = ["row", "median", "min–max", "cpu", "peak RSS", ""];
    const body = rows.map((r) => [
      r.name,
      r.wallMs.runs === 0 ? "-" : ms(r.wallMs.median),
      range(r.wallMs, ms),
      r.cpuMs && r.cpuMs.runs > 0 ? ms(r.cpuMs.median) : "",
      r.peakRssBytes && r.peakRssBytes.runs > 0 ? mb(r.peakRssBytes.median) : "",
      figures(r),
    ]);
    const widths = header.map((h, k) => Math.max(h.length, ...body.map((b) => (k === 5 ? 0 : b[k].length))));
    const fmt = (cells: string[]) =>
      cells.map((c, k) => (k === 5 ? c : k === 0 ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join("  ").trimEnd();
    lines.push(fmt(header));
    for (const b of body) lines.push(fmt(b));
  }
  const derived = Object.entries(report.derived);
  if (derived.length > 0) {
    lines.push("", "== derived");
    for (const [key, value] of derived) lines.push(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  return `${lines.join("\n")}\n`;
}
