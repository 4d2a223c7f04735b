/**
 * The convergence property for one pair (A, B): apply A -> B through the real CLI on a real
 * file, then judge the result with the oracle (never with the tool's own model):
 *   exit 0: check is 0; the structure equals B built from scratch; integrity_check ok;
 *           foreign_key_check shows no violation A did not already have; every row equals the
 *           reference's (A's rows under B);
 *   exit 3: the data really violates B (the reference could not hold it); the folder is untouched;
 *   anything else: a failure.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, isMap, isScalar, YAMLMap } from "yaml";
import { run, type Io } from "../../src/cli/main.js";
import type { Driver } from "../../src/db/driver.js";
import { toYaml } from "../../src/dump/to-yaml.js";
import { fingerprint, listing, tempDir } from "../db/helpers.js";
import type { RenameHints } from "./gen/mutate.js";
import { mutate } from "./gen/mutate.js";
import { randomStyle, toModel } from "./gen/render.js";
import { buildSource } from "./gen/rows.js";
import { genSchema } from "./gen/schema.js";
import { fold, Tape, type GSchema } from "./gen/spec.js";
import { buildReference, InvalidSpec, orphanKeys } from "./oracle/reference.js";
import { contentOf, rowDifferences, sequences } from "./oracle/rows.js";
import { structure, structureDiff } from "./oracle/structure.js";

/** The random input of one pair: three choice tapes (schema A, mutations, rows and styles). */
export interface PairInput {
  readonly a: readonly number[];
  readonly m: readonly number[];
  readonly r: readonly number[];
  /** Apply with the native driver (better-sqlite3, in place) instead of sql.js. */
  readonly native: boolean;
}

/** How a pair ended. */
export type Verdict = { kind: "converged"; steps: boolean; rebuild: boolean } | { kind: "refused"; why: string } | { kind: "invalid"; why: string };

/** A pair made concrete: everything needed to run it and to print it. */
export interface Pair {
  readonly a: GSchema;
  readonly b: GSchema;
  readonly hints: RenameHints;
  readonly log: readonly string[];
  readonly yaml: string;
  readonly driver: "sqljs" | "native";
}

/** Draws the pair from its tapes. */
export function makePair(input: PairInput): Pair {
  const a = genSchema(new Tape(input.a));
  const mt = new Tape(input.m);
  const { b, hints, log } = mutate(mt, a);
  return { a, b, hints, log, yaml: yamlFor(b, hints), driver: input.native ? "native" : "sqljs" };
}

/** B as the tool reads it: toYaml of B's model, plus the renamed_from hints. */
export function yamlFor(b: GSchema, hints: RenameHints): string {
  const doc = parseDocument(toYaml(toModel(b)));
  const tables = doc.get("tables") as YAMLMap;
  for (const [to, from] of hints.tables) (tables.get(to) as YAMLMap).set("renamed_from", from);
  for (const [table, cols] of hints.backfills ?? new Map<string, Map<string, string>>()) {
    const columns = (tables.get(table) as YAMLMap).get("columns") as YAMLMap;
    for (const [column, expr] of cols) {
      const node = columns.get(column, true);
      if (isMap(node)) node.set("backfill", expr);
      else columns.set(column, doc.createNode(isScalar(node) && node.value !== null ? { type: node.value, backfill: expr } : { backfill: expr }, { flow: true }));
    }
  }
  for (const [table, cols] of hints.columns) {
    const columns = (tables.get(table) as YAMLMap).get("columns") as YAMLMap;
    for (const [to, from] of cols) {
      const node = columns.get(to, true);
      if (isMap(node)) {
        node.set("renamed_from", from);
      } else {
        const m = doc.createNode(isScalar(node) && node.value !== null ? { type: node.value, renamed_from: from } : { renamed_from: from }, { flow: true });
        columns.set(to, m);
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** A failure of the property, carrying the readable reproducer. */
export class PropertyFailure extends Error {}

/** Runs one pair and returns its verdict, or throws PropertyFailure with a reproducer. */
export async function runPair(pair: Pair, input: PairInput, driver: Driver): Promise<Verdict> {
  const rt = new Tape(input.r);
  const style = randomStyle(rt);
  const source = driver.memory();
  let seedSql: string;
  try {
    seedSql = buildSource(source, pair.a, style, rt);
  } catch (e) {
    return { kind: "invalid", why: `A does not build: ${(e as Error).message}` };
  }
  const aBytes = source.export();
  const aOrphans = orphanKeys(source, "main", pair.hints);
  source.close();
  let ref;
  try {
    ref = buildReference(driver, aBytes, pair.a, pair.b, pair.hints, style);
  } catch (e) {
    if (e instanceof InvalidSpec) return { kind: "invalid", why: e.message };
    throw e;
  }
  const dir = tempDir();
  const problems: string[] = [];
  let out = "";
  let err = "";
  try {
    const db = join(dir, "app.db");
    writeFileSync(db, aBytes);
    writeFileSync(join(dir, "schema.yaml"), pair.yaml);
    const before = { db: fingerprint(db), names: listing(dir) };
    const io = capture(dir);
    const code = await run(["apply", "--db", "app.db", "--schema", "schema.yaml", "--yes", "--allow-destructive", "--driver", pair.driver], io);
    out = io.out();
    err = io.err();
    if (/\n\s+at .+:\d+:\d+/.test(out + err) || /internal error/.test(err)) problems.push("a stack trace or internal error was printed");
    if (code === 0) {
      if (ref.violations.length > 0) problems.push(`applied although the data violates B: ${ref.violations.join("; ")}`);
      const check = capture(dir);
      const checkCode = await run(["check", "--db", "app.db", "--schema", "schema.yaml", "--driver", pair.driver], check);
      if (checkCode !== 0) problems.push(`check after apply exited ${checkCode}:\n${check.out()}${check.err()}`);
      const upToDate = /^Nothing to apply/m.test(out);
      problems.push(...backupProblems(dir, aBytes, pair.driver, driver, upToDate));
      if (upToDate && JSON.stringify(fingerprint(db)) !== JSON.stringify(before.db)) problems.push("nothing to apply, yet the file changed");
      const live = driver.fromBytes(new Uint8Array(readFileSync(db)));
      try {
        const integrity = live.query("PRAGMA integrity_check").map((r) => Object.values(r)[0]);
        if (integrity.join() !== "ok") problems.push(`integrity_check: ${integrity.join("; ")}`);
        const fk = newOrphans(orphanKeys(live, "main", { tables: new Map(), columns: new Map() }), aOrphans);
        if (fk.length > 0) problems.push(`foreign_key_check: new violations ${fk.slice(0, 3).join(", ")}`);
        if (ref.violations.length === 0) {
          problems.push(...structureDiff(structure(live), structure(ref.conn, "ref")).map((d) => `structure: ${d}`));
          problems.push(...rowDifferences(live, ref.conn, pair.b, ref.filled).map((d) => `rows: ${d}`));
          problems.push(...sequenceProblems(live, ref.conn, pair, aBytes, driver));
        }
      } finally {
        live.close();
      }
    } else if (code === 3) {
      if (ref.violations.length === 0) problems.push("refused although the data satisfies B");
      if (err.trim() === "") problems.push("refused without a message");
      // FUZZ_PREFLIGHT=1: a refusal the data checks missed (SQLite refused in the step, without
      // counts or sample rows) is a finding too, so it is shrunk and saved.
      if (process.env.FUZZ_PREFLIGHT === "1" && /^error: (step \d+\/\d+ failed|the apply transaction failed)/m.test(err)) problems.push("refused by SQLite in a step, not by the data checks");
      if (JSON.stringify({ db: fingerprint(db), names: listing(dir) }) !== JSON.stringify(before)) problems.push("refused but the folder changed");
    } else {
      problems.push(`exit code ${code}`);
    }
    if (problems.length > 0) throw new PropertyFailure(reproducer(pair, seedSql, problems, out, err));
    return code === 0 ? { kind: "converged", steps: !/^Nothing to apply/m.test(out), rebuild: /\(rebuild\)/.test(out) } : { kind: "refused", why: refusalKind(err) };
  } finally {
    ref.conn.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The backup holds the original: byte for byte with sql.js (a copy of the file); with the native
 * driver it is a VACUUM INTO snapshot, so the same schema and every row with its rowid.
 */
function backupProblems(dir: string, aBytes: Uint8Array, kind: Pair["driver"], driver: Driver, upToDate: boolean): string[] {
  const backups = listing(dir).filter((n) => n.endsWith(".bak"));
  if (upToDate) return backups.length === 0 ? [] : ["a backup was made although nothing was applied"];
  if (backups.length !== 1) return [`expected one backup, found ${backups.length}`];
  const bytes = new Uint8Array(readFileSync(join(dir, backups[0]!)));
  const identical = bytes.length === aBytes.length && bytes.every((x, k) => x === aBytes[k]);
  if (kind === "sqljs") return identical ? [] : ["the backup is not a byte-identical copy of the original"];
  const [orig, copy] = [driver.fromBytes(aBytes), driver.fromBytes(bytes)];
  try {
    const diff = structureDiff(structure(copy), structure(orig));
    const same = JSON.stringify(contentOf(copy)) === JSON.stringify(contentOf(orig));
    return [...diff.map((d) => `backup: ${d}`), ...(same ? [] : ["backup: the rows differ from the original's"])];
  } finally {
    orig.close();
    copy.close();
  }
}

/** The keys of `after` that `before` did not have (multisets). */
function newOrphans(after: readonly string[], before: readonly string[]): string[] {
  const left = [...before];
  return after.filter((k) => {
    const at = left.indexOf(k);
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
}

/** AUTOINCREMENT counters: kept where A and B both have them, else what B from scratch has. */
function sequenceProblems(live: ReturnType<Driver["fromBytes"]>, ref: ReturnType<Driver["fromBytes"]>, pair: Pair, aBytes: Uint8Array, driver: Driver): string[] {
  const a = driver.fromBytes(aBytes);
  const [seqA, seqRef, seqLive] = [sequences(a), sequences(ref, "ref"), sequences(live)];
  a.close();
  const problems: string[] = [];
  for (const tb of pair.b.tables.filter((t) => t.pk?.autoinc)) {
    // Matched as the tool matches tables: a hinted rename, the same name, or one in another letter case.
    const from = pair.hints.tables.get(tb.name) ?? tb.name;
    const ta = pair.a.tables.find((t) => t.name === from) ?? pair.a.tables.find((t) => fold(t.name) === fold(from));
    const seqOfA = ta === undefined ? 0 : ([...seqA].find(([n]) => fold(n) === fold(ta.name))?.[1] ?? 0);
    const want = Math.max(ta?.pk?.autoinc ? seqOfA : 0, seqRef.get(tb.name) ?? 0);
    const got = seqLive.get(tb.name) ?? 0;
    if (got !== want) problems.push(`sqlite_sequence of ${tb.name}: ${got}, expected ${want}`);
  }
  return problems;
}

/**
 * What a refusal was about, for the campaign figures: the rule a preflight check names
 * (`CHECK (...) on t: 2 rows ...`), the SQLite error of a step that failed inside the
 * transaction, or the check before COMMIT.
 */
function refusalKind(err: string): string {
  const kinds = err
    .split("\n")
    .filter((l) => l.startsWith("error: "))
    .map((l) => l.slice("error: ".length))
    .map((l) => {
      const rule = /^(NOT NULL|UNIQUE index|UNIQUE|INTEGER PRIMARY KEY|PRIMARY KEY|CHECK|FOREIGN KEY|STRICT typing)\b/.exec(l);
      if (rule) return `preflight: ${rule[1]}`;
      const failed = /^step \d+\/\d+ failed .*?: ([A-Za-z ]*?(constraint failed|datatype mismatch|cannot store [A-Z]+ value))/.exec(l);
      if (failed) return `in the step: ${failed[1]!.replace(/ constraint failed/, "")}`;
      if (/^the apply transaction failed: .*foreign key/i.test(l) || /foreign_key_check|foreign keys must hold/i.test(l)) return "before COMMIT: foreign keys";
      return l.slice(0, 60);
    });
  return [...new Set(kinds)].sort().join(" + ") || "no message";
}

function capture(cwd: string): Io & { out(): string; err(): string } {
  let out = "";
  let err = "";
  return {
    stdout: (t: string) => void (out += t),
    stderr: (t: string) => void (err += t),
    isTTY: false,
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}

/** The shrunk counterexample in a form a person can rerun: A as SQL with its rows, B as YAML. */
function reproducer(pair: Pair, seedSql: string, problems: string[], out: string, err: string): string {
  const text = [
    `PROPERTY FAILED (driver ${pair.driver}; mutations: ${pair.log.join(", ") || "none"})`,
    ...problems.map((p) => `  - ${p}`),
    "--- A: the source database (sqlite3 app.db < a.sql) ---",
    seedSql,
    "--- B: schema.yaml ---",
    pair.yaml,
    `--- schemadiff apply --db app.db --schema schema.yaml --yes --allow-destructive --driver ${pair.driver} ---`,
    out,
    err,
  ].join("\n");
  saveReproducer(seedSql, pair.yaml, text);
  return text;
}

/**
 * Keeps the reproducer of the latest failure in FUZZ_FAILURES/<seed>/ (overwritten while
 * fast-check shrinks, so what stays is the shrunk one).
 */
function saveReproducer(sql: string, yaml: string, text: string): void {
  const dir = process.env.FUZZ_FAILURES;
  if (!dir) return;
  const sub = join(dir, `seed-${process.env.FUZZ_SEED ?? "default"}`);
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, "a.sql"), sql);
  writeFileSync(join(sub, "schema.yaml"), yaml);
  writeFileSync(join(sub, "report.txt"), text);
}
