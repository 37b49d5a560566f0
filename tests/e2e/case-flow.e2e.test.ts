// The main journey of a stressed admin: create a case, attach a playbook, work through it with the
// keyboard and the mouse, reload, and find everything again, in the page and in case.json on disk.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseDocument } from '../../core/cases/types';
import { launchApp, type App } from './harness';
import { checkErrorsAndCloseAfterwards } from './app-hooks';

const TITLE = 'Web server compromise';
const SERVER = 'web01';

let app: App;

async function readCaseFile(dataDir: string): Promise<CaseDocument> {
  const [caseId] = await readdir(path.join(dataDir, 'cases'));
  return JSON.parse(await readFile(path.join(dataDir, 'cases', caseId!, 'case.json'), 'utf8')) as CaseDocument;
}

const stepHeading = (page: Page) => page.locator('#step-title');
const stateGroup = (page: Page) => page.getByRole('group', { name: 'State of this step' });
const stepRow = (page: Page, title: string) => page.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: new RegExp(`^${title}`) });

beforeAll(async () => {
  app = await launchApp();
});
checkErrorsAndCloseAfterwards(() => app);

describe('a case from creation to archive', () => {
  it('creates a case with a server and attaches the sample playbook', async () => {
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'Cases' }).isVisible()).toBe(true);
    await page.getByText('No case yet.').waitFor();

    await page.getByRole('button', { name: 'New case' }).click();
    // An empty organisation is refused by the API and explained next to the form.
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.locator('.form-error').getByText(/organisation is required/).waitFor();

    await page.getByLabel('Organisation').fill('Boulangerie Martin');
    await page.getByLabel('Case title (optional)').fill(TITLE);
    await page.getByRole('group', { name: 'Contact at the organisation' }).getByLabel('Name').fill('Marie Martin');
    await page.getByLabel('Your name').fill('Alice Admin');
    const server = page.getByRole('group', { name: 'Server 1' });
    await server.getByLabel('Server name').fill(SERVER);
    await server.getByLabel('Product').fill('Example WebApp');
    await server.getByLabel('Version').fill('2.3.0');
    await page.getByRole('button', { name: 'Create case' }).click();

    await page.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor();
    await page.getByText('Add the affected server first').or(page.getByText('Attach a playbook to a server')).waitFor();

    await page.getByRole('button', { name: `Attach playbook to ${SERVER}` }).click();
    const picker = page.getByRole('dialog');
    await picker.getByRole('button', { name: 'Attach Sample web server compromise (EN)' }).click();
    await picker.waitFor({ state: 'detached' });
    await expect.poll(() => stepHeading(page).textContent()).toBe('Read the installed version');
    await page.getByText('Evidence required').waitFor();
    await page.getByRole('figure').getByText('PowerShell').first().waitFor();
  });

  it('works through steps with the mouse and the keyboard', async () => {
    const { page } = app;
    // Mouse: set a state.
    await stateGroup(page).getByRole('button', { name: 'In progress' }).click();
    await expect.poll(() => stateGroup(page).getByRole('button', { name: 'In progress' }).getAttribute('aria-pressed')).toBe('true');

    // Copy a command.
    await page.getByRole('button', { name: 'Copy PowerShell command' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain("Get-Content 'C:\\Program Files\\Example\\version.txt'");

    // Keyboard: j moves the highlight, Enter opens the step.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await expect.poll(() => stepHeading(page).textContent()).toBe('Is the server reachable from the internet?');

    // Answer the question: a note is recorded and its branch followed.
    await page.getByRole('button', { name: 'No, internal only' }).click();
    await expect.poll(() => stepHeading(page).textContent()).toBe('Look for web shells');
    await expect.poll(() => stepRow(page, 'Is the server reachable').textContent()).toContain('Done');

    // Keyboard: b marks the highlighted step blocked.
    await page.keyboard.press('b');
    await expect.poll(() => stateGroup(page).getByRole('button', { name: 'Blocked' }).getAttribute('aria-pressed')).toBe('true');

    // Follow the "If not" branch.
    await page.getByRole('button', { name: /Go to: Block inbound traffic to the web ports/ }).click();
    await expect.poll(() => stepHeading(page).textContent()).toBe('Block inbound traffic to the web ports');

    // Keyboard: s asks for a reason before skipping.
    await page.keyboard.press('s');
    const dialog = page.getByRole('dialog', { name: 'Skip this step' });
    await dialog.getByLabel('Why is this step skipped?').fill('The firewall is managed by the ISP; ticket opened.');
    // Shortcuts are ignored while typing: the text above contains s, d, b and n.
    await dialog.getByRole('button', { name: 'Skip step' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => stateGroup(page).getByRole('button', { name: 'Skipped' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByText('Reason: The firewall is managed by the ISP; ticket opened.').waitFor();

    // Add a note with the mouse.
    await page.getByRole('textbox', { name: 'New note' }).fill('Called the ISP at 10:05, ticket 4471.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.notes').getByText('Called the ISP at 10:05, ticket 4471.').waitFor();

    // Keyboard only: k up to the first step, Enter, 3 = done.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    for (let i = 0; i < 3; i++) await page.keyboard.press('k');
    await page.keyboard.press('Enter');
    await expect.poll(() => stepHeading(page).textContent()).toBe('Read the installed version');
    // This step requires evidence: done is refused until some is attached (here pasted through the API).
    await page.keyboard.press('3');
    await page.locator('.notifications [role="alert"]').getByText(/needs evidence before it can be marked done/).waitFor();
    await page.locator('.notifications [role="alert"]', { hasText: /needs evidence/ }).getByRole('button', { name: 'Dismiss' }).click();
    const doc = await readCaseFile(app.dataDir);
    await app.invoke('evidence.addText', {
      caseId: doc.id,
      step: { serverId: doc.servers[0]!.id, playbookId: 'sample-webapp', stepId: 'triage-version' },
      title: 'version.txt',
      content: '2.3.0',
    });
    await page.locator('[data-step-row="triage-version"]').focus();
    await page.keyboard.press('3');
    await expect.poll(() => stateGroup(page).getByRole('button', { name: 'Done' }).getAttribute('aria-pressed')).toBe('true');

    // Shortcut help.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('finds every state, note and timeline entry again after a reload, and on disk', async () => {
    const { page } = app;
    await app.reload();
    await page.getByRole('button', { name: TITLE }).click();
    await expect.poll(() => stepHeading(page).textContent()).toBe('Read the installed version');

    const expected: [string, string][] = [
      ['Read the installed version', 'Done'],
      ['Is the server reachable', 'Done'],
      ['Block inbound traffic', 'Skipped'],
      ['Look for web shells', 'Blocked'],
    ];
    for (const [title, state] of expected) await expect.poll(() => stepRow(page, title).textContent()).toContain(state);

    await stepRow(page, 'Is the server reachable').click();
    await page.locator('.notes').getByText('Answer: No, internal only').waitFor();
    await stepRow(page, 'Block inbound traffic').click();
    await page.locator('.notes').getByText('Called the ISP at 10:05, ticket 4471.').waitFor();
    await page.getByText('Reason: The firewall is managed by the ISP; ticket opened.').waitFor();

    const doc = await readCaseFile(app.dataDir);
    const serverId = doc.servers[0]!.id;
    const key = (step: string) => `${serverId}/sample-webapp/${step}`;
    expect(doc.steps[key('triage-version')]?.state).toBe('done');
    expect(doc.steps[key('triage-exposed')]?.state).toBe('done');
    expect(doc.steps[key('triage-exposed')]?.notes.map((n) => n.text)).toEqual(['Answer: No, internal only']);
    expect(doc.steps[key('hunt-webshells')]?.state).toBe('blocked');
    expect(doc.steps[key('contain-firewall')]).toMatchObject({ state: 'skipped', reason: 'The firewall is managed by the ISP; ticket opened.' });
    expect(doc.steps[key('contain-firewall')]?.notes[0]?.text).toBe('Called the ISP at 10:05, ticket 4471.');
    expect(doc.steps[key('contain-firewall')]?.updatedBy).toBe('Alice Admin');

    await page.getByRole('tab', { name: /Timeline/ }).click();
    const rows = page.getByRole('table', { name: 'Timeline, newest first' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(doc.timeline.length);
    const newest = doc.timeline[doc.timeline.length - 1]!;
    expect(await rows.first().locator('td').nth(2).textContent()).toBe(newest.summary);
    for (const entry of doc.timeline) await page.getByRole('cell', { name: entry.summary, exact: true }).first().waitFor();
    // Local time shown, UTC on hover.
    expect(await rows.first().locator('time').getAttribute('title')).toMatch(/UTC$/);
    await page.getByRole('tab', { name: 'Steps' }).click();
  });

  it('switches to French at any time', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('fr');
    await page.getByRole('tab', { name: 'Étapes' }).waitFor();
    await page.getByRole('tab', { name: /Chronologie/ }).waitFor();
    await stateGroup(page).or(page.getByRole('group', { name: 'État de cette étape' })).getByRole('button', { name: 'Terminé' }).waitFor();
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('button', { name: 'Dossiers' }).waitFor();
    await page.getByRole('button', { name: 'Archiver' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter la note' }).waitFor();
    await page.getByRole('heading', { name: 'Notes' }).waitFor();
    const settings = await app.invoke<{ language: string }>('settings.get');
    expect(settings.language).toBe('fr');
    await page.getByRole('combobox', { name: 'Langue de l’interface' }).selectOption('en');
    await page.getByRole('tab', { name: 'Steps' }).waitFor();
  });

  it('renames, changes the operator, archives, restores, deletes and restores from the archive', async () => {
    const { page } = app;
    const renamed = 'Web server compromise (Dec 2024)';
    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Case title').fill(renamed);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(renamed.replace(/[()]/g, '\\$&')) }).waitFor();

    await page.locator('.case-facts').getByRole('button', { name: 'Change' }).click();
    await page.getByLabel('Operator name').fill('Bob Consultant');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.case-facts').getByText('Bob Consultant').waitFor();

    await page.getByRole('main').getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await page.getByText('No case yet.').waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('region', { name: 'Archived cases' }).getByRole('button', { name: renamed, exact: true }).waitFor();
    await page.getByRole('button', { name: `Restore ${renamed}` }).click();
    await page.getByRole('region', { name: 'Archived cases' }).getByText('No archived case.').waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
    await page.getByRole('button', { name: renamed, exact: true }).click();
    await page.getByRole('main').getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this case?' });
    await confirm.getByText(/you can restore it from there/).waitFor();
    await confirm.getByRole('button', { name: 'Delete case' }).click();
    await page.getByRole('region', { name: 'Deleted cases' }).getByRole('button', { name: renamed, exact: true }).waitFor();
    await page.getByRole('button', { name: `Restore ${renamed}` }).click();
    await page.getByRole('region', { name: 'Deleted cases' }).getByText('No deleted case.').waitFor();

    const doc = await readCaseFile(app.dataDir);
    expect(doc.status).toBe('active');
    expect(doc.title).toBe(renamed);
    expect(doc.operator).toBe('Bob Consultant');
    const kinds = doc.timeline.map((e) => e.kind);
    for (const kind of ['case.renamed', 'case.operator', 'case.archived', 'case.restored', 'case.deleted'] as const) expect(kinds).toContain(kind);
  });
});
