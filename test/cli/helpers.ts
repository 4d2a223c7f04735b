/** Drives the CLI in-process with a capturing Io. */
import { cliEnv } from "../helpers/driver-env.js";
import { expect } from "vitest";
import { run, type Io } from "../../src/cli/main.js";

/** How to set up the fake terminal. */
export interface FakeIo {
  readonly cwd: string;
  readonly isTTY?: boolean;
  readonly env?: Record<string, string | undefined>;
  /** Answers given to prompts, in order; no prompt at all when undefined. */
  readonly answers?: readonly string[];
}

/** What a run printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly prompts: readonly string[];
}

/** Runs `schemadiff ...argv` in-process. */
export async function cli(argv: readonly string[], fake: FakeIo): Promise<CliResult> {
  let out = "";
  let err = "";
  const prompts: string[] = [];
  const answers = [...(fake.answers ?? [])];
  const io: Io = {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    isTTY: fake.isTTY ?? false,
    env: { ...cliEnv(), ...fake.env },
    cwd: fake.cwd,
    ...(fake.answers
      ? {
          prompt: async (q: string) => {
            prompts.push(q);
            return answers.shift() ?? "";
          },
        }
      : {}),
  };
  const code = await run(argv, io);
  return { code, out, err, prompts };
}

/** Asserts that no stack trace or internal error leaked into the output. */
export function expectNoTrace(r: CliResult): void {
  expect(r.err).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.out).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.err).not.toMatch(/internal error/);
}
