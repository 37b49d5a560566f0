// The attach dialog opened from a step or from the evidence gate's notice.
import { useTranslation } from 'react-i18next';
import { useCaseView } from '../../stores/case-view';
import { useEvidenceAttach } from '../../stores/evidence-attach';
import { Dialog } from '../shell/Dialog';
import { EvidenceForm } from './EvidenceForm';
import { useStepLabel } from './common';

export function AttachEvidenceDialog(): React.JSX.Element | null {
  const { t } = useTranslation();
  const target = useEvidenceAttach((s) => s.target);
  const close = useEvidenceAttach((s) => s.close);
  const readOnly = useCaseView((s) => s.view?.readOnly ?? true);
  const stepLabel = useStepLabel();
  if (!target) return null;
  const step = target.step;
  const title = step ? t('evidence.attachToStep', { step: stepLabel(`${step.serverId}/${step.playbookId}/${step.stepId}`) }) : t('evidence.attachToCase');
  return (
    <Dialog title={title} onClose={close}>
      <EvidenceForm step={step} onDone={close} disabled={readOnly} />
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
