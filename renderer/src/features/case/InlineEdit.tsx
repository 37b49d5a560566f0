import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A value with a "change" button that turns into a small form (Enter saves, Escape cancels). */
export function InlineEdit({
  value,
  label,
  changeLabel,
  disabled,
  onSave,
  className,
}: {
  value: string;
  label: string;
  changeLabel: string;
  disabled?: boolean;
  onSave: (value: string) => Promise<boolean>;
  className?: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);

  if (draft === null) {
    return (
      <span className={`inline-edit ${className ?? ''}`}>
        <span className="inline-edit-value">{value}</span>
        <button type="button" className="small-button" disabled={disabled} onClick={() => setDraft(value)}>
          {changeLabel}
        </button>
      </span>
    );
  }
  const save = async (): Promise<void> => {
    if (draft.trim() === value) return setDraft(null);
    if (await onSave(draft)) setDraft(null);
  };
  return (
    <form
      className="inline-edit editing"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        aria-label={label}
        value={draft}
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && setDraft(null)}
      />
      <button type="submit" className="small-button primary">
        {t('common.save')}
      </button>
      <button type="button" className="small-button" onClick={() => setDraft(null)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
