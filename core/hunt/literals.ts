// Literal prefilters: for each rule, strings one of which must occur in a line for the rule to be
// able to match it. All of them are searched at once over each block of a file; only the lines
// where one occurs are looked at closely. Strings are in "scan form": the bytes of the UTF-8 text
// read as Latin-1 and lower-cased, the same transformation applied to file contents.
import type { Condition } from '../playbooks/types';

export function toScanForm(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\u0000-\u007f]*$/.test(text) ? text.toLowerCase() : Buffer.from(text, 'utf8').toString('latin1').toLowerCase();
}

const CLASS_ESCAPES = new Set('dDwWsSbBnrtfv0cxukpP123456789');

/**
 * Strings one of which any match of the regular expression must contain (lower-cased), or null when
 * none can be told cheaply. Conservative: a wrong answer would hide hits, so anything unusual gives null.
 */
export function requiredLiterals(source: string): string[] | null {
  const branches = splitTopLevel(source);
  if (!branches) return null;
  const out: string[] = [];
  for (const branch of branches) {
    const best = bestSet(branch);
    if (best === null || best.some((l) => l.length < 2)) return null;
    out.push(...best.map(toScanForm));
  }
  return out;
}

function splitTopLevel(source: string): string[] | null {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      i = skipClass(source, i) - 1;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return null;
  parts.push(source.slice(start));
  return parts;
}

function skipClass(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipGroup(source: string, at: number): number {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = skipClass(source, i) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return source.length;
}

const COMMON = new Set(['get', 'post', 'head', 'put', 'http', 'https', 'true', 'false', 'null', 'none', 'mozilla', 'windows']);

/** How selective a set of literals is: its shortest member, with words found on most log lines counting as nothing. */
export function literalScore(set: readonly string[]): number {
  let score = Infinity;
  for (const l of set) {
    const lower = l.toLowerCase();
    const s = COMMON.has(lower) || /^\d{1,4}$/.test(lower) ? 0.5 : l.length;
    score = Math.min(score, s);
  }
  return set.length === 0 ? 0 : score - set.length / 1000;
}

/**
 * The most selective set of strings one of which every match of this alternation-free sequence
 * contains: its longest literal run, or the alternatives of a group such as `(aspnet_client/\S+|owa/auth/)`.
 */
function bestSet(branch: string): string[] | null {
  let best: string[] | null = null;
  let run = '';
  const offer = (set: string[] | null) => {
    if (set && set.length > 0 && set.every((l) => l.length > 0) && (best === null || literalScore(set) > literalScore(best))) best = set;
  };
  const flush = () => {
    if (run.length > 0) offer([run]);
    run = '';
  };
  let i = 0;
  while (i < branch.length) {
    const c = branch[i]!;
    let literal: string | undefined;
    if (c === '\\') {
      const next = branch[i + 1];
      if (next === undefined) return null;
      if (CLASS_ESCAPES.has(next)) {
        flush();
        i += 2;
        skipQuantifier();
        continue;
      }
      literal = next;
      i += 2;
    } else if (c === '[') {
      flush();
      i = skipClass(branch, i);
      skipQuantifier();
      continue;
    } else if (c === '(') {
      flush();
      const end = skipGroup(branch, i);
      let inner = branch.slice(i + 1, end - 1);
      const lookaround = /^\?(=|!|<=|<!)/.test(inner);
      inner = inner.replace(/^\?(:|<[A-Za-z_][\w]*>)/, '');
      i = end;
      const q = branch[i];
      const optional = q === '*' || q === '?' || (q === '{' && /^\{0/.test(branch.slice(i)));
      skipQuantifier();
      if (!lookaround && !optional) offer(requiredLiterals(inner)?.map((l) => l) ?? null);
      continue;
    } else if (c === '.' || c === '^' || c === '$') {
      flush();
      i++;
      skipQuantifier();
      continue;
    } else if ('*+?{'.includes(c)) {
      flush();
      i++;
      continue;
    } else {
      literal = c;
      i++;
    }
    const q = branch[i];
    if (q === '*' || q === '?' || (q === '{' && /^\{0/.test(branch.slice(i)))) {
      flush();
      skipQuantifier();
    } else if (q === '+' || q === '{') {
      run += literal;
      flush();
      skipQuantifier();
    } else run += literal;
  }
  flush();
  return best;

  function skipQuantifier() {
    const q = branch[i];
    if (q === '*' || q === '+' || q === '?') i++;
    else if (q === '{') {
      const end = branch.indexOf('}', i);
      i = end === -1 ? i + 1 : end + 1;
    } else return;
    if (branch[i] === '?') i++;
  }
}

/** Literals one of which a line must contain for the condition to hold, or null. */
export function conditionLiterals(condition: Condition): string[] | null {
  if ('all' in condition) {
    let best: string[] | null = null;
    let bestScore = -1;
    for (const child of condition.all) {
      const lits = conditionLiterals(child);
      if (!lits) continue;
      const score = literalScore(lits);
      if (score > bestScore) {
        best = lits;
        bestScore = score;
      }
    }
    return best;
  }
  if ('any' in condition) {
    const out: string[] = [];
    for (const child of condition.any) {
      const lits = conditionLiterals(child);
      if (!lits) return null;
      out.push(...lits);
    }
    return out;
  }
  if ('not' in condition) return null;
  const values = condition.in ?? [condition.equals ?? condition.contains ?? condition.startsWith ?? condition.endsWith].filter((v) => v !== undefined);
  if (condition.regex !== undefined) return requiredLiterals(condition.regex);
  const out: string[] = [];
  for (const value of values as string[]) {
    // An empty value can match anywhere; a quote is doubled inside a CSV field.
    if (value.length === 0 || value.includes('"')) return null;
    out.push(toScanForm(value));
    // IIS writes spaces inside values as '+'.
    if (value.includes(' ')) out.push(toScanForm(value.replace(/ /g, '+')));
  }
  return out;
}

/**
 * Besides the literals the prefilter looks for, the other sets a line must also contain one of
 * (one set per other condition of a top-level `all`), worth checking on the raw bytes of a candidate
 * line before it is decoded: `ServerInfo~` on a line the prefilter found through `/autodiscover`,
 * for instance. Sets of words found on most lines (GET, 200…) are left out: they rule out nothing.
 */
export function otherRequiredLiterals(condition: Condition): string[][] {
  if (!('all' in condition)) return [];
  const chosen = conditionLiterals(condition);
  const out: string[][] = [];
  let skippedChosen = false;
  for (const child of condition.all) {
    const lits = conditionLiterals(child);
    if (!lits || lits.length === 0) continue;
    if (!skippedChosen && chosen && sameSet(lits, chosen)) {
      skippedChosen = true;
      continue;
    }
    if (literalScore(lits) >= 4) out.push(lits);
  }
  return out;
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((l, i) => l === b[i]);
