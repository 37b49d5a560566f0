// The single door every call passes through on the main-process side: validate the raw input
// against the contract, run the handler, and turn any failure into an Outcome a person can read.
// Used by electron/ipc.ts and by the end-to-end harness, so both run exactly the same checks.
import type { z } from 'zod';
import { AppFailure, channels, inputs, type AppError, type Channel, type Handlers, type Outcome } from './contract';

const knownChannels = new Set<string>(channels);

export const isChannel = (value: unknown): value is Channel => typeof value === 'string' && knownChannels.has(value);

/** Turns zod's issues into one sentence per problem, naming the field. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function toAppError(error: unknown, log: (error: unknown) => void = console.error): AppError {
  if (error instanceof AppFailure) return error.error;
  log(error);
  return {
    code: 'INTERNAL',
    message: 'Something went wrong inside Firebreak; nothing was changed by this action.',
    hint: 'Try again. If it happens again, restart the app; your saved work is kept on disk.',
  };
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  raw: unknown,
  log?: (error: unknown) => void,
): Promise<Outcome<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown request.' } };
  }
  const parsed = inputs[channel].safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error) } };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toAppError(error, log) };
  }
}
