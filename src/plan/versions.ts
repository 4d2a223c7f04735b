/**
 * The SQLite versions that plan statements need (https://www.sqlite.org/changes.html), and the
 * default engine a `--format sql` script targets.
 */

/** Target when none is given: old enough for the sqlite3 shells that common systems ship. */
export const DEFAULT_TARGET_SQLITE = "3.40.0";

/** Features a plan may use, with the first release that has them. */
export const FEATURE_VERSION = {
  /** Expression indexes, and the floor for everything else a plan emits. */
  base: "3.9.0",
  /** ALTER TABLE RENAME COLUMN (lang_altertable.html#altertabrename). */
  renameColumn: "3.25.0",
  /** RENAME TO rewrites foreign keys of other tables whatever `foreign_keys` is (legacy_alter_table off). */
  renameTable: "3.26.0",
  /** Generated columns (gencol.html). */
  generatedColumns: "3.31.0",
  /** ALTER TABLE DROP COLUMN (lang_altertable.html#altertabdropcol). */
  dropColumn: "3.35.0",
  /** STRICT tables (stricttables.html). */
  strictTables: "3.37.0",
  /** ALTER TABLE ... ALTER COLUMN SET/DROP NOT NULL, ADD/DROP CONSTRAINT (CHECK). */
  alterConstraints: "3.53.0",
} as const;

/** A feature name of FEATURE_VERSION. */
export type Feature = keyof typeof FEATURE_VERSION;

/** Numeric comparison of dotted versions: negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(".").map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when an engine at `target` has `feature`. */
export function supports(target: string, feature: Feature): boolean {
  return compareVersions(target, FEATURE_VERSION[feature]) >= 0;
}

/** The highest version any of `features` needs. */
export function minimumVersion(features: Iterable<Feature>): string {
  let min: string = FEATURE_VERSION.base;
  for (const f of features) if (compareVersions(FEATURE_VERSION[f], min) > 0) min = FEATURE_VERSION[f];
  return min;
}
