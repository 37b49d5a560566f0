// Importing playbooks from the UI: a bad file is refused with its problems and lines and nothing
// is added; a good one is listed.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlaybookSummary } from '../../core/playbooks/types';
import { launchApp, SAMPLE_PLAYBOOK, type App } from './harness';
import { checkErrorsAndCloseAfterwards } from './app-hooks';

let app: App;
let sample: string;

beforeAll(async () => {
  app = await launchApp();
  sample = await readFile(SAMPLE_PLAYBOOK, 'utf8');
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Playbooks' }).click();
  await app.page.getByRole('heading', { name: 'Playbooks', level: 1 }).waitFor();
});
checkErrorsAndCloseAfterwards(() => app);

const importText = (name: string, text: string) =>
  app.page.getByLabel('Playbook file to import').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });

const rows = () => app.page.getByRole('table', { name: 'Available playbooks' }).locator('tbody tr');

describe('playbook import', () => {
  it('lists the bundled playbook', async () => {
    await expect.poll(() => rows().count()).toBe(1);
    await rows().first().getByText('Sample web server compromise').waitFor();
  });

  it('refuses a bad playbook, shows each problem with its line, and adds nothing', async () => {
    const bad = sample
      .replace('id: sample-webapp', 'id: my-playbook')
      .replace('version: 1.0.0', 'version: one')
      .replace('kind: command', 'kind: dance');
    const before = await app.invoke<PlaybookSummary[]>('playbooks.list');
    await importText('my-playbook.md', bad);

    const alert = app.page.getByRole('alert', { name: 'Import failed' });
    await alert.waitFor();
    await alert.getByText(/my-playbook\.md is not a valid playbook/).waitFor();
    const problems = await alert.locator('.problems li').allTextContents();
    expect(problems.length).toBeGreaterThanOrEqual(2);
    const versionLine = sample.split('\n').findIndex((line) => line.startsWith('version:')) + 1;
    const kindLine = sample.split('\n').findIndex((line) => line.startsWith('kind: command')) + 1;
    expect(problems.some((p) => p.startsWith(`my-playbook.md:${versionLine} `))).toBe(true);
    expect(problems.some((p) => p.startsWith(`my-playbook.md:${kindLine} `))).toBe(true);
    // The same error reaches the central notification area.
    await app.page.getByRole('region', { name: 'Notifications' }).getByText(/my-playbook\.md is not a valid playbook/).waitFor();

    expect(await app.invoke<PlaybookSummary[]>('playbooks.list')).toEqual(before);
    await expect.poll(() => rows().count()).toBe(1);
  });

  it('imports a good playbook and lists it', async () => {
    const good = sample.replace('id: sample-webapp', 'id: acme-webapp').replace('title: Sample web server compromise', 'title: ACME web app response');
    await importText('acme-webapp.md', good);
    await rows().getByText('ACME web app response').waitFor();
    await expect.poll(() => rows().count()).toBe(2);
    expect(await app.page.getByRole('alert', { name: 'Import failed' }).count()).toBe(0);
    const row = rows().filter({ hasText: 'ACME web app response' });
    await row.getByText('Imported').waitFor();
    const list = await app.invoke<PlaybookSummary[]>('playbooks.list');
    expect(list.some((p) => p.status === 'ok' && p.id === 'acme-webapp' && p.source === 'imported')).toBe(true);
  });
});
