import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { ParseResult } from '../../../core/playbooks/parse';

export const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/playbooks/${name}`, import.meta.url));
export const sample = readFileSync(fixture('sample-en.md'), 'utf8');

export const FRONT = `---
format: firebreak-playbook/1
id: tiny
title: Tiny
version: 1.0.0
language: en
products: [Example]
cves: []
lastReviewed: 2026-11-22
references: [https://example.com/a]
---
`;

/** A playbook whose body starts on line 12 (the front matter above is 11 lines). */
export const withBody = (body: string) => FRONT + body;

export const ACTION = '```step\nkind: action\nreferences: [https://example.com/a]\n```\n';

/** One phase, one action step: the smallest valid playbook. */
export const minimal = withBody(`# Phase {#p}\n\n## Step {#s}\n\n${ACTION}\nDo it.\n`);

/** Asserts that a problem with this line and a message matching `pattern` was reported. */
export function expectProblem(result: ParseResult, line: number, pattern: RegExp) {
  const found = result.problems.some((p) => p.line === line && pattern.test(p.message));
  expect(found, `expected a problem on line ${line} matching ${pattern}, got:\n${result.problems.map((p) => `${p.line}: ${p.message}`).join('\n')}`).toBe(true);
  expect(result.playbook).toBeUndefined();
}

export function expectWarning(result: ParseResult, line: number, pattern: RegExp) {
  const found = result.warnings.some((p) => p.line === line && pattern.test(p.message));
  expect(found, `expected a warning on line ${line} matching ${pattern}, got:\n${result.warnings.map((p) => `${p.line}: ${p.message}`).join('\n')}`).toBe(true);
}
