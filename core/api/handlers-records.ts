// Handlers for evidence, findings, records, notifications, costs, sign-off, the report and bundles.
// Merged into createHandlers (handlers.ts). File and folder choices are made by the main process
// (dialogs injected as deps), never sent by the renderer; PDF printing is injected too, so the
// Electron side uses webContents.printToPDF and tests use Chromium through playwright-core.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { importBundle } from '../bundle/read';
import { writeBundle } from '../bundle/write';
import * as rec from '../cases/records-mutations';
import type { CaseStore, OpenedCase } from '../cases/store';
import type { CaseDocument } from '../cases/types';
import { addEvidenceFile, addEvidenceText } from '../evidence/service';
import type { Playbook } from '../playbooks/types';
import { buildReport, reportDigest, renderReport, type PdfPrinter, type ReportFormat, type ReportModel } from '../report/index';
import { fail, type CaseView, type Handlers } from './contract';
import type { recordInputs } from './contract-records';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** What the record handlers need from the main process. */
export interface RecordHandlerDeps {
  appVersion: string;
  /** Open dialog for evidence; resolves to [] when the person cancels. */
  chooseFiles?: (options: { title: string }) => Promise<string[]>;
  /** Save dialog; resolves to undefined when the person cancels. */
  chooseSavePath?: (options: { title: string; defaultName: string; filters: FileFilter[] }) => Promise<string | undefined>;
  /** Open dialog for one file (bundle import); undefined when cancelled. */
  chooseOpenPath?: (options: { title: string; filters: FileFilter[] }) => Promise<string | undefined>;
  /** HTML → PDF. Electron: webContents.printToPDF; elsewhere Chromium through playwright-core. */
  printPdf?: PdfPrinter;
  now?: () => Date;
}

interface Context {
  deps: RecordHandlerDeps;
  store: CaseStore;
  viewOf: (opened: OpenedCase) => Promise<CaseView>;
  playbooksOf: (doc: CaseDocument) => Promise<Playbook[]>;
  log: (message: string) => void;
}

const unavailable = (what: string): never => fail('INTERNAL', `${what} is not available in this copy of Firebreak.`, 'Restart Firebreak; if it persists, report it.');

const EXTENSIONS: Record<ReportFormat, FileFilter> = {
  pdf: { name: 'PDF', extensions: ['pdf'] },
  html: { name: 'HTML', extensions: ['html'] },
  md: { name: 'Markdown', extensions: ['md'] },
  json: { name: 'JSON', extensions: ['json'] },
};

const safeStem = (doc: CaseDocument) => doc.organisation.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'case';

export function createRecordHandlers(ctx: Context): Pick<Handlers, keyof typeof recordInputs> {
  const { store, viewOf, deps } = ctx;
  const now = deps.now ?? (() => new Date());
  const mutate = async (caseId: string, mutation: rec.RecordMutation) => viewOf(await store.mutate(caseId, mutation));

  async function currentReport(caseId: string): Promise<{ doc: CaseDocument; model: ReportModel }> {
    const { doc } = await store.open(caseId);
    const model = buildReport({ case: doc, playbooks: await ctx.playbooksOf(doc), appVersion: deps.appVersion, generatedAt: now().toISOString() });
    return { doc, model };
  }

  /** A new version is recorded once, the first time it is issued; printing it again changes nothing. */
  async function recordVersion(caseId: string, model: ReportModel, files: { format: ReportFormat; sha256: string }[]): Promise<void> {
    await store.mutate(caseId, (doc, mctx) => {
      const last = doc.records.reportVersions.at(-1);
      if (last && last.version >= model.cover.reportVersion) return doc;
      return rec.recordReportVersion({ version: model.cover.reportVersion, reportSha256: model.integrity.sha256, files, digest: reportDigest(model), changes: model.annexes.changes })(doc, mctx);
    });
  }

  return {
    'evidence.addFile': async ({ caseId, step, title, sourceHost }) => {
      const choose = deps.chooseFiles ?? unavailable('Choosing files');
      const files = await choose({ title: 'Add evidence' });
      let opened: OpenedCase | undefined;
      for (const file of files) opened = await addEvidenceFile(store, caseId, file, { ...(step ? { step } : {}), ...(title && files.length === 1 ? { title } : {}), ...(sourceHost ? { sourceHost } : {}) });
      return viewOf(opened ?? (await store.open(caseId)));
    },
    'evidence.addText': async ({ caseId, step, title, content, sourceHost }) =>
      viewOf(await addEvidenceText(store, caseId, title, content, { ...(step ? { step } : {}), ...(sourceHost ? { sourceHost } : {}) })),
    'evidence.remove': ({ caseId, evidenceId, reason }) => mutate(caseId, rec.removeEvidence(evidenceId, reason)),
    'findings.add': ({ caseId, finding }) => mutate(caseId, rec.recordFinding(finding as rec.FindingInput)),
    'findings.update': ({ caseId, findingId, changes }) => mutate(caseId, rec.updateFinding(findingId, changes)),
    'findings.reopen': ({ caseId, findingId, reason }) => mutate(caseId, rec.reopenFinding(findingId, reason)),
    'records.addPatch': ({ caseId, patch }) => mutate(caseId, rec.addPatch(patch)),
    'records.addFirewallChange': ({ caseId, change }) => mutate(caseId, rec.addFirewallChange(change)),
    'records.addCredentialReset': ({ caseId, reset }) => mutate(caseId, rec.addCredentialReset(reset)),
    'records.addAttackerEvent': ({ caseId, event }) => mutate(caseId, rec.addAttackerEvent(event)),
    'records.setInsurance': ({ caseId, insurance }) => mutate(caseId, rec.setInsurance(insurance)),
    'records.setPersonalData': ({ caseId, personalData }) => mutate(caseId, rec.setPersonalData(personalData)),
    'records.setDetails': ({ caseId, details }) => mutate(caseId, rec.setReportDetails(details)),
    'notifications.set': ({ caseId, notification }) => mutate(caseId, rec.setNotification(notification)),
    'notifications.remove': ({ caseId, notificationId, reason }) => mutate(caseId, rec.removeNotification(notificationId, reason)),
    'dates.set': ({ caseId, dates }) => mutate(caseId, rec.setKeyDates(dates)),
    'costs.add': ({ caseId, cost }) => mutate(caseId, rec.addCost(cost)),
    'costs.remove': ({ caseId, costId, reason }) => mutate(caseId, rec.removeCost(costId, reason)),
    'signoff.set': ({ caseId, signOff }) => mutate(caseId, rec.setSignOff(signOff)),

    'report.export': async ({ caseId, format, paper }) => {
      const { doc, model } = await currentReport(caseId);
      const choose = deps.chooseSavePath ?? unavailable('Saving files');
      const file = await choose({ title: 'Save the report', defaultName: `rapport-${safeStem(doc)}-v${model.cover.reportVersion}.${format}`, filters: [EXTENSIONS[format]] });
      const base = { format, version: model.cover.reportVersion, reportSha256: model.integrity.sha256 };
      if (!file) return { saved: false, ...base };
      const bytes = await renderReport(model, format, { paper: paper === 'letter' ? 'Letter' : 'A4', ...(deps.printPdf ? { printPdf: deps.printPdf } : {}) });
      try {
        await writeFile(file, bytes);
      } catch (error) {
        ctx.log(`Writing the report failed: ${(error as Error).message}`);
        return fail('STORAGE_FAILED', `The report could not be written to ${file}.`, 'Pick a folder you may write to, and check that the disk is not full.');
      }
      const fileSha256 = createHash('sha256').update(bytes).digest('hex');
      await recordVersion(caseId, model, [{ format, sha256: fileSha256 }]);
      return { saved: true, file, fileSha256, ...base };
    },

    'bundle.export': async ({ caseId, paper }) => {
      const { doc, model } = await currentReport(caseId);
      const choose = deps.chooseSavePath ?? unavailable('Saving files');
      const file = await choose({ title: 'Save the case bundle', defaultName: `dossier-${safeStem(doc)}-v${model.cover.reportVersion}.zip`, filters: [{ name: 'Zip', extensions: ['zip'] }] });
      if (!file) return { saved: false, files: 0, pdf: false };
      const reports: Partial<Record<ReportFormat, Uint8Array>> = {};
      for (const format of ['html', 'md', 'json'] as const) reports[format] = await renderReport(model, format);
      try {
        reports.pdf = await renderReport(model, 'pdf', { paper: paper === 'letter' ? 'Letter' : 'A4', ...(deps.printPdf ? { printPdf: deps.printPdf } : {}) });
      } catch (error) {
        ctx.log(`The bundle is written without PDF: ${(error as Error).message}`);
      }
      const written = await writeBundle({
        caseFolder: store.folderOf(caseId),
        reports,
        reportVersion: model.cover.reportVersion,
        reportSha256: model.integrity.sha256,
        appVersion: deps.appVersion,
        createdAt: now().toISOString(),
        out: file,
      });
      const sha = (format: ReportFormat) => createHash('sha256').update(reports[format] as Uint8Array).digest('hex');
      await recordVersion(caseId, model, (Object.keys(reports) as ReportFormat[]).map((format) => ({ format, sha256: sha(format) })));
      return { saved: true, file: written.file, version: model.cover.reportVersion, files: written.manifest.files.length, pdf: reports.pdf !== undefined };
    },

    'bundle.import': async () => {
      const choose = deps.chooseOpenPath ?? unavailable('Opening files');
      const file = await choose({ title: 'Import a case bundle', filters: [{ name: 'Zip', extensions: ['zip'] }] });
      if (!file) return { imported: false };
      const result = await importBundle(file, store.casesDir);
      store.forget(result.caseId);
      return { imported: true, caseId: result.caseId };
    },
  };
}
