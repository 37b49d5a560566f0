// The Records tab shows each kind of record in its own table, each column under its own header:
// patches, firewall changes, credential resets and the attacker's timeline, recorded through the
// real handlers and read back in the page.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseView } from '../../core/api/contract';
import { launchApp, shutdown, type App } from './harness';

let app: App;

beforeAll(async () => {
  app = await launchApp();
  await app.invoke('settings.update', { operator: 'Alice Admin' });
  const view = await app.invoke<CaseView>('cases.create', {
    organisation: 'Transports Martin',
    title: 'Records table check',
    contact: { name: '', email: '', phone: '' },
    language: 'en',
    operator: 'Alice Admin',
    servers: [{ name: 'sftp-gw01', product: 'Cleo Harmony', version: '5.8.0.21' }],
  });
  const caseId = view.case.id;
  const serverId = view.case.servers[0]!.id;
  await app.invoke('records.addPatch', { caseId, patch: { serverId, product: 'Cleo Harmony', versionBefore: '5.8.0.21', versionAfter: '5.8.0.24', update: 'Cleo patch 5.8.0.24', at: '2024-12-12T09:00:00Z', evidenceIds: [] } });
  await app.invoke('records.addFirewallChange', { caseId, change: { serverId, description: 'Blocked inbound 5080/5443', rule: 'deny any -> 203.0.113.10:5080,5443', at: '2024-12-11T09:00:00Z' } });
  await app.invoke('records.addCredentialReset', { caseId, reset: { account: 'cleoadmin', system: 'Cleo Harmony', note: 'Password and API keys rotated', at: '2024-12-12T10:00:00Z' } });
  await app.invoke('records.addAttackerEvent', { caseId, event: { at: '2024-12-09T08:00:00Z', description: 'First exploitation attempt', artefact: 'access log line 18211', certainty: 'hypothesis' } });
  await app.reload();
  await app.page.getByRole('button', { name: 'Records table check' }).click();
  await app.page.getByRole('tab', { name: 'Records' }).click();
});
afterEach(() => expect(app.errors.splice(0), 'no console or page error').toEqual([]));
afterAll(async () => {
  await app?.close();
  await shutdown();
});

async function rows(page: Page, name: string): Promise<string[][]> {
  const table = page.getByRole('table', { name });
  const headers = await table.locator('thead th').allTextContents();
  const cells = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return [headers, ...cells];
}

describe('the Records tab', () => {
  it('shows each kind of record under its own headers', async () => {
    const { page } = app;
    const [patchHead, patch] = await rows(page, 'Patches');
    expect(patchHead).toEqual(['Server', 'Product', 'Version before → after', 'Update installed', 'When']);
    expect(patch!.slice(0, 4)).toEqual(['sftp-gw01', 'Cleo Harmony', '5.8.0.21 → 5.8.0.24', 'Cleo patch 5.8.0.24']);
    expect(patch![4]).toMatch(/^2024-12-12 09:00 UTC.*Alice Admin$/);

    const [fwHead, fw] = await rows(page, 'Firewall and exposure changes');
    expect(fwHead).toEqual(['Server', 'Description', 'Rule', 'When']);
    expect(fw!.slice(0, 3)).toEqual(['sftp-gw01', 'Blocked inbound 5080/5443', 'deny any -> 203.0.113.10:5080,5443']);
    expect(fw![3]).toMatch(/^2024-12-11 09:00 UTC.*Alice Admin$/);

    const [credHead, cred] = await rows(page, 'Credential resets');
    expect(credHead).toEqual(['Account', 'System', 'Note', 'When']);
    expect(cred!.slice(0, 3)).toEqual(['cleoadmin', 'Cleo Harmony', 'Password and API keys rotated']);

    const [attackHead, attack] = await rows(page, 'Attacker timeline');
    expect(attackHead).toEqual(['When', 'Description', 'Artefact (log line, file, key)', 'Certainty']);
    expect(attack!.slice(1)).toEqual(['First exploitation attempt', 'access log line 18211', 'Hypothesis']);
    expect(attack![0]).toMatch(/^2024-12-09 08:00 UTC/);
  });
});
