// The plain sentences written into a case's timeline, in the case's language (en or fr).
// The sentence is frozen at the time of the change (the report shows it as written); the structured
// `data` beside it keeps the facts for anything that wants to re-phrase them.
import type { Language } from '../playbooks/types';
import type { CaseStatus, StepState } from './types';

const STATE_LABELS: Record<Language, Record<StepState, string>> = {
  en: { todo: 'to do', in_progress: 'in progress', done: 'done', not_applicable: 'not applicable', blocked: 'blocked', skipped: 'skipped' },
  fr: { todo: 'à faire', in_progress: 'en cours', done: 'terminé', not_applicable: 'non applicable', blocked: 'bloqué', skipped: 'ignoré' },
};

const STATUS_LABELS: Record<Language, Record<CaseStatus, string>> = {
  en: { active: 'active', archived: 'archived', deleted: 'deleted' },
  fr: { active: 'actif', archived: 'archivé', deleted: 'supprimé' },
};

const quote = (language: Language, value: string): string => (language === 'fr' ? `« ${value} »` : `“${value}”`);

/** At most `max` characters, cut on a word when possible, for note excerpts in the timeline. */
export function excerpt(value: string, max = 120): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

export const timelineText = {
  created: (l: Language, title: string, organisation: string) =>
    l === 'fr' ? `Dossier ${quote(l, title)} ouvert pour ${organisation}.` : `Case ${quote(l, title)} opened for ${organisation}.`,
  renamed: (l: Language, from: string, to: string) =>
    l === 'fr' ? `Dossier renommé de ${quote(l, from)} en ${quote(l, to)}.` : `Case renamed from ${quote(l, from)} to ${quote(l, to)}.`,
  status: (l: Language, from: CaseStatus, to: CaseStatus) => {
    if (l === 'fr') {
      if (to === 'archived') return 'Dossier archivé.';
      if (to === 'deleted') return 'Dossier placé dans la corbeille.';
      return `Dossier restauré (il était ${STATUS_LABELS.fr[from]}).`;
    }
    if (to === 'archived') return 'Case archived.';
    if (to === 'deleted') return 'Case moved to the deleted cases.';
    return `Case restored (it was ${STATUS_LABELS.en[from]}).`;
  },
  operator: (l: Language, from: string, to: string) =>
    l === 'fr' ? `Opérateur changé : ${from} → ${to}.` : `Operator changed: ${from} → ${to}.`,
  serverAdded: (l: Language, name: string, product: string, version: string) => {
    const what = [product, version].filter(Boolean).join(' ');
    if (l === 'fr') return `Serveur ${quote(l, name)} ajouté${what ? ` (${what})` : ''}.`;
    return `Server ${quote(l, name)} added${what ? ` (${what})` : ''}.`;
  },
  serverUpdated: (l: Language, name: string, changes: string[]) =>
    l === 'fr' ? `Serveur ${quote(l, name)} modifié : ${changes.join(', ')}.` : `Server ${quote(l, name)} updated: ${changes.join(', ')}.`,
  playbookAttached: (l: Language, playbook: string, version: string, server: string) =>
    l === 'fr'
      ? `Playbook ${quote(l, playbook)} (version ${version}) appliqué au serveur ${quote(l, server)}.`
      : `Playbook ${quote(l, playbook)} (version ${version}) applied to server ${quote(l, server)}.`,
  playbookDetached: (l: Language, playbook: string, server: string) =>
    l === 'fr'
      ? `Playbook ${quote(l, playbook)} retiré du serveur ${quote(l, server)} ; l'avancement est conservé.`
      : `Playbook ${quote(l, playbook)} removed from server ${quote(l, server)}; its progress is kept.`,
  stepState: (l: Language, step: string, server: string, from: StepState, to: StepState, reason?: string) => {
    const labels = STATE_LABELS[l];
    const why = reason ? (l === 'fr' ? ` Raison : ${excerpt(reason, 300)}` : ` Reason: ${excerpt(reason, 300)}`) : '';
    return l === 'fr'
      ? `Étape ${quote(l, step)} sur ${quote(l, server)} : ${labels[from]} → ${labels[to]}.${why}`
      : `Step ${quote(l, step)} on ${quote(l, server)}: ${labels[from]} → ${labels[to]}.${why}`;
  },
  note: (l: Language, step: string, server: string, text: string) =>
    l === 'fr'
      ? `Note sur l'étape ${quote(l, step)} (${quote(l, server)}) : ${excerpt(text)}`
      : `Note on step ${quote(l, step)} (${quote(l, server)}): ${excerpt(text)}`,
  fieldNames: (l: Language) =>
    l === 'fr' ? { name: 'nom', product: 'produit', version: 'version' } : { name: 'name', product: 'product', version: 'version' },
};
