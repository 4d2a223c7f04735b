#!/usr/bin/env node
/** The executable: the only place that touches the real process (streams, exit code). */
import { createInterface } from "node:readline/promises";
import { run, type Io } from "./cli/main.js";

// `schemadiff dump | head`: a closed pipe ends the output quietly instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const io: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
  ...(process.stdin.isTTY
    ? {
        prompt: async (question: string) => {
          const rl = createInterface({ input: process.stdin, output: process.stderr });
          try {
            return await rl.question(question);
          } finally {
            rl.close();
          }
        },
      }
    : {}),
};

process.exitCode = await run(process.argv.slice(2), io);
