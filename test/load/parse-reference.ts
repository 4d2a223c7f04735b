/**
 * The YAML reader as it was before it was made faster (yaml's own duplicate key check, yaml's
 * `visit` for anchors, keys collected through a WeakMap): the oracle of parse-reference.test.ts.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
} from "yaml";
import { fail, ok, type Diagnostic, type Result } from "../../src/errors.js";
import { MAX_ALIASES, MAX_NODES } from "../../src/load/parse.js";
import { diagnostic, type Pos, type SourceFile, type Span } from "../../src/load/position.js";

/** The pointer helper as it was. */
function child(base: string, ...names: readonly (string | number)[]): string {
  return base + names.map((n) => `/${String(n).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** Parses one YAML text. An empty (or comment-only) file gives `data: null`. */
export function referenceParseYaml(text: string, file: string): Result<SourceFile> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: true,
    merge: true,
    uniqueKeys: true,
    keepSourceTokens: false,
  });
  const syntax = doc.errors.map((e): Diagnostic => {
    const pos = e.linePos?.[0];
    const at = { file, ...(pos ? { line: pos.line, col: pos.col } : {}) };
    // The first line of yaml's pretty message is the explanation; the rest is a code excerpt.
    const message = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    return e.code === "DUPLICATE_KEY"
      ? diagnostic("SCHEMA_DUPLICATE", `duplicate key: ${message}`, at, "each name may appear once in a map")
      : diagnostic("YAML_SYNTAX", message, at);
  });
  if (syntax.length > 0) return fail(...syntax);
  const converter = new Converter(doc, lineCounter, file);
  const data = doc.contents === null ? null : converter.convert(doc.contents, "");
  if (converter.diagnostics.length > 0) return fail(...converter.diagnostics);
  return ok({ file, data, spans: converter.spans, numberText: converter.numberText, keyOrder: converter.keyOrder });
}

/**
 * Turns the YAML AST into plain data, recording positions by JSON pointer. Written by hand
 * (not `doc.toJS()`) so that map keys keep their source text (`True`, `1.0` stay names) and
 * plain numbers keep theirs (`1.50` is not `1.5` to SQLite's DEFAULT).
 */
class Converter {
  readonly spans = new Map<string, Span>();
  readonly numberText = new Map<string, string>();
  readonly keyOrder = new Map<string, string[]>();
  readonly diagnostics: Diagnostic[] = [];
  private nodes = 0;
  private aliases = 0;
  private readonly active = new Set<YamlNode>();
  private readonly order = new WeakMap<object, string[]>();
  private readonly anchors = new Map<string, { offset: number; node: YamlNode }[]>();

  constructor(
    doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly file: string,
  ) {
    visit(doc, (_key, node) => {
      if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor && node.range) {
        const list = this.anchors.get(node.anchor) ?? [];
        list.push({ offset: node.range[0], node });
        this.anchors.set(node.anchor, list);
      }
    });
  }

  private pos(node: YamlNode | null | undefined): Pos | null {
    const offset = node?.range?.[0];
    return offset === undefined ? null : this.lineCounter.linePos(offset);
  }

  private stop(message: string, node: YamlNode): undefined {
    if (this.diagnostics.length === 0) {
      const p = this.pos(node);
      this.diagnostics.push(diagnostic("YAML_TOO_LARGE", message, { file: this.file, ...(p ?? {}) }));
    }
    return undefined;
  }

  convert(node: YamlNode, pointer: string, key: Pos | null = null): unknown {
    if (this.diagnostics.length > 0) return undefined;
    if (++this.nodes > MAX_NODES) {
      return this.stop(`${this.file} expands to more than ${MAX_NODES} values`, node);
    }
    const here = this.pos(node);
    if (here && !this.spans.has(pointer)) this.spans.set(pointer, { key, value: here });
    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIASES) return this.stop(`more than ${MAX_ALIASES} aliases`, node);
      const target = this.resolve(node.source, node.range?.[0] ?? Infinity);
      if (!target) {
        this.diagnostics.push(
          diagnostic("YAML_SYNTAX", `unknown alias *${node.source}`, { file: this.file, ...(here ?? {}) }),
        );
        return undefined;
      }
      if (this.active.has(target)) {
        this.diagnostics.push(
          diagnostic("YAML_SYNTAX", `alias *${node.source} refers to itself`, { file: this.file, ...(here ?? {}) }),
        );
        return undefined;
      }
      return this.convert(target, pointer, key);
    }
    if (isScalar(node)) {
      const value = node.value;
      if (typeof value === "number" && node.type === "PLAIN" && node.source !== undefined) {
        this.numberText.set(pointer, node.source);
      }
      if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return value;
      }
      return node.source ?? String(value);
    }
    this.active.add(node);
    try {
      if (isSeq(node)) return node.items.map((item, i) => this.convertItem(item as YamlNode | null, child(pointer, i)));
      if (isMap(node)) {
        const map = this.convertMap(node.items, pointer, {});
        this.keyOrder.set(pointer, this.order.get(map) ?? []);
        return map;
      }
      return undefined;
    } finally {
      this.active.delete(node);
    }
  }

  private convertItem(item: YamlNode | null, pointer: string, key: Pos | null = null): unknown {
    return item === null ? null : this.convert(item, pointer, key);
  }

  private convertMap(items: readonly unknown[], pointer: string, into: Record<string, unknown>): Record<string, unknown> {
    const merges: YamlNode[] = [];
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      if (isScalar(keyNode) && typeof keyNode.value === "symbol") {
        if (pair.value) merges.push(pair.value as YamlNode);
        continue;
      }
      const name = this.keyName(keyNode);
      if (name === undefined) continue;
      const at = child(pointer, name);
      const value = pair.value as YamlNode | null;
      const keyPos = this.pos(keyNode);
      if (value === null && keyPos) this.spans.set(at, { key: keyPos, value: keyPos });
      define(into, name, this.convertItem(value, at, keyPos));
      this.keysOf(into).push(name);
    }
    // YAML merge keys (`<<: *base`): explicit keys win over merged ones.
    for (const merge of merges) this.merge(merge, pointer, into);
    return into;
  }

  private merge(node: YamlNode, pointer: string, into: Record<string, unknown>): void {
    const target = isAlias(node) ? this.resolve(node.source, node.range?.[0] ?? Infinity) : node;
    if (isSeq(target)) {
      for (const item of target.items) this.merge(item as YamlNode, pointer, into);
      return;
    }
    if (!isMap(target) || this.active.has(target)) return;
    this.active.add(target);
    try {
      const merged = this.convertMap(target.items, pointer, {});
      for (const k of this.keysOf(merged)) {
        if (Object.hasOwn(into, k)) continue;
        define(into, k, merged[k]);
        this.keysOf(into).push(k);
      }
    } finally {
      this.active.delete(target);
    }
  }

  private keysOf(map: object): string[] {
    let keys = this.order.get(map);
    if (keys === undefined) {
      keys = [];
      this.order.set(map, keys);
    }
    return keys;
  }

  private keyName(keyNode: YamlNode | null): string | undefined {
    if (keyNode === null) return "";
    if (isAlias(keyNode)) return this.keyName(this.resolve(keyNode.source, keyNode.range?.[0] ?? Infinity) ?? null);
    if (isScalar(keyNode)) {
      return typeof keyNode.value === "string" ? keyNode.value : (keyNode.source ?? String(keyNode.value));
    }
    const p = this.pos(keyNode);
    this.diagnostics.push(
      diagnostic("SCHEMA_TYPE", "a key must be a plain name, not a list or a map", { file: this.file, ...(p ?? {}) }),
    );
    return undefined;
  }

  private resolve(name: string, before: number): YamlNode | undefined {
    const candidates = this.anchors.get(name) ?? [];
    let found: YamlNode | undefined;
    for (const c of candidates) if (c.offset < before) found = c.node;
    return found;
  }
}

/** Sets a key without ever touching the prototype (`__proto__` is a fine column name). */
function define(obj: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` needs defineProperty (assignment would set the prototype); for every other
  // key assignment does the same and keeps the object fast (a hot path for big schemas).
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
