/** Every declaration the golden cases hold (their `desired` YAML), for tests that sweep them. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export function caseDeclarations(): string[] {
  const root = fileURLToPath(new URL("../cases", import.meta.url));
  const out: string[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const file of readdirSync(join(root, dir.name))) {
      if (!file.endsWith(".yaml")) continue;
      const desired = (parse(readFileSync(join(root, dir.name, file), "utf8")) as { desired?: unknown } | null)?.desired;
      if (typeof desired === "string") out.push(desired);
    }
  }
  return out;
}
