import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { Dialog } from '../shell/Dialog';

/** A skipped step must say why: the insurer will ask. */
export function SkipDialog(): React.JSX.Element | null {
  const { t } = useTranslation();
  const stepId = useCaseView((s) => s.skipPromptStepId);
  const close = (): void => useCaseView.getState().setSkipPrompt(undefined);
  const [reason, setReason] = useState('');
  if (!stepId) return null;
  const submit = async (): Promise<void> => {
    if (!reason.trim()) return;
    if (await useCaseView.getState().setStepState(stepId, 'skipped', reason.trim())) {
      setReason('');
      close();
    }
  };
  return (
    <Dialog title={t('skip.title')} onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="block-label">
          {t('skip.reason')}
          <textarea value={reason} rows={3} onChange={(e) => setReason(e.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!reason.trim()}>
            {t('skip.confirm')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
