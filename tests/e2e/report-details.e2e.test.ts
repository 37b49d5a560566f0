// What only a person can tell the report, entered in the page against the real handlers: the root
// cause with one fact and one hypothesis, a server's role and exposure, an open item with its owner,
// an "other" notification (ANSSI), the insurer's warning threshold and a resolved finding. The HTML
// export must print the fact and the hypothesis apart, the exposure and the notification.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseView } from '../../core/api/contract';
import type { CaseDocument } from '../../core/cases/types';
import { toLocalInput } from '../../renderer/src/features/records/time';
import { launchApp, type App } from './harness';
import { checkErrorsAndCloseAfterwards } from './app-hooks';

const TITLE = 'Cleo Harmony compromise';
const ZONE = 'Europe/Paris';
const FACT = 'The autorun file healthchecktemplate.txt was written at 22:41 by the Cleo service.';
const HYPOTHESIS = 'The attacker found the server by mass scanning for port 5443.';
const EXPOSURE = 'Internet-facing on TCP 5080 and 5443';
const ANSSI_REFERENCE = 'CERTFR-2024-INC-0815';

let app: App;
let work: string;
let caseId: string;
let nextSave: string | undefined;

const readCase = async (): Promise<CaseDocument> => JSON.parse(await readFile(path.join(app.dataDir, 'cases', caseId, 'case.json'), 'utf8')) as CaseDocument;
const tab = (page: Page, name: string | RegExp) => page.getByRole('tab', { name });

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'firebreak-e2e-details-'));
  app = await launchApp({ chooseSavePath: async () => nextSave });
  await app.invoke('settings.update', { operator: 'Alice Admin' });
  const view = await app.invoke<CaseView>('cases.create', {
    organisation: 'Transports Lefèvre',
    title: TITLE,
    contact: { name: '', email: '', phone: '' },
    language: 'en',
    operator: 'Alice Admin',
    servers: [{ name: 'sftp-gw01', product: 'Cleo Harmony', version: '5.8.0.21' }],
  });
  caseId = view.case.id;
  await app.invoke('records.setDetails', { caseId, details: { settings: { timeZone: ZONE, insurerWarningHours: 72, frenchPoliceComplaint: true } } });
  await app.invoke('findings.add', { caseId, finding: { status: 'found', title: 'Malicious autorun file', indicator: 'autorun/healthchecktemplate.txt', severity: 'critical', certainty: 'fact' } });
  await app.reload();
  await app.page.getByRole('button', { name: TITLE }).click();
  await app.page.locator('#step-title').or(app.page.getByRole('tab', { name: 'Report' })).first().waitFor();
});
checkErrorsAndCloseAfterwards(() => app, () => rm(work, { recursive: true, force: true }));

describe('the report details a person enters', () => {
  it('records the root cause with a fact and a hypothesis, labelled apart', async () => {
    const { page } = app;
    await tab(page, 'Report').click();
    const form = page.getByRole('form', { name: 'Root cause' });
    await form.getByLabel('CVEs exploited').fill('cve-2024-50623, CVE-2024-55956');
    await form.getByLabel('Entry point').fill('Cleo autorun folder');
    await form.getByRole('button', { name: 'Add a fact' }).click();
    await form.getByRole('listitem', { name: 'Statement 1' }).getByLabel('Statement', { exact: true }).fill(FACT);
    await form.getByRole('button', { name: 'Add a hypothesis' }).click();
    const second = form.getByRole('listitem', { name: 'Statement 2' });
    expect(await second.getByLabel('Certainty').inputValue()).toBe('hypothesis');
    await second.getByLabel('Statement', { exact: true }).fill(HYPOTHESIS);
    // An empty third statement is dropped, not refused.
    await form.getByRole('button', { name: 'Add a fact' }).click();
    await form.getByRole('button', { name: 'Save the root cause' }).click();
    await expect.poll(async () => (await readCase()).records.rootCause.statements.length).toBe(2);
    const { rootCause } = (await readCase()).records;
    expect(rootCause.cves).toEqual(['CVE-2024-50623', 'CVE-2024-55956']);
    expect(rootCause.entryPoint).toBe('Cleo autorun folder');
    expect(rootCause.statements.map((s) => [s.certainty, s.text])).toEqual([
      ['fact', FACT],
      ['hypothesis', HYPOTHESIS],
    ]);
  });

  it('refuses a malformed CVE before sending it', async () => {
    const form = app.page.getByRole('form', { name: 'Root cause' });
    await form.getByLabel('CVEs exploited').fill('CVE-2024-50623, log4shell');
    await form.getByText('Not a CVE identifier: LOG4SHELL').waitFor();
    expect(await form.getByRole('button', { name: 'Save the root cause' }).isDisabled()).toBe(true);
    await form.getByLabel('CVEs exploited').fill('CVE-2024-50623, CVE-2024-55956');
  });

  it("records a server's role and exposure, the authors and an open item with its owner", async () => {
    const { page } = app;
    const scope = page.getByRole('form', { name: 'Servers and authors' });
    await scope.getByLabel('Role of sftp-gw01').fill('File transfer with customers');
    await scope.getByLabel('Exposure of sftp-gw01').fill(EXPOSURE);
    await scope.getByLabel(/^Authors of the report/).fill('Alice Admin\nBruno Garnier');
    await scope.getByRole('button', { name: 'Save servers and authors' }).click();
    await expect.poll(async () => Object.values((await readCase()).records.serverDetails)[0]?.exposure).toBe(EXPOSURE);
    expect((await readCase()).records.authors).toEqual(['Alice Admin', 'Bruno Garnier']);

    const open = page.getByRole('form', { name: 'Open items' });
    await open.getByRole('button', { name: 'Add an open item' }).click();
    const item = open.getByRole('listitem', { name: 'Open item 1' });
    await item.getByLabel('What is to be done').fill('Confirm with the ISP that no data left through 5443');
    await item.getByLabel('Owner').fill('Julien Lefèvre');
    await item.getByLabel(/^Due/).fill(toLocalInput(new Date(Date.now() + 48 * 3_600_000).toISOString(), ZONE));
    await open.getByRole('button', { name: 'Save the open items' }).click();
    await expect.poll(async () => (await readCase()).records.openItems[0]?.owner).toBe('Julien Lefèvre');
    expect((await readCase()).records.openItems[0]?.due).toMatch(/Z$/);
  });

  it('records an "other" notification and sets the insurer warning threshold', async () => {
    const { page } = app;
    await tab(page, /^Deadlines/).click();
    const add = page.getByRole('form', { name: 'Add a notification' });
    expect(await add.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await add.getByLabel('Recipient').fill('ANSSI');
    await add.getByLabel(/^Notified at/).fill(toLocalInput(new Date(Date.now() - 3_600_000).toISOString(), ZONE));
    await add.getByLabel('Channel').fill('CERT-FR online form');
    await add.getByLabel('Reference', { exact: true }).fill(ANSSI_REFERENCE);
    await add.getByRole('button', { name: 'Save' }).click();
    const saved = page.getByRole('form', { name: 'Notification to ANSSI' });
    await saved.waitFor();
    expect(await saved.getByLabel('Reference', { exact: true }).inputValue()).toBe(ANSSI_REFERENCE);
    // The "add" form is empty again, ready for the next one.
    expect(await page.getByRole('form', { name: 'Add a notification' }).getByLabel('Recipient').inputValue()).toBe('');
    const other = (await readCase()).records.notifications.filter((n) => n.kind === 'other');
    expect(other).toHaveLength(1);
    expect(other[0]).toMatchObject({ recipient: 'ANSSI', channel: 'CERT-FR online form', reference: ANSSI_REFERENCE });

    // Editing it changes the same notification, not a new one.
    await saved.getByLabel('Channel').fill('E-mail to cert-fr');
    await saved.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await readCase()).records.notifications.find((n) => n.kind === 'other')?.channel).toBe('E-mail to cert-fr');
    expect((await readCase()).records.notifications.filter((n) => n.kind === 'other')).toHaveLength(1);

    // A notice recorded by mistake is removed with a reason; the other one stays.
    const mistake = page.getByRole('form', { name: 'Add a notification' });
    await mistake.getByLabel('Recipient').fill('The wrong bank');
    await mistake.getByRole('button', { name: 'Save' }).click();
    const wrong = page.locator('.notice-card', { has: page.getByRole('form', { name: 'Notification to The wrong bank' }) });
    await wrong.getByRole('button', { name: 'Remove' }).click();
    const remove = page.getByRole('dialog', { name: 'Remove the notice to The wrong bank' });
    expect(await remove.getByRole('button', { name: 'Remove' }).isDisabled()).toBe(true);
    await remove.getByLabel('Why it is removed').fill('Recorded in the wrong case.');
    await remove.getByRole('button', { name: 'Remove' }).click();
    await remove.waitFor({ state: 'detached' });
    await page.getByRole('form', { name: 'Notification to The wrong bank' }).waitFor({ state: 'detached' });
    expect((await readCase()).records.notifications.filter((n) => n.kind === 'other').map((n) => n.recipient)).toEqual(['ANSSI']);
    expect((await readCase()).timeline.at(-1)?.summary).toBe('Notice to The wrong bank removed: Recorded in the wrong case.');

    const hours = page.getByRole('form', { name: 'Insurer notice due after (hours)' });
    await hours.getByLabel('Insurer notice due after (hours)').fill('48');
    await hours.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await readCase()).records.settings.insurerWarningHours).toBe(48);
    expect((await readCase()).records.settings.timeZone).toBe(ZONE);
  });

  it('resolves a found finding with a note', async () => {
    const { page } = app;
    await tab(page, /^Findings/).click();
    await page.getByRole('button', { name: 'Resolve Malicious autorun file' }).click();
    const dialog = page.getByRole('form', { name: 'Resolve “Malicious autorun file”' });
    expect(await dialog.getByRole('button', { name: 'Resolve' }).isDisabled()).toBe(true);
    await dialog.getByLabel('How it was dealt with').fill('File removed after imaging the disk.');
    await dialog.getByRole('button', { name: 'Resolve' }).click();
    await dialog.waitFor({ state: 'detached' });
    const finding = page.locator('#panel-findings .finding-found');
    await expect.poll(() => finding.textContent()).toContain('File removed after imaging the disk.');
    expect(await page.getByRole('button', { name: 'Resolve Malicious autorun file' }).count()).toBe(0);
    expect((await readCase()).records.findings[0]?.resolution).toMatchObject({ by: 'Alice Admin', note: 'File removed after imaging the disk.' });
  });

  it('reopens a resolved finding with a reason, then resolves it again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Reopen Malicious autorun file' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reopen “Malicious autorun file”' });
    expect(await dialog.getByRole('button', { name: 'Reopen' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Why it is reopened').fill('The file was back after the reboot.');
    await dialog.getByRole('button', { name: 'Reopen' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Resolve Malicious autorun file' }).waitFor();
    const doc = await readCase();
    expect(doc.records.findings[0]?.resolution).toBeUndefined();
    expect(doc.timeline.at(-1)?.summary).toContain('reopened: The file was back after the reboot. (it had been resolved by Alice Admin');

    await page.getByRole('button', { name: 'Resolve Malicious autorun file' }).click();
    const resolve = page.getByRole('form', { name: 'Resolve “Malicious autorun file”' });
    await resolve.getByLabel('How it was dealt with').fill('File removed after imaging the disk.');
    await resolve.getByRole('button', { name: 'Resolve' }).click();
    await resolve.waitFor({ state: 'detached' });
    await expect.poll(async () => (await readCase()).records.findings[0]?.resolution?.note).toBe('File removed after imaging the disk.');
  });

  it('exports HTML that labels the fact and the hypothesis apart, with the exposure and the notification', async () => {
    const { page } = app;
    await tab(page, 'Report').click();
    const exportCard = page.locator('#report-export');
    await exportCard.getByLabel('HTML').check();
    nextSave = path.join(work, 'report.html');
    await exportCard.getByRole('button', { name: 'Export…' }).click();
    await expect.poll(() => exportCard.locator('.export-result').textContent()).toContain(nextSave);
    const html = await readFile(nextSave, 'utf8');
    const rootCause = html.slice(html.indexOf('<section id="root-cause">'), html.indexOf('</section>', html.indexOf('<section id="root-cause">')));
    expect(rootCause).toContain('CVE-2024-55956');
    expect(rootCause).toMatch(new RegExp(`<span class="tag fact">[^<]+</span> ${escapeRegExp(FACT)}`));
    expect(rootCause).toMatch(new RegExp(`<span class="tag hypothesis">[^<]+</span> ${escapeRegExp(HYPOTHESIS)}`));
    // Each statement is printed once, under its own label only.
    expect(rootCause.split(FACT)).toHaveLength(2);
    expect(rootCause.split(HYPOTHESIS)).toHaveLength(2);
    expect(rootCause.indexOf(FACT)).toBeLessThan(rootCause.indexOf('<span class="tag hypothesis">'));
    expect(html).toContain(EXPOSURE);
    expect(html).toContain('File transfer with customers');
    expect(html).toContain('ANSSI');
    expect(html).toContain(ANSSI_REFERENCE);
    expect(html).toContain('Bruno Garnier');
    // The finding is resolved, so it is not an open item; the open item typed in is.
    expect(html).toContain('Confirm with the ISP that no data left through 5443');
    expect(html).not.toContain('not yet resolved: Malicious autorun file');
  });
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
