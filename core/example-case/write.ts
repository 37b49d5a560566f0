// A fully worked example case: a small French haulier whose Cleo VLTrader server was hit in the
// December 2024 Cleo campaign (CVE-2024-50623 / CVE-2024-55956). Everything in it is invented:
// the company, the people, the numbers; addresses are from RFC 5737 (192.0.2.0/24, 198.51.100.0/24,
// 203.0.113.0/24) and e-mail domains are example.com/.org. It is written through the same core the
// app uses (case store, evidence copy, gated step changes, record mutations), with a clock set to
// the time of each action, so it opens in the app and its report is a realistic sample.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fail } from '../api/contract';
import * as rec from '../cases/records-mutations';
import { addNote } from '../cases/mutations';
import { createCaseStore } from '../cases/store';
import { stepKey, type StepState } from '../cases/types';
import { addEvidenceFile, addEvidenceText } from '../evidence/service';
import { createPlaybookRegistry } from '../playbooks/registry';
import type { Language, Playbook } from '../playbooks/types';
import { exampleText, type ExampleText } from './text';

export const EXAMPLE_PLAYBOOK_ID = 'cleo-cve-2024-50623';

export interface ExampleCaseOptions {
  /** The folder holding <language>/<id>.md playbooks (the bundled ones). */
  playbooksDir: string;
  language?: Language;
}

export interface ExampleCaseResult {
  caseId: string;
  caseFolder: string;
  dataDir: string;
}

/** A clock the example moves by hand; each reading adds a second so every change has its own time. */
function scriptedClock(start: string) {
  let t = Date.parse(start);
  return {
    set: (iso: string) => void (t = Date.parse(iso)),
    now: () => {
      const d = new Date(t);
      t += 1_000;
      return d;
    },
  };
}

/**
 * Write the example case into `<dataDir>/cases/<id>/`. `dataDir` may be the app's data folder (the
 * case then shows in the case list) or any empty folder.
 */
export async function writeExampleCase(dataDir: string, options: ExampleCaseOptions): Promise<ExampleCaseResult> {
  const language = options.language ?? 'fr';
  const T: ExampleText = exampleText[language];
  const clock = scriptedClock('2024-12-09T08:52:00Z');
  const store = createCaseStore({ dataDir, now: clock.now, log: () => undefined });
  const registry = createPlaybookRegistry({ bundledDir: options.playbooksDir, importedDir: path.join(dataDir, 'playbooks') });
  const playbook: Playbook =
    (await registry.get(EXAMPLE_PLAYBOOK_ID, language)) ??
    fail('NOT_FOUND', `The bundled playbook ${EXAMPLE_PLAYBOOK_ID} cannot be found in ${options.playbooksDir}.`, 'Check that Firebreak is installed completely.');

  const operator = 'Julien Moreau';
  const created = await store.create({
    organisation: 'Transports Lefèvre SARL',
    title: T.title,
    contact: { name: 'Claire Lefèvre', email: 'claire.lefevre@transports-lefevre.example.com', phone: '+33 4 00 00 00 00' },
    language,
    operator,
    servers: [{ name: 'SRV-EDI01', product: 'Cleo VLTrader', version: '5.8.0.21' }],
  });
  const caseId = created.doc.id;
  const caseFolder = store.folderOf(caseId);
  const serverId = created.doc.servers[0]?.id as string;
  await store.attachPlaybook(caseId, serverId, { id: playbook.meta.id, version: playbook.meta.version, title: playbook.meta.title });

  const at = (iso: string) => clock.set(iso);
  const mutate = (m: rec.RecordMutation) => store.mutate(caseId, m);
  const stepOf = (stepId: string) => playbook.steps.find((s) => s.id === stepId) ?? fail('NOT_FOUND', `The example needs the step ${stepId}, which the playbook no longer has.`);
  const address = (stepId: string) => ({ serverId, playbookId: playbook.meta.id, stepId, stepTitle: stepOf(stepId).title });
  const evidenceIds: Record<string, string> = {};
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'firebreak-example-'));

  /** Attach pasted output (or a file when `file` is set) to a step; returns the evidence id. */
  async function evidence(name: string, stepId: string | undefined, title: string, content: string, asFile?: string): Promise<string> {
    const meta = { title, sourceHost: 'SRV-EDI01', collectedZone: 'Europe/Paris', ...(asFile ? { originalPath: `E:\\collecte\\${asFile}` } : {}), ...(stepId ? { step: { serverId, playbookId: playbook.meta.id, stepId } } : {}) };
    let opened;
    if (asFile) {
      const file = path.join(scratch, asFile);
      await writeFile(file, content);
      opened = await addEvidenceFile(store, caseId, file, meta);
    } else {
      opened = await addEvidenceText(store, caseId, title, content, meta);
    }
    const id = opened.doc.records.evidence.at(-1)?.id as string;
    evidenceIds[name] = id;
    return id;
  }

  async function step(stepId: string, state: StepState, reason?: string) {
    const s = stepOf(stepId);
    await store.mutate(caseId, rec.setStepStateGated(address(stepId), state, s.evidence, reason));
  }
  const note = (stepId: string, text: string) => store.mutate(caseId, addNote(address(stepId), text));

  try {
    // ---- 9 December, morning: discovery and triage ----------------------------------------------
    at('2024-12-09T08:55:00Z');
    await mutate(rec.setKeyDates({ discovery: '2024-12-09T08:40:00Z' }));
    await mutate(rec.setInsurance({ insurer: 'Mutuelle Exemple Assurances', policyNumber: 'CYB-2023-004512', claimNumber: '', contact: 'sinistres-cyber@assureur.example.org' }));
    await step('triage-background', 'done');
    at('2024-12-09T09:02:00Z');
    await evidence('install', 'triage-find-install', T.ev.install, EV.install);
    await step('triage-find-install', 'done');
    at('2024-12-09T09:08:00Z');
    await evidence('version', 'triage-version', T.ev.version, EV.version, 'VLTrader-version-header.txt');
    await step('triage-version', 'done');
    await step('triage-exposed', 'done');
    await note('triage-exposed', T.notes.exposed);

    // ---- containment -------------------------------------------------------------------------------
    at('2024-12-09T09:25:00Z');
    await step('contain-ports', 'done');
    await evidence('firewall', 'contain-firewall', T.ev.firewall, EV.firewall, 'pare-feu-regles-apres.txt');
    await step('contain-firewall', 'done');
    await mutate(rec.addFirewallChange({ at: '2024-12-09T09:30:00Z', serverId, description: T.records.firewall1, rule: 'Allow TCP 5080,5443 from 203.0.113.10, 203.0.113.11; block all other inbound', evidenceIds: [evidenceIds.firewall as string] }));
    await mutate(rec.addFirewallChange({ at: '2024-12-09T09:34:00Z', serverId, description: T.records.firewall2, rule: 'Block in/out 192.0.2.45, 198.51.100.23, 198.51.100.87', evidenceIds: [evidenceIds.firewall as string] }));
    await step('contain-block-iocs', 'done');
    await step('contain-synchronization', 'done');
    await step('contain-autorun', 'done');
    await step('contain-egress', 'done');
    await mutate(rec.setKeyDates({ containment: '2024-12-09T09:30:00Z' }));

    // ---- insurer --------------------------------------------------------------------------------------
    at('2024-12-09T10:20:00Z');
    const insurerMail = await evidence('insurer', 'report-insurer', T.ev.insurer, EV.insurer, 'accuse-reception-assureur.eml');
    await mutate(rec.setInsurance({ claimNumber: 'SIN-2024-118734' }));
    await mutate(
      rec.setNotification({ kind: 'insurer', recipient: 'Mutuelle Exemple Assurances', at: '2024-12-09T10:15:00Z', channel: T.records.insurerChannel, reference: 'SIN-2024-118734', approvedVendors: ['Cabinet Forensique Exemple (CFE)'], evidenceIds: [insurerMail] }),
    );
    await step('report-insurer', 'done');

    // ---- preserve ------------------------------------------------------------------------------------
    at('2024-12-09T11:40:00Z');
    await evidence('collect', 'preserve-collect-windows', T.ev.collect, EV.collect, 'collecte-hashes.txt');
    await step('preserve-collect-windows', 'done');
    await step('preserve-collect-linux', 'not_applicable');
    await step('preserve-memory', 'skipped', T.notes.memory);

    // ---- hunt ------------------------------------------------------------------------------------------
    at('2024-12-09T14:10:00Z');
    await mutate(rec.setKeyDates({ firstActivity: '2024-12-03T22:14:07Z' }));
    const autorun = await evidence('autorun', 'hunt-autorun', T.ev.autorun, EV.autorun, 'autorun-listing.txt');
    await step('hunt-autorun', 'done');
    await mutate(
      rec.recordFinding({
        status: 'found',
        title: T.findings.autorun,
        indicator: 'healthchecktemplate.txt',
        ruleId: 'cleo-autorun-unexpected-file',
        playbookId: playbook.meta.id,
        stepKey: stepKey(serverId, playbook.meta.id, 'hunt-autorun'),
        severity: 'critical',
        where: { host: 'SRV-EDI01', file: 'D:\\VLTrader\\autorun\\healthchecktemplate.txt' },
        when: '2024-12-03T22:16:41Z',
        matchedText: 'SYSTEM cmd.exe /c powershell -NonI -W Hidden -enc JAB…',
        evidenceIds: [autorun],
        certainty: 'fact',
      }),
    );
    const hostXml = await evidence('hostxml', 'hunt-host-xml', T.ev.hostXml, EV.hostXml, 'main.xml.txt');
    await step('hunt-host-xml', 'done');
    await mutate(
      rec.recordFinding({
        status: 'found',
        title: T.findings.hostXml,
        indicator: '<Commands>… powershell -enc …</Commands>',
        ruleId: 'cleo-host-xml-commands',
        playbookId: playbook.meta.id,
        severity: 'critical',
        where: { host: 'SRV-EDI01', file: 'D:\\VLTrader\\hosts\\main.xml', line: 212 },
        when: '2024-12-03T22:16:39Z',
        evidenceIds: [hostXml],
        certainty: 'fact',
      }),
    );
    at('2024-12-09T15:30:00Z');
    const logs = await evidence('logs', 'hunt-cleo-logs', T.ev.logs, EV.logs, 'VLTrader-logs-extrait.txt');
    await step('hunt-cleo-logs', 'done');
    await mutate(
      rec.recordFinding({
        status: 'found',
        title: T.findings.network,
        indicator: '198.51.100.23',
        ruleId: 'cleo-known-attacker-ip',
        playbookId: playbook.meta.id,
        severity: 'high',
        where: { host: 'SRV-EDI01', file: 'D:\\VLTrader\\logs\\VLTrader.xml', line: 48211 },
        when: '2024-12-03T22:17:05Z',
        matchedText: 'Connection to 198.51.100.23:443 established by java.exe',
        evidenceIds: [logs],
        certainty: 'fact',
      }),
    );
    const coverage = {
      files: ['D:\\VLTrader\\logs\\VLTrader.xml', 'D:\\VLTrader\\logs\\VLTrader.xml.1', 'D:\\VLTrader\\hosts\\*.xml', 'D:\\VLTrader\\lib\\**', 'D:\\VLTrader\\temp\\**'],
      from: '2024-11-14T00:00:00Z',
      to: '2024-12-09T09:30:00Z',
      ruleSetVersion: `${playbook.meta.id} ${playbook.meta.version}`,
      toolVersion: 'Firebreak 0.1.0',
    };
    for (const stepId of ['hunt-known-files', 'hunt-temp-zip', 'hunt-deleted-files', 'hunt-process-tree', 'hunt-powershell']) {
      await evidence(stepId, stepId, `${T.ev.huntOutput} — ${stepOf(stepId).title}`, EV.huntOutput(stepId));
      await step(stepId, 'done');
    }
    const java = await evidence('java', 'hunt-java-backdoor', T.ev.java, EV.java);
    await step('hunt-java-backdoor', 'done');
    await mutate(rec.recordFinding({ status: 'ruled_out', title: T.findings.java, indicator: 'cleo.*.jar / Malichus class names', ruleId: 'cleo-malichus-jar', playbookId: playbook.meta.id, severity: 'critical', where: { host: 'SRV-EDI01', file: 'D:\\VLTrader\\lib' }, coverage, evidenceIds: [java], certainty: 'fact' }));
    const accounts = await evidence('accounts', 'hunt-accounts', T.ev.accounts, EV.accounts);
    await step('hunt-accounts', 'done');
    await mutate(rec.recordFinding({ status: 'ruled_out', title: T.findings.accounts, indicator: 'Event ID 4720 / 7045', ruleId: 'windows-new-account-or-service', playbookId: playbook.meta.id, severity: 'high', where: { host: 'SRV-EDI01', file: 'Security.evtx, System.evtx' }, coverage: { ...coverage, files: ['Security.evtx', 'System.evtx'] }, evidenceIds: [accounts], certainty: 'fact' }));
    await evidence('network', 'hunt-network', T.ev.network, EV.network);
    await step('hunt-network', 'done');
    await step('hunt-synchronization', 'blocked', T.notes.noProxyLogs);
    await step('hunt-compromise-confirmed', 'done');
    await step('hunt-verdict', 'done');
    await mutate(rec.addAttackerEvent({ at: '2024-12-03T22:14:07Z', description: T.attacker.probe, artefact: 'VLTrader.xml l. 48102', evidenceId: logs, certainty: 'fact' }));
    await mutate(rec.addAttackerEvent({ at: '2024-12-03T22:16:39Z', description: T.attacker.hostXml, artefact: 'hosts\\main.xml', evidenceId: hostXml, certainty: 'fact' }));
    await mutate(rec.addAttackerEvent({ at: '2024-12-03T22:16:41Z', description: T.attacker.autorun, artefact: 'autorun\\healthchecktemplate.txt', evidenceId: autorun, certainty: 'fact' }));
    await mutate(rec.addAttackerEvent({ at: '2024-12-03T22:17:05Z', description: T.attacker.callback, artefact: 'VLTrader.xml l. 48211', evidenceId: logs, certainty: 'fact' }));
    await mutate(rec.addAttackerEvent({ at: '2024-12-04T01:00:00Z', description: T.attacker.exfil, artefact: '—', certainty: 'hypothesis' }));

    // ---- 10 December: police complaint and patch ---------------------------------------------------------
    at('2024-12-10T14:45:00Z');
    const receipt = await evidence('police', 'report-police-complaint', T.ev.police, EV.police, 'recepisse-plainte.txt');
    await mutate(rec.setNotification({ kind: 'police', recipient: T.records.policeRecipient, at: '2024-12-10T14:00:00Z', channel: T.records.policeChannel, office: 'Commissariat de police de Lyon 3e', reference: 'PV 2024/012345', evidenceIds: [receipt] }));
    await step('report-police-complaint', 'done');
    at('2024-12-10T16:20:00Z');
    const patchEv = await evidence('patch', 'patch-install', T.ev.patch, EV.patch, 'installation-5.8.0.24.txt');
    await step('patch-install', 'done');
    await mutate(rec.addPatch({ at: '2024-12-10T16:05:00Z', serverId, product: 'Cleo VLTrader', versionBefore: '5.8.0.21', versionAfter: '5.8.0.24', update: 'VLTrader 5.8.0.24 (patch CVE-2024-55956)', evidenceIds: [patchEv] }));
    await evidence('patchVerify', 'patch-verify', T.ev.patchVerify, EV.patchVerify);
    await step('patch-verify', 'done');
    await evidence('startup', 'patch-startup-cleanup', T.ev.startup, EV.startup);
    await step('patch-startup-cleanup', 'done');

    // ---- 11 December: personal data and CNIL ------------------------------------------------------------------
    at('2024-12-11T15:40:00Z');
    await mutate(rec.setPersonalData({ affected: 'yes', categories: T.personal.categories, approxPeople: 1800, approxRecords: 12000, reasoning: T.personal.reasoning, consequences: T.personal.consequences, measures: T.personal.measures }));
    await step('report-personal-data', 'done');
    const cnil = await evidence('cnil', 'report-cnil', T.ev.cnil, EV.cnil, 'notification-cnil.txt');
    await mutate(rec.setNotification({ kind: 'dpa', recipient: 'CNIL', at: '2024-12-11T15:30:00Z', channel: T.records.cnilChannel, reference: 'NOTIF-2024-000000-EXEMPLE', evidenceIds: [cnil] }));
    await step('report-cnil', 'done');

    // ---- 12–13 December: eradication and return to service ------------------------------------------------------
    at('2024-12-12T18:10:00Z');
    await evidence('rebuild', 'eradicate-rebuild', T.ev.rebuild, EV.rebuild);
    await step('eradicate-rebuild', 'done');
    await step('eradicate-remove-files', 'not_applicable');
    const creds = await evidence('creds', 'eradicate-credentials', T.ev.creds, EV.creds);
    await step('eradicate-credentials', 'done');
    for (const [account, system] of [
      ['svc_vltrader', 'Active Directory'],
      ['admin (VLTrader)', 'VLTrader'],
      ['AS2 / SFTP partenaires (14 comptes)', 'VLTrader'],
    ] as const) {
      await mutate(rec.addCredentialReset({ at: '2024-12-12T17:30:00Z', account, system, note: '', evidenceIds: [creds] }));
    }
    await step('eradicate-scope-network', 'done');
    await note('eradicate-scope-network', T.notes.network);
    await step('eradicate-autorun-decision', 'done');
    await mutate(rec.setKeyDates({ eradication: '2024-12-12T18:00:00Z' }));
    for (const finding of (await store.open(caseId)).doc.records.findings.filter((f) => f.status === 'found')) {
      await mutate(rec.updateFinding(finding.id, { resolution: { at: '2024-12-12T18:00:00Z', by: operator, note: T.notes.resolved } }));
    }
    at('2024-12-13T07:15:00Z');
    await evidence('rts', 'eradicate-return-to-service', T.ev.rts, EV.rts);
    await step('eradicate-return-to-service', 'done');
    await mutate(rec.setKeyDates({ returnToService: '2024-12-13T07:00:00Z' }));
    await step('eradicate-monitor', 'in_progress');
    await note('eradicate-monitor', T.notes.monitor);

    // ---- costs, narrative, sign-off ----------------------------------------------------------------------------
    at('2024-12-16T09:00:00Z');
    await mutate(rec.addCost({ kind: 'outage', system: 'EDI (VLTrader)', start: '2024-12-09T09:30:00Z', end: '2024-12-13T07:00:00Z', description: T.costs.outage }));
    await mutate(rec.addCost({ kind: 'hours', system: 'IT', hours: 46, amount: 2300, currency: 'EUR', description: T.costs.hours }));
    await mutate(rec.addCost({ kind: 'invoice', system: 'Forensics', amount: 4800, currency: 'EUR', description: T.costs.invoice }));
    await mutate(rec.addCost({ kind: 'hardware', system: 'SRV-EDI01', amount: 640, currency: 'EUR', description: T.costs.hardware }));
    await mutate(
      rec.setReportDetails({
        narrative: { status: 'contained', whatHappened: T.narrative.whatHappened, impact: T.narrative.impact, residualRisk: T.narrative.residualRisk, recommendations: T.narrative.recommendations },
        rootCause: {
          cves: ['CVE-2024-50623', 'CVE-2024-55956'],
          entryPoint: T.rootCause.entryPoint,
          statements: [
            { id: 'rc-1', text: T.rootCause.fact1, certainty: 'fact', evidenceIds: [evidenceIds.version as string] },
            { id: 'rc-2', text: T.rootCause.fact2, certainty: 'fact', evidenceIds: [autorun, hostXml] },
            { id: 'rc-3', text: T.rootCause.hypothesis1, certainty: 'hypothesis', evidenceIds: [] },
          ],
        },
        limitations: T.limitations,
        distribution: [
          { name: 'Claire Lefèvre', organisation: 'Transports Lefèvre SARL', role: T.roles.manager },
          { name: 'Service sinistres cyber', organisation: 'Mutuelle Exemple Assurances', role: T.roles.insurer },
          { name: 'Cabinet Forensique Exemple', organisation: 'CFE', role: T.roles.forensics },
        ],
        authors: ['Julien Moreau'],
        serverDetails: { [serverId]: { role: T.server.role, exposure: T.server.exposure } },
        openItems: [{ id: 'oi-1', text: T.openItem, owner: 'Julien Moreau', due: '2025-01-10T17:00:00Z' }],
      }),
    );
    await step('report-key-dates', 'done');
    at('2024-12-16T10:30:00Z');
    await mutate(rec.setSignOff({ performedBy: 'Julien Moreau', reviewedBy: 'Claire Lefèvre', attestation: T.attestation, signedAt: '2024-12-16T10:30:00Z' }));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { caseId, caseFolder, dataDir };
}

// The evidence contents (tool output, receipts). Command output stays in its own language.
const EV = {
  install: `PS C:\\> Get-CimInstance Win32_Service | ? PathName -match 'VLTrader' | fl Name,StartName,PathName
Name      : VLTraderd
StartName : EXEMPLE\\svc_vltrader
PathName  : "D:\\VLTrader\\VLTraderd.exe"
`,
  version: `D:\\VLTrader> type VLTrader.hdr | findstr /i version
Version=5.8.0.21
Built=2024-10-21
`,
  firewall: `PS C:\\> Get-NetFirewallRule -DisplayName 'Firebreak*' | ft DisplayName,Direction,Action,Enabled
DisplayName                       Direction Action Enabled
-----------                       --------- ------ -------
Firebreak Cleo partners 5080/5443 Inbound   Allow  True
Firebreak block IOC in            Inbound   Block  True
Firebreak block IOC out           Outbound  Block  True
`,
  insurer: `From: sinistres-cyber@assureur.example.org
To: julien.moreau@transports-lefevre.example.com
Date: Mon, 9 Dec 2024 11:22:04 +0100
Subject: Accusé de réception - déclaration de sinistre SIN-2024-118734

Bonjour,
Nous accusons réception de votre déclaration du 09/12/2024 à 11h15.
Numéro de sinistre : SIN-2024-118734. Prestataire agréé : Cabinet Forensique Exemple (CFE).
Merci de ne pas engager d'autres frais sans notre accord préalable.
`,
  collect: `SHA256                                                           Path
4f0c8e1a7e5c2d9b3a6f8e7d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b  E:\\collecte\\VLTrader-logs.zip
9a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5061728394a5b6c7d8e9f  E:\\collecte\\VLTrader-hosts.zip
0d1e2f3a4b5c6d7e8f90a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c  E:\\collecte\\evtx.zip
`,
  autorun: ` Répertoire de D:\\VLTrader\\autorun
03/12/2024  23:16             1 204 healthchecktemplate.txt
               1 fichier(s)            1 204 octets
`,
  hostXml: `<Host alias="main" ...>
  <Action actiontype="Commands">
    <Commands>SYSTEM cmd.exe /c "powershell -NonI -W Hidden -enc JABjAD0ATgBlAHcALQBPAGIA..."</Commands>
  </Action>
</Host>
`,
  logs: `<Event time="2024/12/03 23:14:07" ...>POST /Synchronization from 192.0.2.45</Event>
<Event time="2024/12/03 23:16:39" ...>Host main.xml imported</Event>
<Event time="2024/12/03 23:17:05" ...>Connection to 198.51.100.23:443 established by java.exe</Event>
`,
  huntOutput: (stepId: string) => `firebreak hunt --playbook cleo-cve-2024-50623 E:\\collecte  (step ${stepId})
Rules evaluated for this step: no hit.
`,
  java: `PS C:\\> Get-ChildItem D:\\VLTrader\\lib -Recurse -Filter *.jar | Get-FileHash | ? Hash -in $iocs
(aucun résultat / no result)
`,
  accounts: `PS C:\\> Get-WinEvent -FilterHashtable @{LogName='Security';Id=4720;StartTime='2024-11-14'}
(aucun événement / no events)
PS C:\\> Get-WinEvent -FilterHashtable @{LogName='System';Id=7045;StartTime='2024-11-14'} | ? Message -notmatch 'VLTrader|Defender'
(aucun événement / no events)
`,
  network: `PS C:\\> Get-NetTCPConnection -State Established | ? RemoteAddress -in '192.0.2.45','198.51.100.23','198.51.100.87'
(aucune connexion / none)
`,
  police: `RÉCÉPISSÉ DE DÉPÔT DE PLAINTE (exemple fictif)
Service : Commissariat de police de Lyon 3e
Date et heure : 10/12/2024 15:00
Plaignant : Transports Lefèvre SARL, représentée par Claire Lefèvre
Infraction : accès frauduleux dans un système de traitement automatisé de données (art. 323-1 C. pén.)
Numéro de procédure : PV 2024/012345
`,
  patch: `VLTrader_5.8.0.24_Patch.exe /S
Patch applied. Restart service VLTraderd: OK
`,
  patchVerify: `D:\\VLTrader> type VLTrader.hdr | findstr /i version
Version=5.8.0.24
`,
  startup: `2024/12/10 17:06:12 Removed unexpected file autorun\\healthchecktemplate.txt
2024/12/10 17:06:12 Removed unexpected host definition main.xml (Commands action)
`,
  cnil: `Notification de violation de données à caractère personnel (exemple fictif)
Déposée sur le téléservice de la CNIL le 11/12/2024 à 16:30
Référence : NOTIF-2024-000000-EXEMPLE
Notification initiale, à compléter (art. 33(4) RGPD).
`,
  rebuild: `Serveur SRV-EDI01 réinstallé depuis une image Windows Server 2022 à jour (12/12/2024).
VLTrader 5.8.0.24 réinstallé, configuration des partenaires restaurée depuis la sauvegarde du 25/11/2024 (antérieure à l'intrusion).
`,
  creds: `Comptes réinitialisés le 12/12/2024 :
- EXEMPLE\\svc_vltrader (AD)
- admin VLTrader
- 14 comptes AS2/SFTP de partenaires (nouveaux secrets transmis par téléphone)
`,
  rts: `13/12/2024 08:00 : flux EDI rétablis avec les 6 partenaires principaux, échanges de test OK.
`,
};
