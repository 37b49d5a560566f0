// Worker-thread entry of the hunt engine (bundled on its own as hunt-worker.mjs / hunt-worker.js).
// Receives the rules once, then one file at a time; answers with progress and the file's results.
import { parentPort, workerData } from 'node:worker_threads';
import { createTaskRunner } from './task';
import type { FileTask } from './sources';
import type { HuntLimits, RuleInput } from './types';

const PROGRESS_EVERY = 4 * 1024 * 1024;

if (parentPort) {
  const port = parentPort;
  const { rules, limits } = workerData as { rules: RuleInput[]; limits: HuntLimits };
  const runner = createTaskRunner(rules, limits);
  port.on('message', (message: { type: 'scan'; id: number; task: FileTask }) => {
    if (message.type !== 'scan') return;
    let pending = 0;
    const onRead = (n: number) => {
      pending += n;
      if (pending >= PROGRESS_EVERY) {
        port.postMessage({ type: 'progress', bytes: pending });
        pending = 0;
      }
    };
    runner
      .run(message.task, onRead, () => false)
      .then((result) => port.postMessage({ type: 'done', id: message.id, bytes: pending, result }))
      .catch((error: unknown) => port.postMessage({ type: 'failed', id: message.id, bytes: pending, message: (error as Error)?.message ?? String(error) }));
  });
}
