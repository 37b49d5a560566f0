import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePath, validatePaths } from '../../../core/playbooks/validate-dir';
import { minimal, sample } from './helpers';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-validate-'));
  await mkdir(join(dir, 'en'));
  await writeFile(join(dir, 'README.md'), '# Not a playbook\n');
  await writeFile(join(dir, 'en', 'tiny.md'), minimal);
  await writeFile(join(dir, 'en', 'sample-webapp.md'), sample);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('validatePath', () => {
  it('walks a folder, skips README.md and reports each file', async () => {
    const { files } = await validatePath(dir);
    expect(files.map((f) => f.file)).toEqual([join(dir, 'en', 'sample-webapp.md'), join(dir, 'en', 'tiny.md')]);
    expect(files.every((f) => f.problems.length === 0)).toBe(true);
  });

  it('reports a path that does not exist', async () => {
    const { files } = await validatePaths([join(dir, 'missing')]);
    expect(files).toEqual([{ file: join(dir, 'missing'), problems: [{ file: join(dir, 'missing'), line: 1, message: 'There is no file or folder with this name.' }], warnings: [] }]);
  });

  it('finds duplicate ids across the files given', async () => {
    const { files } = await validatePaths([join(dir, 'en', 'tiny.md'), join(dir, 'en', 'sample-webapp.md'), join(dir, 'en')]);
    expect(files).toHaveLength(2);
    const other = join(dir, 'copy');
    await mkdir(other, { recursive: true });
    await writeFile(join(other, 'tiny-copy.md'), minimal);
    const result = await validatePaths([join(dir, 'en'), other]);
    expect(result.files.find((f) => f.file.endsWith('tiny-copy.md'))?.problems[0]?.message).toMatch(/already uses the id `tiny`/);
  });
});
