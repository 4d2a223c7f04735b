/**
 * The installed executable: `npm ci` builds dist/bin.js (prepare), and `npx schemadiff`, the
 * README's quick start, runs it as a program, so it must be executable and start on its own.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("dist/bin.js", () => {
  it("is executable and runs as a program (the shebang), printing the package's version", () => {
    const bin = join(root, "dist", "bin.js");
    expect(statSync(bin).mode & 0o111, "executable bits").not.toBe(0);
    const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version as string;
    expect(execFileSync(bin, ["--version"], { encoding: "utf8" }).trim()).toBe(version);
  });
});
