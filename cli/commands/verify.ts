// `firebreak verify FILE`: checks a case bundle (every name, size and SHA-256 against its manifest,
// plus the report's own hash) or a report JSON file (its hash).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppFailure } from '../../core/api/contract';
import { verifyBundle } from '../../core/bundle/read';
import { parseReportJson } from '../../core/report/render-json';
import { parseOptions, UsageError, type CliCommand } from '../command';

const help = `Usage: firebreak verify FILE.zip|REPORT.json [--json]

For a case bundle: refuses unsafe names (../, absolute paths, drive letters, backslashes),
links, duplicate names, oversized or over-compressed entries, files not in the manifest
and manifest entries missing; recomputes every file's SHA-256; then checks that
report.json still carries its own hash and that it is the report the manifest names.
For a report JSON file: recomputes the report's SHA-256.

Options:
  --json       print one JSON document
  -h, --help   show this help

Exit status: 0 verified, 1 refused or changed, 2 usage error.
`;

export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'verify a case bundle or a report JSON file (hashes, manifest, safety)',
  help,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('name one bundle (.zip) or report (.json)');
    const file = path.resolve(io.cwd, positionals[0] as string);
    const say = (ok: boolean, text: string, extra: Record<string, unknown> = {}) => {
      if (values.json) io.stdout(`${JSON.stringify({ ok, file, message: text, ...extra }, null, 2)}\n`);
      else (ok ? io.stdout : io.stderr)(`${ok ? '' : 'firebreak verify: '}${text}\n`);
      return ok ? 0 : 1;
    };
    if (file.toLowerCase().endsWith('.json')) {
      const { model, integrity } = parseReportJson(await readFile(file, 'utf8'));
      return integrity.ok
        ? say(true, `Report verified: version ${model.cover.reportVersion}, SHA-256 ${integrity.actual}.`, { reportSha256: integrity.actual })
        : say(false, `The report was changed after it was written: its SHA-256 is ${integrity.actual}, not ${integrity.expected}.`, { expected: integrity.expected, actual: integrity.actual });
    }
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'firebreak-verify-'));
    try {
      return await verifyZip(file, scratch, say);
    } catch (error) {
      if (error instanceof AppFailure) return say(false, error.error.message);
      throw error;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  },
};

async function verifyZip(file: string, scratch: string, say: (ok: boolean, text: string, extra?: Record<string, unknown>) => number): Promise<number> {
  {
      const { manifest } = await verifyBundle(file, { extractTo: scratch, extract: (name) => name === 'report.json' });
      let reportNote = 'no report.json in it';
      const reportText = await readFile(path.join(scratch, 'report.json'), 'utf8').catch(() => undefined);
      if (reportText !== undefined) {
        const { integrity } = parseReportJson(reportText);
        if (!integrity.ok) return say(false, `The bundle's report.json was changed after it was written (its SHA-256 is ${integrity.actual}).`);
        if (integrity.actual !== manifest.reportSha256) return say(false, `The bundle's report.json is not the report its manifest names (${manifest.reportSha256}).`);
        reportNote = `report version ${manifest.reportVersion}, report SHA-256 ${manifest.reportSha256}`;
      }
      return say(true, `Bundle verified: ${manifest.files.length} files match their SHA-256 (case ${manifest.caseId}, ${reportNote}).`, { caseId: manifest.caseId, files: manifest.files.length, reportSha256: manifest.reportSha256 });
  }
}
