/**
 * The closed vocabulary of schema differences: one tagged union for schema objects (`Change`) and
 * one for what happens inside a table (`TableChange`). Plain readonly data; the planner turns each
 * kind into SQL through an exhaustive switch.
 */
import { assertNever } from "../assert-never.js";
import type {
  CheckConstraint,
  Column,
  ForeignKey,
  Index,
  PrimaryKey,
  Table,
  Trigger,
  UniqueConstraint,
  View,
  VirtualTable,
} from "../model.js";

/** Which parts of a column differ. */
export type ColumnAspect = "type" | "notNull" | "default" | "collate" | "generated" | "checks";

/** Table options that only a rebuild can change. */
export interface TableOptions {
  readonly strict: boolean;
  readonly withoutRowid: boolean;
}

/** A column only the desired table has (ADD COLUMN appends it). */
export interface AddColumn {
  readonly kind: "AddColumn";
  readonly column: Column;
}
/** A column only the current table has. */
export interface DropColumn {
  readonly kind: "DropColumn";
  readonly column: Column;
}
/** From a `renamed_from` hint, or a difference in letter case only (the same column to SQLite). */
export interface RenameColumn {
  readonly kind: "RenameColumn";
  readonly from: string;
  readonly to: string;
}
/** A column on both sides that differs in the listed aspects. */
export interface ModifyColumn {
  readonly kind: "ModifyColumn";
  readonly name: string;
  readonly from: Column;
  readonly to: Column;
  readonly aspects: readonly ColumnAspect[];
}
/** An index only the desired table has, or the new form of a changed one. */
export interface AddIndex {
  readonly kind: "AddIndex";
  readonly index: Index;
}
/** An index only the current table has, or the old form of a changed one. */
export interface DropIndex {
  readonly kind: "DropIndex";
  readonly index: Index;
}
/** A primary key on a table that had none. */
export interface AddPrimaryKey {
  readonly kind: "AddPrimaryKey";
  readonly key: PrimaryKey;
}
/** A primary key the desired table no longer has. */
export interface DropPrimaryKey {
  readonly kind: "DropPrimaryKey";
  readonly key: PrimaryKey;
}
/** A primary key that differs in columns, order, name or options. */
export interface ChangePrimaryKey {
  readonly kind: "ChangePrimaryKey";
  readonly from: PrimaryKey;
  readonly to: PrimaryKey;
}
/** A UNIQUE constraint only the desired table has. */
export interface AddUnique {
  readonly kind: "AddUnique";
  readonly unique: UniqueConstraint;
}
/** A UNIQUE constraint only the current table has. */
export interface DropUnique {
  readonly kind: "DropUnique";
  readonly unique: UniqueConstraint;
}
/** A table-level CHECK (column-level ones are a `ModifyColumn` aspect). */
export interface AddCheck {
  readonly kind: "AddCheck";
  readonly check: CheckConstraint;
}
/** A table-level CHECK only the current table has. */
export interface DropCheck {
  readonly kind: "DropCheck";
  readonly check: CheckConstraint;
}
/** A foreign key only the desired table has. */
export interface AddForeignKey {
  readonly kind: "AddForeignKey";
  readonly foreignKey: ForeignKey;
}
/** A foreign key only the current table has. */
export interface DropForeignKey {
  readonly kind: "DropForeignKey";
  readonly foreignKey: ForeignKey;
}
/** STRICT or WITHOUT ROWID differs. */
export interface ChangeTableOptions {
  readonly kind: "ChangeTableOptions";
  readonly from: TableOptions;
  readonly to: TableOptions;
}
/** The shared columns appear in another order: a note, never drift (DESIGN.md §3). */
export interface ColumnOrder {
  readonly kind: "ColumnOrder";
  readonly from: readonly string[];
  readonly to: readonly string[];
}

/** One difference inside a table. */
export type TableChange =
  | AddColumn
  | DropColumn
  | RenameColumn
  | ModifyColumn
  | AddIndex
  | DropIndex
  | AddPrimaryKey
  | DropPrimaryKey
  | ChangePrimaryKey
  | AddUnique
  | DropUnique
  | AddCheck
  | DropCheck
  | AddForeignKey
  | DropForeignKey
  | ChangeTableOptions
  | ColumnOrder;

/** A table only the desired schema has. */
export interface AddTable {
  readonly kind: "AddTable";
  readonly table: Table;
}
/** A table only the current schema has (after renames). */
export interface DropTable {
  readonly kind: "DropTable";
  readonly table: Table;
}
/** From a `renamed_from` hint, or a difference in letter case only. */
export interface RenameTable {
  readonly kind: "RenameTable";
  readonly from: string;
  readonly to: string;
}
/**
 * A table present on both sides. `from` is the current table as it stands after every rename
 * (its own and its columns'), so `from` and `to` use the same names.
 */
export interface ModifyTable {
  readonly kind: "ModifyTable";
  readonly table: string;
  readonly from: Table;
  readonly to: Table;
  readonly changes: readonly TableChange[];
}
/** A view only the desired schema has. */
export interface AddView {
  readonly kind: "AddView";
  readonly view: View;
}
/** A view only the current schema has. */
export interface DropView {
  readonly kind: "DropView";
  readonly view: View;
}
/** Planned as drop + create: SQLite has no ALTER VIEW. */
export interface ModifyView {
  readonly kind: "ModifyView";
  readonly from: View;
  readonly to: View;
}
/** A trigger only the desired schema has. */
export interface AddTrigger {
  readonly kind: "AddTrigger";
  readonly trigger: Trigger;
}
/** A trigger only the current schema has. */
export interface DropTrigger {
  readonly kind: "DropTrigger";
  readonly trigger: Trigger;
}
/** Planned as drop + create: SQLite has no ALTER TRIGGER. */
export interface ModifyTrigger {
  readonly kind: "ModifyTrigger";
  readonly from: Trigger;
  readonly to: Trigger;
}
/** A virtual table only the desired schema has. */
export interface AddVirtualTable {
  readonly kind: "AddVirtualTable";
  readonly table: VirtualTable;
}
/** A virtual table only the current schema has. */
export interface DropVirtualTable {
  readonly kind: "DropVirtualTable";
  readonly table: VirtualTable;
}
/** Virtual tables are opaque: a different definition means drop + create (their rows go). */
export interface ModifyVirtualTable {
  readonly kind: "ModifyVirtualTable";
  readonly from: VirtualTable;
  readonly to: VirtualTable;
}

/** One difference between two schemas. */
export type Change =
  | AddTable
  | DropTable
  | RenameTable
  | ModifyTable
  | AddView
  | DropView
  | ModifyView
  | AddTrigger
  | DropTrigger
  | ModifyTrigger
  | AddVirtualTable
  | DropVirtualTable
  | ModifyVirtualTable;


/** The name a change is sorted and grouped by. */
export function changeSubject(change: Change): string {
  switch (change.kind) {
    case "AddTable":
    case "DropTable":
    case "AddVirtualTable":
    case "DropVirtualTable":
      return change.table.name;
    case "RenameTable":
      return change.to;
    case "ModifyTable":
      return change.table;
    case "AddView":
    case "DropView":
      return change.view.name;
    case "AddTrigger":
    case "DropTrigger":
      return change.trigger.name;
    case "ModifyView":
    case "ModifyTrigger":
    case "ModifyVirtualTable":
      return change.to.name;
    default:
      return assertNever(change);
  }
}

export { assertNever };
