/** The end of every exhaustive switch: a new case that nobody handles fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
