/**
 * Structural validation of one YAML document against schema/schemadiff.schema.json, the single
 * source of truth for the format (editors read the same file; the validator is generated from
 * it). Every ajv error becomes a diagnostic that points at the offending key or value; all of
 * them are reported at once.
 */
import type { ErrorObject, ValidateFunction } from "ajv";
import type { Diagnostic } from "../errors.js";
import { didYouMean } from "./did-you-mean.js";
import { child, diagnostic, dotted, where, type SourceFile } from "./position.js";
import { validate as generated } from "./schema-validator.generated.js";

/** Where the JSON Schema lives: `schema/` at the package root, from both `src/load/` and `dist/load/`. */
export const SCHEMA_URL = new URL("../../schema/schemadiff.schema.json", import.meta.url);

/**
 * The schema's validator, generated from the schema file ahead of time (validator-source.ts):
 * compiling it at every run cost ~0.1 s, and loading ajv's compiler more.
 */
const validate = generated as unknown as ValidateFunction;

/** Validates one parsed file (an empty file is valid: it declares nothing). */
export function validateSource(src: SourceFile): Diagnostic[] {
  if (src.data === null) return [];
  if (validate(src.data)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of validate.errors ?? []) {
    const d = toDiagnostic(src, error);
    if (d === null) continue;
    const id = `${d.line}:${d.col}:${d.code}:${d.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      out.push(d);
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
}

function describePlace(pointer: string): string {
  return pointer === "" ? "the top level" : `\`${dotted(pointer)}\``;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: "a map",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "a whole number",
  boolean: "true or false",
  null: "empty",
};

function typeName(type: unknown): string {
  const list = Array.isArray(type) ? type : [type];
  const names = list.map((t) => TYPE_NAMES[String(t)] ?? String(t));
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

function actualType(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "boolean") return String(value);
  return TYPE_NAMES[typeof value] ?? typeof value;
}

function toDiagnostic(src: SourceFile, e: ErrorObject): Diagnostic | null {
  const pointer = e.instancePath;
  const place = describePlace(pointer);
  switch (e.keyword) {
    case "additionalProperties": {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = allowed.length > 0 ? `allowed here: ${allowed.join(", ")}` : undefined;
      return diagnostic(
        "SCHEMA_UNKNOWN_KEY",
        `unknown key \`${key}\` in ${place}${didYouMean(key, allowed)}`,
        where(src, child(pointer, key), "key"),
        hint,
      );
    }
    case "required": {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return diagnostic("SCHEMA_MISSING_KEY", `${place} needs \`${key}\``, where(src, pointer, "key"));
    }
    case "type":
      return diagnostic(
        "SCHEMA_TYPE",
        `${place} must be ${typeName((e.params as { type: unknown }).type)}, not ${actualType(e.data)}`,
        where(src, pointer),
      );
    case "enum": {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const upper = typeof e.data === "string" ? e.data.toUpperCase().replace(/\s+/g, " ").trim() : "";
      const fix = allowed.find((a) => a === upper);
      return diagnostic(
        "SCHEMA_TYPE",
        `${place} must be one of ${allowed.join(", ")}`,
        where(src, pointer),
        fix !== undefined ? `write \`${fix}\`` : undefined,
      );
    }
    case "minItems":
    case "minProperties":
      return diagnostic("SCHEMA_TYPE", `${place} must not be empty`, where(src, pointer));
    default:
      return diagnostic("SCHEMA_TYPE", `${place} ${e.message ?? "is invalid"}`, where(src, pointer));
  }
}
