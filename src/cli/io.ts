/** The CLI's whole view of the outside world, so `run` can be driven in-process by tests. */
export interface Io {
  /** Writes to standard output (text is written as given; callers add newlines). */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Standard output is a terminal: colour is allowed (unless NO_COLOR) and apply may ask. */
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder relative paths are resolved from. */
  readonly cwd: string;
  /** Asks a question on the terminal and returns the answer; absent when input is not a terminal. */
  prompt?(question: string): Promise<string>;
}
