/** Runs test/native/app-writer.mjs as a separate process: an app holding the database open. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

const SCRIPT = fileURLToPath(new URL("./app-writer.mjs", import.meta.url));

/** A running app process and what it has printed so far. */
export interface AppProcess {
  /** Ids of rows the writer has committed (reported after each commit). */
  readonly acked: number[];
  /** Error lines the process printed. */
  readonly errors: string[];
  /** Resolves once the process printed "ready". */
  readonly ready: Promise<void>;
  /** Asks it to stop; resolves with its final counts. */
  stop(): Promise<{ done: number; errors: number }>;
}

/** Starts the writer (`initialRows` committed before "ready") or, with "read", the reader. */
export function startApp(dbPath: string, mode: number | "read"): AppProcess {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [SCRIPT, dbPath, String(mode)], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
  });
  const acked: number[] = [];
  const errors: string[] = [];
  let buffered = "";
  let onReady: () => void = () => {};
  let onDone: (counts: { done: number; errors: number }) => void = () => {};
  let onFail: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onFail = reject;
  });
  const done = new Promise<{ done: number; errors: number }>((resolve, reject) => {
    onDone = resolve;
    const previous = onFail;
    onFail = (error) => {
      previous(error);
      reject(error);
    };
  });
  // Only the caller of stop() awaits `done`; an early failure surfaces through `ready`.
  done.catch(() => {});
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  child.stdout.on("data", (chunk) => {
    buffered += String(chunk);
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "ready") onReady();
      else if (line.startsWith("ack ")) acked.push(Number(line.slice(4)));
      else if (line.startsWith("error ")) errors.push(line);
      else if (line.startsWith("done ")) {
        const [count, errs] = line.slice(5).split(" ").map(Number);
        onDone({ done: count, errors: errs });
      }
    }
  });
  // Writing "stop" to a process that already exited must not crash the test run.
  child.stdin.on("error", () => {});
  let stopped = false;
  child.on("exit", (code) => {
    if (code !== 0) onFail(new Error(`app process exited with ${code}: ${stderr}`));
  });
  return {
    acked,
    errors,
    ready,
    stop: () => {
      if (!stopped && child.exitCode === null) child.stdin.write("stop\n");
      stopped = true;
      return done;
    },
  };
}

/** Resolves after `ms` milliseconds, letting the app process work meanwhile. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
