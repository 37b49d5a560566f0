// `firebreak validate FILE|DIR...`: checks playbooks with the same validator as the app and prints
// every problem as file:line: message, the way compilers do, so editors can jump to it.
import { relative, isAbsolute } from 'node:path';
import { validatePaths, type FileReport } from '../../core/playbooks/validate-dir';
import { parseOptions, UsageError, type CliCommand } from '../command';

const help = `Usage: firebreak validate [--json] [--imported] FILE|DIR...

Checks Firebreak playbooks (format firebreak-playbook/1) and prints each problem as
  file:line: message
and each warning as
  file:line: warning: message
followed by a summary line. Folders are searched recursively for .md files
(README.md, CHANGELOG.md, CONTRIBUTING.md and LICENSE.md are skipped).

Options:
  --json       print one JSON document instead of text
  --imported   check as the app's import does (a step without references is a
               warning, the file name is not checked); the default is the stricter
               check applied to the playbooks bundled with Firebreak
  -h, --help   show this help

Exit status: 0 no errors (warnings allowed), 1 at least one error, 2 usage error.

Example:
  npx firebreak validate playbooks/
`;

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check playbook files or folders and report every problem with its line',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      json: { type: 'boolean' },
      imported: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('name at least one playbook file or folder, for example: firebreak validate playbooks/');
    const { files } = await validatePaths(positionals, { source: values.imported ? 'imported' : 'bundled' });
    if (files.length === 0) throw new UsageError(`found no playbook (.md) file in ${positionals.join(', ')}`);

    const display = (file: string) => (isAbsolute(file) && !relative(io.cwd, file).startsWith('..') ? relative(io.cwd, file) : file);
    const errorCount = files.reduce((n, f) => n + f.problems.length, 0);
    const warningCount = files.reduce((n, f) => n + f.warnings.length, 0);

    if (values.json) {
      const out = {
        ok: errorCount === 0,
        errorCount,
        warningCount,
        files: files.map((f) => ({ file: display(f.file), problems: f.problems.map((p) => ({ ...p, file: display(p.file) })), warnings: f.warnings.map((p) => ({ ...p, file: display(p.file) })) })),
      };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      io.stdout(formatText(files, display));
      io.stdout(`${summaryLine(files.length, errorCount, warningCount, files)}\n`);
    }
    return errorCount === 0 ? 0 : 1;
  },
};

function formatText(files: FileReport[], display: (file: string) => string): string {
  let out = '';
  for (const f of files) {
    const lines = [
      ...f.problems.map((p) => ({ line: p.line, text: `${display(p.file)}:${p.line}: ${p.message}` })),
      ...f.warnings.map((p) => ({ line: p.line, text: `${display(p.file)}:${p.line}: warning: ${p.message}` })),
    ].sort((a, b) => a.line - b.line);
    for (const l of lines) out += `${l.text}\n`;
  }
  return out;
}

function summaryLine(fileCount: number, errors: number, warnings: number, files: FileReport[]): string {
  const checked = `${fileCount} ${fileCount === 1 ? 'playbook' : 'playbooks'} checked`;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (errors === 0 && warnings === 0) return `${checked}: no problems.`;
  const failing = files.filter((f) => f.problems.length > 0).length;
  const parts = [errors > 0 ? `${plural(errors, 'error')} in ${plural(failing, 'file')}` : 'no errors', ...(warnings > 0 ? [plural(warnings, 'warning')] : [])];
  return `${checked}: ${parts.join(', ')}.`;
}
