/** What every `django-kit` subcommand is given: its arguments and the streams to write to. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The whole of standard input, read on demand (for arguments given as `-`). */
  readonly readStdin: () => Promise<string>;
  readonly cwd: string;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Resolves to the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Thrown for wrong arguments: the CLI prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {}
