// The shape of one `firebreak` command. Each command lives in its own file under cli/commands/
// and is listed once in cli/commands/index.ts; the dispatcher (cli/index.ts) does the rest:
// `--help`, usage errors (exit 2) and turning core errors into one clear sentence (exit 1).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** One line for `firebreak --help`. */
  summary: string;
  /** The full text of `firebreak <name> --help`. */
  help: string;
  /** Returns the exit code: 0 success, 1 the work found problems or failed, 2 usage error (throw UsageError). */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A command as listed, its code loaded when it is run or its help is asked for (cli/commands/index.ts). */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with errors turned into UsageError sentences. */
export function parseOptions<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new UsageError(message.replace(/^Unknown option '([^']+)'.*$/s, 'unknown option $1'));
  }
}
