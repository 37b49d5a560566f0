// Report versions and the table of changes between them (PCI SSC FAQ 1451: amendments after issue
// shown in a table of changes with a new version number). A version's digest is a flat map of the
// facts a reader cares about, with language-neutral keys "group/id/field"; the change table is the
// difference between the digest of the last issued version and the current one.
import type { ReportModel } from './schema';

export type Digest = Record<string, string>;

type Unsealed = Omit<ReportModel, 'integrity' | 'annexes'> & { annexes?: unknown };

export function digestOf(model: Unsealed): Digest {
  const d: Digest = {};
  const put = (key: string, value: string | number | boolean | undefined | null) => {
    if (value !== undefined && value !== null && value !== '') d[key] = String(value);
  };
  put('case/title', model.cover.title);
  put('case/organisation', model.cover.organisation);
  put('case/insurer', model.cover.insurer);
  put('case/policyNumber', model.cover.policyNumber);
  put('case/claimNumber', model.cover.claimNumber);
  put('case/status', model.summary.status);
  put('case/personalData', model.summary.personalData.affected);
  for (const date of model.keyDates.dates) put(`date/${date.name}`, date.at);
  for (const n of model.keyDates.notifications) {
    const key = n.kind === 'other' ? `notification/other:${n.recipient}` : `notification/${n.kind}`;
    put(key, n.notRequired ? `not required: ${n.reasoning}` : [n.at ?? '', n.reference].filter(Boolean).join(' · '));
  }
  for (const server of model.scope.servers) put(`server/${server.name}`, `${server.product} ${server.version}`.trim());
  for (const step of model.actions.steps) if (step.state !== 'todo') put(`step/${step.serverName}/${step.playbookId}/${step.stepId}`, step.state);
  for (const f of [...model.hunt.found, ...model.hunt.ruledOut]) put(`finding/${f.title}`, `${f.status}${f.resolution ? ' (resolved)' : ''}`);
  for (const e of model.evidence) put(`evidence/${e.storedPath}`, `${e.sha256}${e.removed ? ' (withdrawn)' : ''}`);
  for (const p of model.actions.patches) put(`patch/${p.serverName}/${p.update}`, `${p.versionBefore} → ${p.versionAfter}`);
  for (const total of model.costs.totals) put(`cost/total/${total.currency}`, total.amount.toFixed(2));
  put('cost/outageHours', model.costs.outageHours);
  put('open/count', model.open.items.length);
  if (model.signOff) put('signoff', `${model.signOff.performedBy} / ${model.signOff.reviewedBy} / ${model.signOff.signedAt}`);
  return d;
}

export function diffDigests(before: Digest, after: Digest): { field: string; before: string; after: string }[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => before[k] !== after[k]).map((k) => ({ field: k, before: before[k] ?? '', after: after[k] ?? '' }));
}

export const sameDigest = (a: Digest, b: Digest): boolean => diffDigests(a, b).length === 0;
