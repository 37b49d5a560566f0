// The main-process implementation of every channel in contract.ts. Inputs arrive already validated
// by dispatch(); this layer joins the case store, the settings and the playbook registry, and turns
// what they return into the views the UI needs. Errors are thrown with fail(code, message, hint).
import path from 'node:path';
import type { Language, Playbook, PlaybookSummary } from '../playbooks/types';
import { RESOLVED_STATES, progressFor } from '../cases/progress';
import { addNote } from '../cases/mutations';
import { setStepStateGated } from '../cases/records-mutations';
import { createCaseStore, type OpenedCase, type Progress } from '../cases/store';
import { stepKey, type CaseDocument } from '../cases/types';
import { createSettingsStore } from '../settings/settings';
import { fail, TIMELINE_PAGE, type CaseView, type Handlers } from './contract';
import { createRecordHandlers, type RecordHandlerDeps } from './handlers-records';
import { createHuntHandlers, type HuntHandlerDeps } from './handlers-hunt';

/** What the handlers need from the playbook registry (core/playbooks/registry.ts). */
export interface PlaybookSource {
  list(): Promise<PlaybookSummary[]>;
  get(id: string, language: Language): Promise<Playbook | undefined>;
  import(fileName: string, content: string): Promise<PlaybookSummary>;
  remove(id: string): Promise<void>;
  reload(): Promise<void>;
}

export interface HandlerDeps extends Omit<RecordHandlerDeps, 'appVersion' | 'now'>, HuntHandlerDeps {
  dataDir: string;
  bundledPlaybooksDir: string;
  appVersion: string;
  platform: string;
  systemLanguage: 'en' | 'fr';
  /** Opens an https URL in the system browser; in Electron it asks the person first. Resolves false if declined. */
  openExternal: (url: string) => Promise<boolean>;
  now?: () => Date;
  /** Replaces the registry built from bundledPlaybooksDir (tests). */
  playbooks?: PlaybookSource;
  log?: (message: string) => void;
}

/** Loaded lazily so tests that inject their own playbooks do not parse the bundled ones. */
async function defaultRegistry(deps: HandlerDeps): Promise<PlaybookSource> {
  const { createPlaybookRegistry } = await import('../playbooks/registry');
  return createPlaybookRegistry({ bundledDir: deps.bundledPlaybooksDir, importedDir: path.join(deps.dataDir, 'playbooks') });
}

const otherLanguage = (language: Language): Language => (language === 'en' ? 'fr' : 'en');

export async function createHandlers(deps: HandlerDeps): Promise<Handlers> {
  const log = deps.log ?? ((message: string) => console.warn(message));
  const registry: PlaybookSource = deps.playbooks ?? (await defaultRegistry(deps));

  /** The playbook in the wanted language, else in the other one; undefined when missing or broken. */
  async function playbookFor(id: string, language: Language): Promise<Playbook | undefined> {
    try {
      return (await registry.get(id, language)) ?? (await registry.get(id, otherLanguage(language)));
    } catch (error) {
      log(`Playbook ${id} could not be loaded: ${(error as Error).message}`);
      return undefined;
    }
  }

  const attachedIds = (doc: CaseDocument): string[] => [...new Set(doc.servers.flatMap((server) => server.playbooks.map((p) => p.playbookId)))];

  /** Progress over every playbook applied to every server; a missing playbook counts its records. */
  async function caseProgress(doc: CaseDocument): Promise<Progress> {
    const total = { done: 0, total: 0 };
    const cache = new Map<string, Playbook | undefined>();
    for (const server of doc.servers) {
      for (const attached of server.playbooks) {
        if (!cache.has(attached.playbookId)) cache.set(attached.playbookId, await playbookFor(attached.playbookId, doc.language));
        const playbook = cache.get(attached.playbookId);
        if (playbook) {
          const progress = progressFor(doc, server.id, playbook).overall;
          total.done += progress.resolved;
          total.total += progress.total;
        } else {
          const prefix = `${server.id}/${attached.playbookId}/`;
          const records = Object.entries(doc.steps).filter(([key]) => key.startsWith(prefix));
          total.total += records.length;
          total.done += records.filter(([, record]) => RESOLVED_STATES.has(record.state)).length;
        }
      }
    }
    return total;
  }

  const store = createCaseStore({ dataDir: deps.dataDir, now: deps.now, progressOf: caseProgress, log });
  const settings = createSettingsStore({ dataDir: deps.dataDir, systemLanguage: deps.systemLanguage, now: deps.now, log });

  async function viewOf(opened: OpenedCase): Promise<CaseView> {
    const playbooks: Record<string, Playbook> = {};
    const missingPlaybooks: string[] = [];
    for (const id of attachedIds(opened.doc)) {
      const playbook = await playbookFor(id, opened.doc.language);
      if (playbook) playbooks[id] = playbook;
      else missingPlaybooks.push(id);
    }
    const { timeline } = opened.doc;
    return {
      case: timeline.length > TIMELINE_PAGE ? { ...opened.doc, timeline: timeline.slice(-TIMELINE_PAGE) } : opened.doc,
      timelineTotal: timeline.length,
      readOnly: opened.readOnly,
      ...(opened.problem ? { problem: opened.problem } : {}),
      playbooks,
      missingPlaybooks,
    };
  }

  /** The playbook a step belongs to, and the step's title, checked against the case as it is now. */
  async function stepContext(caseId: string, playbookId: string, stepId: string) {
    const { doc } = await store.open(caseId);
    const playbook = await playbookFor(playbookId, doc.language);
    const step = playbook?.steps.find((s) => s.id === stepId);
    return { playbook, step };
  }

  /** A step that is not in the playbook may still be changed if it already has a record (a retired step). */
  function requireKnownStep(doc: CaseDocument, address: { serverId: string; playbookId: string; stepId: string }, known: boolean, playbookFound: boolean): void {
    if (known || doc.steps[stepKey(address.serverId, address.playbookId, address.stepId)]) return;
    if (!playbookFound) {
      fail('NOT_FOUND', `The playbook “${address.playbookId}” is not installed, so its steps cannot be changed.`, 'Import the playbook again, then retry.');
    }
    fail('NOT_FOUND', `The step “${address.stepId}” is not part of the playbook “${address.playbookId}”.`, 'The playbook may have been updated: reload the case to see its current steps.');
  }

  /** The playbooks applied to a case, for its report. */
  async function playbooksOf(doc: CaseDocument): Promise<Playbook[]> {
    const found = await Promise.all(attachedIds(doc).map((id) => playbookFor(id, doc.language)));
    return found.filter((p): p is Playbook => p !== undefined);
  }

  const recordHandlers = createRecordHandlers({ deps: { ...deps, now: deps.now }, store, viewOf, playbooksOf, log });

  const handlers: Handlers = {
    ...recordHandlers,
    ...createHuntHandlers({ deps, store, playbookFor, log }),
    'app.info': async () => ({ version: deps.appVersion, platform: deps.platform, dataDir: deps.dataDir, systemLanguage: deps.systemLanguage }),

    'settings.get': () => settings.get(),
    'settings.update': (input) => settings.update(input),

    'playbooks.list': () => registry.list(),
    'playbooks.get': async ({ id, language }) =>
      (await playbookFor(id, language)) ?? fail('NOT_FOUND', `The playbook “${id}” is not installed or cannot be read.`, 'Check the playbook list for problems.'),
    'playbooks.import': ({ fileName, content }) => registry.import(fileName, content),
    'playbooks.remove': async ({ id }) => {
      await registry.remove(id);
      return registry.list();
    },

    'cases.list': () => store.list(),
    'cases.create': async (input) => viewOf(await store.create(input)),
    'cases.open': async ({ caseId, useBackup }) => viewOf(await store.open(caseId, { useBackup })),
    'cases.rename': async ({ caseId, title }) => viewOf(await store.rename(caseId, title)),
    'cases.setOperator': async ({ caseId, operator }) => viewOf(await store.setOperator(caseId, operator)),
    'cases.archive': async ({ caseId }) => {
      await store.archive(caseId);
      return store.list();
    },
    'cases.restore': async ({ caseId }) => {
      await store.restore(caseId);
      return store.list();
    },
    'cases.delete': async ({ caseId }) => {
      await store.remove(caseId);
      return store.list();
    },
    'cases.purge': async ({ caseId }) => {
      await store.purge(caseId);
      return store.list();
    },
    'cases.recover': async ({ caseId }) => viewOf(await store.recover(caseId)),
    'cases.addServer': async ({ caseId, server }) => viewOf(await store.addServer(caseId, server)),
    'cases.updateServer': async ({ caseId, serverId, server }) => viewOf(await store.updateServer(caseId, serverId, server)),

    'cases.attachPlaybook': async ({ caseId, serverId, playbookId }) => {
      const { doc } = await store.open(caseId);
      const playbook = await playbookFor(playbookId, doc.language);
      if (!playbook) return fail('NOT_FOUND', `The playbook “${playbookId}” is not installed or cannot be read.`, 'Check the playbook list for problems.');
      return viewOf(await store.attachPlaybook(caseId, serverId, { id: playbookId, version: playbook.meta.version, title: playbook.meta.title }));
    },
    'cases.detachPlaybook': async ({ caseId, serverId, playbookId }) => {
      const { doc } = await store.open(caseId);
      const playbook = await playbookFor(playbookId, doc.language);
      return viewOf(await store.detachPlaybook(caseId, serverId, playbookId, playbook?.meta.title));
    },

    'cases.setStepState': async ({ caseId, serverId, playbookId, stepId, state, reason }) => {
      const { playbook, step } = await stepContext(caseId, playbookId, stepId);
      const address = { serverId, playbookId, stepId, ...(step ? { stepTitle: step.title } : {}) };
      return viewOf(
        await store.mutate(caseId, (doc, ctx) => {
          requireKnownStep(doc, address, step !== undefined, playbook !== undefined);
          // The evidence gate: a step the playbook marks `evidence: required` needs evidence to be done.
          return setStepStateGated(address, state, step?.evidence ?? 'none', reason)(doc, ctx);
        }),
      );
    },
    'cases.addNote': async ({ caseId, serverId, playbookId, stepId, text }) => {
      const { playbook, step } = await stepContext(caseId, playbookId, stepId);
      const address = { serverId, playbookId, stepId, ...(step ? { stepTitle: step.title } : {}) };
      return viewOf(
        await store.mutate(caseId, (doc, ctx) => {
          requireKnownStep(doc, address, step !== undefined, playbook !== undefined);
          return addNote(address, text)(doc, ctx);
        }),
      );
    },

    'cases.timeline': async ({ caseId, useBackup, offset, limit }) => {
      const { timeline } = (await store.open(caseId, { useBackup })).doc;
      const end = Math.max(0, timeline.length - offset);
      return { entries: timeline.slice(Math.max(0, end - limit), end), total: timeline.length };
    },

    'external.open': async ({ url }) => {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return fail('INVALID_INPUT', 'This link is not a complete web address, so it was not opened.');
      }
      if (parsed.protocol !== 'https:') {
        return fail('INVALID_INPUT', 'Only secure web links (https) can be opened from Firebreak.', 'Copy the address and open it yourself if you trust it.');
      }
      if (parsed.username || parsed.password) {
        return fail('INVALID_INPUT', 'This link contains a user name or password, so Firebreak will not open it.');
      }
      try {
        return { opened: await deps.openExternal(parsed.href) };
      } catch (error) {
        log(`Opening ${parsed.origin} failed: ${(error as Error).message}`);
        return { opened: false };
      }
    },
  };
  return handlers;
}
