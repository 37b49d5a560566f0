// Validates a ```hunt fence: a YAML list of hunt rules (schema HuntRule in types.ts), plus what a
// schema cannot say: every regular expression compiles and cannot run away, every glob is relative
// and well formed.
import { HuntRule, type Condition } from './types';
import { describeIssues, formatPath } from './issues';
import { checkGlob, checkRegex } from './patterns';
import type { YamlBlock } from './yaml-block';

export interface ParsedHuntRule {
  rule: HuntRule;
  line: number;
}

export interface HuntBlockResult {
  rules: ParsedHuntRule[];
  problems: { line: number; message: string }[];
}

export const MAX_HUNT_RULES = 5_000;

export function validateHuntBlock(block: YamlBlock, fenceLine: number): HuntBlockResult {
  const problems: HuntBlockResult['problems'] = [];
  const rules: ParsedHuntRule[] = [];
  const value = block.value;
  if (value === null || value === undefined) {
    return { rules, problems: [{ line: fenceLine, message: 'This hunt block is empty: list rules, each starting with "- id:".' }] };
  }
  if (!Array.isArray(value)) {
    return { rules, problems: [{ line: fenceLine, message: 'A hunt block is a YAML list of rules: start each rule with "- id:".' }] };
  }
  value.forEach((raw: unknown, index: number) => {
    const line = block.lineOf([index]);
    const name = ruleName(raw, index);
    const parsed = HuntRule.safeParse(raw);
    if (!parsed.success) {
      for (const p of describeIssues(parsed.error.issues, raw)) {
        problems.push({ line: block.lineOf([index, ...p.path]), message: `${name}: ${p.message}` });
      }
      return;
    }
    const rule = parsed.data;
    for (const { path, message } of patternProblems(rule)) problems.push({ line: block.lineOf([index, ...path]), message: `${name}: ${capitalize(message)}` });
    rules.push({ rule, line });
  });
  return { rules, problems };
}

function ruleName(raw: unknown, index: number): string {
  const id = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 80 ? `Hunt rule \`${id}\`` : `Hunt rule ${index + 1} of this block`;
}

function patternProblems(rule: HuntRule): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  const globs = (list: readonly string[] | undefined, path: PropertyKey[]) =>
    list?.forEach((glob, i) => {
      const message = checkGlob(glob);
      if (message) out.push({ path: [...path, i], message });
    });
  const match = rule.match;
  if ('path' in match) {
    globs(match.path.globs, ['match', 'path', 'globs']);
    globs(match.path.except, ['match', 'path', 'except']);
  } else if ('content' in match) {
    globs(match.content.files, ['match', 'content', 'files']);
    match.content.regex.forEach((source, i) => {
      const message = checkRegex(source);
      if (message) out.push({ path: ['match', 'content', 'regex', i], message });
    });
  } else if ('log' in match) {
    globs(match.log.files, ['match', 'log', 'files']);
    conditionRegexes(match.log.where, ['match', 'log', 'where'], out);
  }
  return out;
}

function conditionRegexes(condition: Condition, path: PropertyKey[], out: { path: PropertyKey[]; message: string }[]): void {
  if ('all' in condition) condition.all.forEach((c, i) => conditionRegexes(c, [...path, 'all', i], out));
  else if ('any' in condition) condition.any.forEach((c, i) => conditionRegexes(c, [...path, 'any', i], out));
  else if ('not' in condition) conditionRegexes(condition.not, [...path, 'not'], out);
  else if (condition.regex !== undefined) {
    const message = checkRegex(condition.regex);
    if (message) out.push({ path: [...path, 'regex'], message: `${formatPath(['where'])} test on \`${condition.field}\`: ${message}` });
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
