// Every `firebreak` command, in the order `firebreak --help` lists them. A command's code (and the
// packages it needs: zod, yaml, markdown-it, the report renderer…) is loaded only when that command
// runs or its help is asked for, so `firebreak hunt` does not start by loading the report. To add a
// command, write cli/commands/<name>.ts exporting a CliCommand and add an entry here; the summary is
// repeated here for `--help` and a test checks it matches the command's own.
import type { CommandEntry } from '../command';

export const commands: CommandEntry[] = [
  { name: 'validate', summary: 'check playbook files or folders and report every problem with its line', load: async () => (await import('./validate')).validateCommand },
  { name: 'hunt', summary: 'run the playbooks\u2019 hunt rules over copied logs and folders', load: async () => (await import('./hunt')).huntCommand },
  { name: 'example-case', summary: 'write a realistic, fully worked example case (Cleo, December 2024)', load: async () => (await import('./example-case')).exampleCaseCommand },
  { name: 'report', summary: 'write the report of a case as PDF, HTML, Markdown or JSON', load: async () => (await import('./report')).reportCommand },
  { name: 'bundle', summary: 'write a verified case bundle (report, evidence, manifest with hashes)', load: async () => (await import('./bundle')).bundleCommand },
  { name: 'verify', summary: 'verify a case bundle or a report JSON file (hashes, manifest, safety)', load: async () => (await import('./verify')).verifyCommand },
];
