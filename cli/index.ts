// `firebreak`: the command-line entry (bundled by `npm run build:cli` to out/cli/firebreak.mjs).
// It dispatches to one command per file in cli/commands/, prints one clear sentence on any error
// and exits 0 (success), 1 (problems found or the work failed) or 2 (usage error).
import { AppFailure } from '../core/api/failure';
import { commands } from './commands/index';
import { UsageError, type CliCommand, type CliIO, type CommandEntry } from './command';
import pkg from '../package.json' with { type: 'json' };
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Commands as listed (loaded when used) or already loaded (tests pass those). */
type Listed = CliCommand | CommandEntry;
const loaded = (entry: Listed): Promise<CliCommand> => ('load' in entry ? entry.load() : Promise.resolve(entry));

export function toolHelp(list: readonly Listed[] = commands): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return `Usage: firebreak <command> [options]

Firebreak's incident-response core without the window: check playbooks, hunt, report, bundle.

Commands:
${list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  -h, --help     show this help (or: firebreak <command> --help)
  -v, --version  print the version

Exit status: 0 success, 1 problems found or failure, 2 usage error.
`;
}

export async function main(argv: string[], io: CliIO, list: readonly Listed[] = commands): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    const topic = name === 'help' ? list.find((c) => c.name === rest[0]) : undefined;
    io.stdout(topic ? (await loaded(topic)).help : toolHelp(list));
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  const entry = list.find((c) => c.name === name);
  if (!entry) {
    const known = list.map((c) => c.name).join(', ');
    io.stderr(`firebreak: unknown command "${name}" (known commands: ${known}); run firebreak --help for usage.\n`);
    return 2;
  }
  const command = await loaded(entry);
  if (rest.includes('-h') || rest.includes('--help')) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`firebreak ${command.name}: ${error.message}; run firebreak ${command.name} --help for usage.\n`);
      return 2;
    }
    if (error instanceof AppFailure) {
      io.stderr(`firebreak ${command.name}: ${error.error.message}${error.error.hint ? ` ${error.error.hint}` : ''}\n`);
      for (const p of error.error.problems ?? []) io.stderr(`${p.file}:${p.line}: ${p.message}\n`);
      return 1;
    }
    io.stderr(`firebreak ${command.name}: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    return 1;
  }
}

/** Runs the tool on this process's arguments and sets the exit code (used by bin/firebreak.mjs). */
export async function runCli(argv: string[] = process.argv.slice(2)): Promise<void> {
  const io: CliIO = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
  };
  try {
    process.exitCode = await main(argv, io);
  } catch (error) {
    process.stderr.write(`firebreak: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 1;
  }
}

/** True when this bundle is run directly (node out/cli/firebreak.mjs) rather than imported. */
function isMainModule(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMainModule()) void runCli();
