/**
 * The tokenizer compares character codes for speed; this keeps it equal, token for token and
 * error for error, to the plain character-string version it replaced (kept here as the oracle).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SQLITE_KEYWORDS } from "../../src/sqlite/keywords.js";
import { Cursor } from "../../src/sqlite/ddl-cursor.js";
import { type Token, type TokenKind, type TokenizeResult, tokenizeChecked } from "../../src/sqlite/tokenize.js";

const OPERATORS = ["->>", "||", "->", "<<", ">>", "<=", ">=", "==", "!=", "<>", "<", ">", "=", "+", "-", "*", "/", "%", "&", "|", "~"];
const PUNCT: Readonly<Record<string, TokenKind>> = { "(": "lparen", ")": "rparen", ",": "comma", ";": "semicolon", ".": "dot" };
const QUOTE_CLOSE: Readonly<Record<string, string>> = { '"': '"', "`": "`", "[": "]" };

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f";
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}
function isHex(c: string | undefined): boolean {
  return c !== undefined && (isDigit(c) || (c >= "A" && c <= "F") || (c >= "a" && c <= "f"));
}
/** Identifier characters: ASCII letters, `_`, and every non-ASCII character. */
function isIdStart(c: string | undefined): boolean {
  // Character comparisons, not a regex: this runs for every character of every DDL statement.
  return c !== undefined && ((c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c === "_" || c.charCodeAt(0) >= 0x80);
}
function isIdChar(c: string | undefined): boolean {
  return c !== undefined && (isIdStart(c) || isDigit(c) || c === "$");
}

/** Tokenizes `sql`, reporting the first lexical error instead of throwing. */
function referenceTokenize(sql: string): TokenizeResult {
  const tokens: Token[] = [];
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const text = sql.slice(start, end);
    tokens.push({ kind, text, value: value ?? text, start, end });
  };
  const failAt = (what: string, at: number): TokenizeResult => ({
    tokens,
    error: `${what} at offset ${at}`,
    endsInLineComment: false,
  });
  let endsInLineComment = false;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (isSpace(c)) {
      i++;
    } else if (c === "-" && next === "-") {
      const nl = sql.indexOf("\n", i);
      endsInLineComment = nl < 0;
      i = nl < 0 ? sql.length : nl + 1;
    } else if (c === "/" && next === "*") {
      const close = sql.indexOf("*/", i + 2);
      if (close < 0) return failAt("unterminated /* comment", i);
      i = close + 2;
    } else if (c === "'") {
      const end = scanQuoted(sql, i, "'");
      if (end < 0) return failAt("unterminated string literal", i);
      push("string", i, end, sql.slice(i + 1, end - 1).replaceAll("''", "'"));
      i = end;
    } else if (c in QUOTE_CLOSE) {
      const close = QUOTE_CLOSE[c];
      const end = scanQuoted(sql, i, close, c !== "[");
      if (end < 0) return failAt("unterminated quoted identifier", i);
      const inner = sql.slice(i + 1, end - 1);
      push("ident", i, end, c === "[" ? inner : inner.replaceAll(close + close, close));
      i = end;
    } else if ((c === "x" || c === "X") && next === "'") {
      const end = scanQuoted(sql, i + 1, "'", false);
      if (end < 0) return failAt("unterminated blob literal", i);
      const hex = sql.slice(i + 2, end - 1);
      if (hex.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(hex)) return failAt("malformed blob literal", i);
      push("blob", i, end);
      i = end;
    } else if (isDigit(c) || (c === "." && isDigit(next))) {
      const end = scanNumber(sql, i);
      if (isIdChar(sql[end])) return failAt("malformed number", i);
      push("number", i, end);
      i = end;
    } else if (isIdStart(c)) {
      let end = i + 1;
      while (isIdChar(sql[end])) end++;
      const word = sql.slice(i, end);
      const upper = word.toUpperCase();
      if (SQLITE_KEYWORDS.has(upper)) push("keyword", i, end, upper);
      else push("ident", i, end, word);
      i = end;
    } else if (c === "?") {
      let end = i + 1;
      while (isDigit(sql[end])) end++;
      push("param", i, end);
      i = end;
    } else if (c === ":" || c === "@" || c === "$") {
      let end = i + 1;
      while (isIdChar(sql[end]) || (c === "$" && sql.startsWith("::", end))) end += sql.startsWith("::", end) ? 2 : 1;
      if (end === i + 1) return failAt(`illegal character ${JSON.stringify(c)}`, i);
      push("param", i, end);
      i = end;
    } else if (c in PUNCT) {
      push(PUNCT[c], i, i + 1);
      i++;
    } else {
      const op = OPERATORS.find((o) => sql.startsWith(o, i));
      if (op === undefined) {
        push("op", i, i + 1);
        return failAt(`illegal character ${JSON.stringify(c)}`, i);
      }
      push("op", i, i + op.length);
      i += op.length;
    }
  }
  return { tokens, error: null, endsInLineComment };
}

/** End offset (exclusive) of a quoted run opening at `start`, or -1 when unterminated. */
function scanQuoted(sql: string, start: number, close: string, doubled = true): number {
  let i = start + 1;
  for (;;) {
    const at = sql.indexOf(close, i);
    if (at < 0) return -1;
    if (doubled && sql[at + 1] === close) {
      i = at + 2;
      continue;
    }
    return at + 1;
  }
}

/** End offset of a numeric literal: decimal with optional fraction/exponent, or hex; `_` separators. */
function scanNumber(sql: string, start: number): number {
  let i = start;
  if (sql[i] === "0" && (sql[i + 1] === "x" || sql[i + 1] === "X") && isHex(sql[i + 2])) {
    i += 2;
    while (isHex(sql[i]) || (sql[i] === "_" && isHex(sql[i + 1]))) i++;
    return i;
  }
  const digits = (): void => {
    while (isDigit(sql[i]) || (sql[i] === "_" && isDigit(sql[i - 1]) && isDigit(sql[i + 1]))) i++;
  };
  digits();
  if (sql[i] === ".") {
    i++;
    digits();
  }
  if ((sql[i] === "e" || sql[i] === "E") && (isDigit(sql[i + 1]) || ((sql[i + 1] === "+" || sql[i + 1] === "-") && isDigit(sql[i + 2])))) {
    i += 2;
    digits();
  }
  return i;
}


/** Pieces that exercise every branch: quotes, comments, numbers, parameters, operators, odd characters. */
const PIECES = [
  " ", "\t", "\n", "\r", "\f", "\v", "--", "/*", "*/", "'", "''", '"', '""', "`", "[", "]", "x'", "X'", "0x", "0X",
  "1", "09", "_", "e", "E", "e+", "e-", ".", "1.5", "1_0", "?", "?7", ":", "::", "@", "$", "$a::b", "a", "Z", "abc",
  "select", "From", "KEY", "ünï", "\u00e9", "\ud83d\ude00", "\ud800", "ſelect", "(", ")", ",", ";", "-", "+", "*", "/",
  "%", "|", "||", "<", ">", "=", "!", "!=", "<>", "<<", ">>", "->", "->>", "&", "~", "#", "^", "{", "\\", "\u0000",
];

const text = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join("")),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);

describe("tokenizeChecked equals the reference tokenizer", () => {
  it("on random text", () => {
    fc.assert(
      fc.property(text, (sql) => {
        expect(tokenizeChecked(sql)).toEqual(referenceTokenize(sql));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    "CREATE TABLE \"t\" (\n  \"a\" INTEGER PRIMARY KEY,\n  b TEXT DEFAULT 'x''y' CHECK (b <> 'z')\n)",
    "SELECT x'0aFF', X'', 0x1F_FF, 1_000.5e-3, .5, $a::b::c, :n, @m, ?12 FROM [t] -- end",
    "a /* unterminated",
    "x'abc'",
    "12abc",
    "a ! b",
    "$",
    "'open",
  ])("%j", (sql) => expect(tokenizeChecked(sql)).toEqual(referenceTokenize(sql)));
});

describe("Cursor words", () => {
  /** The word test the cursor made before it compared token values. */
  const referenceIsWord = (tokens: readonly Token[], at: number, words: readonly string[]): boolean =>
    words.every((w, k) => {
      const t = tokens[at + k];
      return t !== undefined && (t.kind === "keyword" || t.kind === "ident") && t.text.toUpperCase() === w && !/^["`[]/.test(t.text);
    });
  const WORDS = ["NOT", "NULL", "STORED", "AS", "BEGIN", "ON", "DEFERRABLE", "KEY", "ABC", "ſELECT", "SELECT"];
  const SQL = fc.array(fc.constantFrom("not", "NULL", "Stored", '"stored"', "[as]", "`on`", "as", "begin", "key", "abc", "ſelect", "'not'", "1", "(", ","), { maxLength: 6 }).map((w) => w.join(" "));

  it("isWord and isAnyWord agree with the reference", () => {
    fc.assert(
      fc.property(SQL, fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }), fc.nat(6), (sql, words, at) => {
        const tokens = tokenizeChecked(sql).tokens;
        const c = new Cursor(tokens);
        for (let k = 0; k < at && !c.atEnd(); k++) c.next();
        const pos = Math.min(at, tokens.length);
        expect(c.isWord(...words)).toBe(referenceIsWord(tokens, pos, words));
        expect(c.isAnyWord(new Set(words))).toBe(words.some((w) => referenceIsWord(tokens, pos, [w])));
      }),
      { numRuns: 3000 },
    );
  });
});
