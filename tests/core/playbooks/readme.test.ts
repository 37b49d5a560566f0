// The format reference (playbooks/README.md) must not lie: its complete example and every hunt rule
// example are run through the validator.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePlaybook } from '../../../core/playbooks/parse';
import { withBody } from './helpers';

const readme = readFileSync(fileURLToPath(new URL('../../../playbooks/README.md', import.meta.url)), 'utf8');

describe('playbooks/README.md', () => {
  it('has a complete example that validates as a bundled playbook', () => {
    const example = /````markdown\n([\s\S]*?)\n````/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const result = parsePlaybook(example!, 'playbooks/en/example-webapp.md', 'bundled');
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.playbook!.steps).toHaveLength(4);
  });

  it('has hunt rule examples of every kind, each valid', () => {
    const examples = [...readme.matchAll(/```yaml\n(- id:[\s\S]*?)```/g)].map((m) => m[1]!);
    const kinds = examples.map((yaml) => /\n {4}(path|content|log|hash|ip|version):/.exec(yaml)?.[1]);
    expect(kinds).toEqual(['path', 'content', 'log', 'hash', 'ip', 'version']);
    const text = withBody(`# P {#p}\n\n## S {#s}\n\n\`\`\`step\nkind: action\nreferences: [https://example.com/a]\n\`\`\`\n\n\`\`\`hunt\n${examples.join('')}\`\`\`\n`);
    const result = parsePlaybook(text, 'x.md', 'bundled');
    expect(result.problems).toEqual([]);
    expect(result.playbook!.huntRules).toHaveLength(6);
  });
});
