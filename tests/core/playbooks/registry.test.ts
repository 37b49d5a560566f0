import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../core/api/contract';
import { createPlaybookRegistry, type PlaybookRegistry } from '../../../core/playbooks/registry';
import { ACTION, sample } from './helpers';

const playbook = (id: string, opts: { language?: 'en' | 'fr'; version?: string; body?: string } = {}) => `---
format: firebreak-playbook/1
id: ${id}
title: Playbook ${id}
version: ${opts.version ?? '1.0.0'}
language: ${opts.language ?? 'en'}
products: [Example]
lastReviewed: 2026-11-22
---

# Phase {#p}

## Step {#s}

${ACTION}
${opts.body ?? 'Do it.'}
`;

async function failure(promise: Promise<unknown>): Promise<AppFailure['error']> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error.error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

let root: string;
let bundledDir: string;
let importedDir: string;
let registry: PlaybookRegistry;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'firebreak-registry-'));
  bundledDir = join(root, 'bundled');
  importedDir = join(root, 'imported');
  await mkdir(join(bundledDir, 'en'), { recursive: true });
  await mkdir(join(bundledDir, 'fr'), { recursive: true });
  await writeFile(join(bundledDir, 'en', 'alpha.md'), playbook('alpha'));
  await writeFile(join(bundledDir, 'fr', 'alpha.md'), playbook('alpha', { language: 'fr' }));
  await writeFile(join(bundledDir, 'en', 'sample-webapp.md'), sample);
  registry = createPlaybookRegistry({ bundledDir, importedDir });
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('list and get', () => {
  it('lists bundled playbooks of both languages', async () => {
    const list = await registry.list();
    expect(list.map((s) => (s.status === 'ok' ? `${s.id}/${s.language}/${s.source}` : 'broken')).sort()).toEqual(['alpha/en/bundled', 'alpha/fr/bundled', 'sample-webapp/en/bundled']);
  });

  it('lists a broken file with its problems, and keeps the others', async () => {
    await writeFile(join(bundledDir, 'en', 'broken.md'), '# no front matter\n');
    await registry.reload();
    const list = await registry.list();
    const broken = list.find((s) => s.status === 'broken');
    expect(broken).toMatchObject({ status: 'broken', source: 'bundled', file: join(bundledDir, 'en', 'broken.md') });
    expect(broken?.status === 'broken' && broken.problems[0]?.message).toMatch(/must start with front matter/);
    expect(list.filter((s) => s.status === 'ok')).toHaveLength(3);
  });

  it('lists a file that cannot be read as broken, with the reason', async () => {
    await writeFile(join(bundledDir, 'en', 'latin1.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0xff, 0x0a]));
    const list = await registry.list();
    const broken = list.find((s) => s.status === 'broken');
    expect(broken?.status === 'broken' && broken.problems[0]?.message).toMatch(/not UTF-8/);
  });

  it.skipIf(process.getuid?.() === 0)('lists an unreadable file as broken', async () => {
    const file = join(bundledDir, 'en', 'secret.md');
    await writeFile(file, playbook('secret'));
    await chmod(file, 0o000);
    const list = await registry.list();
    expect(list.find((s) => s.file === file)).toMatchObject({ status: 'broken', problems: [{ message: expect.stringMatching(/cannot be read/) }] });
  });

  it('gets a playbook in the asked language, else in the other one', async () => {
    expect((await registry.get('alpha', 'fr'))?.meta.language).toBe('fr');
    expect((await registry.get('sample-webapp', 'fr'))?.meta.language).toBe('en');
    expect(await registry.get('nope', 'en')).toBeUndefined();
  });

  it('checks branches into other playbooks: error when the step is missing, warning when the playbook is absent', async () => {
    await writeFile(join(bundledDir, 'en', 'beta.md'), playbook('beta').replace('kind: action', 'kind: action\ngoto: alpha#missing'));
    await writeFile(join(bundledDir, 'en', 'gamma.md'), playbook('gamma').replace('kind: action', 'kind: action\ngoto: elsewhere#s'));
    await writeFile(join(bundledDir, 'en', 'delta.md'), playbook('delta').replace('kind: action', 'kind: action\ngoto: alpha#s'));
    const list = await registry.list();
    const beta = list.find((s) => s.file.endsWith('beta.md'));
    expect(beta).toMatchObject({ status: 'broken', problems: [{ line: 13, message: expect.stringMatching(/playbook `alpha` .* has no step `missing`/) }] });
    const gamma = list.find((s) => s.file.endsWith('gamma.md'));
    expect(gamma).toMatchObject({ status: 'ok', warnings: [{ message: expect.stringMatching(/no playbook `elsewhere` is loaded/) }] });
    expect(list.find((s) => s.file.endsWith('delta.md'))).toMatchObject({ status: 'ok', warnings: [] });
    expect(await registry.get('beta', 'en')).toBeUndefined();
  });

  it('refuses two bundled files with the same id and language', async () => {
    await mkdir(join(bundledDir, 'en'), { recursive: true });
    await writeFile(join(bundledDir, 'en', 'zeta.md'), playbook('alpha'));
    const list = await registry.list();
    const broken = list.filter((s) => s.status === 'broken');
    expect(broken.map((s) => s.file)).toEqual([join(bundledDir, 'en', 'zeta.md')]);
  });
});

describe('import', () => {
  it('imports a valid playbook into <language>/<id>.md and lists it', async () => {
    const summary = await registry.import('My playbook.md', playbook('mine', { language: 'fr' }));
    expect(summary).toMatchObject({ status: 'ok', id: 'mine', language: 'fr', source: 'imported', file: join(importedDir, 'fr', 'mine.md') });
    expect(await readFile(join(importedDir, 'fr', 'mine.md'), 'utf8')).toBe(playbook('mine', { language: 'fr' }));
    expect((await registry.list()).some((s) => s.status === 'ok' && s.id === 'mine')).toBe(true);
    expect((await registry.get('mine', 'en'))?.source).toBe('imported');
    expect((await readdir(join(importedDir, 'fr'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an invalid playbook with its problems and writes nothing', async () => {
    const error = await failure(registry.import('bad.md', playbook('bad', { body: '<script>alert(1)</script>' })));
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.message).toMatch(/bad\.md is not a valid playbook \(1 problem\)/);
    expect(error.problems).toEqual([{ file: 'bad.md', line: 20, message: expect.stringMatching(/Raw HTML/) }]);
    await expect(readdir(importedDir)).rejects.toThrow();
  });

  it('refuses an id that a bundled playbook already has', async () => {
    const error = await failure(registry.import('alpha.md', playbook('alpha', { version: '9.0.0' })));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/bundled with Firebreak already has the id "alpha"/);
  });

  it('replaces an imported playbook with a newer version only', async () => {
    await registry.import('x.md', playbook('mine', { version: '1.2.0' }));
    const same = await failure(registry.import('x.md', playbook('mine', { version: '1.2.0' })));
    expect(same.code).toBe('CONFLICT');
    const older = await failure(registry.import('x.md', playbook('mine', { version: '1.10.0' }).replace('Do it.', 'Changed') .replace('1.10.0', '1.1.9')));
    expect(older).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/Version 1\.2\.0 of "mine" is already imported, and this file is version 1\.1\.9/) });
    const newer = await registry.import('x.md', playbook('mine', { version: '1.10.0', body: 'New text.' }));
    expect(newer).toMatchObject({ status: 'ok', version: '1.10.0' });
    expect((await registry.get('mine', 'en'))?.steps[0]?.body).toBe('New text.');
  });

  it('refuses a playbook whose branch lands on a missing step of another playbook', async () => {
    const error = await failure(registry.import('x.md', playbook('mine').replace('kind: action', 'kind: action\ngoto: alpha#nope')));
    expect(error.code).toBe('PLAYBOOK_INVALID');
    expect(error.problems?.[0]?.message).toMatch(/has no step `nope`/);
  });

  it('refuses a file over 2 MB', async () => {
    const error = await failure(registry.import('big.md', 'x'.repeat(2_000_001)));
    expect(error.code).toBe('PLAYBOOK_INVALID');
  });
});

describe('remove', () => {
  it('removes an imported playbook', async () => {
    await registry.import('x.md', playbook('mine'));
    await registry.remove('mine');
    expect(await registry.get('mine', 'en')).toBeUndefined();
    expect(await readdir(join(importedDir, 'en'))).toEqual([]);
  });

  it('removes a broken imported file by its name', async () => {
    await mkdir(join(importedDir, 'en'), { recursive: true });
    await writeFile(join(importedDir, 'en', 'wreck.md'), 'garbage');
    expect((await registry.list()).some((s) => s.status === 'broken' && s.source === 'imported')).toBe(true);
    await registry.remove('wreck');
    expect((await registry.list()).some((s) => s.source === 'imported')).toBe(false);
  });

  it('refuses to remove a bundled playbook, and says when there is nothing to remove', async () => {
    expect((await failure(registry.remove('alpha'))).code).toBe('FORBIDDEN');
    expect((await failure(registry.remove('nothing'))).code).toBe('NOT_FOUND');
  });
});
