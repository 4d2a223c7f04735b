/**
 * The driver the CLI tests run on: CI runs the suite once per driver (issue 8) by setting
 * SCHEMADIFF_DRIVER, which the CLI reads as its default engine.
 */
export function driverEnv(): Record<string, string> {
  const driver = process.env.SCHEMADIFF_DRIVER;
  return driver ? { SCHEMADIFF_DRIVER: driver } : {};
}
