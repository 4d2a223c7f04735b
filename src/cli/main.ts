/**
 * The CLI boundary: argv in, exit code out, all output through `io`. Every expected failure is a
 * Diagnostic printed with its file and position; anything unexpected is caught here and printed
 * as one line, never a stack trace.
 */
import { Command, CommanderError } from "commander";
import { DiagnosticError, errorText, EXIT, exitCodeFor, type Diagnostic } from "../errors.js";
import { loadConfig } from "./config.js";
import { Context } from "./context.js";
import { formatDiagnostics, jsonText, JSON_VERSION, palette, colourEnabled, presentDiagnostic } from "./format.js";
import type { Io } from "./io.js";
import { COMMANDS, describeCommand, type CliOptions, type CommandName } from "./options.js";
import { toolVersion } from "./version.js";
import { assertNever } from "../diff/changes.js";

export type { Io } from "./io.js";

/** A parsed command line. */
interface Invocation {
  readonly command: CommandName;
  readonly args: readonly string[];
  readonly opts: CliOptions;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let invocation: Invocation | undefined;
  try {
    const program = buildProgram(io, (inv) => {
      invocation = inv;
    });
    program.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; every other commander error is a usage error.
      return e.exitCode === 0 ? EXIT.OK : EXIT.BAD_INPUT;
    }
    return internalError(io, e);
  }
  if (!invocation) return EXIT.BAD_INPUT;
  return execute(invocation, io);
}

async function execute(inv: Invocation, io: Io): Promise<number> {
  const json = inv.opts.format === "json";
  try {
    const config = loadConfig(io.cwd, inv.opts.config);
    if (!config.ok) throw new DiagnosticError(config.diagnostics);
    const ctx = new Context(io, inv.opts, config.value);
    ctx.warn(config.warnings);
    const handler = await loadHandler(inv.command);
    return await handler(ctx, inv.args);
  } catch (e) {
    if (e instanceof DiagnosticError) return reportFailure(io, e.diagnostics, json, inv.command);
    return internalError(io, e);
  }
}

/** A command's implementation, loaded on demand so `--help` never loads the engine. */
type Handler = (ctx: Context, args: readonly string[]) => Promise<number>;

async function loadHandler(name: CommandName): Promise<Handler> {
  switch (name) {
    case "plan":
      return (await import("./commands/plan.js")).plan;
    case "apply":
      return (await import("./commands/apply.js")).apply;
    case "check":
      return (await import("./commands/check.js")).check;
    case "dump":
      return (await import("./commands/dump.js")).dump;
    case "diff":
      return (await import("./commands/diff.js")).diff;
    case "history":
      return (await import("./commands/history.js")).history;
    default:
      return assertNever(name);
  }
}

function buildProgram(io: Io, select: (inv: Invocation) => void): Command {
  const program = new Command("schemadiff")
    .description("Declarative schema diff and safe migrations for SQLite.")
    .version(toolVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(s),
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError("(add --help for usage)")
    .addHelpText(
      "after",
      "\nExit codes: 0 ok / no drift, 1 drift (check), 2 bad input or usage, 3 refused for safety.\n" +
        "Reference: docs/CLI.md",
    );
  for (const spec of COMMANDS) {
    const cmd = describeCommand(program.command(spec.name), spec);
    cmd.action((...params: unknown[]) => {
      const command = params[params.length - 1] as Command;
      select({ command: spec.name, args: command.args, opts: command.opts() as CliOptions });
    });
  }
  return program;
}

function reportFailure(io: Io, diagnostics: readonly Diagnostic[], json: boolean, command: CommandName): number {
  const shown = diagnostics.map((d) => presentDiagnostic(d, io.cwd));
  const code = shown.length > 0 ? Math.max(...shown.map((d) => exitCodeFor(d.code))) : EXIT.BAD_INPUT;
  if (json) io.stdout(jsonText({ version: JSON_VERSION, command, ok: false, exitCode: code, diagnostics: shown }));
  io.stderr(formatDiagnostics(shown, "error", palette(colourEnabled(io.isTTY, io.env))));
  return code;
}

function internalError(io: Io, e: unknown): number {
  const message = errorText(e);
  io.stderr(`internal error: ${message}\n  hint: this is a bug in schemadiff; please report it with the command you ran\n`);
  return EXIT.BAD_INPUT;
}
