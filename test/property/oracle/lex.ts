/**
 * The oracle's own SQL lexer, written apart from src/sqlite/tokenize.ts on purpose: the
 * structural comparison must not share code (and so bugs) with the tool it judges.
 * https://www.sqlite.org/lang_keywords.html, https://www.sqlite.org/lang_expr.html
 */

/** A token: `w` word (bare, upper-cased), `i` quoted identifier, `s` string, `n` number, `p` punctuation/operator. */
export interface Lexeme {
  readonly t: "w" | "i" | "s" | "n" | "b" | "p";
  readonly v: string;
}

const OPS = ["->>", "||", "->", "<<", ">>", "<=", ">=", "==", "!=", "<>"];
const SPELLING: Readonly<Record<string, string>> = { "==": "=", "<>": "!=" };

/** Splits SQL text into lexemes; whitespace and comments dropped. Throws on unterminated text. */
export function lex(sql: string): Lexeme[] {
  const out: Lexeme[] = [];
  let k = 0;
  const n = sql.length;
  while (k < n) {
    const c = sql[k]!;
    if (/\s/.test(c)) {
      k++;
    } else if (c === "-" && sql[k + 1] === "-") {
      const e = sql.indexOf("\n", k);
      k = e < 0 ? n : e + 1;
    } else if (c === "/" && sql[k + 1] === "*") {
      const e = sql.indexOf("*/", k + 2);
      k = e < 0 ? n : e + 2;
    } else if (c === "'") {
      const [v, e] = quoted(sql, k, "'");
      out.push({ t: "s", v });
      k = e;
    } else if ((c === "x" || c === "X") && sql[k + 1] === "'") {
      const [v, e] = quoted(sql, k + 1, "'");
      out.push({ t: "b", v: v.toLowerCase() });
      k = e;
    } else if (c === '"' || c === "`") {
      const [v, e] = quoted(sql, k, c);
      out.push({ t: "i", v });
      k = e;
    } else if (c === "[") {
      const e = sql.indexOf("]", k);
      if (e < 0) throw new Error(`unterminated [ in ${sql}`);
      out.push({ t: "i", v: sql.slice(k + 1, e) });
      k = e + 1;
    } else if (/[0-9]/.test(c) || (c === "." && /[0-9]/.test(sql[k + 1] ?? ""))) {
      const m = /^(0[xX][0-9a-fA-F]+|[0-9]*\.?[0-9]*([eE][+-]?[0-9]+)?)/.exec(sql.slice(k))!;
      out.push({ t: "n", v: m[0] });
      k += m[0].length;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_0-9$\u0080-\uffff]+/.exec(sql.slice(k))!;
      out.push({ t: "w", v: m[0].toUpperCase() });
      k += m[0].length;
    } else {
      const op = OPS.find((o) => sql.startsWith(o, k)) ?? c;
      out.push({ t: "p", v: SPELLING[op] ?? op });
      k += op.length;
    }
  }
  return out;
}

function quoted(sql: string, start: number, q: string): [string, number] {
  let v = "";
  let k = start + 1;
  for (;;) {
    const e = sql.indexOf(q, k);
    if (e < 0) throw new Error(`unterminated ${q} in ${sql}`);
    v += sql.slice(k, e);
    if (sql[e + 1] === q) {
      v += q;
      k = e + 2;
    } else {
      return [v, e + 1];
    }
  }
}

/**
 * One comparable spelling of a lexeme run: identifiers and bare words both as lower-cased
 * names (SQLite folds ASCII case; a bare keyword and the same word quoted compare equal, an
 * accepted blind spot), literals verbatim.
 */
export function norm(lexemes: readonly Lexeme[]): string {
  return lexemes
    .map((l) => (l.t === "w" || l.t === "i" ? `«${asciiLower(l.v)}»` : l.t === "s" ? `'${l.v}'` : l.t === "b" ? `x'${l.v}'` : l.v))
    .join(" ");
}

/** Lower-cases ASCII letters only, as SQLite does when comparing names. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** `lexemes` without parentheses that enclose all of them. */
export function stripParens(lexemes: readonly Lexeme[]): readonly Lexeme[] {
  let t = lexemes;
  while (t.length >= 2 && t[0]!.v === "(" && closing(t, 0) === t.length - 1) t = t.slice(1, -1);
  return t;
}

/** Index of the `)` that closes the `(` at `open`. */
export function closing(t: readonly Lexeme[], open: number): number {
  let depth = 0;
  for (let k = open; k < t.length; k++) {
    if (t[k]!.t === "p" && t[k]!.v === "(") depth++;
    else if (t[k]!.t === "p" && t[k]!.v === ")" && --depth === 0) return k;
  }
  return -1;
}

/** Splits at top-level commas. */
export function splitTop(t: readonly Lexeme[]): Lexeme[][] {
  const parts: Lexeme[][] = [[]];
  let depth = 0;
  for (const l of t) {
    if (l.t === "p" && l.v === "(") depth++;
    if (l.t === "p" && l.v === ")") depth--;
    if (depth === 0 && l.t === "p" && l.v === ",") parts.push([]);
    else parts[parts.length - 1]!.push(l);
  }
  return parts.filter((p) => p.length > 0);
}

/** A normalised expression: spelling-independent, outer parentheses dropped. */
export function normExpr(t: readonly Lexeme[]): string {
  return norm(stripParens(t));
}
