/**
 * A cursor over tokens for reading the CREATE statements stored in sqlite_schema
 * (https://www.sqlite.org/lang_createtable.html). Reading stops with a DdlError, which the
 * parse functions turn into data at their boundary.
 */
import type { Token } from "./tokenize.js";

/** A CREATE statement this reader does not understand; caught at the parse boundary. */
export class DdlError extends Error {}

/** Reads tokens left to right. */
export class Cursor {
  private i = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  /** The token `ahead` places from here, or undefined past the end. */
  peek(ahead = 0): Token | undefined {
    return this.tokens[this.i + ahead];
  }

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }

  next(): Token {
    const t = this.tokens[this.i];
    if (t === undefined) throw new DdlError("unexpected end of statement");
    this.i++;
    return t;
  }

  /** True when the next tokens are these keywords (or, for non-keywords such as STORED, words). */
  isWord(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) if (!isBareWord(this.tokens[this.i + k], words[k])) return false;
    return true;
  }

  /** True when the next token is one of `words` (upper case), as isWord. */
  isAnyWord(words: ReadonlySet<string>): boolean {
    const t = this.tokens[this.i];
    return t !== undefined && words.has(bareWordUpper(t));
  }

  /** Consumes the words when they come next. */
  accept(...words: string[]): boolean {
    if (!this.isWord(...words)) return false;
    this.i += words.length;
    return true;
  }

  expect(...words: string[]): void {
    if (!this.accept(...words)) throw new DdlError(`expected ${words.join(" ")} near ${this.near()}`);
  }

  /** Consumes a token of `kind` when it comes next. */
  acceptKind(kind: Token["kind"]): boolean {
    if (this.peek()?.kind !== kind) return false;
    this.i++;
    return true;
  }

  /** A name: identifier, string, or a keyword used as a name (kept as written). */
  name(): string {
    const t = this.next();
    if (t.kind === "ident" || t.kind === "string") return t.value;
    if (t.kind === "keyword") return t.text;
    throw new DdlError(`expected a name near ${JSON.stringify(t.text)}`);
  }

  /** `[schema.]name`: the name, without the schema. */
  qualifiedName(): string {
    const first = this.name();
    return this.acceptKind("dot") ? this.name() : first;
  }

  /** A parenthesised group: returns the tokens inside and moves past the closing `)`. */
  group(): readonly Token[] {
    if (this.peek()?.kind !== "lparen") throw new DdlError(`expected ( near ${this.near()}`);
    const start = this.i;
    let depth = 0;
    for (; this.i < this.tokens.length; this.i++) {
      const kind = this.tokens[this.i].kind;
      if (kind === "lparen") depth++;
      else if (kind === "rparen" && --depth === 0) {
        this.i++;
        return this.tokens.slice(start + 1, this.i - 1);
      }
    }
    throw new DdlError("unbalanced parentheses");
  }

  /** Every token from here to the end. */
  rest(): readonly Token[] {
    const r = this.tokens.slice(this.i);
    this.i = this.tokens.length;
    return r;
  }

  /** Tokens from here up to (not including) the first top-level token that `stop` accepts. */
  until(stop: (c: Cursor) => boolean): readonly Token[] {
    const start = this.i;
    let depth = 0;
    while (!this.atEnd() && !(depth === 0 && stop(this))) {
      const kind = this.tokens[this.i].kind;
      if (kind === "lparen") depth++;
      else if (kind === "rparen") depth--;
      this.i++;
    }
    return this.tokens.slice(start, this.i);
  }

  near(): string {
    const t = this.peek();
    return t === undefined ? "end of statement" : JSON.stringify(t.text);
  }
}

/** A keyword's upper-case text, or a bare (unquoted) identifier's; "" for anything else. */
function bareWordUpper(t: Token): string {
  // A keyword's value is its text in upper case; quoted identifiers are never words.
  if (t.kind === "keyword") return t.value;
  if (t.kind !== "ident") return "";
  const first = t.text.charCodeAt(0);
  return first === 34 || first === 96 || first === 91 ? "" : t.text.toUpperCase();
}

/** True when `t` is the word `w` (upper case): a keyword, or a bare identifier, in any case. */
function isBareWord(t: Token | undefined, w: string): boolean {
  return t !== undefined && w !== "" && bareWordUpper(t) === w;
}

/** Splits tokens at top-level commas. */
export function splitTopLevel(tokens: readonly Token[]): (readonly Token[])[] {
  const parts: (readonly Token[])[] = [];
  let depth = 0;
  let start = 0;
  tokens.forEach((t, k) => {
    if (t.kind === "lparen") depth++;
    else if (t.kind === "rparen") depth--;
    else if (t.kind === "comma" && depth === 0) {
      parts.push(tokens.slice(start, k));
      start = k + 1;
    }
  });
  if (tokens.length > 0) parts.push(tokens.slice(start));
  return parts;
}
