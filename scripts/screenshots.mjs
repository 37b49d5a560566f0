#!/usr/bin/env node
// `npm run screenshots`: builds the renderer, drives it in headless Chromium against the real core
// (the end-to-end harness, bundled on the fly with esbuild), seeds a realistic case, and writes a
// PNG of every screen in light and dark to screenshots/ (git-ignored).
import { build } from 'esbuild';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = path.resolve(import.meta.dirname, '..');
const outDir = path.join(repo, 'screenshots');
process.env.FIREBREAK_REPO = repo;

// The bundle lives under out/ so that its bare imports (playwright-core, zod, lowdb) resolve from node_modules.
const bundle = path.join(repo, 'out', 'screenshots', 'harness.mjs');
await build({
  entryPoints: [path.join(repo, 'tests/e2e/harness.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile: bundle,
  logLevel: 'warning',
});
const harness = await import(pathToFileURL(bundle).href);

await harness.buildRenderer({ force: true });
await mkdir(outDir, { recursive: true });

/** The bundled playbooks as shipped, plus the test sample and one broken file to show how problems look. */
async function playbooksDir() {
  const dir = await mkdtemp(path.join(tmpdir(), 'firebreak-shots-playbooks-'));
  await cp(path.join(repo, 'playbooks'), dir, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  await mkdir(path.join(dir, 'en'), { recursive: true });
  await cp(path.join(repo, 'tests/fixtures/playbooks/sample-en.md'), path.join(dir, 'en', 'sample-webapp.md'));
  const sample = await readFile(path.join(repo, 'tests/fixtures/playbooks/sample-en.md'), 'utf8');
  await writeFile(path.join(dir, 'en', 'draft-vpn.md'), sample.replace('id: sample-webapp', 'id: draft-vpn').replace('version: 1.0.0', 'version: draft').replace('kind: command', 'kind: dance'));
  return dir;
}

const operator = 'Alice Moreau';

async function seed(app) {
  await app.invoke('settings.update', { operator });
  const list = await app.invoke('playbooks.list');
  const cleo = list.find((p) => p.status === 'ok' && p.id.startsWith('cleo')) ?? list.find((p) => p.status === 'ok');
  const main = await app.invoke('cases.create', {
    organisation: 'Transports Lefèvre SARL',
    title: 'Cleo Harmony compromise',
    contact: { name: 'Julien Lefèvre', email: 'j.lefevre@transports-lefevre.example', phone: '+33 4 72 00 00 00' },
    language: 'en',
    operator,
    servers: [
      { name: 'sftp-gw01', product: 'Cleo Harmony', version: '5.8.0.21' },
      { name: 'web01', product: 'Example WebApp', version: '2.3.0' },
    ],
  });
  const [gw, web] = main.case.servers;
  const caseId = main.case.id;
  let view = await app.invoke('cases.attachPlaybook', { caseId, serverId: gw.id, playbookId: cleo.id });
  await app.invoke('cases.attachPlaybook', { caseId, serverId: web.id, playbookId: 'sample-webapp' });
  const playbook = view.playbooks[cleo.id];
  const steps = playbook.phases.flatMap((phase) => phase.stepIds);
  const plan = ['done', 'done', 'done', 'not_applicable', 'done', 'in_progress', 'blocked'];
  for (const [i, state] of plan.entries()) {
    if (!steps[i]) break;
    // A step marked `evidence: required` can only be done once evidence is attached to it.
    if (state === 'done' && playbook.steps.find((s) => s.id === steps[i])?.evidence === 'required') {
      await app.invoke('evidence.addText', { caseId, step: { serverId: gw.id, playbookId: cleo.id, stepId: steps[i] }, title: `Output of ${steps[i]}`, content: 'PS C:\\> Get-Service *Cleo*\nRunning  CleoHarmony  Cleo Harmony', sourceHost: gw.name });
    }
    await app.invoke('cases.setStepState', { caseId, serverId: gw.id, playbookId: cleo.id, stepId: steps[i], state });
  }
  if (steps[7]) await app.invoke('cases.setStepState', { caseId, serverId: gw.id, playbookId: cleo.id, stepId: steps[7], state: 'skipped', reason: 'The server has no outbound internet access; checked with the provider.' });
  await app.invoke('cases.addNote', { caseId, serverId: gw.id, playbookId: cleo.id, stepId: steps[0], text: 'Version 5.8.0.21 read from the About page at 09:12. Screenshot kept.' });
  await app.invoke('cases.addNote', { caseId, serverId: gw.id, playbookId: cleo.id, stepId: steps[5] ?? steps[0], text: 'Firewall change requested from the ISP, ticket #4471.' });

  const other = await app.invoke('cases.create', {
    organisation: 'Cabinet Dupont & Associés',
    title: 'Exchange 2016 web shells',
    contact: { name: 'Claire Dupont', email: '', phone: '' },
    language: 'fr',
    operator,
    servers: [{ name: 'mail01', product: 'Microsoft Exchange', version: '2016 CU19' }],
  });
  const exchange = list.find((p) => p.status === 'ok' && p.id.includes('proxylogon'));
  if (exchange) await app.invoke('cases.attachPlaybook', { caseId: other.case.id, serverId: other.case.servers[0].id, playbookId: exchange.id });

  const old = await app.invoke('cases.create', { organisation: 'Imprimerie Roux', title: 'MOVEit Transfer check', contact: { name: '', email: '', phone: '' }, language: 'fr', operator, servers: [] });
  await app.invoke('cases.archive', { caseId: old.case.id });
  const gone = await app.invoke('cases.create', { organisation: 'Garage Petit', title: 'Test case', contact: { name: '', email: '', phone: '' }, language: 'en', operator, servers: [] });
  await app.invoke('cases.delete', { caseId: gone.case.id });

  // A damaged case, with a last good copy.
  const damaged = await app.invoke('cases.create', { organisation: 'Pharmacie Bernard', title: 'GoAnywhere MFT exposure', contact: { name: '', email: '', phone: '' }, language: 'en', operator, servers: [{ name: 'mft01', product: 'GoAnywhere MFT', version: '7.1.1' }] });
  await app.invoke('cases.rename', { caseId: damaged.case.id, title: 'GoAnywhere MFT exposure (Feb 2023)' });
  const file = path.join(app.dataDir, 'cases', damaged.case.id, 'case.json');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.slice(0, Math.floor(text.length * 0.6)));

  await seedRecords(app, caseId, gw, web);

  return { caseId, cleoStep: steps[5] ?? steps[0], damagedId: damaged.case.id };
}

/** Evidence, findings, records, dates, notifications, costs, sign-off and two report versions. */
async function seedRecords(app, caseId, gw, web) {
  const hour = 3_600_000;
  const ago = (hours) => new Date(Date.now() - hours * hour).toISOString();
  await app.invoke('records.setDetails', { caseId, details: { settings: { timeZone: 'Europe/Paris', insurerWarningHours: 48, frenchPoliceComplaint: true } } });
  let view = await app.invoke('evidence.addFile', { caseId, title: 'Cleo access log (exported)', sourceHost: gw.name });
  view = await app.invoke('evidence.addText', { caseId, title: 'Autorun folder listing', content: 'Directory of C:\\VLTrader\\autorun\n12/09/2024  22:41   1,204 healthchecktemplate.txt\n', sourceHost: gw.name });
  view = await app.invoke('evidence.addText', { caseId, title: 'Police receipt (récépissé)', content: 'Récépissé de dépôt de plainte n° 2024/118733' });
  view = await app.invoke('evidence.addText', { caseId, title: 'Draft note', content: 'to be replaced' });
  const byTitle = (title) => view.case.records.evidence.find((e) => e.title === title);
  const [log, autorun, receipt, draft] = ['Cleo access log (exported)', 'Autorun folder listing', 'Police receipt (récépissé)', 'Draft note'].map(byTitle);
  await app.invoke('evidence.remove', { caseId, evidenceId: draft.id, reason: 'Pasted into the wrong case; kept for the record.' });
  await app.invoke('findings.add', { caseId, finding: { status: 'found', title: 'Malicious autorun file', indicator: 'autorun/healthchecktemplate.txt', severity: 'critical', certainty: 'fact', where: { host: gw.name, file: 'C:\\VLTrader\\autorun\\healthchecktemplate.txt' }, when: ago(80), ruleId: 'cleo-autorun-files', evidenceIds: [autorun.id] } });
  const c2 = await app.invoke('findings.add', { caseId, finding: { status: 'found', title: 'Outbound connection to a known C2 address', indicator: '89.248.172.139', severity: 'high', certainty: 'hypothesis', where: { host: gw.name, file: 'firewall export' }, when: ago(79) } });
  await app.invoke('findings.update', { caseId, findingId: c2.case.records.findings.at(-1).id, changes: { resolution: { at: ago(30), by: operator, note: 'Blocked at the firewall; no further connection in 48 hours of logs.' } } });
  await app.invoke('findings.add', { caseId, finding: { status: 'ruled_out', title: 'No web shell in the web root', indicator: '*.jsp, *.aspx', severity: 'high', certainty: 'fact', where: { host: web.name }, ruleId: 'sample-webshell-names', coverage: { files: ['D:\\www\\', 'D:\\logs\\u_ex2412*.log'], from: ago(24 * 30), to: ago(1), ruleSetVersion: '1.0.0', toolVersion: '0.1.0' } } });
  await app.invoke('records.addPatch', { caseId, patch: { serverId: gw.id, product: 'Cleo Harmony', versionBefore: '5.8.0.21', versionAfter: '5.8.0.24', update: 'Cleo patch 5.8.0.24 (CVE-2024-55956)', at: ago(40), evidenceIds: [] } });
  await app.invoke('records.addFirewallChange', { caseId, change: { serverId: gw.id, description: 'Blocked inbound TCP 5080/5443 from the internet', rule: 'deny any -> 203.0.113.10:5080,5443', at: ago(60) } });
  await app.invoke('records.addCredentialReset', { caseId, reset: { account: 'cleoadmin', system: 'Cleo Harmony', note: 'Password and API keys rotated', at: ago(38) } });
  await app.invoke('records.addAttackerEvent', { caseId, event: { at: ago(82), description: 'First exploitation attempt from 176.123.5.126', artefact: 'Cleo access log line 18211', evidenceId: log.id, certainty: 'fact' } });
  await app.invoke('records.addAttackerEvent', { caseId, event: { at: ago(80), description: 'Autorun file dropped, PowerShell stager run', artefact: 'healthchecktemplate.txt', certainty: 'fact' } });
  await app.invoke('dates.set', { caseId, dates: { firstActivity: ago(82), discovery: ago(66), containment: ago(60) } });
  await app.invoke('records.setInsurance', { caseId, insurance: { insurer: 'Hiscox France', policyNumber: 'CY-2024-55120', claimNumber: 'SIN-88412', contact: 'Claims line +33 1 53 21 82 82' } });
  await app.invoke('notifications.set', { caseId, notification: { kind: 'insurer', at: ago(64), channel: 'Claims hotline, then e-mail', reference: 'SIN-88412', approvedVendors: ['CyberSecours Lyon'] } });
  await app.invoke('notifications.set', { caseId, notification: { kind: 'police', office: 'Commissariat de Lyon 3e', reference: '', evidenceIds: [receipt.id] } });
  await app.invoke('costs.add', { caseId, cost: { kind: 'outage', system: 'sftp-gw01 (customer file transfers)', start: ago(60), end: ago(30), currency: 'EUR', description: 'Server isolated until patched' } });
  await app.invoke('costs.add', { caseId, cost: { kind: 'hours', system: 'IT staff', hours: 22, amount: 1320, currency: 'EUR', description: 'Internal hours, 60 €/h' } });
  await app.invoke('costs.add', { caseId, cost: { kind: 'invoice', amount: 4800, currency: 'EUR', description: 'CyberSecours Lyon, invoice F-2024-311' } });
  await app.invoke('records.setDetails', { caseId, details: { narrative: { status: 'contained', whatHappened: 'The Cleo Harmony server was exploited through CVE-2024-55956 and an autorun file ran a PowerShell stager.', impact: 'File transfers with customers stopped for 30 hours.', residualRisk: 'Low once credentials are rotated.', recommendations: ['Keep Cleo behind the VPN'] }, limitations: ['Firewall logs older than 30 days were not available.'], openItems: [{ id: 'open-1', text: 'Confirm with the ISP that no data left through 5443.', owner: 'Julien Lefèvre' }], distribution: [{ name: 'Julien Lefèvre', organisation: 'Transports Lefèvre', role: 'Manager' }] } });
  await app.invoke('records.setDetails', {
    caseId,
    details: {
      rootCause: {
        cves: ['CVE-2024-50623', 'CVE-2024-55956'],
        entryPoint: 'Cleo Harmony autorun folder, reachable from the internet on TCP 5080/5443',
        statements: [
          { id: 'st-1', text: 'An autorun file was written to C:\\VLTrader\\autorun at 22:41 by the Cleo service account.', certainty: 'fact', evidenceIds: [autorun.id] },
          { id: 'st-2', text: 'The first exploitation request came from 176.123.5.126 (access log line 18211).', certainty: 'fact', evidenceIds: [log.id] },
          { id: 'st-3', text: 'The attacker found the server by mass scanning for port 5443.', certainty: 'hypothesis', evidenceIds: [] },
        ],
      },
      serverDetails: { [gw.id]: { role: 'File transfer with customers', exposure: 'Internet-facing on TCP 5080/5443' }, [web.id]: { role: 'Public website', exposure: 'Behind the reverse proxy' } },
      authors: [operator, 'Bruno Garnier'],
    },
  });
  await app.invoke('notifications.set', { caseId, notification: { kind: 'other', recipient: 'ANSSI (CERT-FR)', at: ago(50), channel: 'CERT-FR online form', reference: 'CERTFR-2024-INC-0815' } });
  await app.invoke('signoff.set', { caseId, signOff: { performedBy: operator, reviewedBy: 'Bruno Garnier', attestation: 'I attest that the actions, findings and times in this report were recorded as they happened.' } });
  await app.invoke('report.export', { caseId, format: 'html' });
  await app.invoke('costs.add', { caseId, cost: { kind: 'hardware', amount: 690, currency: 'EUR', description: 'Replacement disk for the forensic copy' } });
  await app.invoke('report.export', { caseId, format: 'json' });
}

const written = [];
async function shoot(app, theme, name) {
  await app.page.waitForTimeout(120); // let transitions and fonts settle
  const file = path.join(outDir, `${name}-${theme}.png`);
  await app.page.screenshot({ path: file });
  written.push(path.relative(repo, file));
}

const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

for (const theme of ['light', 'dark']) {
  const bundledPlaybooksDir = await playbooksDir();
  // The hunt tab's folder dialog, stubbed with the rule examples of the ProxyLogon playbook.
  const huntFixtures = path.join(repo, 'tests/fixtures/hunt/exchange-proxylogon');
  const choosePaths = async () => ['httpproxy-26855-serverinfo/positive', 'path-aspnet-client-script/positive', 'iis-hafnium-user-agents/positive'].map((p) => path.join(huntFixtures, p));
  // The evidence and save dialogs, stubbed: an exported access log, and a throw-away folder for reports.
  const exportsDir = await mkdtemp(path.join(tmpdir(), 'firebreak-shots-exports-'));
  const accessLog = path.join(exportsDir, 'cleo-access-2024-12-09.log');
  await writeFile(accessLog, '2024-12-09 22:38:02 176.123.5.126 POST /Synchronization 200\n'.repeat(200));
  const chooseFiles = async () => [accessLog];
  let saved = 0;
  const chooseSavePath = async (name) => path.join(exportsDir, `${saved++}-${name}`);
  const app = await harness.launchApp({ colorScheme: theme, bundledPlaybooksDir, viewport: { width: 1440, height: 900 }, choosePaths, chooseFiles, chooseSavePath });
  try {
    const seeded = await seed(app);
    const { page } = app;
    await app.reload();
    await page.getByRole('button', { name: 'Cleo Harmony compromise' }).waitFor();
    await shoot(app, theme, '01-cases');

    await page.getByRole('button', { name: 'New case' }).click();
    await page.getByLabel('Organisation').fill('Boulangerie Martin');
    await shoot(app, theme, '02-new-case');

    await nav(page, 'Cases');
    await page.getByRole('button', { name: 'Cleo Harmony compromise' }).click();
    await page.locator('#step-title').waitFor();
    await page.locator(`[data-step-row="${seeded.cleoStep}"]`).click();
    await shoot(app, theme, '03-case-step');

    // The sample playbook on web01: a question, a command with expected result and branch.
    await page.getByRole('region', { name: 'Server web01' }).getByRole('button', { name: 'Sample web server compromise', exact: true }).click();
    await page.locator('[data-step-row="triage-version"]').click();
    await shoot(app, theme, '04-case-command-step');

    // The evidence gate: "done" refused on a step that needs evidence, and the way to attach it.
    await page.getByRole('group', { name: 'State of this step' }).getByRole('button', { name: /Done/ }).click();
    await page.getByRole('alert').getByRole('button', { name: 'Attach evidence to this step' }).waitFor();
    await shoot(app, theme, '18-evidence-gate');
    await page.getByRole('alert').getByRole('button', { name: 'Attach evidence to this step' }).click();
    await page.getByRole('dialog').waitFor();
    await shoot(app, theme, '19-attach-evidence');
    await page.keyboard.press('Escape');

    await page.getByRole('tab', { name: /Timeline/ }).click();
    await shoot(app, theme, '05-case-timeline');

    for (const [name, tab] of [['20-case-evidence', /^Evidence/], ['21-case-findings', /^Findings/], ['22-case-records', 'Records'], ['23-case-deadlines', /^Deadlines/], ['24-case-costs', /^Costs/], ['25-case-report', 'Report']]) {
      await page.getByRole('tab', { name: tab }).click();
      await shoot(app, theme, name);
    }
    await page.getByRole('tab', { name: /^Findings/ }).click();
    await page.getByRole('button', { name: 'Reopen Outbound connection to a known C2 address' }).click();
    await shoot(app, theme, '30-case-findings-reopen');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /^Deadlines/ }).click();
    await page.locator('#notice-police').scrollIntoViewIfNeeded();
    await shoot(app, theme, '23-case-deadlines-notices');
    await page.locator('.other-notices').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(app, theme, '31-case-other-notices');
    await page.getByRole('tab', { name: 'Report' }).click();
    await page.locator('#report-bundle').scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: 'Export the bundle…' }).click();
    await page.locator('#report-bundle').getByRole('status').waitFor({ timeout: 60_000 });
    await page.getByRole('form', { name: 'Sign-off' }).scrollIntoViewIfNeeded();
    await shoot(app, theme, '26-case-report-signoff');
    await page.locator('#root-cause').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shoot(app, theme, '29-case-report-root-cause');
    await page.getByRole('tab', { name: 'Steps' }).click();

    await page.keyboard.press('?');
    await shoot(app, theme, '06-shortcuts');
    await page.keyboard.press('Escape');

    await page.keyboard.press('s');
    await page.getByRole('dialog').getByRole('textbox').fill('Version read by the hosting provider.');
    await shoot(app, theme, '07-skip-reason');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Attach playbook to web01' }).click();
    await page.getByRole('dialog').waitFor();
    await shoot(app, theme, '08-attach-picker');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Edit server web01' }).click();
    await page.getByRole('form', { name: 'Edit server web01' }).getByLabel('Version').fill('2.4.1');
    await shoot(app, theme, '15-edit-server');
    await page.getByRole('form', { name: 'Edit server web01' }).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Remove Sample web server compromise from web01' }).click();
    await page.getByRole('dialog').waitFor();
    await shoot(app, theme, '16-detach-playbook');
    await page.keyboard.press('Escape');

    await nav(page, 'Archive');
    await shoot(app, theme, '09-archive');

    await nav(page, 'Playbooks');
    await page.getByRole('table', { name: 'Available playbooks' }).waitFor();
    await shoot(app, theme, '10-playbooks');

    await nav(page, 'Settings');
    await shoot(app, theme, '11-settings');

    await nav(page, 'Cases');
    await page.getByRole('button', { name: 'Exchange 2016 web shells' }).click();
    await page.getByRole('tab', { name: 'Hunt' }).click();
    await page.getByRole('button', { name: 'Choose folders…' }).click();
    await page.getByRole('button', { name: 'Start the hunt' }).click();
    await page.getByRole('heading', { name: 'Hunt finished' }).waitFor({ timeout: 60_000 });
    await page.getByRole('table', { name: 'Hits' }).locator('tbody tr').first().click();
    await shoot(app, theme, '15-case-hunt');
    await page.getByRole('region', { name: 'Coverage' }).scrollIntoViewIfNeeded();
    await shoot(app, theme, '16-case-hunt-coverage');

    await nav(page, 'Cases');
    await page.getByRole('button', { name: 'Open last good copy (read-only)' }).click();
    await page.getByRole('status', { name: 'Read-only case' }).waitFor();
    await shoot(app, theme, '12-read-only');

    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('fr');
    await page.getByRole('navigation').getByRole('button', { name: 'Dossiers' }).click();
    await page.getByRole('button', { name: 'Cleo Harmony compromise' }).click();
    await page.locator(`[data-step-row="${seeded.cleoStep}"]`).click();
    await shoot(app, theme, '13-case-step-fr');
    await page.getByRole('tab', { name: /^Délais et déclarations/ }).click();
    await shoot(app, theme, '27-case-deadlines-fr');
    await page.getByRole('tab', { name: /^Preuves/ }).click();
    await shoot(app, theme, '28-case-evidence-fr');
    await page.getByRole('navigation').getByRole('button', { name: 'Dossiers' }).click();
    await shoot(app, theme, '14-cases-fr');
    await page.getByRole('button', { name: 'Ouvrir la dernière copie saine (lecture seule)' }).click();
    await page.getByRole('status', { name: 'Dossier en lecture seule' }).waitFor();
    await shoot(app, theme, '17-read-only-fr');
    await app.invoke('settings.update', { language: 'en' });

    if (app.errors.length) throw new Error(`The page reported errors:\n${app.errors.join('\n')}`);
  } finally {
    await app.close();
    await rm(bundledPlaybooksDir, { recursive: true, force: true });
    await rm(exportsDir, { recursive: true, force: true });
  }
}
await harness.shutdown();
console.log(`Wrote ${written.length} screenshots:\n  ${written.join('\n  ')}`);
