/**
 * The public API (re-exports only): load a declared schema, introspect a database, diff, plan,
 * apply, dump. Every function returns a Result (errors are data) instead of throwing.
 */
export { loadSchema, loadSchemaFromText, type Declared } from "./load/index.js";
export { introspect } from "./sqlite/introspect.js";
export { diffSchemas } from "./diff/diff-schema.js";
export type { Change } from "./diff/changes.js";
export { planChanges } from "./plan/plan.js";
export { renderScript } from "./plan/render-script.js";
export {
  applyDatabase,
  readHistory,
  HISTORY_TABLE,
  type ApplyRequest,
  type ApplyOutcome,
  type ApplyStatus,
  type BackupChoice,
  type HistoryEntry,
} from "./apply/index.js";
export { toYaml } from "./dump/to-yaml.js";
export { openDatabaseFile, readDatabaseFile, type DatabaseFile, type FileSnapshot } from "./db/file.js";
export { loadSqlJs } from "./db/sqljs.js";
export { selectDriver, type DriverChoice } from "./db/select.js";
export type { Connection, Driver, Row, SqlValue } from "./db/driver.js";
export { schemaHash } from "./hash.js";
export { run, type Io } from "./cli/main.js";
export * from "./model.js";
export * from "./errors.js";
export type * from "./plan/step.js";
