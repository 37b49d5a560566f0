// Adding evidence: a file chosen with the main process's dialog (copied into the case folder and
// hashed there), or pasted text such as a command's output. Used by the Evidence tab, the step
// detail and the evidence gate's "attach evidence" button.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { StepRef } from '../../stores/evidence-attach';
import { changeCase } from '../../stores/records';

/** `leading`: a field shown first on the same row (the Evidence tab's "attach to" choice). */
export function EvidenceForm({ step, onDone, disabled, leading }: { step?: StepRef; onDone?: () => void; disabled?: boolean; leading?: ReactNode }): React.JSX.Element {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [sourceHost, setSourceHost] = useState('');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const common = { ...(step ? { step } : {}), ...(sourceHost.trim() ? { sourceHost: sourceHost.trim() } : {}) };

  const run = async (request: (caseId: string) => ReturnType<typeof api.evidence.addText>): Promise<void> => {
    setBusy(true);
    const ok = await changeCase(request);
    setBusy(false);
    if (!ok) return;
    setTitle('');
    setContent('');
    onDone?.();
  };
  const addFile = () => run((caseId) => api.evidence.addFile({ caseId, ...common, ...(title.trim() ? { title: title.trim() } : {}) }));
  const addText = () => run((caseId) => api.evidence.addText({ caseId, ...common, title: title.trim(), content }));

  return (
    <div className="evidence-form form">
      <div className={leading ? 'row3' : 'row2'}>
        {leading}
        <label>
          {t('evidence.title')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t('evidence.titlePlaceholder')} disabled={disabled} />
        </label>
        <label>
          {t('evidence.sourceHost')}
          <input value={sourceHost} onChange={(e) => setSourceHost(e.target.value)} placeholder={t('evidence.sourceHostPlaceholder')} disabled={disabled} />
        </label>
      </div>
      <div className="evidence-ways">
        <div className="evidence-way">
          <p className="small muted">{t('evidence.fileHint')}</p>
          <button type="button" className="primary" disabled={disabled || busy} onClick={() => void addFile()}>
            {t('evidence.chooseFile')}
          </button>
        </div>
        <div className="evidence-way">
          <label>
            {t('evidence.paste')}
            <textarea rows={leading ? 3 : 5} value={content} onChange={(e) => setContent(e.target.value)} className="mono" placeholder={t('evidence.pastePlaceholder')} disabled={disabled} />
          </label>
          <button type="button" disabled={disabled || busy || !content || !title.trim()} onClick={() => void addText()}>
            {t('evidence.savePasted')}
          </button>
          {content && !title.trim() && <p className="small warn-text">{t('evidence.needTitle')}</p>}
        </div>
      </div>
    </div>
  );
}
