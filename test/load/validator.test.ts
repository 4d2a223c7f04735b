/**
 * The validator is generated from the JSON Schema (src/load/validator-source.ts), so that a run
 * does not compile it. The file must be exactly what the schema gives today, and must judge
 * every document as ajv compiling the schema judges it, error for error.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import fc from "fast-check";
import { Ajv, type ValidateFunction } from "ajv";
import { describe, expect, it } from "vitest";
import { SCHEMA_URL } from "../../src/load/validate.js";
import { validate as generated } from "../../src/load/schema-validator.generated.js";
import { AJV_OPTIONS, validatorSource } from "../../src/load/validator-source.js";

const MODULE_URL = new URL("../../src/load/schema-validator.generated.ts", import.meta.url);
const CASES = new URL("../cases/", import.meta.url);
const schemaText = readFileSync(SCHEMA_URL, "utf8");

describe("the generated validator", () => {
  it("is what schema/schemadiff.schema.json generates", () => {
    const expected = validatorSource(schemaText);
    if (process.env.UPDATE_VALIDATOR === "1") writeFileSync(MODULE_URL, expected);
    // On a mismatch: UPDATE_VALIDATOR=1 npx vitest run test/load/validator.test.ts
    expect(readFileSync(MODULE_URL, "utf8")).toBe(expected);
  });

  const compiled: ValidateFunction = new Ajv(AJV_OPTIONS).compile(JSON.parse(schemaText) as object);
  const check = generated as unknown as ValidateFunction;
  const same = (data: unknown): void => {
    const a = compiled(data);
    const errorsA = compiled.errors;
    const b = check(data);
    expect(b).toBe(a);
    expect(check.errors).toEqual(errorsA);
  };

  it("judges the example schemas and every golden case's declaration as the compiled schema does", () => {
    const docs: unknown[] = [];
    for (const dir of readdirSync(CASES, { withFileTypes: true })) {
      if (!dir.isDirectory()) continue;
      for (const file of readdirSync(new URL(`${dir.name}/`, CASES)).filter((f) => f.endsWith(".yaml"))) {
        const desired = (parse(readFileSync(new URL(`${dir.name}/${file}`, CASES), "utf8")) as { desired?: unknown } | null)?.desired;
        if (typeof desired === "string") docs.push(parse(desired));
      }
    }
    for (const file of readdirSync(new URL("../../schema/", import.meta.url))) {
      if (file.endsWith(".yaml")) docs.push(parse(readFileSync(new URL(`../../schema/${file}`, import.meta.url), "utf8")));
    }
    expect(docs.length).toBeGreaterThan(50);
    for (const doc of docs) same(doc);
  });

  it("judges documents as the compiled schema does", () => {
    const column = fc.oneof(
      fc.constantFrom("TEXT", "INTEGER", null, 1, true, [], {}),
      fc.record(
        { type: fc.constantFrom("TEXT", 1), not_null: fc.boolean(), primary_key: fc.oneof(fc.boolean(), fc.constant({ desc: true })), default: fc.jsonValue(), check: fc.oneof(fc.string(), fc.constant({ expr: "a" })), references: fc.oneof(fc.string(), fc.constant({ table: "t", on_delete: "CASCADE" }), fc.constant({ on_delete: "cascade" })), typo: fc.string() },
        { requiredKeys: [] },
      ),
    );
    const table = fc.record(
      { columns: fc.dictionary(fc.string(), column), indexes: fc.dictionary(fc.string(), fc.oneof(fc.array(fc.string()), fc.record({ columns: fc.array(fc.string()), where: fc.string(), unique: fc.anything() }, { requiredKeys: [] }))), strict: fc.anything(), primary_key: fc.anything(), extra: fc.anything() },
      { requiredKeys: [] },
    );
    const doc = fc.oneof(
      fc.record(
        {
          tables: fc.oneof(fc.dictionary(fc.string(), table), fc.constant(null), fc.anything()),
          views: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.record({ columns: fc.array(fc.string()), sql: fc.string() }, { requiredKeys: [] }), fc.anything())),
          triggers: fc.dictionary(fc.string(), fc.record({ table: fc.string(), timing: fc.constantFrom("AFTER", "BEFORE", "INSTEAD OF", "after"), event: fc.constantFrom("INSERT", "UPDATE", "nope"), body: fc.string(), of: fc.anything() }, { requiredKeys: [] })),
          virtual_tables: fc.anything(),
          "x-anchors": fc.anything(),
          other: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    );
    fc.assert(
      fc.property(doc, (d) => {
        same(d);
      }),
      { numRuns: 3000 },
    );
  });
});
