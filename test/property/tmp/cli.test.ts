import { it } from "vitest";
import { run } from "../../../src/cli/main.js";
it.skipIf(!process.env.ARGS)("cli", async () => {
  const code = await run(JSON.parse(process.env.ARGS!), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stdout.write(t), isTTY: false, env: {}, cwd: process.env.CWD! });
  console.log("exit", code);
});
