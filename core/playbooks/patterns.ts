// Checks for the two kinds of patterns a hunt rule carries: regular expressions (run by the hunt
// engine over untrusted, possibly huge logs) and path globs (matched against paths relative to the
// folder being hunted). Each check returns a sentence for the author, or undefined when it is fine.

/**
 * A regular expression must compile as a JavaScript RegExp and must not nest unbounded repetitions,
 * such as `(a+)+` or `(\w+\s?)*`: those can backtrack for hours on one crafted log line.
 */
export function checkRegex(source: string): string | undefined {
  try {
    new RegExp(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') : String(error);
    return `the regular expression ${quote(source)} does not compile (${reason}).`;
  }
  if (hasNestedUnboundedRepetition(source)) {
    return `the regular expression ${quote(source)} repeats a group that already repeats (like \`(a+)+\`), which can take forever on some lines: remove the inner or the outer repetition, or bound the outer one with a small {n}.`;
  }
  return undefined;
}

/** True when a group that contains an unbounded quantifier (*, +, {n,}) is itself followed by an unbounded quantifier. */
export function hasNestedUnboundedRepetition(source: string): boolean {
  // One frame per open group: does anything inside it repeat without bound?
  const groups: boolean[] = [];
  let i = 0;
  const markRepeat = () => {
    if (groups.length > 0) groups[groups.length - 1] = true;
  };
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '[') {
      i = skipClass(source, i);
      continue;
    }
    if (ch === '(') {
      groups.push(false);
      i += 1;
      continue;
    }
    if (ch === ')') {
      const innerRepeats = groups.pop() ?? false;
      i += 1;
      const quantifier = readQuantifier(source, i);
      if (quantifier) {
        if (quantifier.unbounded && innerRepeats) return true;
        i = quantifier.end;
        if (quantifier.unbounded || innerRepeats) markRepeat();
      } else if (innerRepeats) {
        markRepeat();
      }
      continue;
    }
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (quantifier.unbounded) markRepeat();
      i = quantifier.end;
      continue;
    }
    i += 1;
  }
  return false;
}

function readQuantifier(source: string, at: number): { unbounded: boolean; end: number } | undefined {
  const ch = source[at];
  let end: number;
  let unbounded: boolean;
  if (ch === '*' || ch === '+') {
    unbounded = true;
    end = at + 1;
  } else if (ch === '?') {
    unbounded = false;
    end = at + 1;
  } else if (ch === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at, at + 24));
    if (!match) return undefined;
    unbounded = match[2] !== undefined && (match[3] === '' || Number(match[3]) > 100);
    end = at + match[0].length;
  } else {
    return undefined;
  }
  if (source[end] === '?' || source[end] === '+') end += 1; // lazy or possessive marker
  return { unbounded, end };
}

function skipClass(source: string, at: number): number {
  let i = at + 1;
  if (source[i] === '^') i += 1;
  if (source[i] === ']') i += 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * A glob is relative to the folder being hunted (or to the product folder named by `root`), uses `/`
 * as separator, never climbs with `..`, and has balanced brackets and braces.
 */
export function checkGlob(glob: string): string | undefined {
  const shown = quote(glob);
  if (/^[a-zA-Z]:/.test(glob) || glob.startsWith('/') || glob.startsWith('\\')) {
    return `the glob ${shown} is an absolute path; globs are relative to the folder being hunted: start it with **/ instead, for example ${quote(`**/${glob.replace(/^[a-zA-Z]:/, '').replace(/^[\\/]+/, '')}`)}.`;
  }
  if (glob.includes('\\')) {
    return `the glob ${shown} uses a backslash; write paths with forward slashes (/), even for Windows folders.`;
  }
  const segments = glob.split('/');
  if (segments.some((s) => s === '..')) return `the glob ${shown} contains "..": a hunt never looks outside the folder it was given.`;
  if (segments.some((s) => s === '')) return `the glob ${shown} has an empty part ("//" or a trailing "/"); remove it.`;
  if (segments.some((s) => s.includes('**') && s !== '**')) return `the glob ${shown} uses ** inside a name; ** stands alone for any number of folders (**/name), * matches within a name.`;
  if (!balanced(glob, '[', ']')) return `the glob ${shown} has an unclosed [ ]; close it or remove it.`;
  if (!balanced(glob, '{', '}')) return `the glob ${shown} has an unclosed { }; close it or remove it.`;
  return undefined;
}

function balanced(text: string, open: string, close: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === open) depth += 1;
    else if (ch === close) {
      depth -= 1;
      if (depth < 0) return false;
    }
  }
  return depth === 0;
}

const quote = (s: string) => `\`${s.length > 80 ? `${s.slice(0, 77)}...` : s}\``;
