/**
 * Loading a declared schema: parse (YAML with positions) -> validate (JSON Schema) -> to-model
 * (shorthands, names, references) -> normalise (scratch database + introspection).
 */
import type { Driver } from "../db/driver.js";
import { fail, ok, type Diagnostic, type Result } from "../errors.js";
import type { Hints, Schema } from "../model.js";
import { normalise } from "./normalise.js";
import { parseYaml, readSchemaFiles } from "./parse.js";
import type { SourceFile } from "./position.js";
import { toModel } from "./to-model.js";
import { validateSource } from "./validate.js";

/** A loaded schema declaration. */
export interface Declared {
  /** Normalised by SQLite: render, run in a scratch database, introspect. Compare this one. */
  readonly schema: Schema;
  /** As written in the YAML (shorthands expanded, SQL text verbatim). */
  readonly declared: Schema;
  /** Migration hints (renamed_from, backfill); never part of the compared model. */
  readonly hints: Hints;
  /** The files read, in the order they were merged. */
  readonly files: readonly string[];
}

/** Loads a `.yaml`/`.yml` file, or every such file in a folder, and normalises it. */
export function loadSchema(path: string, driver: Driver): Result<Declared> {
  const read = readSchemaFiles(path);
  return read.ok ? loadSources(read.value, driver) : read;
}

/** Loads YAML text as if read from `file` (for tests, and for `diff` with a schema argument). */
export function loadSchemaFromText(text: string, file: string, driver: Driver): Result<Declared> {
  const parsed = parseYaml(text, file);
  return parsed.ok ? loadSources([parsed.value], driver) : parsed;
}

/** Loads already-parsed files. */
export function loadSources(sources: readonly SourceFile[], driver: Driver): Result<Declared> {
  const files = sources.map((s) => s.file);
  const empty = sources.filter((s) => s.data === null);
  // An empty declaration would plan to drop every table: never take it by accident.
  if (empty.length === sources.length) {
    return fail({
      code: "SCHEMA_EMPTY",
      message: `${files.join(", ")} declares nothing`,
      file: files[0],
      hint: "write `tables: {}` to declare an empty schema on purpose",
    });
  }
  const warnings: Diagnostic[] = empty.map((s) => ({
    code: "SCHEMA_EMPTY",
    message: `${s.file} is empty; it adds nothing to the schema`,
    file: s.file,
  }));
  const invalid = sources.flatMap(validateSource);
  if (invalid.length > 0) return fail(...invalid);
  const model = toModel(sources);
  if (!model.ok) return model;
  const normalised = normalise(model.value, driver);
  if (!normalised.ok) return normalised;
  return ok(
    { schema: normalised.value, declared: model.value.declared, hints: model.value.hints, files },
    [...warnings, ...model.warnings, ...normalised.warnings],
  );
}
