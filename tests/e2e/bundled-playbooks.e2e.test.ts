// The bundled playbooks, worked through to the last step with the keyboard, as shipped (issue 3,
// "Done when"): Cleo in French (case and UI in French) and Exchange ProxyLogon in English. Each
// step is set to done or a question answered; where the core refuses done (evidence required and
// none attached yet) the first such step is skipped with a reason and the others get pasted
// evidence through the evidence API, then are done. At the end: 100 %
// progress in the page, after a reload, in the case list, and in case.json on disk.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { CaseView } from '../../core/api/contract';
import { RESOLVED_STATES } from '../../core/cases/progress';
import type { CaseDocument, CaseSummary } from '../../core/cases/types';
import type { Playbook, PlaybookSummary } from '../../core/playbooks/types';
import { launchApp, REPO, shutdown, type App } from './harness';

interface Words {
  stateGroup: string;
  done: string;
  skipDialog: string;
  skipReason: string;
  skipConfirm: string;
  nav: string;
  cases: string;
  attachTo: (server: string) => string;
  attachNamed: (title: string, language: string) => string;
  progressOf: (title: string) => string;
  reason: string;
}

const WORDS: Record<'en' | 'fr', Words> = {
  en: {
    stateGroup: 'State of this step',
    done: 'Done',
    skipDialog: 'Skip this step',
    skipReason: 'Why is this step skipped?',
    skipConfirm: 'Skip step',
    nav: 'Main',
    cases: 'Cases',
    attachTo: (server) => `Attach playbook to ${server}`,
    attachNamed: (title, language) => `Attach ${title} (${language})`,
    progressOf: (title) => `Progress of ${title}`,
    reason: 'Evidence kept outside the app by the hosting provider (ticket 4471).',
  },
  fr: {
    stateGroup: 'État de cette étape',
    done: 'Terminé',
    skipDialog: 'Ignorer cette étape',
    skipReason: 'Pourquoi ignorer cette étape ?',
    skipConfirm: 'Ignorer l’étape',
    nav: 'Navigation principale',
    cases: 'Dossiers',
    attachTo: (server) => `Associer une procédure à ${server}`,
    attachNamed: (title, language) => `Associer ${title} (${language})`,
    progressOf: (title) => `Avancement de ${title}`,
    reason: 'Preuves conservées hors de l’application par l’hébergeur (ticket 4471).',
  },
};

interface Walk {
  playbookId: string;
  language: 'en' | 'fr';
  organisation: string;
  server: { name: string; product: string; version: string };
}

const WALKS: Walk[] = [
  { playbookId: 'cleo-cve-2024-50623', language: 'fr', organisation: 'Transports Lefèvre SARL', server: { name: 'sftp-gw01', product: 'Cleo Harmony', version: '5.8.0.21' } },
  { playbookId: 'exchange-proxylogon', language: 'en', organisation: 'Dupont & Partners LLP', server: { name: 'mail01', product: 'Microsoft Exchange Server 2016', version: 'CU19' } },
];

let bundled: string;

beforeAll(async () => {
  // The playbooks folder exactly as the app ships it.
  bundled = await mkdtemp(path.join(tmpdir(), 'firebreak-bundled-real-'));
  await cp(path.join(REPO, 'playbooks'), bundled, { recursive: true, filter: (src) => !src.endsWith('README.md') });
});
afterAll(async () => {
  await shutdown();
  await rm(bundled, { recursive: true, force: true });
});

const orderedIds = (playbook: Playbook): string[] => playbook.phases.flatMap((phase) => phase.stepIds);
const cursorId = (page: Page) => page.locator('.step-list .step-row.cursor').getAttribute('data-step-row');
const rowState = (page: Page, stepId: string) => page.locator(`[data-step-row="${stepId}"]`).getAttribute('class');

/** Moves the highlight to `target` with j/k only, from wherever it is. */
async function moveCursorTo(page: Page, order: string[], target: string): Promise<void> {
  for (let guard = 0; guard < 5; guard++) {
    const from = order.indexOf((await cursorId(page)) ?? '');
    const delta = order.indexOf(target) - from;
    if (delta !== 0) {
      for (let i = 0; i < Math.abs(delta); i++) await page.keyboard.press(delta > 0 ? 'j' : 'k');
      await expect.poll(() => cursorId(page)).toBe(target);
    }
    // j/k move the focus with the highlight; make sure it has landed before Enter activates it.
    const row = page.locator(`[data-step-row="${target}"]`);
    if (!(await row.evaluate((el) => el === document.activeElement))) await row.focus();
    return;
  }
}

/** Whether the step became done, or the core refused (an error notice appeared). */
async function outcomeOf(page: Page, stepId: string): Promise<'done' | 'refused'> {
  const alerts = page.locator('.notifications [role="alert"]');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (/state-done/.test((await rowState(page, stepId)) ?? '')) return 'done';
    if ((await alerts.count()) > 0) return 'refused';
    await page.waitForTimeout(25);
  }
  throw new Error(`The step ${stepId} neither became done nor was refused within 10 s.`);
}

for (const walk of WALKS) {
  describe(`${walk.playbookId} in ${walk.language === 'fr' ? 'French' : 'English'}, to the last step`, () => {
    let app: App;
    let playbook: Playbook;
    const words = WORDS[walk.language];

    beforeAll(async () => {
      app = await launchApp({ bundledPlaybooksDir: bundled });
    });
    afterEach(() => {
      const errors = app.errors.splice(0);
      expect(errors, 'no console or page error').toEqual([]);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('loads without problems in both languages', async () => {
      const list = await app.invoke<PlaybookSummary[]>('playbooks.list');
      const mine = list.filter((p) => p.status === 'ok' && p.id === walk.playbookId);
      expect(mine.map((p) => p.status === 'ok' && p.language).sort()).toEqual(['en', 'fr']);
      expect(list.filter((p) => p.status !== 'ok').map((p) => p.file)).toEqual([]);
      playbook = await app.invoke<Playbook>('playbooks.get', { id: walk.playbookId, language: walk.language });
      expect(playbook.meta.language).toBe(walk.language);
      expect(orderedIds(playbook).length).toBeGreaterThan(10);
    });

    it('attaches the playbook to the server from the UI', async () => {
      const { page } = app;
      await app.invoke('settings.update', { language: walk.language, operator: 'Alice Moreau' });
      const view = await app.invoke<CaseView>('cases.create', {
        organisation: walk.organisation,
        title: playbook.meta.title.slice(0, 120),
        contact: { name: '', email: '', phone: '' },
        language: walk.language,
        operator: 'Alice Moreau',
        servers: [walk.server],
      });
      await app.reload();
      await page.getByRole('button', { name: view.case.title, exact: true }).click();
      await page.getByRole('button', { name: words.attachTo(walk.server.name) }).click();
      await page.getByRole('dialog').getByRole('button', { name: words.attachNamed(playbook.meta.title, walk.language.toUpperCase()), exact: true }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.locator('#step-title', { hasText: playbook.steps.find((s) => s.id === orderedIds(playbook)[0])!.title }).waitFor();
    });

    it('works through every step with the keyboard', async () => {
      const { page } = app;
      const order = orderedIds(playbook);
      const byId = new Map(playbook.steps.map((s) => [s.id, s]));
      // Focus the step list itself, as a person would by clicking its first row.
      await page.locator(`[data-step-row="${order[0]}"]`).focus();
      let skipped = 0;
      let refused = 0;
      let withEvidence = 0;
      const doc = (await app.invoke<{ id: string; status: string }[]>('cases.list')).find((c) => c.status === 'ok')!;
      const caseId = doc.id;
      const serverId = (await app.invoke<CaseView>('cases.open', { caseId })).case.servers[0]!.id;
      for (const id of order) {
        const step = byId.get(id)!;
        await moveCursorTo(page, order, id);
        await page.keyboard.press('Enter');
        await expect.poll(() => page.locator('#step-title').textContent()).toBe(step.title);
        if (/state-(done|skipped|not_applicable)/.test((await rowState(page, id)) ?? '')) continue;

        if (step.answers?.length) {
          // A question: answer it from the keyboard (its branch may move the highlight; the loop brings it back).
          await page.locator('.answers').getByRole('button').first().focus();
          await page.keyboard.press('Enter');
          const goto = step.answers[0]!.goto;
          const target = goto && !goto.includes('#') ? byId.get(goto) : undefined;
          // Wait for the branch to be followed before the highlight is moved again.
          if (target) await expect.poll(() => page.locator('#step-title').textContent()).toBe(target.title);
        } else {
          await page.keyboard.press('d');
        }
        const settled = await outcomeOf(page, id);
        if (settled === 'refused' && refused++ > 0) {
          // The core would not mark it done: evidence is required. Attach the command output as
          // pasted evidence (the API the evidence screen uses), then mark the step done again.
          await page.locator('.notifications [role="alert"] button').first().focus();
          await page.keyboard.press('Enter');
          await app.invoke('evidence.addText', {
            caseId,
            step: { serverId, playbookId: walk.playbookId, stepId: id },
            title: `Output of ${id}`,
            content: `Output captured on ${walk.server.name} for ${id}: nothing found.`,
            sourceHost: walk.server.name,
          });
          await moveCursorTo(page, order, id);
          await page.keyboard.press('d');
          await expect.poll(() => rowState(page, id)).toMatch(/state-done/);
          withEvidence += 1;
        } else if (settled === 'refused') {
          // The first refusal: skip that step with a reason instead, from the keyboard.
          // Read, then dismiss the refusal from the keyboard.
          await page.locator('.notifications [role="alert"] button').first().focus();
          await page.keyboard.press('Enter');
          await expect.poll(() => page.locator('.notifications [role="alert"]').count()).toBe(0);
          await moveCursorTo(page, order, id);
          await page.keyboard.press('s');
          const dialog = page.getByRole('dialog', { name: words.skipDialog });
          await dialog.getByLabel(words.skipReason).fill(words.reason);
          await page.keyboard.press('Tab');
          await page.keyboard.press('Tab');
          await page.keyboard.press('Enter');
          await dialog.waitFor({ state: 'detached' });
          await expect.poll(() => rowState(page, id)).toMatch(/state-skipped/);
          skipped += 1;
        }
      }
      console.log(`${walk.playbookId} (${walk.language}): ${order.length} steps, ${withEvidence} done with evidence attached, ${skipped} skipped with a reason`);
    });

    it('shows 100 % progress, after a reload too, in the case list, and on disk', async () => {
      const { page } = app;
      const total = orderedIds(playbook).length;
      const bar = page.getByRole('progressbar', { name: words.progressOf(playbook.meta.title) });
      await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe(String(total));
      expect(await bar.getAttribute('aria-valuemax')).toBe(String(total));

      await app.reload();
      const summaries = await app.invoke<CaseSummary[]>('cases.list');
      const summary = summaries.find((s) => s.status === 'ok')!;
      expect(summary.status === 'ok' && summary.progress).toEqual({ done: total, total });
      await page.getByRole('button', { name: summary.status === 'ok' ? summary.title : '', exact: true }).click();
      await expect.poll(() => page.getByRole('progressbar', { name: words.progressOf(playbook.meta.title) }).getAttribute('aria-valuenow')).toBe(String(total));

      const doc = JSON.parse(await readFile(path.join(app.dataDir, 'cases', summary.id, 'case.json'), 'utf8')) as CaseDocument;
      const serverId = doc.servers[0]!.id;
      for (const id of orderedIds(playbook)) {
        const record = doc.steps[`${serverId}/${walk.playbookId}/${id}`];
        expect(record, id).toBeDefined();
        expect(RESOLVED_STATES.has(record!.state), `${id}: ${record!.state}`).toBe(true);
        expect(record!.updatedBy).toBe('Alice Moreau');
        if (record!.state === 'skipped') expect(record!.reason).toBe(words.reason);
      }
      for (const step of playbook.steps.filter((s) => s.answers?.length)) {
        expect(doc.steps[`${serverId}/${walk.playbookId}/${step.id}`]?.notes.length, step.id).toBeGreaterThan(0);
      }
      expect(doc.timeline.filter((e) => e.kind === 'step.state').length).toBeGreaterThanOrEqual(total);
      expect(doc.language).toBe(walk.language);
    });
  });
}
