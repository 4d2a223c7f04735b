/**
 * Reading YAML: one file, or every `*.yaml` / `*.yml` file of a folder (sorted by name), into
 * plain data that remembers where each value came from. Parsing is bounded (file size, nodes,
 * aliases) so a hostile or accidental "billion laughs" file fails fast instead of eating memory.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from "yaml";
import { fail, ok, type Diagnostic, type Result } from "../errors.js";
import { child, diagnostic, type Pos, type SourceFile, type Span } from "./position.js";

/** Largest schema file read (bytes); anything bigger is surely not a hand-written schema. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Most values a file may expand to, aliases included (guards against alias bombs). */
export const MAX_NODES = 1_000_000;
/** Most alias (`*name`) uses a file may contain. */
export const MAX_ALIASES = 10_000;

const YAML_FILE = /\.ya?ml$/i;

/** One schema file as read from disk, not yet parsed. */
export interface SchemaText {
  readonly file: string;
  readonly text: string;
}

/** Reads a schema path: a `.yaml`/`.yml` file, or a folder whose YAML files are read in name order. */
export function readSchemaFiles(path: string): Result<SourceFile[]> {
  const read = readSchemaTexts(path);
  return read.ok ? parseAll(read.value) : read;
}

/**
 * The files of a schema path, each read (or why it could not be), in name order. Fails only when
 * the path is missing or holds no YAML file.
 */
export function readSchemaTexts(path: string): Result<Result<SchemaText>[]> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return fail({
      code: "SCHEMA_NOT_FOUND",
      message: `schema path not found: ${path}`,
      file: path,
      hint: "pass --schema with a .yaml file or a folder of .yaml files",
    });
  }
  const files = isDir
    ? readdirSync(path)
        .filter((name) => YAML_FILE.test(name))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((name) => join(path, name))
        .filter(isFile)
    : [path];
  if (files.length === 0) {
    return fail({
      code: "SCHEMA_NOT_FOUND",
      message: `no .yaml or .yml files in ${path}`,
      file: path,
      hint: "put the schema in a .yaml file there, or pass --schema with the file",
    });
  }
  return ok(files.map(readText));
}

/** Parses files read by `readSchemaTexts`; every file's problems are reported, in file order. */
export function parseAll(reads: readonly Result<SchemaText>[]): Result<SourceFile[]> {
  const sources: SourceFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const read of reads) {
    const parsed = read.ok ? parseYaml(read.value.text, read.value.file) : read;
    if (parsed.ok) sources.push(parsed.value);
    else diagnostics.push(...parsed.diagnostics);
  }
  return diagnostics.length > 0 ? fail(...diagnostics) : ok(sources);
}

/** A regular file (a dangling link or a folder named `x.yaml` is skipped). */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readText(file: string): Result<SchemaText> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return fail({ code: "SCHEMA_NOT_FOUND", message: `schema file not found: ${file}`, file });
  }
  if (size > MAX_FILE_BYTES) return tooLarge(file, `${size} bytes`);
  try {
    return ok({ file, text: readFileSync(file, "utf8") });
  } catch (e) {
    return fail({
      code: "SCHEMA_NOT_FOUND",
      message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      file,
    });
  }
}

function tooLarge(file: string, what: string): Result<never> {
  return fail({
    code: "YAML_TOO_LARGE",
    message: `${file} is too large (${what}; the limit is ${MAX_FILE_BYTES} bytes and ${MAX_NODES} values)`,
    file,
    hint: "split the schema into several files, or remove repeated aliases",
  });
}

/** Parses one YAML text. An empty (or comment-only) file gives `data: null`. */
export function parseYaml(text: string, file: string): Result<SourceFile> {
  if (text.length > MAX_FILE_BYTES) return tooLarge(file, `${text.length} characters`);
  // yaml's own duplicate key check compares every key of a map with every other one; one pass
  // with a set per map tells whether there is any, and only then does yaml look, for its errors.
  let parsed = parse(text, false);
  let scanned = scan(parsed.doc);
  if (parsed.doc.errors.length > 0 || scanned.duplicateKey) {
    parsed = parse(text, true);
    scanned = scan(parsed.doc);
  }
  const { doc, lineCounter } = parsed;
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
  const converter = new Converter(scanned.anchors, lineCounter, file);
  const data = doc.contents === null ? null : converter.convert(doc.contents, "");
  if (converter.diagnostics.length > 0) return fail(...converter.diagnostics);
  return ok({ file, data, spans: converter.spans, numberText: converter.numberText, keyOrder: converter.keyOrder });
}

function parse(text: string, uniqueKeys: boolean): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = withPlainEnv(() => parseDocument(text, { lineCounter, prettyErrors: true, merge: true, uniqueKeys, keepSourceTokens: false }));
  return { doc, lineCounter };
}

/**
 * Runs `f` with `process.env` replaced by a plain copy of it. yaml's parser reads
 * `process.env.LOG_TOKENS` for every token (yaml/dist/parse/parser.js), and every read of the real
 * `process.env` is a call into the C++ environment: about a sixth of the parse of a big file.
 * The copy holds the same values, and `f` is synchronous: nothing else runs while it is in place.
 */
export function withPlainEnv<T>(f: () => T): T {
  const env = process.env;
  process.env = { ...env };
  try {
    return f();
  } finally {
    process.env = env;
  }
}

type Anchors = ReadonlyMap<string, readonly { readonly offset: number; readonly node: YamlNode }[]>;

/**
 * One walk over the document in yaml's `visit` order: the anchored nodes by name, and whether a
 * map repeats a key as yaml's `uniqueKeys` judges it (two scalar keys whose values are `===`).
 */
function scan(doc: Document): { anchors: Anchors; duplicateKey: boolean } {
  const anchors = new Map<string, { offset: number; node: YamlNode }[]>();
  let duplicateKey = false;
  const walk = (node: unknown): void => {
    if (isPair(node)) {
      walk(node.key);
      walk(node.value);
      return;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return;
    if (node.anchor && node.range) {
      const list = anchors.get(node.anchor);
      if (list === undefined) anchors.set(node.anchor, [{ offset: node.range[0], node }]);
      else list.push({ offset: node.range[0], node });
    }
    if (isMap(node)) {
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        // A Set finds NaN in itself, but NaN !== NaN: yaml never calls two NaN keys equal.
        if (isScalar(key) && key.value === key.value) {
          if (keys.has(key.value)) duplicateKey = true;
          keys.add(key.value);
        }
        walk(pair);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(doc.contents);
  return { anchors, duplicateKey };
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

  constructor(
    private readonly anchors: Anchors,
    private readonly lineCounter: LineCounter,
    private readonly file: string,
  ) {}

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
      if (isSeq(node)) {
        const items = node.items;
        const out = new Array<unknown>(items.length);
        for (let i = 0; i < items.length; i++) out[i] = this.convertItem(items[i] as YamlNode | null, `${pointer}/${i}`);
        return out;
      }
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
    const keys = this.keysOf(into);
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
      keys.push(name);
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
