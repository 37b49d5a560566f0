// The core writes its errors and case problems in English (they also go to logs and support).
// The UI shows them in its own language by their code, and keeps the core's English sentence as a
// detail, because it is more precise (the file, the line, the version) than a translated summary.
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../core/api/contract';
import type { CaseProblem } from '../../../../core/cases/types';

export interface ShownText {
  message: string;
  hint?: string;
  /** The core's own words, shown small under a translated message. */
  detail?: string;
}

const joined = (message: string, hint?: string): string => (hint ? `${message} ${hint}` : message);

/** What is wrong with a case file, and what to do, in the UI language. */
export function useProblemText(problem: CaseProblem | undefined): ShownText | undefined {
  const { t, i18n } = useTranslation();
  if (!problem) return undefined;
  if (i18n.language === 'en') return { message: problem.message, hint: problem.hint };
  const hintKey =
    problem.code === 'NEWER_SCHEMA' ? 'hintNewer' : problem.backupAvailable ? 'hintBackup' : problem.code === 'UNREADABLE' ? 'hintUnreadable' : 'hintNoBackup';
  return {
    message: t(`problem.${problem.code}`),
    hint: t(`problem.${hintKey}`, { file: problem.file }),
    detail: t('problem.detail', { detail: problem.message }),
  };
}

/**
 * Some core errors are already written in the case's language (the evidence gate, for one): those
 * are shown as they are. French text is recognised by its letters and quotes, which English
 * messages do not use except inside a quoted name.
 */
const FRENCH = /[«»àâçéèêëîïôûùœ]/i;

/** An error the core returned, in the UI language. */
export function useErrorText(): (error: Pick<AppError, 'code' | 'message' | 'hint'>) => ShownText {
  const { t, i18n } = useTranslation();
  return (error) => {
    const alreadyFrench = i18n.language === 'fr' && FRENCH.test(error.message.replace(/“[^”]*”/g, ''));
    if (i18n.language === 'en' || alreadyFrench) return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
    const hint = t(`errors.hint${error.code}`, { defaultValue: '' });
    return {
      message: t(`errors.${error.code}`),
      ...(hint ? { hint } : {}),
      detail: t('problem.detail', { detail: joined(error.message, error.hint) }),
    };
  };
}
