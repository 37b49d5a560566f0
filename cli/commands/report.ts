// `firebreak report CASE_DIR --format pdf|html|md|json --out FILE`: the case's report, from the same
// model as the app's. Read-only: the case is not changed (no report version is recorded).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildReport, renderReport, REPORT_FORMATS, type ReportFormat } from '../../core/report/index';
import pkg from '../../package.json' with { type: 'json' };
import { parseOptions, UsageError, type CliCommand } from '../command';
import { readCaseFolder } from './case-input';

const help = `Usage: firebreak report CASE_DIR --format pdf|html|md|json --out FILE [--paper a4|letter]

Writes the incident report of one case (all 13 sections, in the case's language).
  pdf    printed by Chromium: FIREBREAK_CHROMIUM, else /usr/bin/chromium (or chromium-browser,
         google-chrome), else Playwright's own browser when installed
  html   one self-contained file (no external resource)
  md     Markdown
  json   the report model (schema: core/report/report.schema.json)
Every format carries the report's own SHA-256 (see firebreak verify).

Options:
  --format FORMAT        pdf, html, md or json (required)
  --out FILE             where to write the report (required)
  --paper a4|letter      PDF page size (default a4)
  --language en|fr       write the labels in this language instead of the case's
  --playbooks DIR        read playbooks from DIR/<language>/ instead of the bundled ones
  -h, --help             show this help

Example:
  npx firebreak report ./demo/cases/<id> --format pdf --out rapport.pdf
`;

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'write the report of a case as PDF, HTML, Markdown or JSON',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      format: { type: 'string' },
      out: { type: 'string' },
      paper: { type: 'string' },
      language: { type: 'string' },
      playbooks: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError('name one case folder');
    const format = values.format as ReportFormat | undefined;
    if (!format || !REPORT_FORMATS.includes(format)) throw new UsageError('--format is pdf, html, md or json');
    if (!values.out) throw new UsageError('say where to write the report with --out FILE');
    const paper = (values.paper ?? 'a4').toLowerCase();
    if (paper !== 'a4' && paper !== 'letter') throw new UsageError('--paper is a4 or letter');
    if (values.language !== undefined && values.language !== 'en' && values.language !== 'fr') throw new UsageError('--language is en or fr');
    const { doc, playbooks } = await readCaseFolder(path.resolve(io.cwd, positionals[0] as string), values.playbooks && path.resolve(io.cwd, values.playbooks));
    const model = buildReport({ case: doc, playbooks, appVersion: pkg.version, generatedAt: new Date().toISOString(), ...(values.language ? { language: values.language as 'en' | 'fr' } : {}) });
    const bytes = await renderReport(model, format, { paper: paper === 'letter' ? 'Letter' : 'A4' });
    const out = path.resolve(io.cwd, values.out);
    await writeFile(out, bytes);
    io.stdout(`Report version ${model.cover.reportVersion} written to ${out} (report SHA-256 ${model.integrity.sha256}).\n`);
    return 0;
  },
};
