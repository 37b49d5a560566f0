// Worker-thread entry of the hunt engine (bundled on its own as hunt-worker.mjs / hunt-worker.js).
// Receives the rules once, then one file at a time; answers with progress and the file's results.
// Only findings, coverage and throttled progress cross threads, never file content.
import { parentPort, workerData } from 'node:worker_threads';
import { createTaskRunner } from './task';
import type { FileTask } from './sources';
import type { HuntLimits, RuleInput } from './types';

const PROGRESS_EVERY = 4 * 1024 * 1024;

type Message = { type: 'rules'; rules: RuleInput[]; limits: HuntLimits } | { type: 'scan'; id: number; task: FileTask };

if (parentPort) {
  const port = parentPort;
  // The rules come in workerData, or in a first message when the pool was started before they were
  // known (the workers load while the caller reads its playbooks).
  const initial = workerData as { rules?: RuleInput[]; limits?: HuntLimits } | undefined;
  let runner = initial?.rules && initial.limits ? createTaskRunner(initial.rules, initial.limits) : undefined;
  port.on('message', (message: Message) => {
    if (message.type === 'rules') {
      runner = createTaskRunner(message.rules, message.limits);
      return;
    }
    if (message.type !== 'scan' || !runner) return;
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
