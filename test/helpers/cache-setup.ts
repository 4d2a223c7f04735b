/**
 * vitest global setup: one cache folder of loaded schemas for the whole run (see cliEnv), made
 * before the test processes start and removed after them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "schemadiff-test-cache-"));
  process.env.SCHEMADIFF_TEST_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
