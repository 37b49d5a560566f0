// `firebreak bundle CASE_DIR --out FILE.zip`: the report in every format, the case file, the
// evidence and a manifest of SHA-256 hashes; reopened and verified before success is reported.
import path from 'node:path';
import { writeBundle } from '../../core/bundle/write';
import { buildReport, renderReport, type ReportFormat } from '../../core/report/index';
import pkg from '../../package.json' with { type: 'json' };
import { parseOptions, UsageError, type CliCommand } from '../command';
import { readCaseFolder } from './case-input';

const help = `Usage: firebreak bundle CASE_DIR --out FILE.zip [--paper a4|letter] [--no-pdf]

Writes a case bundle: report.pdf (when a Chromium is found), report.html, report.md,
report.json, case.json, every evidence file, and manifest.json with the path, size and
SHA-256 of every file. The zip is opened again and every hash verified before this
command reports success. Check a bundle later with firebreak verify.

Options:
  --out FILE.zip       where to write the bundle (required)
  --paper a4|letter    PDF page size (default a4)
  --no-pdf             leave the PDF out (no Chromium needed)
  --playbooks DIR      read playbooks from DIR/<language>/ instead of the bundled ones
  -h, --help           show this help
`;

export const bundleCommand: CliCommand = {
  name: 'bundle',
  summary: 'write a verified case bundle (report, evidence, manifest with hashes)',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { out: { type: 'string' }, paper: { type: 'string' }, 'no-pdf': { type: 'boolean' }, playbooks: { type: 'string' } });
    if (positionals.length !== 1) throw new UsageError('name one case folder');
    if (!values.out) throw new UsageError('say where to write the bundle with --out FILE.zip');
    const paper = (values.paper ?? 'a4').toLowerCase();
    if (paper !== 'a4' && paper !== 'letter') throw new UsageError('--paper is a4 or letter');
    const folder = path.resolve(io.cwd, positionals[0] as string);
    const { doc, playbooks } = await readCaseFolder(folder, values.playbooks && path.resolve(io.cwd, values.playbooks));
    const model = buildReport({ case: doc, playbooks, appVersion: pkg.version, generatedAt: new Date().toISOString() });
    const reports: Partial<Record<ReportFormat, Uint8Array>> = {};
    for (const format of ['html', 'md', 'json'] as const) reports[format] = await renderReport(model, format);
    if (!values['no-pdf']) reports.pdf = await renderReport(model, 'pdf', { paper: paper === 'letter' ? 'Letter' : 'A4' });
    const written = await writeBundle({
      caseFolder: folder,
      reports,
      reportVersion: model.cover.reportVersion,
      reportSha256: model.integrity.sha256,
      appVersion: pkg.version,
      createdAt: new Date().toISOString(),
      out: path.resolve(io.cwd, values.out),
    });
    io.stdout(`Bundle written and verified: ${written.file} (${written.manifest.files.length} files, report version ${model.cover.reportVersion}).\n`);
    return 0;
  },
};
