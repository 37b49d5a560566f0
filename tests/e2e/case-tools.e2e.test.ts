// Links and branches inside steps, servers and playbooks on a case, dialogs that keep the keyboard,
// the theme, and core errors shown in the UI language: each checked in the page and on disk.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseView } from '../../core/api/contract';
import type { CaseDocument } from '../../core/cases/types';
import { launchApp, makeBundledDir, type App } from './harness';
import { checkErrorsAndCloseAfterwards } from './app-hooks';

const LINKED = path.join(import.meta.dirname, 'fixtures/linked-en.md');
const TITLE = 'Follow-up on web01';

let app: App;
let bundled: string;
let caseId: string;
let serverId: string;

const stepHeading = (page: Page) => page.locator('#step-title');
const servers = (page: Page) => page.getByRole('complementary', { name: 'Servers' });
const readCase = async (): Promise<CaseDocument> => JSON.parse(await readFile(path.join(app.dataDir, 'cases', caseId, 'case.json'), 'utf8')) as CaseDocument;
/** Whether the focused element is inside the open dialog. */
const focusInDialog = (page: Page) => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);

beforeAll(async () => {
  bundled = await makeBundledDir([LINKED]);
  app = await launchApp({ bundledPlaybooksDir: bundled });
  await app.invoke('settings.update', { operator: 'Alice Admin' });
  const view = await app.invoke<CaseView>('cases.create', {
    organisation: 'Boulangerie Martin',
    title: TITLE,
    contact: { name: '', email: '', phone: '' },
    language: 'en',
    operator: 'Alice Admin',
    servers: [{ name: 'web01', product: 'Example WebApp', version: '2.3.0' }],
  });
  caseId = view.case.id;
  serverId = view.case.servers[0]!.id;
  await app.invoke('cases.attachPlaybook', { caseId, serverId, playbookId: 'sample-linked' });
  await app.reload();
  await app.page.getByRole('button', { name: TITLE }).click();
  await app.page.locator('#step-title', { hasText: 'Read the follow-up notes' }).waitFor();
});
checkErrorsAndCloseAfterwards(() => app, () => rm(bundled, { recursive: true, force: true }));

describe('links inside a step', () => {
  it('follows a #step-id link to that step, in the app', async () => {
    const { page } = app;
    const before = page.url();
    await page.locator('.step-body').getByRole('link', { name: 'the second check' }).click();
    await expect.poll(() => stepHeading(page).textContent()).toBe('Second check');
    await page.locator('.step-body').getByRole('link', { name: 'the notes' }).click();
    await expect.poll(() => stepHeading(page).textContent()).toBe('Read the follow-up notes');
    expect(page.url()).toBe(before);
  });

  it('sends an https link to api.external.open and never navigates; other schemes stay text', async () => {
    const { page } = app;
    const before = page.url();
    await page.locator('.step-body').getByRole('link', { name: 'vendor advisory' }).click();
    await expect.poll(() => app.externalOpened).toEqual(['https://example.com/advisory-linked']);
    await page.getByRole('region', { name: 'References' }).getByRole('link', { name: 'https://example.com/advisory' }).click();
    await expect.poll(() => app.externalOpened).toEqual(['https://example.com/advisory-linked', 'https://example.com/advisory']);
    expect(page.url()).toBe(before);
    expect(app.context.pages()).toHaveLength(1);
    // http is not allowed: the words are there, the link is not.
    await page.locator('.step-body').getByText('plain http link').waitFor();
    expect(await page.locator('.step-body').getByRole('link', { name: 'plain http link' }).count()).toBe(0);
    app.externalOpened.length = 0;
  });
});

describe('a branch into another playbook', () => {
  it('offers to attach the playbook when it is not attached, then goes to the step', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Go to: sample-webapp#hunt-webshells →' }).click();
    await page.getByText('This leads to the playbook “Sample web server compromise”, which is not attached to this server yet.').waitFor();
    await page.getByRole('button', { name: 'Attach “Sample web server compromise” and go there' }).click();
    await expect.poll(() => stepHeading(page).textContent()).toBe('Look for web shells');
    await servers(page).getByRole('button', { name: 'Sample web server compromise', exact: true }).waitFor();
    expect((await readCase()).servers[0]!.playbooks.map((p) => p.playbookId)).toEqual(['sample-linked', 'sample-webapp']);
  });

  it('jumps straight to the step when the playbook is attached', async () => {
    const { page } = app;
    await page.keyboard.press('d'); // the web-shell step is done: its progress must survive a detach below
    await expect.poll(() => page.getByRole('group', { name: 'State of this step' }).getByRole('button', { name: 'Done' }).getAttribute('aria-pressed')).toBe('true');
    await servers(page).getByRole('button', { name: 'Linked follow-up checks', exact: true }).click();
    await expect.poll(() => stepHeading(page).textContent()).toBe('Read the follow-up notes');
    await page.getByRole('button', { name: 'Go to: Look for web shells →' }).click();
    await expect.poll(() => stepHeading(page).textContent()).toBe('Look for web shells');
    expect(await page.getByText(/which is not attached to this server yet/).count()).toBe(0);
  });
});

describe('playbooks and servers of a case', () => {
  it('asks before removing a playbook from a server, keeps its progress, and brings it back when attached again', async () => {
    const { page } = app;
    await servers(page).getByRole('button', { name: 'Remove Sample web server compromise from web01' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove this playbook from web01?' });
    await dialog.getByText(/stays in the case and comes back if you attach it again/).waitFor();
    await dialog.getByRole('button', { name: 'Remove playbook' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => servers(page).getByRole('button', { name: 'Sample web server compromise', exact: true }).count()).toBe(0);

    const doc = await readCase();
    expect(doc.servers[0]!.playbooks.map((p) => p.playbookId)).toEqual(['sample-linked']);
    expect(doc.steps[`${serverId}/sample-webapp/hunt-webshells`]?.state).toBe('done');
    expect(doc.timeline.at(-1)?.kind).toBe('playbook.detached');

    await page.getByRole('button', { name: 'Attach playbook to web01' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Attach Sample web server compromise (EN)' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.locator('[data-step-row="hunt-webshells"]').click();
    await expect.poll(() => page.getByRole('group', { name: 'State of this step' }).getByRole('button', { name: 'Done' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('cancelling the removal changes nothing', async () => {
    const { page } = app;
    const before = await readFile(path.join(app.dataDir, 'cases', caseId, 'case.json'), 'utf8');
    await servers(page).getByRole('button', { name: 'Remove Linked follow-up checks from web01' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await readFile(path.join(app.dataDir, 'cases', caseId, 'case.json'), 'utf8')).toBe(before);
  });

  it('edits a server: name, product and version', async () => {
    const { page } = app;
    await servers(page).getByRole('button', { name: 'Edit server web01' }).click();
    const form = page.getByRole('form', { name: 'Edit server web01' });
    await form.getByLabel('Server name').fill('web01-dmz');
    await form.getByLabel('Product').fill('Example WebApp Enterprise');
    await form.getByLabel('Version').fill('2.4.1');
    await form.getByRole('button', { name: 'Save server' }).click();
    await page.getByRole('region', { name: 'Server web01-dmz' }).getByText('Example WebApp Enterprise 2.4.1').waitFor();
    const doc = await readCase();
    expect(doc.servers[0]).toMatchObject({ id: serverId, name: 'web01-dmz', product: 'Example WebApp Enterprise', version: '2.4.1' });
    expect(doc.timeline.at(-1)?.kind).toBe('server.updated');
  });

  it('adds a server found later', async () => {
    const { page } = app;
    await servers(page).getByRole('button', { name: 'Add a server' }).click();
    await servers(page).getByLabel('Server name').fill('db01');
    await servers(page).getByLabel('Product').fill('PostgreSQL');
    await servers(page).getByLabel('Version').fill('15.4');
    await servers(page).getByRole('button', { name: 'Add server' }).click();
    await page.getByRole('region', { name: 'Server db01' }).getByText('PostgreSQL 15.4').waitFor();
    const doc = await readCase();
    expect(doc.servers.map((s) => s.name)).toEqual(['web01-dmz', 'db01']);
    expect(doc.timeline.at(-1)?.kind).toBe('server.added');
  });
});

describe('a long timeline', () => {
  it('opens with the newest page and loads older entries on demand, in order', async () => {
    const { page } = app;
    // Push the timeline past one page (300 entries) through the real store.
    for (let i = 0; i < 320; i++) {
      await app.invoke('cases.setStepState', { caseId, serverId, playbookId: 'sample-linked', stepId: 'linked-second', state: i % 2 ? 'done' : 'in_progress' });
    }
    const doc = await readCase();
    expect(doc.timeline.length).toBeGreaterThan(320);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
    await page.getByRole('button', { name: TITLE }).click();
    await page.getByRole('tab', { name: `Timeline ${doc.timeline.length}` }).click();
    const rows = page.getByRole('table', { name: 'Timeline, newest first' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(300);
    await page.getByRole('button', { name: `Show older entries (${doc.timeline.length - 300} more)` }).click();
    await expect.poll(() => rows.count()).toBe(doc.timeline.length);
    expect(await page.getByRole('button', { name: /Show older entries/ }).count()).toBe(0);
    const shown = await rows.locator('td:nth-child(3)').allTextContents();
    expect(shown).toEqual(doc.timeline.map((e) => e.summary).reverse());
    await page.getByRole('tab', { name: 'Steps' }).click();
  });
});

describe('dialogs', () => {
  it('keep Tab and Shift+Tab inside until closed', async () => {
    const { page } = app;
    await servers(page).getByRole('button', { name: 'Remove Linked follow-up checks from web01-dmz' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await focusInDialog(page)).toBe(true);
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInDialog(page)).toBe(true);
    }
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInDialog(page)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // The skip dialog: its text field, Cancel and the disabled Skip button.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('s');
    await page.getByRole('dialog', { name: 'Skip this step' }).waitFor();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInDialog(page)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });
});

describe('theme and language', () => {
  it('switches the theme, and keeps it after a reload', async () => {
    const { page } = app;
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? 'system');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect.poll(theme).toBe('dark');
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await app.reload();
    await expect.poll(theme).toBe('dark');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    await expect.poll(theme).toBe('light');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(dark);
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
    await expect.poll(theme).toBe('system');
    expect((await app.invoke<{ theme: string }>('settings.get')).theme).toBe('system');
  });

  it('shows an error the core sends in English in French, by its code, with the English kept as detail', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('fr');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('button', { name: 'Dossiers' }).click();
    await page.getByRole('button', { name: 'Nouveau dossier' }).click();
    await page.getByRole('button', { name: 'Créer le dossier' }).click();
    const error = page.locator('.form-error');
    await error.getByText('Certaines informations manquent ou ne sont pas valides.', { exact: true }).waitFor();
    await error.getByText(/^Détail technique \(en anglais\) : .*organisation is required/).waitFor();
    await page.getByRole('combobox', { name: 'Langue de l’interface' }).selectOption('en');
    await expect.poll(() => error.getByText(/Détail technique/).count()).toBe(0);
    await error.getByText(/organisation is required/).waitFor();
  });
});
