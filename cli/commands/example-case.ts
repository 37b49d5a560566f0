// `firebreak example-case DIR`: writes the worked example case (a French haulier whose Cleo server
// was hit in December 2024) through the same core the app uses.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeExampleCase } from '../../core/example-case/write';
import { parseOptions, UsageError, type CliCommand } from '../command';

const help = `Usage: firebreak example-case DIR [--language fr|en]

Writes a fully worked example case into DIR/cases/<case id>/: a small French business
(invented) whose Cleo VLTrader server was hit in December 2024, with steps worked through
in the bundled Cleo playbook, evidence files, findings found and ruled out, notifications
(insurer, police complaint, CNIL), costs and sign-off. DIR may be an empty folder or the
app's data folder (the case then appears in the case list).

Options:
  --language fr|en   the case's language (default fr)
  --playbooks DIR    read playbooks from DIR/<language>/ instead of the bundled ones
  -h, --help         show this help

Prints the case folder, for use with firebreak report and firebreak bundle.

Example:
  npx firebreak example-case ./demo && npx firebreak report ./demo/cases/<id> --format pdf --out demo.pdf
`;

export const bundledPlaybooksDir = () => fileURLToPath(new URL('../../playbooks/', import.meta.url));

export const exampleCaseCommand: CliCommand = {
  name: 'example-case',
  summary: 'write a realistic, fully worked example case (Cleo, December 2024)',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { language: { type: 'string' }, playbooks: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('name one folder to write the example case into');
    const language = values.language ?? 'fr';
    if (language !== 'fr' && language !== 'en') throw new UsageError('--language is fr or en');
    const dir = path.resolve(io.cwd, positionals[0] as string);
    const result = await writeExampleCase(dir, { playbooksDir: values.playbooks ? path.resolve(io.cwd, values.playbooks) : bundledPlaybooksDir(), language });
    io.stdout(`Example case written: ${result.caseFolder}\n`);
    return 0;
  },
};
