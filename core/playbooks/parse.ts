// Playbook format v1 parser and validator (the format is documented in playbooks/README.md).
// One pass over the markdown-it token stream finds phases (`# Title {#id}`), steps
// (`## Title {#id}` + a ```step fence), commands, hunt blocks, links and raw HTML; YAML blocks are
// parsed with line tracking so every problem carries the line in the file. It never throws: any
// input, however broken or hostile, yields { playbook?, problems, warnings }.
import { createHash } from 'node:crypto';
import { FrontMatter, StepMeta, SHELLS, type Command, type Phase, type Playbook, type PlaybookProblem, type Shell, type Step } from './types';
import { describeIssues, closest } from './issues';
import { parseYamlBlock, messageOf } from './yaml-block';
import { validateHuntBlock, MAX_HUNT_RULES, type ParsedHuntRule } from './hunt-block';
import { checkHtmlBlock, checkInline, validatingMarkdown, type Token } from './markdown-checks';

/** Files larger than this are refused before parsing (the same limit as the import API). */
export const MAX_PLAYBOOK_BYTES = 2_000_000;
export const MAX_STEPS = 2_000;
const MAX_PROBLEMS = 500;

export interface ParseResult {
  playbook?: Playbook;
  problems: PlaybookProblem[];
  warnings: PlaybookProblem[];
}

type Source = 'bundled' | 'imported';

const SAMPLE_OUTPUT_FENCES = new Set(['text', 'output']);
const SHELL_ALIASES: Record<string, Shell> = {
  sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash', terminal: 'bash',
  ps: 'powershell', ps1: 'powershell', pwsh: 'powershell', posh: 'powershell',
  bat: 'cmd', batch: 'cmd', dos: 'cmd', cmdline: 'cmd',
};

export function parsePlaybook(text: string, file: string, source: Source, sha256?: string): ParseResult {
  const problems: PlaybookProblem[] = [];
  const warnings: PlaybookProblem[] = [];
  try {
    if (typeof text !== 'string') return { problems: [{ file, line: 1, message: 'The playbook is not text.' }], warnings };
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_PLAYBOOK_BYTES) {
      return { problems: [{ file, line: 1, message: `The file is ${(bytes / 1_000_000).toFixed(1)} MB; a playbook is at most 2 MB. Split it into several playbooks.` }], warnings };
    }
    const hash = sha256 ?? createHash('sha256').update(text, 'utf8').digest('hex');
    const playbook = new PlaybookParser(text, file, source, hash, problems, warnings).run();
    const capped = problems.length > MAX_PROBLEMS ? [...problems.slice(0, MAX_PROBLEMS), { file, line: 1, message: `...and ${problems.length - MAX_PROBLEMS} more problems.` }] : problems;
    return { ...(playbook && problems.length === 0 ? { playbook } : {}), problems: capped, warnings: warnings.slice(0, MAX_PROBLEMS) };
  } catch (error) {
    // A bug in the validator must not take down the app: report it as a problem of this file.
    return { problems: [...problems, { file, line: 1, message: `The playbook could not be checked (internal error: ${messageOf(error)}). Please report this file to the Firebreak team.` }], warnings };
  }
}

interface PhaseDraft {
  id: string;
  title: string;
  line: number;
  /** 0-based line index where the body starts and ends (exclusive). */
  bodyFrom: number;
  bodyTo: number;
  stepIds: string[];
}

interface StepDraft {
  id: string;
  title: string;
  line: number;
  phaseId: string;
  meta?: StepMeta;
  metaLineOf?: (path: readonly PropertyKey[]) => number;
  hasMetaBlock: boolean;
  bodyFrom: number;
  bodyTo: number;
  commands: Command[];
  huntRuleIds: string[];
}

class PlaybookParser {
  private readonly lines: string[];
  private readonly excludedLines = new Set<number>();
  private readonly ids = new Map<string, { line: number; what: 'phase' | 'step' }>();
  private readonly phases: PhaseDraft[] = [];
  private readonly steps: StepDraft[] = [];
  private readonly rules: (ParsedHuntRule & { stepId?: string })[] = [];
  /** The first rule with each id, so a duplicate is found without scanning every rule so far. */
  private readonly rulesById = new Map<string, ParsedHuntRule>();
  private readonly anchors: { id: string; line: number }[] = [];
  private meta?: FrontMatter;
  private warnedPreamble = false;

  constructor(
    text: string,
    private readonly file: string,
    private readonly source: Source,
    private readonly sha256: string,
    private readonly problems: PlaybookProblem[],
    private readonly warnings: PlaybookProblem[],
  ) {
    this.lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  }

  /** line|message pairs already reported: `<b>x</b>` is one problem, not two. */
  private readonly reported = new Set<string>();

  private problem(line: number, message: string) {
    this.report(this.problems, line, message);
  }

  private warn(line: number, message: string) {
    this.report(this.warnings, line, message);
  }

  private report(list: PlaybookProblem[], line: number, message: string) {
    const key = `${list === this.problems ? 'p' : 'w'}|${line}|${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    list.push({ file: this.file, line: Math.max(1, line), message });
  }

  run(): Playbook | undefined {
    const bodyStart = this.readFrontMatter();
    if (bodyStart === undefined) return undefined;
    // Blank the front matter instead of cutting it, so markdown-it's line numbers are file lines.
    const body = [...Array<string>(bodyStart).fill(''), ...this.lines.slice(bodyStart)].join('\n');
    const tokens = validatingMarkdown().parse(body, {});

    const stepCount = tokens.filter((t) => t.type === 'heading_open' && t.tag === 'h2' && t.level === 0).length;
    if (stepCount > MAX_STEPS) {
      this.problem(1, `This playbook has ${stepCount.toLocaleString('en')} steps; at most ${MAX_STEPS.toLocaleString('en')} are allowed. Split it into several playbooks.`);
      return undefined;
    }
    this.walk(tokens);
    this.closeSections(this.lines.length);
    this.checkStructure(bodyStart);
    this.checkSteps();
    this.checkAnchors();
    return this.assemble();
  }

  // ---- front matter ------------------------------------------------------------------------------

  /** Returns the 0-based index of the first body line, or undefined when the body cannot be located. */
  private readFrontMatter(): number | undefined {
    if ((this.lines[0] ?? '').trimEnd() !== '---') {
      this.problem(1, 'The file must start with front matter: a first line "---", the fields (format, id, title, version, language, products, cves, lastReviewed, references), then a line "---".');
      return 0;
    }
    const close = this.lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
    if (close < 0) {
      this.problem(1, 'The front matter that starts on line 1 is never closed: add a line "---" after its last field.');
      return undefined;
    }
    const block = parseYamlBlock(this.lines.slice(1, close).join('\n'), 2, 'front matter');
    for (const p of block.problems) this.problem(p.line, p.message);
    if (block.problems.length > 0) return close + 1;
    if (block.value === null || typeof block.value !== 'object' || Array.isArray(block.value)) {
      this.problem(2, 'The front matter must be a list of "field: value" lines.');
      return close + 1;
    }
    const parsed = FrontMatter.safeParse(block.value);
    if (!parsed.success) {
      for (const p of describeIssues(parsed.error.issues, block.value)) this.problem(block.lineOf(p.path), `Front matter: ${p.message}`);
      return close + 1;
    }
    this.meta = parsed.data;
    if (!isRealDate(parsed.data.lastReviewed)) this.problem(block.lineOf(['lastReviewed']), `Front matter: \`lastReviewed\` ${parsed.data.lastReviewed} is not a real date.`);
    if (this.source === 'bundled') this.checkFileName(parsed.data, block.lineOf(['id']));
    return close + 1;
  }

  /** Bundled playbooks live at playbooks/<language>/<id>.md; a mismatch means two files could claim the same id. */
  private checkFileName(meta: FrontMatter, line: number) {
    const parts = this.file.split(/[\\/]/);
    const name = parts[parts.length - 1] ?? '';
    const folder = parts[parts.length - 2];
    if (folder !== 'en' && folder !== 'fr') return; // not the playbooks/<language>/ layout: nothing to compare
    if (name.endsWith('.md') && name !== `${meta.id}.md`) {
      this.problem(line, `The file is named ${name} but its id is \`${meta.id}\`: rename the file to ${meta.id}.md (or change the id).`);
    }
    if (folder !== meta.language) {
      this.problem(line, `The file is in the folder ${folder}/ but its language is \`${meta.language}\`: move it to ${meta.language}/ (or fix \`language\`).`);
    }
  }

  // ---- the token walk ------------------------------------------------------------------------------

  private currentPhase(): PhaseDraft | undefined {
    return this.phases[this.phases.length - 1];
  }

  private currentStep(): StepDraft | undefined {
    const step = this.steps[this.steps.length - 1];
    return step && step.bodyTo < 0 ? step : undefined;
  }

  private walk(tokens: Token[]) {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const line = (token.map?.[0] ?? 0) + 1;
      if (token.type === 'heading_open' && token.level === 0 && (token.markup === '=' || token.markup === '-')) {
        const hashes = token.tag === 'h1' ? '#' : '##';
        const rule = token.markup.repeat(3);
        this.problem(token.map?.[1] ?? line, `This line of ${rule} underlines the text above it, which Markdown reads as a heading: add a blank line before the ${rule}, or write a heading as "${hashes} Title {#some-id}".`);
        continue;
      }
      if (token.type === 'heading_open' && token.level === 0 && (token.tag === 'h1' || token.tag === 'h2')) {
        const inline = tokens[i + 1];
        if (token.tag === 'h1') this.openPhase(token, inline);
        else if (this.openStep(token, inline, tokens[i + 3])) i += 3; // the ```step fence is consumed here
        continue;
      }
      if (token.level === 0 && token.type.endsWith('_open')) this.notePreamble(line);
      switch (token.type) {
        case 'inline':
          for (const finding of checkInline(token)) {
            if (finding.anchor !== undefined) this.anchors.push({ id: finding.anchor, line: finding.line });
            else this.problem(finding.line, finding.message);
          }
          break;
        case 'html_block': {
          this.notePreamble(line);
          const finding = checkHtmlBlock(token);
          if (finding) this.problem(finding.line, finding.message);
          break;
        }
        case 'fence':
          this.notePreamble(line);
          this.onFence(token);
          break;
        case 'code_block':
          this.notePreamble(line);
          this.problem(line, 'This indented block is shown as code but does not name its shell: put it in a fenced block that starts with ```powershell, ```cmd or ```bash (or ```text for sample output), or remove the indentation.');
          break;
        default:
          break;
      }
    }
  }

  private notePreamble(line: number) {
    if (this.phases.length > 0 || this.warnedPreamble) return;
    this.warnedPreamble = true;
    this.warn(line, 'This text comes before the first phase and is not shown anywhere: move it into a phase, or into `summary` in the front matter.');
  }

  private headingParts(token: Token, inline: Token | undefined, what: 'phase' | 'step'): { id: string; title: string } | undefined {
    const line = (token.map?.[0] ?? 0) + 1;
    const hashes = what === 'phase' ? '#' : '##';
    const raw = (inline?.content ?? '').trim();
    const match = /^(.*?)\s*\{#([^{}]*)\}$/.exec(raw);
    if (!match) {
      const suggestion = slug(raw) || `${what}-id`;
      const role = what === 'phase' ? 'A level-1 heading (#) starts a phase' : 'A level-2 heading (##) starts a step';
      this.problem(line, `${role} and needs an id: write "${hashes} ${raw || 'Title'} {#${suggestion}}". Use ### for a heading inside a step.`);
      return undefined;
    }
    const title = (match[1] ?? '').trim();
    const id = (match[2] ?? '').trim();
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(id)) {
      this.problem(line, `The id \`${id}\` is not valid: use lower-case letters, digits and dashes (at most 80), for example {#${slug(id) || slug(title) || `${what}-id`}}.`);
      return undefined;
    }
    if (title === '') this.problem(line, `The ${what} \`${id}\` has no title: write it before {#${id}}.`);
    else if (title.length > 200) this.problem(line, `The title of the ${what} \`${id}\` is longer than 200 characters; shorten it and move the detail into the text.`);
    const previous = this.ids.get(id);
    if (previous) {
      this.problem(line, `The id \`${id}\` is already used by the ${previous.what} on line ${previous.line}; ids must be unique within a playbook.`);
      this.problem(previous.line, `The id \`${id}\` is used again by the ${what} on line ${line}; ids must be unique within a playbook.`);
    } else {
      this.ids.set(id, { line, what });
    }
    return { id, title };
  }

  private openPhase(token: Token, inline: Token | undefined) {
    const line = (token.map?.[0] ?? 0) + 1;
    this.closeSections(line - 1);
    const parts = this.headingParts(token, inline, 'phase');
    this.phases.push({ id: parts?.id ?? '', title: parts?.title ?? '', line, bodyFrom: token.map?.[1] ?? line, bodyTo: -1, stepIds: [] });
  }

  /** Returns true when the token after the heading was the step's fence (so the walk skips it). */
  private openStep(token: Token, inline: Token | undefined, next: Token | undefined): boolean {
    const line = (token.map?.[0] ?? 0) + 1;
    this.closeSections(line - 1, true);
    const phase = this.currentPhase();
    const parts = this.headingParts(token, inline, 'step');
    if (!phase) this.problem(line, 'This step comes before the first phase: add a phase heading ("# Phase title {#phase-id}") above it.');
    if (phase && phase.bodyTo < 0) phase.bodyTo = line - 1;
    const step: StepDraft = {
      id: parts?.id ?? '',
      title: parts?.title ?? '',
      line,
      phaseId: phase?.id ?? '',
      hasMetaBlock: false,
      bodyFrom: token.map?.[1] ?? line,
      bodyTo: -1,
      commands: [],
      huntRuleIds: [],
    };
    this.steps.push(step);
    if (parts && phase) phase.stepIds.push(parts.id);

    const isStepFence = next?.type === 'fence' && next.level === 0 && fenceLanguage(next) === 'step';
    if (!isStepFence) {
      const hint = next?.type === 'fence' && ['yaml', 'yml'].includes(fenceLanguage(next)) ? ' The block below is marked yaml: mark it step instead.' : '';
      this.problem(line, `The step \`${step.id || '?'}\` needs a \`\`\`step block right after its heading, with at least "kind:" and "references:".${hint}`);
      return false;
    }
    step.hasMetaBlock = true;
    const fenceStart = next.map?.[0] ?? 0;
    const fenceEnd = next.map?.[1] ?? fenceStart + 1;
    this.checkFenceClosed(next);
    for (let l = fenceStart; l < fenceEnd; l++) this.excludedLines.add(l);
    step.bodyFrom = fenceEnd;
    const block = parseYamlBlock(next.content, fenceStart + 2, 'step block');
    for (const p of block.problems) this.problem(p.line, p.message);
    if (block.problems.length > 0) return true;
    if (block.value === null || typeof block.value !== 'object' || Array.isArray(block.value)) {
      this.problem(fenceStart + 1, `The step block of \`${step.id}\` must be "field: value" lines, with at least "kind:" and "references:".`);
      return true;
    }
    const parsed = StepMeta.safeParse(block.value);
    if (!parsed.success) {
      for (const p of describeIssues(parsed.error.issues, block.value)) this.problem(block.lineOf(p.path), `Step \`${step.id}\`: ${p.message}`);
      return true;
    }
    step.meta = parsed.data;
    step.metaLineOf = block.lineOf;
    return true;
  }

  /** Ends the open step (and the open phase unless `stepOnly`) at 0-based line `end` (exclusive). */
  private closeSections(end: number, stepOnly = false) {
    const step = this.currentStep();
    if (step) step.bodyTo = end;
    const phase = this.currentPhase();
    if (!stepOnly && phase && phase.bodyTo < 0) phase.bodyTo = end;
  }

  private onFence(token: Token) {
    const line = (token.map?.[0] ?? 0) + 1;
    const language = fenceLanguage(token);
    this.checkFenceClosed(token);
    const step = this.currentStep();
    if (language === 'step') {
      this.problem(line, 'A ```step block must come right after a step heading ("## Step title {#step-id}"); this one is not, so it is ignored.');
      return;
    }
    if (language === 'hunt') {
      for (let l = token.map?.[0] ?? 0; l < (token.map?.[1] ?? 0); l++) this.excludedLines.add(l);
      const phase = this.currentPhase();
      if (!phase) {
        this.problem(line, 'A ```hunt block must be inside a phase or a step.');
        return;
      }
      this.onHuntFence(token, step);
      return;
    }
    if ((SHELLS as readonly string[]).includes(language)) {
      if (!step) {
        this.problem(line, 'Commands belong in a step, so that the person can record what they printed: move this block into a step.');
        return;
      }
      step.commands.push({ shell: language as Shell, code: token.content.replace(/\n$/, ''), line });
      return;
    }
    if (SAMPLE_OUTPUT_FENCES.has(language)) return;
    const canonical = SHELL_ALIASES[language] ?? SHELL_ALIASES[language.toLowerCase()];
    const lower = language.toLowerCase();
    if (canonical) {
      this.problem(line, `Write \`\`\`${canonical} instead of \`\`\`${language}: a command block names its shell as powershell, cmd or bash.`);
    } else if (lower !== language && ((SHELLS as readonly string[]).includes(lower) || SAMPLE_OUTPUT_FENCES.has(lower) || lower === 'hunt' || lower === 'step')) {
      this.problem(line, `Write \`\`\`${lower} in lower case, not \`\`\`${language}.`);
    } else if (lower === 'txt' || lower === 'plain' || lower === 'log') {
      this.problem(line, `Write \`\`\`text instead of \`\`\`${language} for sample output.`);
    } else {
      const named = language === '' ? 'This code block does not name its shell' : `This code block is marked \`${language}\`, which is not a shell`;
      this.problem(line, `${named}: use powershell, cmd or bash (or text for sample output).`);
    }
  }

  private onHuntFence(token: Token, step: StepDraft | undefined) {
    const fenceStart = token.map?.[0] ?? 0;
    const block = parseYamlBlock(token.content, fenceStart + 2, 'hunt block');
    for (const p of block.problems) this.problem(p.line, p.message);
    if (block.problems.length > 0) return;
    const result = validateHuntBlock(block, fenceStart + 1);
    for (const p of result.problems) this.problem(p.line, p.message);
    for (const parsed of result.rules) {
      const previous = this.rulesById.get(parsed.rule.id);
      if (previous) {
        this.problem(parsed.line, `The hunt rule id \`${parsed.rule.id}\` is already used on line ${previous.line}; rule ids must be unique within a playbook.`);
        this.problem(previous.line, `The hunt rule id \`${parsed.rule.id}\` is used again on line ${parsed.line}; rule ids must be unique within a playbook.`);
        continue;
      }
      if (this.rules.length >= MAX_HUNT_RULES) {
        this.problem(parsed.line, `This playbook has more than ${MAX_HUNT_RULES} hunt rules; split it.`);
        return;
      }
      this.rules.push({ ...parsed, ...(step?.id ? { stepId: step.id } : {}) });
      this.rulesById.set(parsed.rule.id, parsed);
      if (step) step.huntRuleIds.push(parsed.rule.id);
    }
  }

  /** markdown-it runs an unclosed fence to the end of the file, swallowing every later step. */
  private checkFenceClosed(token: Token) {
    const end = token.map?.[1] ?? 0;
    const last = (this.lines[end - 1] ?? '').trim();
    const marker = token.markup;
    const closed = end - 1 > (token.map?.[0] ?? 0) && last.length >= marker.length && [...last].every((ch) => ch === marker[0]);
    if (!closed) this.problem((token.map?.[0] ?? 0) + 1, `This code block is never closed: add a line ${marker || '```'} after its last line.`);
  }

  // ---- whole-playbook checks ---------------------------------------------------------------------

  private checkStructure(bodyStart: number) {
    if (this.phases.length === 0) {
      this.problem(bodyStart + 1, 'This playbook has no phase: add a phase heading ("# Phase title {#phase-id}") followed by its steps ("## Step title {#step-id}").');
    }
    for (const phase of this.phases) {
      if (phase.id && phase.stepIds.length === 0) {
        this.problem(phase.line, `The phase \`${phase.id}\` has no step: add at least one "## Step title {#step-id}" under it, or remove the phase.`);
      }
    }
  }

  private checkSteps() {
    const stepIds = new Set(this.steps.map((s) => s.id).filter(Boolean));
    const phaseIds = new Set(this.phases.map((p) => p.id).filter(Boolean));
    for (const step of this.steps) {
      const meta = step.meta;
      const lineOf = step.metaLineOf;
      if (!meta || !lineOf) continue;
      const name = `The step \`${step.id}\``;
      if (meta.kind === 'question') {
        if (!meta.answers) this.problem(lineOf(['kind']), `${name} is a question: list at least two \`answers\`, each with a \`label\` and usually a \`goto\`.`);
        if (meta.goto) this.problem(lineOf(['goto']), `${name} is a question, so it branches through its answers: move \`goto\` onto the answer it belongs to.`);
      } else if (meta.answers) {
        this.problem(lineOf(['answers']), `${name} is a ${meta.kind} step, and only a question has \`answers\`: set "kind: question" or remove them.`);
      }
      if ((meta.kind === 'check' || meta.kind === 'command') && !meta.expected) {
        this.problem(lineOf(['kind']), `${name} is a ${meta.kind} step: add \`expected\`, saying what a good result looks like.`);
      }
      if (meta.kind === 'command' && step.commands.length === 0) {
        this.problem(step.line, `${name} is a command step but has no command block: add one that starts with \`\`\`powershell, \`\`\`cmd or \`\`\`bash.`);
      }
      if (meta.goto && !meta.otherwise && (meta.kind === 'check' || meta.kind === 'command')) {
        this.warn(lineOf(['goto']), `${name} has a \`goto\` but no \`otherwise\`: say what a bad result means before sending the person elsewhere.`);
      }
      if (meta.references.length === 0) {
        const message = `${name} cites no source: add \`references:\` with the https address of the advisory or documentation it relies on.`;
        if (this.source === 'bundled') this.problem(lineOf(['kind']), message);
        else this.warn(lineOf(['kind']), message);
      }
      const targets: { target: string; path: PropertyKey[] }[] = [];
      if (meta.goto) targets.push({ target: meta.goto, path: ['goto'] });
      meta.answers?.forEach((answer, i) => answer.goto && targets.push({ target: answer.goto, path: ['answers', i, 'goto'] }));
      for (const { target, path } of targets) {
        const [playbookId, stepId] = target.includes('#') ? target.split('#') : [undefined, target];
        if (playbookId !== undefined && playbookId !== this.meta?.id) continue; // checked by the registry across playbooks
        if (!stepId || stepIds.has(stepId)) continue;
        const what = path[0] === 'goto' ? '`goto`' : `the answer "${meta.answers?.[path[1] as number]?.label ?? ''}"`;
        if (phaseIds.has(stepId)) {
          const first = this.phases.find((p) => p.id === stepId)?.stepIds[0];
          this.problem(lineOf(path), `In the step \`${step.id}\`, ${what} names the phase \`${stepId}\`; a goto names a step${first ? `, for example its first step \`${first}\`` : ''}.`);
        } else {
          const suggestion = closest(stepId, [...stepIds]);
          this.problem(lineOf(path), `In the step \`${step.id}\`, ${what} goes to \`${stepId}\`, which is not a step of this playbook${suggestion ? `: did you mean \`${suggestion}\`?` : '.'}`);
        }
      }
    }
  }

  private checkAnchors() {
    for (const anchor of this.anchors) {
      if (this.ids.has(anchor.id)) continue;
      const suggestion = closest(anchor.id, [...this.ids.keys()]);
      this.problem(anchor.line, `The link #${anchor.id} does not land on any step or phase of this playbook${suggestion ? `: did you mean #${suggestion}?` : '.'}`);
    }
  }

  private assemble(): Playbook | undefined {
    if (!this.meta || this.problems.length > 0) return undefined;
    const phases: Phase[] = this.phases.map((p) => ({ id: p.id, title: p.title, body: this.bodyText(p.bodyFrom, p.bodyTo), stepIds: p.stepIds, line: p.line }));
    const steps: Step[] = [];
    for (const s of this.steps) {
      if (!s.meta) return undefined;
      const m = s.meta;
      steps.push({
        id: s.id,
        title: s.title,
        phaseId: s.phaseId,
        kind: m.kind,
        body: this.bodyText(s.bodyFrom, s.bodyTo),
        commands: s.commands,
        evidence: m.evidence ?? 'none',
        ...(m.expected !== undefined ? { expected: m.expected } : {}),
        ...(m.otherwise !== undefined ? { otherwise: m.otherwise } : {}),
        ...(m.goto !== undefined ? { goto: m.goto } : {}),
        ...(m.answers !== undefined ? { answers: m.answers } : {}),
        references: m.references,
        huntRuleIds: s.huntRuleIds,
        line: s.line,
      });
    }
    return {
      meta: this.meta,
      phases,
      steps,
      huntRules: this.rules.map((r) => ({ ...r.rule, ...(r.stepId ? { stepId: r.stepId } : {}), line: r.line })),
      source: this.source,
      file: this.file,
      sha256: this.sha256,
    };
  }

  /** The Markdown source of a body, without the ```step and ```hunt fences, trimmed of blank edges. */
  private bodyText(from: number, to: number): string {
    const kept: string[] = [];
    for (let l = from; l < Math.min(to < 0 ? this.lines.length : to, this.lines.length); l++) {
      if (!this.excludedLines.has(l)) kept.push(this.lines[l] ?? '');
    }
    while (kept.length > 0 && kept[0]!.trim() === '') kept.shift();
    while (kept.length > 0 && kept[kept.length - 1]!.trim() === '') kept.pop();
    return kept.join('\n');
  }
}

function fenceLanguage(token: Token): string {
  return token.info.trim().split(/\s+/)[0] ?? '';
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  return date.getUTCFullYear() === y && date.getUTCMonth() === (m ?? 0) - 1 && date.getUTCDate() === d;
}
