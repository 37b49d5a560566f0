// Parses one YAML block of a playbook (the front matter, a ```step or a ```hunt fence) so that every
// problem points at the line in the playbook file, not the line inside the block.
// YAML in a playbook is untrusted input: alias expansion is capped (billion-laughs), keys that could
// pollute prototypes are refused, and custom tags are refused rather than silently kept as strings.
import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';

/** Enough for any honest playbook; an alias bomb needs thousands. */
const MAX_ALIAS_COUNT = 50;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface YamlBlock {
  /** The plain JavaScript value, or undefined when the block has errors. */
  value?: unknown;
  /** Plain sentences with the file line they refer to. */
  problems: { line: number; message: string }[];
  /** The file line of the value at `path` (for example ['answers', 1, 'goto']), or of the closest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number;
}

/**
 * @param text the YAML text
 * @param firstLine the 1-based file line of the first line of `text`
 * @param what how to name the block in messages, for example "front matter" or "step block"
 */
export function parseYamlBlock(text: string, firstLine: number, what: string): YamlBlock {
  const lineCounter = new LineCounter();
  const problems: YamlBlock['problems'] = [];
  const fileLine = (offset: number) => firstLine + lineCounter.linePos(Math.max(0, offset)).line - 1;
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: false, strict: true, schema: 'core' });
  } catch (error) {
    return { problems: [{ line: firstLine, message: `The ${what} cannot be read as YAML (${messageOf(error)}).` }], lineOf: () => firstLine };
  }

  for (const error of doc.errors) problems.push({ line: fileLine(error.pos[0]), message: `YAML error in the ${what}: ${explainYamlError(error.code, error.message)}` });
  for (const warning of doc.warnings) {
    const message =
      warning.code === 'TAG_RESOLVE_FAILED'
        ? `YAML tags (${warning.message.replace(/^Unresolved tag: /, '')}) are not allowed in the ${what}: write a plain value.`
        : `YAML problem in the ${what}: ${warning.message}.`;
    problems.push({ line: fileLine(warning.pos[0]), message });
  }

  visit(doc, {
    Pair(_key, pair) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string' && FORBIDDEN_KEYS.has(pair.key.value)) {
        problems.push({ line: fileLine(pair.key.range?.[0] ?? 0), message: `The key \`${pair.key.value}\` is not allowed in the ${what}.` });
      }
      if (pair.key !== null && !isScalar(pair.key)) {
        problems.push({ line: fileLine((pair.key as Node).range?.[0] ?? 0), message: `A key in the ${what} must be a plain word, not a list or a mapping.` });
      }
    },
  });

  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let length = path.length; length >= 0; length--) {
      const node = nodeAt(doc, path.slice(0, length));
      if (node?.range) return fileLine(node.range[0]);
    }
    return firstLine;
  };

  if (problems.length > 0) return { problems, lineOf };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), problems, lineOf };
  } catch (error) {
    const message = /excessive alias/i.test(messageOf(error))
      ? `The ${what} uses YAML aliases (*name) too much; write the values out instead.`
      : `The ${what} cannot be read as YAML (${messageOf(error)}).`;
    return { problems: [{ line: firstLine, message }], lineOf };
  }
}

/**
 * The YAML node at a path of keys and indexes. For a mapping key it returns the key itself when the path
 * ends there (so "answers must have 2 items" points at the `answers:` line), else the value to descend into.
 */
function nodeAt(doc: Document.Parsed, path: readonly PropertyKey[]): Node | undefined {
  let node: unknown = doc.contents;
  for (const [index, step] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(step));
      if (!pair) return undefined;
      node = index === path.length - 1 ? (pair.key ?? pair.value) : (pair.value ?? pair.key);
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else {
      return undefined;
    }
  }
  return (node ?? undefined) as Node | undefined;
}

function explainYamlError(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'the same field is written twice; keep only one.';
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation; indent with spaces.';
    case 'BLOCK_AS_IMPLICIT_KEY':
      return 'a value contains ": "; put the value in quotes, for example title: "Step: check".';
    case 'MULTIPLE_DOCS':
      return 'a line "---" splits it in two; remove that line.';
    case 'MISSING_CHAR':
      return `${message.replace(/\.$/, '')}; close the quote or the bracket.`;
    default:
      return `${message.replace(/\.$/, '')}.`;
  }
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
