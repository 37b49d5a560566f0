import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '../../../../core/cases/types';
import { useCaseView } from '../../stores/case-view';
import { Time } from '../shell/Time';

export function Notes({ stepId, notes, disabled }: { stepId: string; notes: Note[]; disabled: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const add = async (): Promise<void> => {
    if (await useCaseView.getState().addNote(stepId, text)) setText('');
  };
  return (
    <section className="notes-section" aria-labelledby="notes-title">
      <h3 id="notes-title">{t('notes.title')}</h3>
      {notes.length === 0 ? (
        <p className="muted small">{t('notes.none')}</p>
      ) : (
        <ul className="notes">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="note-text">{note.text}</p>
              <p className="muted small">
                {note.by} · <Time iso={note.at} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label className="block-label">
          <span className="sr-only">{t('notes.new')}</span>
          <textarea value={text} rows={2} disabled={disabled} placeholder={t('notes.placeholder')} aria-label={t('notes.new')} onChange={(e) => setText(e.target.value)} />
        </label>
        <button type="submit" disabled={disabled || !text.trim()}>
          {t('notes.add')}
        </button>
      </form>
    </section>
  );
}
