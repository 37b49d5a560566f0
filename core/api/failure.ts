// How core reports an error a person can act on. Kept apart from the contract (which builds every
// zod schema when loaded) so the command line can tell these errors apart without loading it.
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'READ_ONLY',
  'STORAGE_UNREADABLE',
  'STORAGE_FAILED',
  'PLAYBOOK_INVALID',
  'FORBIDDEN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error a person can act on: what went wrong, and what to do about it. Never a stack trace. */
export interface AppError {
  code: ErrorCode;
  message: string;
  hint?: string;
  /** Problems with file and line, for playbook validation errors. */
  problems?: { file: string; line: number; message: string }[];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown inside core and turned into an Outcome at the boundary. */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}

export const fail = (code: ErrorCode, message: string, hint?: string, problems?: AppError['problems']): never => {
  throw new AppFailure({ code, message, ...(hint ? { hint } : {}), ...(problems ? { problems } : {}) });
};
