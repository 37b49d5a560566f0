import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../shell/Dialog';

/**
 * Removing something from a case record is itself recorded, so it always asks why: the action
 * stays disabled until a reason is typed. `onRemove` resolves true when the case was changed.
 */
export function RemoveWithReasonDialog({
  title,
  explanation,
  reasonLabel,
  actionLabel,
  rows = 2,
  onRemove,
  onClose,
}: {
  title: string;
  explanation: string;
  reasonLabel: string;
  actionLabel: string;
  rows?: number;
  onRemove: (reason: string) => Promise<boolean>;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const remove = async (): Promise<void> => {
    if (await onRemove(reason.trim())) onClose();
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{explanation}</p>
      <label className="block-label">
        {reasonLabel}
        <textarea rows={rows} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" disabled={!reason.trim()} onClick={() => void remove()}>
          {actionLabel}
        </button>
      </div>
    </Dialog>
  );
}
