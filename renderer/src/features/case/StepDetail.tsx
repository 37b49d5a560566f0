import { useTranslation } from 'react-i18next';
import { stepKey } from '../../../../core/cases/types';
import type { Reference, Step } from '../../../../core/playbooks/types';
import { RESOLVED_STATES } from '../../../../core/cases/progress';
import { selectedPlaybook, useCaseView } from '../../stores/case-view';
import { Commands } from './Commands';
import { Markdown, openExternal } from './Markdown';
import { Notes } from './Notes';
import { StateControl } from './StateControl';
import { PendingAttach } from './PendingAttach';
import { StepEvidence } from '../records/StepEvidence';

const referenceOf = (ref: Reference): { title: string; url: string } => (typeof ref === 'string' ? { title: ref, url: ref } : ref);

/** The label of a branch target: the step's title when we know it. */
function useTargetTitle(target: string): string {
  const view = useCaseView((s) => s.view);
  const current = useCaseView((s) => s.playbookId);
  const [playbookId, stepId] = target.includes('#') ? (target.split('#') as [string, string]) : [current ?? '', target];
  return view?.playbooks[playbookId]?.steps.find((s) => s.id === stepId)?.title ?? target;
}

function BranchButton({ target }: { target: string }): React.JSX.Element {
  const { t } = useTranslation();
  const title = useTargetTitle(target);
  return (
    <button type="button" className="branch-button" onClick={() => useCaseView.getState().jumpTo(target)}>
      {t('step.goTo', { title })} →
    </button>
  );
}

function Answers({ step, disabled }: { step: Step; disabled: boolean }): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const language = useCaseView((s) => s.view?.case.language ?? 'en');
  if (!step.answers?.length) return null;
  const answer = async (label: string, goto?: string): Promise<void> => {
    const store = useCaseView.getState();
    // The note is written in the case's language: it ends up in the report.
    const note = i18n.getFixedT(language)('step.answerNote', { answer: label });
    if (!(await store.addNote(step.id, note))) return;
    const state = store.view && store.serverId && store.playbookId ? store.view.case.steps[stepKey(store.serverId, store.playbookId, step.id)]?.state : undefined;
    if (!state || !RESOLVED_STATES.has(state)) {
      if (!(await useCaseView.getState().setStepState(step.id, 'done'))) return;
    }
    if (goto) useCaseView.getState().jumpTo(goto);
  };
  return (
    <section className="answers" aria-labelledby="answers-title">
      <h3 id="answers-title">{t('step.answers')}</h3>
      <div className="answer-buttons">
        {step.answers.map((a) => (
          <button key={a.label} type="button" disabled={disabled} onClick={() => void answer(a.label, a.goto)}>
            {a.label}
          </button>
        ))}
      </div>
    </section>
  );
}

export function StepDetail(): React.JSX.Element {
  const { t } = useTranslation();
  const view = useCaseView((s) => s.view);
  const serverId = useCaseView((s) => s.serverId);
  const playbook = useCaseView(selectedPlaybook);
  const openStepId = useCaseView((s) => s.openStepId);
  const pending = useCaseView((s) => s.pendingAttach);
  const step = playbook?.steps.find((s) => s.id === openStepId);

  if (pending) return <PendingAttach />;
  if (!view || !playbook || !step || !serverId) {
    return (
      <section className="step-detail" aria-label={t('step.label')}>
        <p className="muted empty-pane">{t('step.none')}</p>
      </section>
    );
  }
  const record = view.case.steps[stepKey(serverId, playbook.meta.id, step.id)];
  const locked = view.readOnly;

  return (
    <section className="step-detail" aria-labelledby="step-title" key={step.id}>
      <header className="step-head">
        <h2 id="step-title">{step.title}</h2>
        <div className="badges">
          <span className="badge">{t(`kind.${step.kind}`)}</span>
          {step.evidence === 'required' && <span className="badge warn">{t('step.evidenceRequired')}</span>}
          {step.evidence === 'optional' && <span className="badge">{t('step.evidenceOptional')}</span>}
        </div>
      </header>
      <StateControl stepId={step.id} record={record} disabled={locked} />
      <StepEvidence serverId={serverId} playbookId={playbook.meta.id} stepId={step.id} requirement={step.evidence} />
      {step.body.trim() && <Markdown source={step.body} className="step-body" />}
      <Commands commands={step.commands} body={step.body} />
      {step.expected && (
        <section className="outcome expected" aria-labelledby="expected-title">
          <h3 id="expected-title">{t('step.expected')}</h3>
          <Markdown source={step.expected} inline />
        </section>
      )}
      {(step.otherwise || (step.goto && step.kind !== 'question')) && (
        <section className="outcome otherwise" aria-labelledby="otherwise-title">
          <h3 id="otherwise-title">{t('step.otherwise')}</h3>
          {step.otherwise && (
            <p>
              <Markdown source={step.otherwise} inline />
            </p>
          )}
          {step.goto && <BranchButton target={step.goto} />}
        </section>
      )}
      <Answers step={step} disabled={locked} />
      {step.references.length > 0 && (
        <section className="references" aria-labelledby="refs-title">
          <h3 id="refs-title">{t('step.references')}</h3>
          <ul>
            {step.references.map((ref, i) => {
              const { title, url } = referenceOf(ref);
              return (
                <li key={i}>
                  <a
                    href={url}
                    onClick={(e) => {
                      e.preventDefault();
                      openExternal(url);
                    }}
                  >
                    {title}
                  </a>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <Notes stepId={step.id} notes={record?.notes ?? []} disabled={locked} />
    </section>
  );
}
