/**
 * Where each part of the declared model was written, so that an error found later (SQLite
 * refusing a statement in the scratch database) still points at the YAML that caused it.
 */
import { where, type SourceFile, type Where } from "./position.js";

/** A place: a file and a JSON pointer in it. */
export interface Ref {
  readonly src: SourceFile;
  readonly pointer: string;
}

/** The file position of a ref's key (the object's name) or value. */
export function at(ref: Ref, part: "key" | "value" = "value"): Where {
  return where(ref.src, ref.pointer, part);
}

/** Where the parts of one column came from. */
export interface ColumnOrigin {
  readonly key: Ref;
  readonly type: Ref | null;
  readonly default: Ref | null;
  readonly collate: Ref | null;
  readonly generated: Ref | null;
  /** Parallel to `Column.checks`. */
  readonly checks: readonly Ref[];
}

/** Where the parts of one table came from; arrays run parallel to the model's arrays. */
export interface TableOrigin {
  readonly key: Ref;
  readonly columns: ReadonlyMap<string, ColumnOrigin>;
  readonly primaryKey: Ref | null;
  readonly uniques: readonly Ref[];
  readonly checks: readonly Ref[];
  readonly foreignKeys: readonly Ref[];
  readonly strict: Ref | null;
  readonly withoutRowid: Ref | null;
}

/** Where an index came from; `terms` runs parallel to `Index.keys`. */
export interface IndexOrigin {
  readonly key: Ref;
  readonly terms: readonly Ref[];
  readonly where: Ref | null;
}

/** Where a trigger came from. */
export interface TriggerOrigin {
  readonly key: Ref;
  readonly table: Ref;
  readonly when: Ref | null;
  readonly body: Ref;
}

/** Where a view or virtual table came from. */
export interface TextOrigin {
  readonly key: Ref;
  readonly sql: Ref;
}

/** Origins of every declared object, by name. */
export interface Origins {
  readonly tables: ReadonlyMap<string, TableOrigin>;
  readonly indexes: ReadonlyMap<string, IndexOrigin>;
  readonly views: ReadonlyMap<string, TextOrigin>;
  readonly triggers: ReadonlyMap<string, TriggerOrigin>;
  readonly virtualTables: ReadonlyMap<string, TextOrigin>;
}
