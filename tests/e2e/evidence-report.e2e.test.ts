// Evidence, records, deadlines and the report, in the page against the real handlers: the evidence
// gate refuses "done" and leads to the attach dialog; a file and pasted text are attached; a finding,
// a patch, the key dates, a police complaint and a cost are recorded; the clocks count; the report is
// signed off and exported to HTML and PDF (read back with pdftotext); the bundle is exported and
// imported into a fresh data folder. The native dialogs are stubbed with paths the test chooses.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BundleImportResult, CaseView } from '../../core/api/contract';
import type { CaseDocument, CaseSummary } from '../../core/cases/types';
import { toLocalInput } from '../../renderer/src/features/records/time';
import { launchApp, type App} from './harness';
import { checkErrorsAndCloseAfterwards } from './app-hooks';

const TITLE = 'Web server compromise';
const ORGANISATION = 'Boulangerie Martin';
const ZONE = 'Europe/Paris';

let app: App;
let work: string;
let caseId: string;
let evidenceFile: string;
let evidenceSha: string;
/** What the stubbed dialogs return next. */
let nextFiles: string[] = [];
let nextSave: string | undefined;

const readCase = async (): Promise<CaseDocument> => JSON.parse(await readFile(path.join(app.dataDir, 'cases', caseId, 'case.json'), 'utf8')) as CaseDocument;
const tab = (page: Page, name: string | RegExp) => page.getByRole('tab', { name });
const panel = (page: Page, id: string) => page.locator(`#panel-${id}`);
const HOUR = 3_600_000;
const local = (msAgo: number) => toLocalInput(new Date(Date.now() - msAgo).toISOString(), ZONE);

async function openCase(page: Page): Promise<void> {
  await page.getByRole('button', { name: TITLE }).click();
  await page.locator('#step-title').waitFor();
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'firebreak-e2e-evidence-'));
  evidenceFile = path.join(work, 'version-screen.txt');
  const content = 'Example WebApp\nVersion 2.3.0 (build 2301)\n';
  await writeFile(evidenceFile, content);
  evidenceSha = createHash('sha256').update(content).digest('hex');
  app = await launchApp({ chooseFiles: async () => nextFiles, chooseSavePath: async () => nextSave });
  await app.invoke('settings.update', { operator: 'Alice Admin' });
  const view = await app.invoke<CaseView>('cases.create', {
    organisation: ORGANISATION,
    title: TITLE,
    contact: { name: 'Marie Martin', email: '', phone: '' },
    language: 'en',
    operator: 'Alice Admin',
    servers: [{ name: 'web01', product: 'Example WebApp', version: '2.3.0' }],
  });
  caseId = view.case.id;
  await app.invoke('cases.attachPlaybook', { caseId, serverId: view.case.servers[0]!.id, playbookId: 'sample-webapp' });
  await app.reload();
  await openCase(app.page);
});
checkErrorsAndCloseAfterwards(() => app, () => rm(work, { recursive: true, force: true }));

describe('evidence and the evidence gate', () => {
  it('refuses "done" without evidence and offers to attach it to the step', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('#step-title').textContent()).toBe('Read the installed version');
    await page.getByText('This step needs evidence before it can be marked done.').waitFor();
    const done = page.getByRole('group', { name: 'State of this step' }).getByRole('button', { name: /Done/ });
    await done.click();
    const notice = page.getByRole('alert').filter({ hasText: 'needs evidence before it can be marked done' });
    await notice.waitFor();
    expect(await done.getAttribute('aria-pressed')).toBe('false');

    nextFiles = [evidenceFile];
    await notice.getByRole('button', { name: 'Attach evidence to this step' }).click();
    const dialog = page.getByRole('dialog', { name: /Attach evidence to “web01 · Read the installed version”/ });
    await dialog.getByLabel('Title').fill('Version screen');
    await dialog.getByRole('button', { name: 'Choose file…' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Pasted text, from the step detail this time.
    await page.getByRole('region', { name: /Evidence/ }).getByRole('button', { name: 'Attach evidence…' }).click();
    const again = page.getByRole('dialog');
    await again.getByLabel('Title').fill('version.txt output');
    await again.getByLabel(/Or paste text/).fill('PS C:\\> Get-Content version.txt\n2.3.0');
    await again.getByRole('button', { name: 'Save pasted text' }).click();
    await again.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.step-evidence-list li').count()).toBe(2);

    await done.click();
    await expect.poll(() => done.getAttribute('aria-pressed')).toBe('true');
    const doc = await readCase();
    expect(doc.records.evidence.map((e) => e.title)).toEqual(['Version screen', 'version.txt output']);
    expect(doc.records.evidence[0]!.sha256).toBe(evidenceSha);
    expect(Object.values(doc.steps).find((s) => s.state === 'done')).toBeDefined();
  });

  it('lists the evidence with its SHA-256, and withdraws it with a reason without hiding it', async () => {
    const { page } = app;
    await tab(page, /^Evidence/).click();
    const table = page.getByRole('table', { name: 'Evidence' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const first = table.locator('tbody tr').first();
    expect(await first.textContent()).toContain(evidenceSha);
    expect(await first.textContent()).toContain('Alice Admin');
    expect(await first.textContent()).toContain(evidenceFile);
    expect(await first.textContent()).toContain('UTC');

    await page.getByRole('button', { name: 'Withdraw version.txt output' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('button', { name: 'Withdraw', exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel('Why is it withdrawn?').fill('Duplicate of the version screen.');
    await dialog.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const second = table.locator('tbody tr').nth(1);
    await expect.poll(() => second.getAttribute('class')).toBe('removed');
    expect(await second.textContent()).toContain('Duplicate of the version screen.');
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect((await readCase()).records.evidence[1]!.removed?.reason).toBe('Duplicate of the version screen.');
  });
});

describe('findings, records, deadlines and costs', () => {
  it('records a finding as a hypothesis', async () => {
    const { page } = app;
    await tab(page, /^Findings/).click();
    await page.getByRole('button', { name: 'Add a finding' }).click();
    const form = page.getByRole('form', { name: 'Add a finding' });
    await form.getByLabel('Title', { exact: true }).fill('Unknown JSP file in webroot');
    await form.getByLabel(/^Indicator/).fill('webroot/help.jsp');
    await form.getByLabel('Host', { exact: true }).fill('web01');
    await form.getByLabel('File', { exact: true }).fill('C:\\WebApp\\webroot\\help.jsp');
    await form.getByLabel('Certainty').selectOption('hypothesis');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.waitFor({ state: 'detached' });
    const found = page.locator('#panel-findings .finding-found');
    await expect.poll(() => found.count()).toBe(1);
    expect(await found.textContent()).toContain('Hypothesis');
    expect(await found.textContent()).toContain('C:\\WebApp\\webroot\\help.jsp');
    expect((await readCase()).records.findings[0]).toMatchObject({ status: 'found', certainty: 'hypothesis', where: { host: 'web01' } });
  });

  it('records a patch with the versions before and after', async () => {
    const { page } = app;
    await tab(page, 'Records').click();
    await page.getByRole('button', { name: 'Record a patch' }).click();
    const form = page.getByRole('form', { name: 'Record a patch' });
    expect(await form.getByLabel('Version before').inputValue()).toBe('2.3.0');
    await form.getByLabel('Version after').fill('2.4.1');
    await form.getByLabel('Update installed').fill('WebApp 2.4.1 security update');
    await form.getByRole('button', { name: 'Save' }).click();
    const table = page.getByRole('table', { name: 'Patches' });
    await table.waitFor();
    expect(await table.textContent()).toContain('2.3.0 → 2.4.1');
    expect((await readCase()).records.patches[0]).toMatchObject({ versionBefore: '2.3.0', versionAfter: '2.4.1', update: 'WebApp 2.4.1 security update' });
  });

  it('records the key dates in the case zone, and the clocks count from discovery', async () => {
    const { page } = app;
    await tab(page, /^Deadlines/).click();
    await page.getByLabel('Case time zone').selectOption(ZONE);
    await expect.poll(async () => (await readCase()).records.settings.timeZone).toBe(ZONE);
    const discovery = local(65 * HOUR);
    await panel(page, 'deadlines').getByLabel(/^Discovery/).fill(discovery);
    await panel(page, 'deadlines').getByLabel(/^First attacker activity/).fill(local(90 * HOUR));
    await page.getByRole('button', { name: 'Save the dates' }).click();
    await expect.poll(async () => (await readCase()).records.keyDates.discovery).toBeDefined();
    const stored = (await readCase()).records.keyDates.discovery!;
    // Typed in Paris time, stored in UTC: reading it back in Paris gives what was typed.
    expect(stored.endsWith('Z')).toBe(true);
    expect(toLocalInput(stored, ZONE)).toBe(discovery);

    // An English case does not assume French insurance: the police condition is switched on here.
    const police = page.getByRole('group', { name: 'Police complaint' });
    expect(await police.textContent()).toContain('Not required');
    await page.getByLabel(/The French police-complaint condition applies/).click();
    await expect.poll(() => police.textContent()).toMatch(/Due soon.*Due in 6 h|Due soon.*Due in 7 h/);
    const banner = page.getByRole('status', { name: 'Deadlines due soon or overdue' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Police complaint');
  });

  it('records the police complaint with its office, reference and receipt', async () => {
    const { page } = app;
    const form = page.getByRole('form', { name: 'Police complaint' });
    await form.getByLabel(/^Complaint filed at/).fill(local(2 * HOUR));
    await form.getByLabel('Police or gendarmerie office').fill('Commissariat de Lyon 3e');
    await form.getByLabel('Complaint reference').fill('PV 2026/004512');
    await form.getByLabel('Receipt (evidence)').selectOption({ label: `Version screen (${evidenceSha.slice(0, 12)}…)` });
    await form.getByRole('button', { name: 'Save' }).click();
    const police = page.getByRole('group', { name: 'Police complaint' });
    await expect.poll(() => police.textContent()).toContain('Done');
    expect(await police.textContent()).toContain('PV 2026/004512');
    // The data-protection clock still runs, so the banner stays, without the police.
    const banner = page.getByRole('status', { name: 'Deadlines due soon or overdue' });
    await expect.poll(() => banner.textContent()).not.toContain('Police complaint');
    const notice = (await readCase()).records.notifications.find((n) => n.kind === 'police');
    expect(notice).toMatchObject({ office: 'Commissariat de Lyon 3e', reference: 'PV 2026/004512' });
    expect(notice?.evidenceIds).toHaveLength(1);
  });

  it('adds a cost and sums it by kind and currency', async () => {
    const { page } = app;
    await tab(page, /^Costs/).click();
    await page.getByText("These are the insured's own figures", { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Add a cost' }).click();
    const form = page.getByRole('form', { name: 'Add a cost' });
    await form.getByLabel('Kind').selectOption('invoice');
    await form.getByLabel('Amount').fill('1200');
    await form.getByLabel('Description').fill('Incident response, day 1');
    await form.getByRole('button', { name: 'Save' }).click();
    const totals = page.getByRole('table', { name: 'Totals by kind and currency' });
    await totals.waitFor();
    expect(await totals.textContent()).toMatch(/Total EUR.*€1,200\.00/);
  });
});

describe('sign-off, export and bundle', () => {
  it('signs off the report', async () => {
    const { page } = app;
    await tab(page, 'Report').click();
    const form = page.getByRole('form', { name: 'Sign-off' });
    expect(await form.getByLabel('Performed by').inputValue()).toBe('Alice Admin');
    await form.getByLabel('Reviewed by').fill('Bruno Reviewer');
    await form.getByRole('button', { name: 'Sign off' }).click();
    await expect.poll(async () => (await readCase()).records.signOff?.reviewedBy).toBe('Bruno Reviewer');
    await page.getByText('Signed by Alice Admin · reviewed by Bruno Reviewer').waitFor();
  });

  it('exports the report to HTML, then PDF, with its version and hash', async () => {
    const { page } = app;
    const exportCard = page.locator('#report-export');
    await exportCard.getByLabel('HTML').check();
    nextSave = path.join(work, 'report.html');
    await exportCard.getByRole('button', { name: 'Export…' }).click();
    const result = exportCard.getByRole('definition').first();
    await result.waitFor();
    await expect.poll(() => exportCard.locator('.export-result').textContent()).toContain(nextSave);
    const html = await readFile(nextSave, 'utf8');
    expect(html).toContain(ORGANISATION);
    expect(html).toContain(evidenceSha);
    const doc = await readCase();
    expect(doc.records.reportVersions).toHaveLength(1);
    expect(await exportCard.locator('.export-result').textContent()).toContain(doc.records.reportVersions[0]!.reportSha256);
    await page.getByRole('table', { name: 'Report versions' }).waitFor();

    await exportCard.getByLabel('PDF').check();
    await exportCard.getByLabel('Letter').check();
    nextSave = path.join(work, 'report.pdf');
    await exportCard.getByRole('button', { name: 'Export…' }).click();
    await expect.poll(() => exportCard.locator('.export-result').textContent(), { timeout: 60_000 }).toContain(nextSave);
    expect((await stat(nextSave)).size).toBeGreaterThan(1_000);
    const { stdout } = await promisify(execFile)('pdftotext', ['-layout', nextSave, '-']);
    const flat = stdout.replace(/\s+/g, '');
    expect(stdout).toContain(ORGANISATION);
    expect(flat).toContain(evidenceSha);
    expect(flat).toContain('AliceAdmin');
    expect(flat).toContain('BrunoReviewer');
  });

  it('exports a bundle, verified, that imports into a fresh data folder', async () => {
    const { page } = app;
    nextSave = path.join(work, 'bundle.zip');
    await page.getByRole('button', { name: 'Export the bundle…' }).click();
    const status = page.locator('#report-bundle').getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('Bundle written and verified');
    expect(await status.textContent()).toContain(nextSave);

    const bundle = nextSave;
    const fresh = await launchApp({ chooseOpenPath: async () => bundle });
    try {
      // imported from the case list of an empty data folder: the new case opens at once
      await fresh.page.getByRole('button', { name: 'Import a case bundle…' }).click();
      await fresh.page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      const list = await fresh.invoke<CaseSummary[]>('cases.list');
      expect(list).toHaveLength(1);
      const view = await fresh.invoke<CaseView>('cases.open', { caseId: list[0]!.id });
      expect(view.case.organisation).toBe(ORGANISATION);
      expect(view.case.records.evidence.map((e) => e.sha256)).toContain(evidenceSha);
      expect(view.case.records.signOff?.reviewedBy).toBe('Bruno Reviewer');
      // a second import of the same bundle is refused with a sentence, and nothing is added
      const again = await fresh.invoke<BundleImportResult>('bundle.import').catch((e: Error) => e);
      expect(String(again)).toContain('already exists here, so the bundle was not imported');
      expect(await fresh.invoke<CaseSummary[]>('cases.list')).toHaveLength(1);
      await fresh.reload();
      await fresh.page.getByRole('button', { name: TITLE }).waitFor();
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('in French, and after a reload', () => {
  it('shows the deadlines tab in French', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('fr');
    await tab(page, /^Délais et déclarations/).click();
    await page.getByRole('heading', { name: 'Dates clés' }).waitFor();
    await page.getByRole('group', { name: 'Dépôt de plainte' }).getByText('Faite', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Enregistrer les dates' }).count()).toBe(1);
    await tab(page, /^Preuves/).click();
    await page.getByRole('table', { name: 'Preuves' }).getByText('Retirée').waitFor();
    await page.getByRole('combobox', { name: 'Langue de l’interface' }).selectOption('en');
    await tab(page, /^Evidence/).waitFor();
  });

  it('finds everything again after a reload', async () => {
    const { page } = app;
    await app.reload();
    await openCase(page);
    await tab(page, /^Evidence/).click();
    await expect.poll(() => page.getByRole('table', { name: 'Evidence' }).locator('tbody tr.removed').count()).toBe(1);
    await tab(page, /^Findings/).click();
    await page.getByText('Unknown JSP file in webroot').waitFor();
    await tab(page, 'Records').click();
    expect(await page.getByRole('table', { name: 'Patches' }).textContent()).toContain('2.3.0 → 2.4.1');
    await tab(page, /^Deadlines/).click();
    expect(await page.getByRole('group', { name: 'Police complaint' }).textContent()).toContain('PV 2026/004512');
    await tab(page, /^Costs/).click();
    expect(await page.getByRole('table', { name: 'Costs' }).textContent()).toContain('Incident response, day 1');
    await tab(page, 'Report').click();
    await page.getByText('Signed by Alice Admin · reviewed by Bruno Reviewer').waitFor();
    expect(await page.getByRole('table', { name: 'Report versions' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
  });
});
