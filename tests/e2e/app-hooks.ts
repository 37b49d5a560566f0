// The hooks every end-to-end file shares: after each test, no console or page error may have
// happened; after the file, the page and the shared browser are closed, then cleanUp runs.
import { afterAll, afterEach, expect } from 'vitest';
import { shutdown, type App } from './harness';

export function checkErrorsAndCloseAfterwards(currentApp: () => App | undefined, cleanUp?: () => Promise<void>): void {
  afterEach(() => {
    const errors = currentApp()?.errors.splice(0) ?? [];
    expect(errors, 'no console or page error').toEqual([]);
  });
  afterAll(async () => {
    await currentApp()?.close();
    await shutdown();
    await cleanUp?.();
  });
}
