/**
 * The shape of a CLI command: each lives in its own module under cli/commands/ and is listed
 * in cli/commands/index.ts.
 */

/** Where a command writes; a parameter so tests can capture it. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

/** One `protokol <name> ...` command. */
export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}
