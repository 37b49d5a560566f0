import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_STEPS, parsePlaybook } from '../../../core/playbooks/parse';
import { ACTION, FRONT, expectProblem, expectWarning, minimal, sample, withBody } from './helpers';

const parse = (text: string, source: 'bundled' | 'imported' = 'bundled', file = 'x.md') => parsePlaybook(text, file, source);

describe('the sample playbook', () => {
  const result = parse(sample, 'bundled', 'tests/fixtures/playbooks/sample-en.md');
  const playbook = result.playbook!;

  it('parses without problems or warnings', () => {
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(playbook.meta.id).toBe('sample-webapp');
    expect(playbook.meta.references).toEqual([{ title: 'Example advisory', url: 'https://example.com/advisory' }]);
    expect(playbook.source).toBe('bundled');
    expect(playbook.sha256).toBe(createHash('sha256').update(sample).digest('hex'));
  });

  it('finds the phases with their lines, bodies and steps', () => {
    expect(playbook.phases.map((p) => [p.id, p.title, p.line, p.stepIds])).toEqual([
      ['triage', 'Triage', 16, ['triage-version', 'triage-exposed']],
      ['contain', 'Contain', 53, ['contain-firewall']],
      ['hunt', 'Hunt', 69, ['hunt-webshells']],
    ]);
    expect(playbook.phases[0]!.body).toBe('Decide whether this server is affected before touching it.');
  });

  it('reads each step: kind, meta, lines and commands', () => {
    expect(playbook.steps.map((s) => [s.id, s.kind, s.phaseId, s.line])).toEqual([
      ['triage-version', 'command', 'triage', 20],
      ['triage-exposed', 'question', 'triage', 38],
      ['contain-firewall', 'action', 'contain', 55],
      ['hunt-webshells', 'check', 'hunt', 71],
    ]);
    const version = playbook.steps[0]!;
    expect(version.evidence).toBe('required');
    expect(version.goto).toBe('contain-firewall');
    expect(version.commands).toEqual([{ shell: 'powershell', code: "Get-Content 'C:\\Program Files\\Example\\version.txt'", line: 34 }]);
    expect(playbook.steps[1]!.answers).toEqual([
      { label: 'Yes, it is exposed', goto: 'contain-firewall' },
      { label: 'No, internal only', goto: 'hunt-webshells' },
    ]);
    expect(playbook.steps[1]!.evidence).toBe('none');
    expect(playbook.steps[3]!.commands).toEqual([{ shell: 'bash', code: "find /var/www -name '*.php' -newer /var/www/index.html", line: 82 }]);
  });

  it('keeps command fences in the body, in reading order, and drops the step and hunt fences', () => {
    const body = playbook.steps[0]!.body;
    expect(body.startsWith('Open a PowerShell window **as administrator**')).toBe(true);
    expect(body).toContain("```powershell\nGet-Content 'C:\\Program Files\\Example\\version.txt'\n```");
    expect(body).not.toContain('```step');
    expect(playbook.steps[3]!.body).toBe("```bash\nfind /var/www -name '*.php' -newer /var/www/index.html\n```");
  });

  it('attaches the hunt rules to their step, with their lines', () => {
    expect(playbook.huntRules.map((r) => [r.id, r.stepId, r.line])).toEqual([
      ['sample-webshell-names', 'hunt-webshells', 87],
      ['sample-exploit-request', 'hunt-webshells', 97],
    ]);
    expect(playbook.steps[3]!.huntRuleIds).toEqual(['sample-webshell-names', 'sample-exploit-request']);
    expect(playbook.huntRules[0]!.match).toEqual({ path: { root: 'any', globs: ['**/www/**/shell*.php', '**/www/**/cmd.aspx'], except: [] } });
  });

  it('accepts CRLF line endings and a byte-order mark with the same lines', () => {
    const crlf = parse(`\uFEFF${sample.replace(/\n/g, '\r\n')}`);
    expect(crlf.problems).toEqual([]);
    expect(crlf.playbook!.steps.map((s) => s.line)).toEqual([20, 38, 55, 71]);
    expect(crlf.playbook!.steps[0]!.commands[0]!.line).toBe(34);
  });
});

describe('front matter', () => {
  it('is required', () => {
    expectProblem(parse('# Phase {#p}\n'), 1, /must start with front matter/);
  });

  it('must be closed', () => {
    expectProblem(parse('---\nid: x\n\n# Phase {#p}\n'), 1, /never closed/);
  });

  it('reports YAML syntax errors on the file line', () => {
    const text = FRONT.replace('title: Tiny', 'title: Step: one') + '# P {#p}\n';
    expectProblem(parse(text), 4, /YAML error in the front matter: .*put the value in quotes/);
  });

  it('names a missing field', () => {
    expectProblem(parse(withBody('').replace('title: Tiny\n', '')), 2, /Front matter: `title` is missing/);
  });

  it('names a field with a bad value, on its line', () => {
    expectProblem(parse(FRONT.replace('version: 1.0.0', 'version: "1.0"')), 5, /`version`.*MAJOR\.MINOR\.PATCH/);
    expectProblem(parse(FRONT.replace('language: en', 'language: de')), 6, /`language` is "de"; it must be one of `en`, `fr`/);
    expectProblem(parse(FRONT.replace('lastReviewed: 2026-11-22', 'lastReviewed: 2026-02-30')), 9, /not a real date/);
  });

  it('explains a number where text is expected', () => {
    expectProblem(parse(FRONT.replace('version: 1.0.0', 'version: 1.0')), 5, /`version` must be text, but YAML read 1 as a number: put it in quotes/);
  });

  it('suggests the right name for an unknown field', () => {
    expectProblem(parse(FRONT.replace('lastReviewed:', 'lastreviewed:')), 9, /Unknown field `lastreviewed`: did you mean `lastReviewed`\?/);
  });

  it('refuses prototype-pollution keys', () => {
    const result = parse(FRONT.replace('title: Tiny', 'title: Tiny\n__proto__: { polluted: true }') + minimal.slice(FRONT.length));
    expectProblem(result, 5, /key `__proto__` is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses alias bombs quickly', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
      bomb.push(`${name}: &${name} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
    }
    const started = Date.now();
    const result = parse(`---\n${bomb.join('\n')}\n---\n`);
    expect(Date.now() - started).toBeLessThan(2_000);
    expectProblem(result, 2, /aliases \(\*name\) too much/);
  });

  it('refuses YAML tags', () => {
    expectProblem(parse(FRONT.replace('title: Tiny', 'title: !!js/function Tiny')), 4, /YAML tags .* are not allowed/);
  });

  it('checks the file name and folder of a bundled playbook only', () => {
    expectProblem(parse(minimal, 'bundled', 'playbooks/en/other.md'), 3, /named other\.md but its id is `tiny`/);
    expectProblem(parse(minimal, 'bundled', 'playbooks/fr/tiny.md'), 3, /folder fr\/ but its language is `en`/);
    expect(parse(minimal, 'bundled', 'playbooks/en/tiny.md').problems).toEqual([]);
    expect(parse(minimal, 'imported', 'Downloads/whatever.md').problems).toEqual([]);
  });
});

describe('structure', () => {
  it('needs at least one phase', () => {
    expectProblem(parse(withBody('Just text.\n')), 12, /has no phase/);
  });

  it('refuses a step before the first phase', () => {
    expectProblem(parse(withBody(`## Step {#s}\n\n${ACTION}`)), 12, /comes before the first phase/);
  });

  it('refuses a phase with no step', () => {
    expectProblem(parse(minimal + '\n# Empty {#empty}\n\nNothing here.\n'), 23, /phase `empty` has no step/);
  });

  it('needs an id on phase and step headings, and suggests one', () => {
    expectProblem(parse(withBody('# Triage the server\n')), 12, /level-1 heading \(#\) starts a phase and needs an id: write "# Triage the server \{#triage-the-server\}"/);
    expectProblem(parse(withBody(`# P {#p}\n\n## Read the version\n`)), 14, /level-2 heading \(##\) starts a step and needs an id/);
  });

  it('refuses an invalid id', () => {
    expectProblem(parse(withBody('# P {#Triage_1}\n')), 12, /id `Triage_1` is not valid/);
  });

  it('explains a setext heading made by a line of dashes', () => {
    const setext = parse(minimal + 'Some text\n---\n');
    expectProblem(setext, 23, /line of --- underlines the text above it/);
    expect(setext.problems).toHaveLength(1);
  });

  it('reports both lines of a duplicate id', () => {
    const result = parse(withBody(`# P {#p}\n\n## A {#s}\n\n${ACTION}\n## B {#s}\n\n${ACTION}`));
    expectProblem(result, 21, /id `s` is already used by the step on line 14/);
    expectProblem(result, 14, /id `s` is used again by the step on line 21/);
  });

  it('refuses a step id equal to a phase id', () => {
    expectProblem(parse(withBody(`# P {#p}\n\n## A {#p}\n\n${ACTION}`)), 14, /already used by the phase on line 12/);
  });

  it('needs a step block right after the step heading', () => {
    expectProblem(parse(withBody('# P {#p}\n\n## A {#a}\n\nText first.\n\n' + ACTION)), 14, /needs a ```step block right after its heading/);
    expectProblem(parse(withBody('# P {#p}\n\n## A {#a}\n\n```yaml\nkind: action\n```\n')), 14, /marked yaml: mark it step/);
  });

  it('refuses a stray step block', () => {
    expectProblem(parse(minimal + '\n' + ACTION), 23, /must come right after a step heading/);
  });

  it('reports YAML errors inside a step block on the file line', () => {
    const text = withBody('# P {#p}\n\n## A {#a}\n\n```step\nkind: action\nexpected: Result: fine\nreferences: [https://example.com/a]\n```\n');
    expectProblem(parse(text), 18, /YAML error in the step block/);
  });

  it('names the step and the field of a schema error', () => {
    const text = withBody('# P {#p}\n\n## A {#a}\n\n```step\nkind: acton\nreferences: [https://example.com/a]\n```\n');
    expectProblem(parse(text), 17, /Step `a`: `kind` is "acton"; it must be one of `action`, `check`, `question`, `command`/);
    const badRef = withBody('# P {#p}\n\n## A {#a}\n\n```step\nkind: action\nreferences:\n  - example.com/a\n```\n');
    expectProblem(parse(badRef), 19, /`references\[0\]`/);
  });

  it('refuses more than 2,000 steps before doing any other work', () => {
    const steps = Array.from({ length: MAX_STEPS + 1 }, (_, i) => `## S {#s${i}}\n`).join('');
    expectProblem(parse(withBody(`# P {#p}\n${steps}`)), 1, /2,001 steps; at most 2,000/);
  });

  it('refuses a file over 2 MB before parsing', () => {
    const huge = minimal + 'x'.repeat(2_000_001);
    const started = Date.now();
    expectProblem(parse(huge), 1, /a playbook is at most 2 MB/);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('warns about text before the first phase', () => {
    const result = parse(withBody('Intro text.\n\n' + minimal.slice(FRONT.length)));
    expect(result.problems).toEqual([]);
    expectWarning(result, 12, /before the first phase/);
  });

  it('reports an unclosed code fence, which would swallow the rest of the file', () => {
    expectProblem(parse(minimal + '\n```powershell\nGet-Date\n'), 23, /never closed/);
  });
});

const step = (meta: string, body = '') => withBody(`# P {#p}\n\n## A {#a}\n\n\`\`\`step\n${meta}\nreferences: [https://example.com/a]\n\`\`\`\n\n${body}\n## B {#b}\n\n${ACTION}`);

describe('step kinds and branches', () => {
  it('a command step needs a command block and expected', () => {
    expectProblem(parse(step('kind: command\nexpected: ok')), 14, /command step but has no command block/);
    expectProblem(parse(step('kind: command', '```cmd\nver\n```\n')), 17, /add `expected`/);
    expect(parse(step('kind: command\nexpected: ok', '```cmd\nver\n```\n')).problems).toEqual([]);
  });

  it('a check step needs expected', () => {
    expectProblem(parse(step('kind: check')), 17, /check step: add `expected`/);
  });

  it('a question needs two answers and no top-level goto', () => {
    expectProblem(parse(step('kind: question')), 17, /list at least two `answers`/);
    expectProblem(parse(step('kind: question\nanswers:\n  - label: Yes')), 18, /`answers` must have at least 2 items/);
    expectProblem(parse(step('kind: question\ngoto: b\nanswers:\n  - label: Yes\n  - label: No')), 18, /move `goto` onto the answer/);
  });

  it('only a question has answers', () => {
    expectProblem(parse(step('kind: action\nanswers:\n  - label: Yes\n  - label: No')), 18, /only a question has `answers`/);
  });

  it('reports dangling gotos, with a suggestion', () => {
    expectProblem(parse(step('kind: action\ngoto: bb')), 18, /`goto` goes to `bb`, which is not a step of this playbook: did you mean `b`\?/);
    expectProblem(parse(step('kind: question\nanswers:\n  - label: Yes\n    goto: nowhere\n  - label: No\n    goto: b')), 20, /the answer "Yes" goes to `nowhere`/);
    expectProblem(parse(step('kind: action\ngoto: p')), 18, /names the phase `p`; a goto names a step, for example its first step `a`/);
  });

  it('checks same-playbook qualified targets and leaves other playbooks to the registry', () => {
    expectProblem(parse(step('kind: action\ngoto: tiny#zzz')), 18, /goes to `zzz`/);
    expect(parse(step('kind: action\ngoto: other-playbook#x')).problems).toEqual([]);
  });

  it('a step without references is an error when bundled and a warning when imported', () => {
    const text = withBody('# P {#p}\n\n## A {#a}\n\n```step\nkind: action\n```\n');
    expectProblem(parse(text, 'bundled'), 17, /cites no source/);
    const imported = parse(text, 'imported');
    expect(imported.problems).toEqual([]);
    expectWarning(imported, 17, /cites no source/);
  });
});

describe('code fences', () => {
  const withFence = (info: string) => step('kind: action', `\`\`\`${info}\nsomething\n\`\`\`\n`);

  it('accepts shells and sample output', () => {
    for (const info of ['powershell', 'cmd', 'bash', 'text', 'output']) expect(parse(withFence(info)).problems, info).toEqual([]);
  });

  it('refuses a fence with no language or an unknown one', () => {
    expectProblem(parse(withFence('')), 21, /does not name its shell: use powershell, cmd or bash \(or text for sample output\)/);
    expectProblem(parse(withFence('python')), 21, /marked `python`, which is not a shell/);
  });

  it('suggests the canonical name for shell aliases', () => {
    expectProblem(parse(withFence('sh')), 21, /Write ```bash instead of ```sh/);
    expectProblem(parse(withFence('shell')), 21, /Write ```bash instead of ```shell/);
    expectProblem(parse(withFence('ps1')), 21, /Write ```powershell instead of ```ps1/);
    expectProblem(parse(withFence('ps')), 21, /Write ```powershell instead of ```ps/);
    expectProblem(parse(withFence('PowerShell')), 21, /Write ```powershell in lower case/);
  });

  it('refuses indented code blocks', () => {
    expectProblem(parse(step('kind: action', '    Get-Date\n')), 21, /indented block .* does not name its shell/);
  });

  it('refuses commands outside a step', () => {
    expectProblem(parse(withBody('# P {#p}\n\n```powershell\nGet-Date\n```\n\n## A {#a}\n\n' + ACTION)), 14, /Commands belong in a step/);
  });
});

describe('Markdown safety', () => {
  const body = (text: string) => step('kind: action', text);

  it('refuses raw HTML, inline and block, but allows comments', () => {
    expectProblem(parse(body('Click <b>here</b>.\n')), 21, /Raw HTML is not allowed in a playbook; write Markdown/);
    expectProblem(parse(body('<div>\nhello\n</div>\n')), 21, /Raw HTML is not allowed/);
    expectProblem(parse(body('<script>alert(1)</script>\n')), 21, /Raw HTML is not allowed/);
    expect(parse(body('<!-- reviewer note -->\n')).problems).toEqual([]);
  });

  it('refuses script, data, file and vbscript links, whatever their case or spacing', () => {
    expectProblem(parse(body('[x](javascript:alert(1))\n')), 21, /javascript: link is not allowed/);
    expectProblem(parse(body('[x](JaVaScRiPt:alert(1))\n')), 21, /javascript: link is not allowed/);
    expectProblem(parse(body('[x](data:text/html,hi)\n')), 21, /data: link is not allowed/);
    expectProblem(parse(body('[x](file:///etc/passwd)\n')), 21, /file: link is not allowed/);
    expectProblem(parse(body('[x](vbscript:msgbox)\n')), 21, /vbscript: link is not allowed/);
    expectProblem(parse(body('[x][r]\n\n[r]: javascript:alert(1)\n')), 21, /javascript: link is not allowed/);
  });

  it('allows https, http, mailto and in-playbook links that land', () => {
    expect(parse(body('[a](https://example.com) [b](http://example.com) [c](mailto:x@example.com) [d](#b) [e](#p) <https://example.com>\n')).problems).toEqual([]);
  });

  it('refuses relative links and in-playbook links that do not land', () => {
    expectProblem(parse(body('[a](other.md)\n')), 21, /is relative/);
    expectProblem(parse(body('See\nthe [next step](#bb).\n')), 22, /#bb does not land on any step or phase of this playbook: did you mean #b\?/);
  });

  it('refuses images', () => {
    expectProblem(parse(body('![diagram](https://example.com/x.png)\n')), 21, /Remote images are not allowed/);
    expectProblem(parse(body('![diagram](data:image/png;base64,AAAA)\n')), 21, /data:\) images are not allowed/);
    expectProblem(parse(body('![diagram](x.png)\n')), 21, /Images are not supported/);
  });
});

describe('hunt blocks', () => {
  const hunt = (yaml: string) => step('kind: action', `\`\`\`hunt\n${yaml}\n\`\`\`\n`);
  const rule = (id: string, match: string) => `- id: ${id}\n  title: T\n  severity: high\n  explanation: E\n  match:\n${match}`;
  // The hunt fence opens on line 21; its first rule on line 22.

  it('accepts every kind of rule', () => {
    const rules = [
      rule('r-path', '    path: { root: iis, globs: ["**/aspnet_client/**/*.aspx"], except: ["**/ok.aspx"] }'),
      rule('r-content', '    content: { files: ["**/*.aspx"], literals: [eval(], regex: ["Request\\\\.Item\\\\[.{1,40}\\\\]"] }'),
      rule('r-log', '    log:\n      format: exchange-httpproxy\n      where:\n        any:\n          - { field: AnchorMailbox, regex: "ServerInfo~.*/.*" }\n          - not: { field: UrlStem, in: [/owa/, /ecp/] }'),
      rule('r-hash', `    hash: { sha256: [${'a'.repeat(64)}] }`),
      rule('r-ip', '    ip: { addresses: [203.0.113.7, 198.51.100.0/24] }'),
      rule('r-version', '    version: { product: Cleo Harmony, fixedIn: "5.8.0.24" }'),
    ];
    const result = parse(hunt(rules.join('\n')));
    expect(result.problems).toEqual([]);
    expect(result.playbook!.huntRules.map((r) => r.id)).toEqual(['r-path', 'r-content', 'r-log', 'r-hash', 'r-ip', 'r-version']);
  });

  it('names the rule and field of a schema error on its line', () => {
    expectProblem(parse(hunt(rule('r1', '    hash: {}'))), 27, /Hunt rule `r1`: .*hash needs at least one value/);
    expectProblem(parse(hunt(rule('r1', '    version: { product: X, fixedIn: 5.8 }'))), 27, /`match.version.fixedIn` must be text, but YAML read 5.8 as a number/);
    expectProblem(parse(hunt(rule('r1', '    pathh: { globs: ["*"] }'))), 27, /Hunt rule `r1`: Unknown field `pathh` in `match`: did you mean `path`\?/);
    expectProblem(parse(hunt(rule('r1', '    log: { format: iis-w3c, where: { field: x, equal: y } }'))), 27, /Unknown field `equal`.*did you mean `equals`\?/);
  });

  it('must be a non-empty list', () => {
    expectProblem(parse(hunt('id: x')), 21, /YAML list of rules/);
    expectProblem(parse(hunt('')), 21, /hunt block is empty/);
  });

  it('refuses duplicate rule ids across blocks, reporting both lines', () => {
    const text = withBody(`# P {#p}\n\n\`\`\`hunt\n${rule('r1', '    ip: { addresses: [1.2.3.4] }')}\n\`\`\`\n\n## A {#a}\n\n${ACTION}\n\`\`\`hunt\n${rule('r1', '    ip: { addresses: [1.2.3.5] }')}\n\`\`\`\n`);
    const result = parse(text);
    expectProblem(result, 31, /rule id `r1` is already used on line 15/);
    expectProblem(result, 15, /rule id `r1` is used again on line 31/);
  });

  it('attaches a phase-level block to no step', () => {
    const text = withBody(`# P {#p}\n\n\`\`\`hunt\n${rule('r1', '    ip: { addresses: [1.2.3.4] }')}\n\`\`\`\n\n## A {#a}\n\n${ACTION}`);
    const result = parse(text);
    expect(result.problems).toEqual([]);
    expect(result.playbook!.huntRules[0]!.stepId).toBeUndefined();
    expect(result.playbook!.phases[0]!.body).toBe('');
  });

  it('refuses regexes that do not compile or can backtrack forever', () => {
    expectProblem(parse(hunt(rule('r1', '    content: { regex: ["(unclosed"] }'))), 27, /does not compile/);
    expectProblem(parse(hunt(rule('r1', '    content: { regex: ["(a+)+$"] }'))), 27, /repeats a group that already repeats/);
    expectProblem(parse(hunt(rule('r1', '    log: { format: plain, where: { field: line, regex: "(\\\\w+\\\\s?)*x" } }'))), 27, /test on `line`: .*repeats a group/);
  });

  it('refuses absolute, climbing and malformed globs', () => {
    expectProblem(parse(hunt(rule('r1', '    path: { globs: ["C:/inetpub/wwwroot/*.aspx"] }'))), 27, /absolute path.*start it with \*\*\/ instead, for example `\*\*\/inetpub\/wwwroot\/\*\.aspx`/);
    expectProblem(parse(hunt(rule('r1', '    path: { globs: ["../etc/*"] }'))), 27, /contains "\.\."/);
    expectProblem(parse(hunt(rule('r1', '    path: { globs: ["inetpub\\\\wwwroot"] }'))), 27, /backslash/);
    expectProblem(parse(hunt(rule('r1', '    path: { globs: ["**/[ab.txt"] }'))), 27, /unclosed \[ \]/);
  });
});

describe('never throws', () => {
  it('on odd inputs', () => {
    for (const text of ['', '---', '---\n---', '---\n---\n', '\u0000', '---\n- a\n---\n', '---\nnull\n---\n# P {#p}\n## S {#s}\n```step\n```\n', '```', '# {#}\n## {#}\n']) {
      const result = parse(text);
      expect(result.problems.length).toBeGreaterThan(0);
    }
  });
});
