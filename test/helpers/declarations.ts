/** The golden cases' texts (their `current` SQL and `desired` YAML), for tests that sweep them all. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export interface CaseText {
  readonly current: string;
  readonly desired: string;
}

export function caseTexts(): CaseText[] {
  const root = fileURLToPath(new URL("../cases", import.meta.url));
  const out: CaseText[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(root, dir.name))) {
      if (!file.endsWith(".yaml")) continue;
      const raw = parse(readFileSync(join(root, dir.name, file), "utf8")) as Partial<Record<keyof CaseText, unknown>> | null;
      if (typeof raw?.current === "string" && typeof raw.desired === "string") out.push({ current: raw.current, desired: raw.desired });
    }
  }
  return out;
}

export function caseDeclarations(): string[] {
  return caseTexts().map((c) => c.desired);
}
