/** Small helpers shared by the bench's modules. */

/** The end of an exhaustive switch. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}

/** `n` bytes as MB (10^6), one decimal. */
export function mb(n: number): string {
  return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;
}

/** Milliseconds for people: `850 ms`, `3.21 s`. */
export function ms(n: number): string {
  if (!Number.isFinite(n)) return "-";
  if (n < 10) return `${n.toFixed(2)} ms`;
  if (n < 1000) return `${n.toFixed(0)} ms`;
  return `${(n / 1000).toFixed(2)} s`;
}

/** The engine name as the bench prints it. */
export function engineLabel(engine: "sqljs" | "native"): string {
  return engine === "sqljs" ? "sql.js" : "native";
}
