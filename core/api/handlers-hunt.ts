// Handlers for the hunt channels, merged into createHandlers (handlers.ts). The running hunts live in
// core/hunt-session; the native dialog is injected (Electron: dialog.showOpenDialog, tests: a stub).
import type { CaseStore } from '../cases/store';
import type { Language, Playbook } from '../playbooks/types';
import { createHuntSessions, type HuntSessionDeps, type PathKind } from '../hunt-session/registry';
import type { Handlers } from './contract';

/** What the hunt handlers need from the main process. */
export interface HuntHandlerDeps {
  /** The native open dialog for folders or files (several); resolves to [] when the person cancels. */
  choosePaths?: (kind: PathKind) => Promise<string[]>;
  /** The built hunt worker (Electron: out/main/hunt-worker.js); without it the engine scans in-process. */
  huntWorkerScript?: string;
  /** Replaces the scan engine (tests that need a scan to last until it is cancelled). */
  huntEngine?: HuntSessionDeps['run'];
}

interface Context {
  deps: HuntHandlerDeps & { appVersion: string; now?: () => Date };
  store: CaseStore;
  playbookFor: (id: string, language: Language) => Promise<Playbook | undefined>;
  log: (message: string) => void;
}

type HuntChannel = 'hunt.choosePaths' | 'hunt.start' | 'hunt.status' | 'hunt.cancel' | 'hunt.results';

export function createHuntHandlers({ deps, store, playbookFor, log }: Context): Pick<Handlers, HuntChannel> {
  const sessions = createHuntSessions({
    store,
    playbookFor,
    ...(deps.choosePaths ? { choosePaths: deps.choosePaths } : {}),
    ...(deps.huntWorkerScript ? { workerScript: deps.huntWorkerScript } : {}),
    ...(deps.huntEngine ? { run: deps.huntEngine } : {}),
    toolVersion: `Firebreak ${deps.appVersion}`,
    ...(deps.now ? { now: deps.now } : {}),
    log,
  });
  return {
    'hunt.choosePaths': ({ kind }) => sessions.choosePaths(kind),
    'hunt.start': (input) => sessions.start(input),
    'hunt.status': async ({ huntId }) => sessions.status(huntId),
    'hunt.cancel': async ({ huntId }) => sessions.cancel(huntId),
    'hunt.results': ({ caseId, huntId }) => sessions.results(caseId, huntId),
  };
}
