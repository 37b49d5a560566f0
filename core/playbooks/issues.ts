// Turns zod validation issues into sentences that name the field, say what is wrong and, when
// possible, how to fix it ("did you mean `lastReviewed`?"). Unions (a reference, a hunt match,
// a log condition) are explained through the alternative the author most likely meant.
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

export interface FieldProblem {
  path: PropertyKey[];
  message: string;
}

export function describeIssues(issues: readonly Issue[], data: unknown, base: Path = []): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) describeIssue(issue, data, base, out);
  // zod can report the same place twice (for example a type error and a refinement); keep the first.
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = `${p.path.join('.')}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeIssue(issue: Issue, data: unknown, base: Path, out: FieldProblem[]): void {
  const path = [...base, ...issue.path];
  const value = valueAt(data, path);
  const field = `\`${formatPath(path)}\``;
  switch (issue.code) {
    case 'invalid_union': {
      const branches = issue.errors;
      if (branches.length === 0) {
        out.push({ path, message: `${field} is not valid.` });
        return;
      }
      const best = [...branches].sort((a, b) => branchScore(a, data, path) - branchScore(b, data, path))[0] ?? [];
      if (branchScore(best, data, path) >= 100 || best.length === 0) {
        out.push({ path, message: `${field} ${unionHint(path)}` });
        return;
      }
      for (const inner of best) describeIssue(inner, data, path, out);
      return;
    }
    case 'unrecognized_keys': {
      const parent = valueAt(data, path);
      const present = parent && typeof parent === 'object' ? Object.keys(parent) : [];
      const known = FIELD_NAMES.filter((name) => !present.includes(name));
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        const where = path.length > 0 ? ` in ${field}` : '';
        out.push({
          path: [...path, key],
          message: `Unknown field \`${key}\`${where}${suggestion ? `: did you mean \`${suggestion}\`?` : '.'}`,
        });
      }
      return;
    }
    case 'invalid_type': {
      if (value === undefined) {
        out.push({ path, message: `${field} is missing.` });
      } else if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
        out.push({ path, message: `${field} must be text, but YAML read ${String(value)} as a ${typeof value}: put it in quotes, for example "${String(value)}".` });
      } else {
        out.push({ path, message: `${field} must be ${article(issue.expected)}, not ${describeValue(value)}.` });
      }
      return;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => `\`${String(v)}\``).join(', ');
      out.push({ path, message: `${field} is ${describeValue(value)}; it must be ${issue.values.length === 1 ? allowed : `one of ${allowed}`}.` });
      return;
    }
    case 'too_small':
      out.push({ path, message: `${field} ${sizeSentence('at least', issue.minimum, value)}` });
      return;
    case 'too_big':
      out.push({ path, message: `${field} ${sizeSentence('at most', issue.maximum, value)}` });
      return;
    default:
      out.push({ path, message: `${field}: ${lowerFirst(issue.message)}${/[.!?]$/.test(issue.message) ? '' : '.'}` });
  }
}

/** Lower is better: a branch whose input has the wrong shape at its root is almost certainly not the one meant. */
function branchScore(issues: readonly Issue[], data: unknown, base: Path): number {
  let score = 0;
  for (const issue of issues) {
    if (issue.path.length === 0 && issue.code === 'invalid_type') score += 100;
    else if (issue.path.length === 0 && issue.code === 'unrecognized_keys') score += 5 * issue.keys.length;
    else if (issue.code === 'invalid_type' && issue.path.length === 1 && valueAt(data, [...base, ...issue.path]) === undefined) score += 5;
    else score += 1;
  }
  return score;
}

function unionHint(path: Path): string {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  if (last === 'references' || typeof path[path.length - 1] === 'number' && path.includes('references')) {
    return 'must be a full https:// URL, or a mapping with `title` and `url`.';
  }
  if (last === 'match') return 'must have exactly one of `path`, `content`, `log`, `hash`, `ip`, `version`.';
  if (path.includes('where')) return 'must be a field test ({ field, equals | contains | startsWith | endsWith | regex | in }) or one of `all`, `any`, `not`.';
  return 'is not valid.';
}

/** Every field name of the format, for "did you mean" suggestions on unknown keys. */
const FIELD_NAMES = [
  // front matter
  'format', 'id', 'title', 'version', 'language', 'products', 'cves', 'lastReviewed', 'summary', 'references',
  // step
  'kind', 'evidence', 'expected', 'otherwise', 'goto', 'answers', 'label',
  // hunt rule
  'severity', 'explanation', 'falsePositives', 'match', 'path', 'content', 'log', 'hash', 'ip',
  'root', 'globs', 'except', 'files', 'literals', 'regex', 'caseSensitive', 'format', 'where',
  'sha256', 'sha1', 'md5', 'addresses', 'fields', 'product', 'fixedIn', 'introducedIn', 'branch',
  'all', 'any', 'not', 'field', 'equals', 'contains', 'startsWith', 'endsWith', 'in', 'url',
];

/** The closest known name within a small edit distance (case-insensitive), for typos like `lastreviewed` or `expeted`. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 99;
}

export function valueAt(data: unknown, path: Path): unknown {
  let node = data;
  for (const step of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, step)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[step];
  }
  return node;
}

/** `answers[1].goto` */
export function formatPath(path: Path): string {
  let out = '';
  for (const step of path) out += typeof step === 'number' ? `[${step}]` : out === '' ? String(step) : `.${String(step)}`;
  return out === '' ? '(the block)' : out;
}

function sizeSentence(bound: 'at least' | 'at most', limit: number | bigint, value: unknown): string {
  const n = Number(limit);
  if (Array.isArray(value)) return `must have ${bound} ${n} ${n === 1 ? 'item' : 'items'} (it has ${value.length}).`;
  if (typeof value === 'string') return n === 1 && bound === 'at least' ? 'must not be empty.' : `must be ${bound} ${n} characters long (it has ${value.length}).`;
  return `must be ${bound} ${n}.`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  return `${typeof value} ${String(value)}`;
}

function article(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'array':
      return 'a list';
    case 'object':
      return 'a mapping (field: value lines)';
    case 'boolean':
      return 'true or false';
    default:
      return `a ${expected}`;
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
