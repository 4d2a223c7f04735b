/** The tool's own version, read from package.json (two folders up from both src/cli and dist/cli). */
import { readFileSync } from "node:fs";

let cached: string | undefined;

/** The package version, e.g. "0.1.0" ("unknown" if package.json cannot be read). */
export function toolVersion(): string {
  if (cached === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
      cached = typeof pkg.version === "string" ? pkg.version : "unknown";
    } catch {
      cached = "unknown";
    }
  }
  return cached;
}
