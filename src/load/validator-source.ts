/**
 * The source of the JSON Schema validator module (schema-validator.generated.ts), generated with
 * ajv's standalone code (https://ajv.js.org/standalone.html) from schema/schemadiff.schema.json,
 * the single source of truth. Compiling the schema costs every run ~0.1 s and loading ajv's
 * compiler; the generated module costs neither. test/load/validator.test.ts checks that the
 * module is what this function makes of the schema file today, and rewrites it on request.
 */
import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";

/** The options the validator is compiled with: every error, with its schema and data. */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false } as const;

/** The TypeScript module that exports the validator for `schemaJson`. */
export function validatorSource(schemaJson: string): string {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: true } });
  const validate = ajv.compile(JSON.parse(schemaJson) as object);
  const code = standalone.default(ajv, validate);
  return [
    "// @ts-nocheck",
    "/* Generated from schema/schemadiff.schema.json by src/load/validator-source.ts: do not edit.",
    "   Regenerate: UPDATE_VALIDATOR=1 npx vitest run test/load/validator.test.ts */",
    code,
    "",
  ].join("\n");
}
