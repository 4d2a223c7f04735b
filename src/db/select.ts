/**
 * Driver selection for `--driver auto|native|sqljs` (and `driver:` in schemadiff.config.yaml).
 * `auto` prefers the native driver when better-sqlite3 loads, and otherwise uses sql.js without a
 * word: sql.js is the always-available default, and a machine without a compiler is not an error.
 */
import { fail, ok, type Result } from "../errors.js";
import type { Driver } from "./driver.js";
import { loadNative, type NativeDriver } from "./native.js";
import { loadSqlJs } from "./sqljs.js";

/** What the user may ask for. */
export type DriverChoice = "auto" | "native" | "sqljs";

/** Every accepted `--driver` value, in the order help texts list them. */
export const DRIVER_CHOICES: readonly DriverChoice[] = ["auto", "native", "sqljs"];

/** The loaders selection uses; tests swap them to simulate a missing native module. */
export interface DriverLoaders {
  readonly native: () => Promise<Result<NativeDriver>>;
  readonly sqljs: () => Promise<Driver>;
}

const defaultLoaders: DriverLoaders = { native: () => loadNative(), sqljs: loadSqlJs };

/**
 * The driver for `choice`: `native` fails (USAGE, with the load error) when better-sqlite3 is
 * unavailable; `auto` then falls back to sql.js.
 */
export async function selectDriver(choice: DriverChoice, loaders: DriverLoaders = defaultLoaders): Promise<Result<Driver>> {
  switch (choice) {
    case "sqljs":
      return ok(await loaders.sqljs());
    case "native":
      return loaders.native();
    case "auto": {
      const native = await loaders.native();
      return native.ok ? native : ok(await loaders.sqljs());
    }
    default:
      return assertNever(choice);
  }
}

/** Parses a `--driver` or config value; USAGE naming the accepted values otherwise. */
export function parseDriverChoice(text: string): Result<DriverChoice> {
  const found = DRIVER_CHOICES.find((c) => c === text);
  return found
    ? ok(found)
    : fail({
        code: "USAGE",
        message: `unknown driver "${text}"`,
        hint: `use one of: ${DRIVER_CHOICES.join(", ")}`,
      });
}

/** True when `driver` can open files in place (the native driver). */
export function isNativeDriver(driver: Driver): driver is NativeDriver {
  return driver.name === "native" && typeof (driver as Partial<NativeDriver>).openFile === "function";
}

function assertNever(value: never): never {
  throw new Error(`unexpected driver choice: ${String(value)}`);
}
