/** Random expressions over column ids: CHECKs, generated columns, index terms, WHERE, WHEN. */
import type { Expr, Tape } from "./spec.js";

const col = (id: number, prefix?: "NEW" | "OLD"): Expr => (prefix === undefined ? { k: "col", id } : { k: "col", id, prefix });
const lit = (sql: string): Expr => ({ k: "lit", sql });
const bin = (op: string, l: Expr, r: Expr): Expr => ({ k: "bin", op, l, r });
const fn = (name: string, ...args: Expr[]): Expr => ({ k: "fn", name, args });

const LITERALS = ["0", "1", "-5", "2.5", "'a'", "''", "'x y'", "'it''s'", "NULL", "X'00'", "100", "'Z'"];
const COMPARE = ["=", "!=", "<", "<=", ">", ">=", "<>", "=="];
const ARITH = ["+", "-", "*", "||"];

/** A literal operand. */
export function literal(tape: Tape): Expr {
  return lit(tape.pick(LITERALS));
}

/** Any deterministic expression over `cols` (depth-limited). */
export function anyExpr(tape: Tape, cols: readonly number[], depth = 2, prefix?: "NEW" | "OLD"): Expr {
  const leaf = (): Expr => (cols.length > 0 && !tape.chance(30) ? col(tape.pick(cols), prefix) : literal(tape));
  if (depth <= 0) return leaf();
  switch (tape.int(7)) {
    case 0:
      return leaf();
    case 1:
      return bin(tape.pick(COMPARE), anyExpr(tape, cols, depth - 1, prefix), anyExpr(tape, cols, depth - 1, prefix));
    case 2:
      return bin(tape.pick(ARITH), anyExpr(tape, cols, depth - 1, prefix), anyExpr(tape, cols, depth - 1, prefix));
    case 3:
      return fn(tape.pick(["lower", "upper", "length", "abs", "typeof", "trim", "hex"]), anyExpr(tape, cols, depth - 1, prefix));
    case 4:
      return fn(tape.pick(["coalesce", "ifnull", "max", "min"]), anyExpr(tape, cols, depth - 1, prefix), literal(tape));
    case 5:
      return { k: "post", op: tape.chance(50) ? "IS NULL" : "IS NOT NULL", e: anyExpr(tape, cols, depth - 1, prefix) };
    default:
      return bin(tape.chance(50) ? "AND" : "OR", anyExpr(tape, cols, depth - 1, prefix), anyExpr(tape, cols, depth - 1, prefix));
  }
}

/** A CHECK that existing-looking data often satisfies (NULL passes a CHECK). */
export function checkExpr(tape: Tape, cols: readonly number[]): Expr {
  const c = col(tape.pick(cols));
  switch (tape.int(7)) {
    case 0:
      return bin("<", fn("length", c), lit(String(3 + tape.int(20))));
    case 1:
      return bin(tape.pick([">=", "!=", ">"]), c, lit(tape.pick(["-5", "0", "''", "'a'", "-100"])));
    case 2:
      return { k: "in", e: fn("typeof", c), list: tape.subset(["'integer'", "'text'", "'real'", "'null'", "'blob'"], 2) };
    case 3:
      return bin("OR", { k: "post", op: "IS NULL", e: c }, bin("<=", fn("abs", c), lit("1000")));
    case 4: {
      const d = col(tape.pick(cols));
      return bin("OR", bin("<=", c, d), bin("OR", { k: "post", op: "IS NULL", e: c }, { k: "post", op: "IS NULL", e: d }));
    }
    case 5:
      return { k: "in", e: c, list: tape.subset(["1", "2", "3", "'a'", "'b'", "'x y'", "0", "-1"], 1) };
    default:
      return anyExpr(tape, cols);
  }
}

/** A generated column's expression (over ordinary columns only). */
export function generatedExpr(tape: Tape, cols: readonly number[]): Expr {
  const c = col(tape.pick(cols));
  switch (tape.int(6)) {
    case 0:
      return bin("+", c, lit("1"));
    case 1:
      return fn("lower", c);
    case 2:
      return bin("*", fn("coalesce", c, lit("0")), lit("2"));
    case 3:
      return bin("||", c, col(tape.pick(cols)));
    case 4:
      return fn("typeof", c);
    default:
      return anyExpr(tape, cols);
  }
}

/** An index term expression. */
export function indexExpr(tape: Tape, cols: readonly number[]): Expr {
  const c = col(tape.pick(cols));
  switch (tape.int(5)) {
    case 0:
      return fn("lower", c);
    case 1:
      return bin("+", c, col(tape.pick(cols)));
    case 2:
      return fn("abs", c);
    case 3:
      return fn("substr", c, lit("1"), lit("2"));
    default: {
      // A lone literal is no index term: SQLite reads a lone 'string' as a column name.
      const e = anyExpr(tape, cols, 1);
      return e.k === "lit" ? fn("abs", c) : e;
    }
  }
}

/** A partial index WHERE or a trigger WHEN. */
export function whereExpr(tape: Tape, cols: readonly number[], prefix?: "NEW" | "OLD"): Expr {
  const c = col(tape.pick(cols), prefix);
  switch (tape.int(4)) {
    case 0:
      return { k: "post", op: "IS NOT NULL", e: c };
    case 1:
      return bin(">", c, lit("0"));
    case 2:
      return bin("!=", c, lit("'x'"));
    default:
      return anyExpr(tape, cols, 2, prefix);
  }
}

/** Every column id an expression reads, with its NEW/OLD prefix when it has one. */
export function exprRefs(e: Expr | null): { id: number; prefix?: "NEW" | "OLD"; table?: number }[] {
  if (e === null) return [];
  switch (e.k) {
    case "col":
      return [e];
    case "lit":
      return [];
    case "bin":
      return [...exprRefs(e.l), ...exprRefs(e.r)];
    case "fn":
      return e.args.flatMap(exprRefs);
    case "post":
    case "in":
      return exprRefs(e.e);
  }
}
