// Words of the playbook format that other code needs without the format's schemas (types.ts builds
// them with zod when loaded): the command line checks --fail-on and --language with these alone.
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
