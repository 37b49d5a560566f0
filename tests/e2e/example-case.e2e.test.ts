// `firebreak example-case` writes through the same core the app uses, so the app opens what it
// wrote: the case list shows it, its playbook progress, evidence and deadlines are all there.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExampleCase } from '../../core/example-case/write';
import { launchApp, REPO, shutdown, type App } from './harness';

let app: App;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'firebreak-e2e-example-'));
  await writeExampleCase(dataDir, { playbooksDir: path.join(REPO, 'playbooks'), language: 'fr' });
  app = await launchApp({ dataDir, bundledPlaybooksDir: path.join(REPO, 'playbooks'), keepDataDir: true });
});

afterAll(async () => {
  await app?.close();
  await shutdown();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the worked example case in the app', () => {
  it('is listed and opens with its playbook, evidence and deadlines', async () => {
    const { page } = app;
    const row = page.getByRole('link', { name: /Transports Lefèvre|VLTrader/ }).or(page.getByRole('button', { name: /Transports Lefèvre|VLTrader/ })).first();
    await row.waitFor();
    await row.click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/VLTrader|Transports Lefèvre/);
    // The Cleo playbook is attached and partly worked through.
    await page.getByText(/CVE-2024-50623/).first().waitFor();
    await page.getByRole('tab', { name: /Evidence|Preuves/ }).click();
    await page.getByText(/[0-9a-f]{64}/).first().waitFor();
    expect(app.errors).toEqual([]);
  });
});
