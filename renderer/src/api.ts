// The renderer's only door to the main process: `window.firebreak`, built by the preload (or the
// end-to-end harness) from the contract. `call` unwraps an Outcome and sends every failure to the
// one notification area, so nothing fails silently.
import type { Api } from '../../core/api/build-api';
import type { AppError, Outcome } from '../../core/api/contract';
import { useNotifications, type NoticeAction } from './stores/notifications';

/** Optional: a button the error's notice offers (the evidence gate offers "attach evidence"). */
export interface CallOptions {
  action?: (error: AppError) => NoticeAction | undefined;
}

export const api: Api = (window as unknown as { firebreak: Api }).firebreak;

export const hasApi = (): boolean => typeof api === 'object' && api !== null;

const unexpected = (error: unknown): AppError => ({
  code: 'INTERNAL',
  message: error instanceof Error ? error.message : String(error),
});

/** Runs an API call; on failure the error is shown centrally and the Outcome is still returned. */
export async function attempt<T>(request: Promise<Outcome<T>>, options?: CallOptions): Promise<Outcome<T>> {
  let outcome: Outcome<T>;
  try {
    outcome = await request;
  } catch (error) {
    outcome = { ok: false, error: unexpected(error) };
  }
  if (!outcome.ok) {
    const action = options?.action?.(outcome.error);
    useNotifications.getState().pushError(outcome.error, { fromCore: true, ...(action ? { action } : {}) });
  }
  return outcome;
}

/** Like `attempt`, for callers that only need the value: undefined means the error was already shown. */
export async function call<T>(request: Promise<Outcome<T>>, options?: CallOptions): Promise<T | undefined> {
  const outcome = await attempt(request, options);
  return outcome.ok ? outcome.value : undefined;
}
