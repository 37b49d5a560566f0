// Checks that need several playbooks at once: two files claiming the same id and language, and
// branches into another playbook (`goto: other-playbook#step-id`). Used by the registry (over
// everything installed) and by `firebreak validate` (over the files given).
import type { Playbook, PlaybookProblem } from './types';

export interface CrossCheckResult {
  problems: Map<Playbook, PlaybookProblem[]>;
  warnings: Map<Playbook, PlaybookProblem[]>;
}

export function crossCheck(playbooks: readonly Playbook[]): CrossCheckResult {
  const problems = new Map<Playbook, PlaybookProblem[]>();
  const warnings = new Map<Playbook, PlaybookProblem[]>();
  const add = (map: Map<Playbook, PlaybookProblem[]>, playbook: Playbook, line: number, message: string) => {
    const list = map.get(playbook) ?? [];
    list.push({ file: playbook.file, line, message });
    map.set(playbook, list);
  };

  const byKey = new Map<string, Playbook>();
  for (const playbook of playbooks) {
    const key = `${playbook.meta.id}/${playbook.meta.language}`;
    const first = byKey.get(key);
    if (first) {
      add(problems, playbook, 1, `Another playbook already uses the id \`${playbook.meta.id}\` in language ${playbook.meta.language} (${first.file}); give this one its own id.`);
    } else {
      byKey.set(key, playbook);
    }
  }

  for (const playbook of playbooks) {
    for (const step of playbook.steps) {
      const targets = [step.goto, ...(step.answers ?? []).map((a) => a.goto)].filter((t): t is string => typeof t === 'string' && t.includes('#'));
      for (const target of targets) {
        const [otherId = '', stepId = ''] = target.split('#');
        if (otherId === playbook.meta.id) continue; // checked by the parser
        const other = byKey.get(`${otherId}/${playbook.meta.language}`) ?? playbooks.find((p) => p.meta.id === otherId);
        if (!other) {
          add(warnings, playbook, step.line, `The step \`${step.id}\` goes to \`${target}\`, but no playbook \`${otherId}\` is loaded; that branch will not work until it is installed.`);
        } else if (!other.steps.some((s) => s.id === stepId)) {
          add(problems, playbook, step.line, `The step \`${step.id}\` goes to \`${target}\`, but the playbook \`${otherId}\` (${other.file}) has no step \`${stepId}\`.`);
        }
      }
    }
  }
  return { problems, warnings };
}
