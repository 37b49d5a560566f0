// Playbook format v1: the data model and the schemas of its machine-readable parts.
// The Markdown layout around them (front matter, phases, steps, fences) is described in
// playbooks/README.md and parsed by core/playbooks/parse.ts. This file has no Node or DOM
// dependency so the renderer can import the types.
import { z } from 'zod';
import { LANGUAGES, SEVERITIES, type Language } from './vocabulary';

export const PLAYBOOK_FORMAT = 'firebreak-playbook/1';

// The two lists are in vocabulary.ts (no zod there), so the command line can use them cheaply.
export { LANGUAGES, SEVERITIES, type Language, type Severity } from './vocabulary';

/** Stable identifiers: lower-case letters, digits and dashes; they never change once published. */
export const idPattern = /^[a-z0-9][a-z0-9-]{0,79}$/;
export const Id = z.string().regex(idPattern, 'use lower-case letters, digits and dashes (at most 80), starting with a letter or digit');

export const STEP_KINDS = ['action', 'check', 'question', 'command'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const SHELLS = ['powershell', 'cmd', 'bash'] as const;
export type Shell = (typeof SHELLS)[number];


const httpsUrl = z
  .string()
  .max(2_000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'a reference must be a full http(s) URL');

/** A branch target: `step-id` in the same playbook, or `playbook-id#step-id` in another one. */
export const BranchTarget = z
  .string()
  .regex(/^([a-z0-9][a-z0-9-]{0,79}#)?[a-z0-9][a-z0-9-]{0,79}$/, 'a branch target is `step-id` or `playbook-id#step-id`');

export const Reference = z.union([
  httpsUrl,
  z.object({ title: z.string().min(1).max(300), url: httpsUrl }).strict(),
]);
export type Reference = z.infer<typeof Reference>;

export const FrontMatter = z
  .object({
    format: z.literal(PLAYBOOK_FORMAT),
    id: Id,
    title: z.string().min(1).max(200),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'version is MAJOR.MINOR.PATCH, for example 1.0.0'),
    language: z.enum(LANGUAGES),
    products: z.array(z.string().min(1).max(100)).min(1).max(50),
    cves: z.array(z.string().regex(/^CVE-\d{4}-\d{4,}$/, 'a CVE looks like CVE-2024-50623')).max(100).default([]),
    lastReviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'lastReviewed is a date YYYY-MM-DD'),
    summary: z.string().max(4_000).optional(),
    references: z.array(Reference).max(200).default([]),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatter>;

/** The YAML inside a step's ```step fence. */
export const StepMeta = z
  .object({
    kind: z.enum(STEP_KINDS),
    evidence: z.enum(['required', 'optional']).optional(),
    expected: z.string().max(4_000).optional(),
    otherwise: z.string().max(4_000).optional(),
    goto: BranchTarget.optional(),
    answers: z
      .array(z.object({ label: z.string().min(1).max(200), goto: BranchTarget.optional() }).strict())
      .min(2)
      .max(10)
      .optional(),
    references: z.array(Reference).max(50).default([]),
  })
  .strict();
export type StepMeta = z.infer<typeof StepMeta>;

// ---- Hunt rules (the ```hunt fence: a YAML list) ------------------------------------------------

/** Where a path glob is anchored. `any` matches the glob against every path below the chosen folder. */
export const HUNT_ROOTS = ['any', 'cleo', 'exchange', 'iis', 'moveit', 'goanywhere', 'windows'] as const;

export const LOG_FORMATS = [
  'any',
  'plain',
  'csv',
  'exchange-httpproxy',
  'exchange-ecp',
  'exchange-oab',
  'iis-w3c',
  'cleo-xml',
  'windows-event-csv',
  'directory-listing',
] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | {
      field: string;
      equals?: string;
      contains?: string;
      startsWith?: string;
      endsWith?: string;
      regex?: string;
      in?: string[];
      caseSensitive?: boolean;
    };

const FieldTest = z
  .object({
    field: z.string().min(1).max(100),
    equals: z.string().max(1_000).optional(),
    contains: z.string().max(1_000).optional(),
    startsWith: z.string().max(1_000).optional(),
    endsWith: z.string().max(1_000).optional(),
    regex: z.string().max(1_000).optional(),
    in: z.array(z.string().max(1_000)).min(1).max(10_000).optional(),
    caseSensitive: z.boolean().optional(),
  })
  .strict()
  .refine(
    (t) => [t.equals, t.contains, t.startsWith, t.endsWith, t.regex, t.in].filter((v) => v !== undefined).length === 1,
    'a field test has exactly one of equals, contains, startsWith, endsWith, regex, in',
  );

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1).max(50) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1).max(50) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    FieldTest,
  ]),
);

const Glob = z.string().min(1).max(500);
const RegexSource = z.string().min(1).max(1_000);

export const HuntMatch = z.union([
  z.object({ path: z.object({ root: z.enum(HUNT_ROOTS).default('any'), globs: z.array(Glob).min(1).max(200), except: z.array(Glob).max(500).default([]) }).strict() }).strict(),
  z.object({
    content: z
      .object({
        files: z.array(Glob).min(1).max(100).default(['**/*']),
        literals: z.array(z.string().min(1).max(1_000)).max(1_000).default([]),
        regex: z.array(RegexSource).max(100).default([]),
        caseSensitive: z.boolean().default(false),
      })
      .strict()
      .refine((c) => c.literals.length + c.regex.length > 0, 'content needs at least one literal or regex'),
  }).strict(),
  z.object({ log: z.object({ format: z.enum(LOG_FORMATS), files: z.array(Glob).max(100).optional(), where: ConditionSchema }).strict() }).strict(),
  z.object({
    hash: z
      .object({
        sha256: z.array(z.string().regex(/^[a-fA-F0-9]{64}$/, 'a SHA-256 is 64 hex digits')).max(10_000).default([]),
        sha1: z.array(z.string().regex(/^[a-fA-F0-9]{40}$/, 'a SHA-1 is 40 hex digits')).max(10_000).default([]),
        md5: z.array(z.string().regex(/^[a-fA-F0-9]{32}$/, 'an MD5 is 32 hex digits')).max(10_000).default([]),
      })
      .strict()
      .refine((h) => h.sha256.length + h.sha1.length + h.md5.length > 0, 'hash needs at least one value'),
  }).strict(),
  z.object({
    ip: z
      .object({
        addresses: z.array(z.string().min(2).max(50)).min(1).max(10_000),
        fields: z.array(z.string().min(1).max(100)).max(20).optional(),
      })
      .strict(),
  }).strict(),
  z.object({
    version: z
      .object({
        product: z.string().min(1).max(100),
        fixedIn: z.string().regex(/^\d+(\.\d+)*$/, 'a version is numbers separated by dots'),
        introducedIn: z.string().regex(/^\d+(\.\d+)*$/).optional(),
        branch: z.string().regex(/^\d+(\.\d+)*$/).optional(),
      })
      .strict(),
  }).strict(),
]);
export type HuntMatch = z.infer<typeof HuntMatch>;

export const HuntRule = z
  .object({
    id: Id,
    title: z.string().min(1).max(300),
    severity: z.enum(SEVERITIES),
    explanation: z.string().min(1).max(4_000),
    falsePositives: z.string().max(4_000).optional(),
    references: z.array(Reference).max(50).default([]),
    match: HuntMatch,
  })
  .strict();
export type HuntRule = z.infer<typeof HuntRule>;

// ---- Parsed playbook ------------------------------------------------------------------------------

export interface Command {
  shell: Shell;
  code: string;
  line: number;
}

export interface Step {
  id: string;
  title: string;
  phaseId: string;
  kind: StepKind;
  /**
   * Markdown body, without the ```step and ```hunt fences. Command fences stay in place, so the body
   * renders in reading order; `commands` lists the same fences, in the same order, for copy buttons
   * and provenance (commands[i] is the i-th powershell/cmd/bash fence of the body).
   */
  body: string;
  commands: Command[];
  evidence: 'required' | 'optional' | 'none';
  expected?: string;
  otherwise?: string;
  goto?: string;
  answers?: { label: string; goto?: string }[];
  references: Reference[];
  huntRuleIds: string[];
  line: number;
}

export interface Phase {
  id: string;
  title: string;
  body: string;
  stepIds: string[];
  line: number;
}

export interface Playbook {
  meta: FrontMatter;
  phases: Phase[];
  steps: Step[];
  huntRules: (HuntRule & { stepId?: string; line: number })[];
  /** Where it came from: bundled with the app or imported by the user. */
  source: 'bundled' | 'imported';
  file: string;
  /** SHA-256 of the file's bytes, so a report can name exactly which text was followed. */
  sha256: string;
}

export interface PlaybookProblem {
  file: string;
  line: number;
  message: string;
}

/** What the playbook list shows: a usable playbook or a broken one with its problems. */
export type PlaybookSummary =
  | {
      status: 'ok';
      id: string;
      title: string;
      version: string;
      language: Language;
      products: string[];
      cves: string[];
      lastReviewed: string;
      source: 'bundled' | 'imported';
      file: string;
      phaseCount: number;
      stepCount: number;
      warnings: PlaybookProblem[];
    }
  | { status: 'broken'; file: string; source: 'bundled' | 'imported'; problems: PlaybookProblem[] };
