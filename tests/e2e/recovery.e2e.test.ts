// A damaged case file: the list says what is wrong and what to do, the last good copy opens
// read-only, and the damaged file's bytes are never changed by anything the UI does.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseView } from '../../core/api/contract';
import { launchApp, type App } from './harness';
import { checkErrorsAndCloseAfterwards } from './app-hooks';

let app: App;
let caseFile: string;
let damagedHash: string;

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  app = await launchApp();
  const view = await app.invoke<CaseView>('cases.create', {
    organisation: 'Cabinet Dupont',
    title: 'Exchange compromise',
    contact: { name: '', email: '', phone: '' },
    language: 'fr',
    operator: 'Claire',
    servers: [{ name: 'mail01', product: 'Exchange', version: '2016 CU19' }],
  });
  // A second write, so that a last good copy (case.json.bak) exists.
  await app.invoke('cases.rename', { caseId: view.case.id, title: 'Exchange compromise (ProxyLogon)' });
  caseFile = path.join(app.dataDir, 'cases', view.case.id, 'case.json');
  const text = await readFile(caseFile, 'utf8');
  await writeFile(caseFile, text.slice(0, Math.floor(text.length / 2))); // truncated, as after a crash
  damagedHash = sha256(await readFile(caseFile));
  await app.reload();
});
checkErrorsAndCloseAfterwards(() => app);

describe('an unreadable case', () => {
  it('is listed with its problem, what to do, and the recovery actions', async () => {
    const { page } = app;
    const section = page.getByRole('region', { name: 'Cases that need your attention' });
    await section.waitFor();
    const card = section.getByRole('article');
    expect(await card.locator('.problem-message').textContent()).toMatch(/\S/);
    const summaries = await app.invoke<{ status: string; problem?: { message: string; hint: string } }[]>('cases.list');
    const problem = summaries.find((s) => s.status === 'unreadable')?.problem;
    expect(problem).toBeDefined();
    await card.getByText(problem!.message, { exact: true }).waitFor();
    await card.getByText(problem!.hint, { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Open last good copy (read-only)' }).waitFor();
    await card.getByRole('button', { name: 'Restore last good copy' }).waitFor();
  });

  it('opens the last good copy read-only, with every control disabled', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Open last good copy (read-only)' }).click();
    await page.getByRole('status', { name: 'Read-only case' }).waitFor();
    await page.getByRole('heading', { level: 1, name: /Exchange compromise/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Rename' }).isDisabled()).toBe(true);
    expect(await page.getByRole('main').getByRole('button', { name: 'Archive', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('main').getByRole('button', { name: 'Delete', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Attach playbook to mail01' }).isDisabled()).toBe(true);
    expect(sha256(await readFile(caseFile))).toBe(damagedHash);
  });

  it('shows the problem in French when the UI is French, with the English detail kept', async () => {
    const { page } = app;
    const summaries = await app.invoke<{ status: string; problem?: { message: string } }[]>('cases.list');
    const english = summaries.find((s) => s.status === 'unreadable')!.problem!.message;
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('fr');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('button', { name: 'Dossiers' }).click();
    const card = page.getByRole('region', { name: 'Dossiers à vérifier' }).getByRole('article');
    await card.locator('.problem-message').getByText('Ce fichier de dossier est endommagé et ne peut pas être lu.', { exact: true }).waitFor();
    await card.getByText(/^Firebreak a conservé la dernière copie saine/).waitFor();
    await card.getByText(`Détail technique (en anglais) : ${english}`, { exact: true }).waitFor();

    await card.getByRole('button', { name: 'Ouvrir la dernière copie saine (lecture seule)' }).click();
    const banner = page.getByRole('status', { name: 'Dossier en lecture seule' });
    await banner.getByText('Ce fichier de dossier est endommagé et ne peut pas être lu.', { exact: true }).waitFor();
    await banner.getByText(`Détail technique (en anglais) : ${english}`, { exact: true }).waitFor();
    expect(await banner.textContent()).not.toContain('Firebreak kept');

    await page.getByRole('combobox', { name: 'Langue de l’interface' }).selectOption('en');
    await page.getByRole('status', { name: 'Read-only case' }).getByText(english, { exact: true }).waitFor();
    expect(sha256(await readFile(caseFile))).toBe(damagedHash);
  });

  it('restores the last good copy and keeps the damaged bytes aside, unchanged', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
    await page.getByRole('button', { name: 'Restore last good copy' }).click();
    await page.getByRole('heading', { level: 1, name: /Exchange compromise/ }).waitFor();
    expect(await page.getByRole('status', { name: 'Read-only case' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Rename' }).isDisabled()).toBe(false);

    const folder = path.dirname(caseFile);
    const damaged = (await readdir(folder)).filter((name) => name.includes('damaged'));
    expect(damaged.length).toBe(1);
    expect(sha256(await readFile(path.join(folder, damaged[0]!)))).toBe(damagedHash);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Cases' }).click();
    await page.getByRole('button', { name: /Exchange compromise/ }).waitFor();
    expect(await page.getByRole('region', { name: 'Cases that need your attention' }).count()).toBe(0);
  });
});
