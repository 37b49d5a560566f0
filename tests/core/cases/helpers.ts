// Shared by the case, storage, API and crash tests: a throw-away data folder, a controllable clock
// and small in-memory playbooks (the real registry is tested by the playbook tests).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Language, Playbook, PlaybookSummary } from '../../../core/playbooks/types';
import type { PlaybookSource } from '../../../core/api/handlers';

export async function tempDataDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A clock that moves one second per reading, so every change has its own time. */
export function steppingClock(start = '2025-01-10T09:00:00.000Z') {
  let t = Date.parse(start);
  return () => {
    const d = new Date(t);
    t += 1_000;
    return d;
  };
}

export function makePlaybook(options: {
  id: string;
  language?: Language;
  version?: string;
  title?: string;
  /** phase id → step ids */
  phases: Record<string, string[]>;
}): Playbook {
  const language = options.language ?? 'en';
  const phases = Object.entries(options.phases).map(([id, stepIds], index) => ({ id, title: id, body: '', stepIds, line: index + 1 }));
  const steps = phases.flatMap((phase) =>
    phase.stepIds.map((stepId) => ({
      id: stepId,
      title: `${language === 'fr' ? 'Étape' : 'Step'} ${stepId}`,
      phaseId: phase.id,
      kind: 'action' as const,
      body: '',
      commands: [],
      evidence: 'none' as const,
      references: [],
      huntRuleIds: [],
      line: 1,
    })),
  );
  return {
    meta: {
      format: 'firebreak-playbook/1',
      id: options.id,
      title: options.title ?? `Playbook ${options.id}`,
      version: options.version ?? '1.0.0',
      language,
      products: ['Test'],
      cves: [],
      lastReviewed: '2025-01-01',
      references: [],
    },
    phases,
    steps,
    huntRules: [],
    source: 'bundled',
    file: `${options.id}.${language}.md`,
    sha256: '0'.repeat(64),
  };
}

/** An in-memory stand-in for core/playbooks/registry.ts with the same interface. */
export function fakeRegistry(initial: Playbook[]): PlaybookSource & { set(playbook: Playbook): void; delete(id: string): void } {
  const byKey = new Map<string, Playbook>(initial.map((p) => [`${p.meta.id}/${p.meta.language}`, p]));
  const summaries = (): PlaybookSummary[] =>
    [...byKey.values()].map((p) => ({
      status: 'ok',
      id: p.meta.id,
      title: p.meta.title,
      version: p.meta.version,
      language: p.meta.language,
      products: p.meta.products,
      cves: p.meta.cves,
      lastReviewed: p.meta.lastReviewed,
      source: p.source,
      file: p.file,
      phaseCount: p.phases.length,
      stepCount: p.steps.length,
      warnings: [],
    }));
  return {
    list: async () => summaries(),
    get: async (id, language) => byKey.get(`${id}/${language}`),
    import: async () => {
      throw new Error('import is not supported by the fake registry');
    },
    remove: async (id) => {
      for (const key of [...byKey.keys()]) if (key.startsWith(`${id}/`)) byKey.delete(key);
    },
    reload: async () => undefined,
    set: (playbook) => void byKey.set(`${playbook.meta.id}/${playbook.meta.language}`, playbook),
    delete: (id) => {
      for (const key of [...byKey.keys()]) if (key.startsWith(`${id}/`)) byKey.delete(key);
    },
  };
}

export const sampleCaseInput = {
  organisation: 'Boulangerie Dupont',
  title: 'Cleo breach',
  contact: { name: 'Marie Dupont', email: 'marie@example.test', phone: '+33 1 23 45 67 89' },
  language: 'en' as const,
  operator: 'Alice Admin',
  servers: [{ name: 'CLEO-01', product: 'Cleo Harmony', version: '5.8.0.21' }],
};
