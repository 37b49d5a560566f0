// The names of every call in the contract, with no dependency at all: the sandboxed preload can
// only require('electron'), so it builds the API from this list alone. contract.ts checks that its
// input schemas and result types cover exactly these names.
export const channels = [
  'app.info',
  'settings.get',
  'settings.update',
  'playbooks.list',
  'playbooks.get',
  'playbooks.import',
  'playbooks.remove',
  'cases.list',
  'cases.create',
  'cases.open',
  'cases.rename',
  'cases.setOperator',
  'cases.archive',
  'cases.restore',
  'cases.delete',
  'cases.purge',
  'cases.recover',
  'cases.addServer',
  'cases.updateServer',
  'cases.attachPlaybook',
  'cases.detachPlaybook',
  'cases.setStepState',
  'cases.addNote',
  'external.open',
] as const;

export type Channel = (typeof channels)[number];
