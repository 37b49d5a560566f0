import { mkdir, readFile, readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../core/api/contract';
import { createCaseStore } from '../../../core/cases/store';
import { nodeFileOps, readTextIfExists, STALE_TEMP_MS, writeFileAtomic, type FileOps } from '../../../core/storage/atomic-file';
import { CaseFileAdapter } from '../../../core/storage/case-file';
import { sampleCaseInput, tempDataDir } from '../cases/helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDataDir()));
afterEach(() => cleanup());

const crashingRename: FileOps = {
  ...nodeFileOps,
  rename: async (from, to) => {
    if (String(to).endsWith('case.json') || String(to).endsWith('target.txt')) throw Object.assign(new Error('simulated crash'), { code: 'EIO' });
    return nodeFileOps.rename(from, to);
  },
};

describe('writeFileAtomic', () => {
  it('replaces the file and leaves no temporary file', async () => {
    const target = path.join(dir, 'target.txt');
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(target, 'two');
    expect(await readFile(target, 'utf8')).toBe('two');
    expect(await readdir(dir)).toEqual(['target.txt']);
  });

  it('leaves the old file intact and cleans up when the rename fails', async () => {
    const target = path.join(dir, 'target.txt');
    await writeFile(target, 'old');
    await expect(writeFileAtomic(target, 'new', { ops: crashingRename })).rejects.toThrow('simulated crash');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['target.txt']);
  });

  it('keeps the current file as the backup before replacing it', async () => {
    const target = path.join(dir, 'target.txt');
    const backup = path.join(dir, 'target.txt.bak');
    await writeFileAtomic(target, 'v1', { backupTo: backup });
    expect(await readTextIfExists(backup)).toBeUndefined();
    await writeFileAtomic(target, 'v2', { backupTo: backup });
    await writeFileAtomic(target, 'v3', { backupTo: backup });
    expect(await readFile(target, 'utf8')).toBe('v3');
    expect(await readFile(backup, 'utf8')).toBe('v2');
  });

  it('copies instead of linking where hard links are not supported', async () => {
    const target = path.join(dir, 'target.txt');
    const backup = path.join(dir, 'target.txt.bak');
    const noLinks: FileOps = { ...nodeFileOps, link: async () => Promise.reject(Object.assign(new Error('no links'), { code: 'EPERM' })) };
    await writeFileAtomic(target, 'v1', { ops: noLinks, backupTo: backup });
    await writeFileAtomic(target, 'v2', { ops: noLinks, backupTo: backup });
    expect(await readFile(backup, 'utf8')).toBe('v1');
  });
});

describe('case writes that fail midway', () => {
  it('a crash between the temp write and the rename leaves the old case intact; the store stays usable', async () => {
    let failNext = false;
    const ops: FileOps = { ...nodeFileOps, rename: async (from, to) => (failNext && String(to).endsWith('case.json') ? Promise.reject(Object.assign(new Error('simulated crash'), { code: 'EIO' })) : nodeFileOps.rename(from, to)) };
    const store = createCaseStore({ dataDir: dir, ops, log: () => undefined });
    const { doc } = await store.create(sampleCaseInput);
    const file = path.join(dir, 'cases', doc.id, 'case.json');
    const before = await readFile(file, 'utf8');

    failNext = true;
    const error = await store.rename(doc.id, 'Lost').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).error).toMatchObject({ code: 'STORAGE_FAILED', message: expect.stringContaining('could not be saved') });
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await readdir(path.dirname(file))).filter((f) => f.includes('.tmp-'))).toEqual([]);
    // Memory was not left ahead of the disk.
    expect((await store.open(doc.id)).doc.title).toBe(sampleCaseInput.title);

    failNext = false;
    await store.rename(doc.id, 'Saved');
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ title: 'Saved' });
  });

  it('the adapter refuses to write a document that is not valid', async () => {
    const store = createCaseStore({ dataDir: dir, log: () => undefined });
    const { doc } = await store.create(sampleCaseInput);
    const folder = path.join(dir, 'cases', doc.id);
    const adapter = new CaseFileAdapter(folder);
    await adapter.read();
    const before = await readFile(path.join(folder, 'case.json'), 'utf8');
    await expect(adapter.write({ ...doc, status: 'gone' as never })).rejects.toThrow(/not valid/);
    await expect(adapter.write({ ...doc, title: '' })).rejects.toThrow(/not valid/);
    expect(await readFile(path.join(folder, 'case.json'), 'utf8')).toBe(before);
  });

  it('the adapter refuses to write after a failed read', async () => {
    const store = createCaseStore({ dataDir: dir, log: () => undefined });
    const { doc } = await store.create(sampleCaseInput);
    const folder = path.join(dir, 'cases', doc.id);
    await writeFile(path.join(folder, 'case.json'), 'not json');
    const adapter = new CaseFileAdapter(folder);
    await expect(adapter.read()).rejects.toThrow(/damaged/);
    await expect(adapter.write(doc)).rejects.toThrow(/damaged/);
    expect(await readFile(path.join(folder, 'case.json'), 'utf8')).toBe('not json');
  });
});

describe('temporary files left by a save that was killed', () => {
  it('are removed when the case is next opened, once stale; nothing else in the folder is touched', async () => {
    const logged: string[] = [];
    const { doc } = await createCaseStore({ dataDir: dir, log: () => undefined }).create(sampleCaseInput);
    const folder = path.join(dir, 'cases', doc.id);
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    // left by a killed save (old), one still being written by another process (recent), and
    // files that only look alike: a damaged copy kept aside, a user's own file, a folder
    await writeFile(path.join(folder, '.case.json.tmp-0123456789ab'), '{"half":');
    await utimes(path.join(folder, '.case.json.tmp-0123456789ab'), old, old);
    await writeFile(path.join(folder, '.case.json.tmp-ba9876543210'), '{"in progress":');
    for (const name of ['case.json.damaged-2024-12-01', 'notes.tmp-0123456789ab', '.case.json.tmp-notrandomhex']) {
      await writeFile(path.join(folder, name), 'keep');
      await utimes(path.join(folder, name), old, old);
    }
    await mkdir(path.join(folder, '.evidence.tmp-0123456789ab'));
    await utimes(path.join(folder, '.evidence.tmp-0123456789ab'), old, old);
    const before = (await readdir(folder)).sort();

    const opened = await createCaseStore({ dataDir: dir, log: (m) => logged.push(m) }).open(doc.id);
    expect(opened.doc.title).toBe(sampleCaseInput.title);
    expect((await readdir(folder)).sort()).toEqual(before.filter((f) => f !== '.case.json.tmp-0123456789ab'));
    expect(logged.join('\n')).toMatch(/removed 1 temporary file.*\.case\.json\.tmp-0123456789ab.*intact/);
  });

  it('are left alone in a case that cannot be read normally', async () => {
    const { doc } = await createCaseStore({ dataDir: dir, log: () => undefined }).create(sampleCaseInput);
    const folder = path.join(dir, 'cases', doc.id);
    await writeFile(path.join(folder, 'case.json'), 'not json');
    const old = new Date(Date.now() - STALE_TEMP_MS - 60_000);
    await writeFile(path.join(folder, '.case.json.tmp-0123456789ab'), '{"maybe the only copy":');
    await utimes(path.join(folder, '.case.json.tmp-0123456789ab'), old, old);
    // opening it fails with the recovery card's message; the folder is only read
    await expect(createCaseStore({ dataDir: dir, log: () => undefined }).open(doc.id)).rejects.toThrow(/damaged/);
    expect(await readdir(folder)).toContain('.case.json.tmp-0123456789ab');
  });
});
