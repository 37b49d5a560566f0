// The case's Hunt tab, in the page, against the real handlers and engine: choose folders (the
// native dialog is stubbed with fixture folders), start, follow the progress, read the results
// (sort, filter, open a hit), cancel a long hunt, and find everything again after a reload.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseView } from '../../core/api/contract';
import type { CaseDocument } from '../../core/cases/types';
import { runHunt } from '../../core/hunt/index';
import { launchApp, makeBundledDir, REPO, shutdown, type App } from './harness';

/**
 * The real engine, except that a hunt over the big log waits until it is cancelled before the
 * engine starts: the engine got fast enough to finish 100 MB before the Cancel click lands on a
 * busy machine. The engine itself then sees the aborted signal and reports the hunt cancelled;
 * that the engine stops within a second mid-file is tested in tests/core/hunt.
 */
const engineHoldingTheBigLog: typeof runHunt = async (options) => {
  if (options.paths.includes(bigDir) && options.signal && !options.signal.aborted) {
    const signal = options.signal;
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  return runHunt(options);
};

const FIXTURES = path.join(REPO, 'tests/fixtures/hunt/exchange-proxylogon');
const SERVERINFO = path.join(FIXTURES, 'httpproxy-26855-serverinfo/positive');
const ASPNET = path.join(FIXTURES, 'path-aspnet-client-script/positive');
const NEGATIVE = path.join(FIXTURES, 'httpproxy-26855-serverinfo/negative');
const TITLE = 'Exchange web shells';

let app: App;
let bundled: string;
let bigDir: string;
let caseId: string;
/** What the stubbed dialog returns next. */
let nextChoice: string[] = [];

const panel = (page: Page) => page.locator('#panel-hunt');
const table = (page: Page) => page.getByRole('table', { name: 'Hits' });
const ruleCells = (page: Page) => table(page).locator('tbody tr td:nth-child(2)').allTextContents();
const readCase = async (): Promise<CaseDocument> => JSON.parse(await readFile(path.join(app.dataDir, 'cases', caseId, 'case.json'), 'utf8')) as CaseDocument;

/** An IIS log of about `megabytes` MB with nothing in it worth finding. */
async function writeBigLog(file: string, megabytes: number): Promise<void> {
  const out = createWriteStream(file);
  out.write('#Software: Microsoft Internet Information Services 10.0\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n');
  const line = '2021-03-03 06:00:00 10.0.0.5 GET /owa/ - 443 - 10.1.2.3 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) - 200 0 0 15\n';
  const block = line.repeat(Math.ceil((1024 * 1024) / line.length));
  for (let i = 0; i < megabytes; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}

async function openHuntTab(page: Page): Promise<void> {
  await page.getByRole('button', { name: TITLE }).click();
  await page.getByRole('tab', { name: 'Hunt' }).click();
  await panel(page).waitFor();
}

beforeAll(async () => {
  bigDir = await mkdtemp(path.join(tmpdir(), 'firebreak-e2e-biglog-'));
  await writeBigLog(path.join(bigDir, 'u_ex210303.log'), 8);
  bundled = await makeBundledDir([path.join(REPO, 'playbooks/en/exchange-proxylogon.md')]);
  app = await launchApp({ bundledPlaybooksDir: bundled, choosePaths: async () => nextChoice, huntEngine: engineHoldingTheBigLog });
  await app.invoke('settings.update', { operator: 'Alice Admin' });
  const view = await app.invoke<CaseView>('cases.create', {
    organisation: 'Cabinet Dupont',
    title: TITLE,
    contact: { name: '', email: '', phone: '' },
    language: 'en',
    operator: 'Alice Admin',
    servers: [{ name: 'EXCH01', product: 'Exchange 2016', version: '15.1.2176.2' }],
  });
  caseId = view.case.id;
  await app.invoke('cases.attachPlaybook', { caseId, serverId: view.case.servers[0]!.id, playbookId: 'exchange-proxylogon' });
  await app.reload();
  await openHuntTab(app.page);
});
afterEach(() => {
  const errors = app.errors.splice(0);
  expect(errors, 'no console or page error').toEqual([]);
});
afterAll(async () => {
  await app?.close();
  await shutdown();
  await rm(bundled, { recursive: true, force: true });
  await rm(bigDir, { recursive: true, force: true });
});

describe('a hunt from the case', () => {
  it('checks the playbooks of the server by default and starts once folders are chosen', async () => {
    const { page } = app;
    const playbook = panel(page).getByRole('checkbox', { name: /ProxyLogon/ });
    expect(await playbook.isChecked()).toBe(true);
    const start = page.getByRole('button', { name: 'Start the hunt' });
    expect(await start.isDisabled()).toBe(true);
    nextChoice = [SERVERINFO, ASPNET, NEGATIVE];
    await page.getByRole('button', { name: 'Choose folders…' }).click();
    const chosen = page.getByRole('list', { name: 'Chosen folders and files' });
    await expect.poll(() => chosen.locator('li').count()).toBe(3);
    expect(await chosen.textContent()).toContain(SERVERINFO);
    expect(await start.isDisabled()).toBe(false);
  });

  it('shows progress, then a results table with the expected rules', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Start the hunt' }).click();
    await page.getByRole('progressbar', { name: 'Hunt progress' }).waitFor();
    await page.getByRole('heading', { name: 'Hunt finished' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('progressbar', { name: 'Hunt progress' }).getAttribute('aria-valuenow')).toBe('100');
    await table(page).waitFor();
    const rules = new Set(await ruleCells(page));
    for (const id of ['httpproxy-26855-serverinfo', 'path-aspnet-client-script', 'build-2016-cu19']) expect(rules).toContain(id);
    // ruled out, with coverage
    const ruledOut = page.getByRole('list', { name: 'Ruled out' });
    expect(await ruledOut.textContent()).toContain('path-lsass-dump');
    expect(await page.getByRole('region', { name: 'Coverage' }).textContent()).toMatch(/\d+ files read/);
  });

  it('sorts by rule and by line, and filters by severity and text', async () => {
    const { page } = app;
    await table(page).getByRole('button', { name: 'Rule' }).click();
    const ascending = await ruleCells(page);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)));
    expect(await table(page).getByRole('columnheader', { name: /Rule/ }).getAttribute('aria-sort')).toBe('ascending');
    await table(page).getByRole('button', { name: 'Rule' }).click();
    const descending = await ruleCells(page);
    expect(descending).toEqual([...ascending].reverse());

    // the text filter reads rule, file and matched text: a rule id that no path contains
    await page.getByRole('searchbox', { name: 'Filter' }).fill('helsecert');
    await expect.poll(async () => new Set(await ruleCells(page))).toEqual(new Set(['ip-helsecert-incident']));
    await page.getByRole('searchbox', { name: 'Filter' }).fill('');

    const firstSeverity = (await table(page).locator('tbody tr td:first-child').first().textContent())!;
    await page.getByRole('combobox', { name: 'Severity' }).selectOption({ label: firstSeverity });
    const severities = new Set(await table(page).locator('tbody tr td:first-child').allTextContents());
    expect(severities).toEqual(new Set([firstSeverity]));
    await page.getByRole('combobox', { name: 'Severity' }).selectOption({ label: 'All severities' });
  });

  it('opens a hit: its line in context, the explanation and the SHA-256 of its file', async () => {
    const { page } = app;
    await table(page).locator('tbody tr', { has: page.locator('td:nth-child(2)', { hasText: /^httpproxy-26855-serverinfo$/ }) }).first().click();
    const detail = page.getByRole('complementary');
    await detail.waitFor();
    const file = (await detail.locator('dd code').nth(1).textContent())!;
    expect(file.startsWith(SERVERINFO)).toBe(true);
    const expected = createHash('sha256').update(await readFile(file)).digest('hex');
    expect(await detail.getByTestId('hit-sha256').textContent()).toBe(expected);
    const context = detail.getByRole('group', { name: 'The line in context' });
    expect((await context.locator('div.hit').textContent())?.toLowerCase()).toContain('serverinfo');
    expect(await context.locator('div').count()).toBeGreaterThan(1);
  });

  it('recorded the hits and the ruled-out rules in the case, and shows them again after a reload', async () => {
    const doc = await readCase();
    const found = doc.records.findings.filter((f) => f.status === 'found');
    expect(found.map((f) => f.ruleId)).toContain('httpproxy-26855-serverinfo');
    expect(doc.records.findings.some((f) => f.status === 'ruled_out' && f.ruleId === 'path-lsass-dump' && (f.coverage?.files.length ?? 0) > 0)).toBe(true);

    const { page } = app;
    await app.reload();
    await openHuntTab(page);
    await table(page).waitFor();
    expect(new Set(await ruleCells(page))).toContain('httpproxy-26855-serverinfo');
  });

  it('cancels a long hunt from its Cancel button', async () => {
    const { page } = app;
    // after the reload the chosen list is empty again; the main process still allows the paths it gave
    nextChoice = [bigDir];
    await page.getByRole('button', { name: 'Choose folders…' }).click();
    const chosen = page.getByRole('list', { name: 'Chosen folders and files' });
    await chosen.getByText(bigDir).waitFor();
    expect(await chosen.locator('li').count()).toBe(1);
    await page.getByRole('button', { name: 'Start the hunt' }).click();
    await page.getByRole('button', { name: 'Cancel the hunt' }).click();
    await page.getByRole('heading', { name: 'Hunt cancelled' }).waitFor({ timeout: 30_000 });
    expect(await page.getByText('This hunt was cancelled before every file was read').first().isVisible()).toBe(true);
    // the earlier hunt's findings are still in the case; the cancelled one ruled nothing out
    const doc = await readCase();
    expect(doc.records.findings.filter((f) => f.status === 'ruled_out').every((f) => !f.indicator.includes(bigDir))).toBe(true);
  });

  it('refuses a path that did not come from the dialog', async () => {
    const outcome = await app.page.evaluate(
      async (id) => (window as unknown as { firebreak: { hunt: { start: (i: unknown) => Promise<{ ok: boolean; error?: { code: string } }> } } }).firebreak.hunt.start({ caseId: id, paths: ['/etc'], playbookIds: ['exchange-proxylogon'] }),
      caseId,
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
