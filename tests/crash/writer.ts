// Child process for the crash test: changes steps of one case as fast as it can and prints
// "ACK <n>" once change n is acknowledged (on disk). The test kills it with SIGKILL at a random moment.
// Usage: node writer.mjs <dataDir> <caseId> <serverId> <firstIndex>
import { createCaseStore } from '../../core/cases/store';
import { stateForIndex } from './states';

const [dataDir, caseId, serverId, first] = process.argv.slice(2) as [string, string, string, string];
const store = createCaseStore({ dataDir, log: () => undefined });

async function main(): Promise<void> {
  await store.open(caseId);
  process.stdout.write('READY\n');
  for (let n = Number(first); ; n += 1) {
    await store.setStepState(caseId, { serverId, playbookId: 'crash', stepId: `step-${n}` }, stateForIndex(n), n % 7 === 0 ? `reason ${n}` : undefined);
    process.stdout.write(`ACK ${n}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`writer failed: ${String(error)}\n`);
  process.exit(2);
});
