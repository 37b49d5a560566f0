import { execFileSync, spawnSync } from 'node:child_process';
import { open, readFile, stat, writeFile, chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../core/api/contract';
import { createCaseStore, type CaseStore } from '../../../core/cases/store';
import { removeEvidence, setStepStateGated } from '../../../core/cases/records-mutations';
import { checkStoredEvidence, safeFileName, storeEvidenceFile, storeEvidenceText } from '../../../core/evidence/copy';
import { addEvidenceFile, addEvidenceText } from '../../../core/evidence/service';

const sha256sum = (file: string) => execFileSync('sha256sum', [file]).toString().split(' ')[0];
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppFailure ? e.error.code : String(e)));

let dir: string;
beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-evidence-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('storing evidence', () => {
  it('copies a file under evidence/<id>-<safe name>, read-only, with the SHA-256 sha256sum gives', async () => {
    const source = path.join(dir, 'Journal été #1.log');
    await writeFile(source, 'line 1\nline 2\n');
    const stored = await storeEvidenceFile(path.join(dir, 'case'), 'ev-1', source);
    expect(stored.storedPath).toBe('evidence/ev-1-Journal_ete_1.log');
    const copy = path.join(dir, 'case', stored.storedPath);
    expect(stored.sha256).toBe(sha256sum(source));
    expect(stored.sha256).toBe(sha256sum(copy));
    expect((await stat(copy)).mode & 0o777).toBe(0o444);
    expect(await readFile(copy, 'utf8')).toBe('line 1\nline 2\n');
  });

  it('stores pasted text the same way, as a .txt file', async () => {
    const stored = await storeEvidenceText(path.join(dir, 'case'), 'ev-2', 'Get-FileHash output', 'Hash: ABC\n');
    expect(stored.storedPath).toBe('evidence/ev-2-Get-FileHash_output.txt');
    expect(stored.sha256).toBe(sha256sum(path.join(dir, 'case', stored.storedPath)));
  });

  it('makes names safe and never leaves the folder', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\évidence (1).txt')).toBe('evidence_1_.txt');
    expect(safeFileName('...')).toBe('evidence');
  });

  it('refuses a folder and a missing file with a sentence', async () => {
    await expect(codeOf(storeEvidenceFile(dir, 'ev-3', dir))).resolves.toBe('INVALID_INPUT');
    await expect(codeOf(storeEvidenceFile(dir, 'ev-3', path.join(dir, 'nope')))).resolves.toBe('NOT_FOUND');
  });

  it('notices a stored file that was changed or removed', async () => {
    const source = path.join(dir, 'a.txt');
    await writeFile(source, 'original');
    const folder = path.join(dir, 'case');
    const stored = await storeEvidenceFile(folder, 'ev-4', source);
    const copy = path.join(folder, stored.storedPath);
    expect(await checkStoredEvidence(folder, [{ id: 'ev-4', ...stored }])).toEqual([]);
    await chmod(copy, 0o644);
    await writeFile(copy, 'tampered');
    expect(await checkStoredEvidence(folder, [{ id: 'ev-4', ...stored }])).toEqual([{ id: 'ev-4', storedPath: stored.storedPath, problem: 'changed' }]);
  });

  it('hashes a 320 MB file while copying it, with memory that stays flat, and agrees with sha256sum', async () => {
    const big = path.join(dir, 'big.log');
    // Mostly sparse, with data at both ends and in the middle, so the hash depends on every region.
    const handle = await open(big, 'w');
    await handle.write(Buffer.from('start of log\n'), 0, 13, 0);
    await handle.write(Buffer.from('middle\n'), 0, 7, 160 * 1024 * 1024);
    await handle.write(Buffer.from('end of log\n'), 0, 11, 320 * 1024 * 1024 - 11);
    await handle.close();
    // The real module, bundled for a plain Node child process (Node 20 cannot run .ts).
    const bundle = path.join(dir, 'copy.mjs');
    buildSync({ entryPoints: [path.resolve(__dirname, '../../../core/evidence/copy.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundle, logLevel: 'silent' });
    const script = `
      const { storeEvidenceFile } = await import(${JSON.stringify(bundle)});
      const before = process.memoryUsage().rss;
      let peak = before;
      const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
      const stored = await storeEvidenceFile(${JSON.stringify(path.join(dir, 'case'))}, 'ev-big', ${JSON.stringify(big)});
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      console.log(JSON.stringify({ ...stored, growth: peak - before }));
    `;
    // A separate process so the test runner's own memory does not blur the measure.
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as { sha256: string; size: number; growth: number; storedPath: string };
    expect(result.size).toBe(320 * 1024 * 1024);
    expect(result.sha256).toBe(sha256sum(big));
    expect(result.sha256).toBe(sha256sum(path.join(dir, 'case', result.storedPath)));
    expect(result.growth).toBeLessThan(64 * 1024 * 1024);
  }, 120_000);
});

describe('evidence in a case', () => {
  let store: CaseStore;
  let caseId: string;
  let serverId: string;
  beforeEach(async () => {
    store = createCaseStore({ dataDir: dir, log: () => undefined });
    const created = await store.create({ organisation: 'Org', contact: { name: '', email: '', phone: '' }, language: 'en', operator: 'Ann', servers: [{ name: 'srv', product: 'Cleo', version: '5.8' }] });
    caseId = created.doc.id;
    serverId = created.doc.servers[0]?.id as string;
    await store.attachPlaybook(caseId, serverId, { id: 'pb', version: '1.0.0', title: 'PB' });
  });

  it('a step that requires evidence cannot be done without it, and can once evidence is attached', async () => {
    const address = { serverId, playbookId: 'pb', stepId: 'collect', stepTitle: 'Collect the logs' };
    const refused = store.mutate(caseId, setStepStateGated(address, 'done', 'required'));
    await expect(refused).rejects.toThrow('“Collect the logs” needs evidence before it can be marked done.');
    await expect(codeOf(store.mutate(caseId, setStepStateGated(address, 'in_progress', 'required')))).resolves.toBe('ok');
    await addEvidenceText(store, caseId, 'hashes', 'abc', { step: { serverId, playbookId: 'pb', stepId: 'collect' } });
    const done = await store.mutate(caseId, setStepStateGated(address, 'done', 'required'));
    expect(done.doc.steps[`${serverId}/pb/collect`]?.state).toBe('done');
  });

  it('evidence withdrawn no longer counts for the gate, but its file and record stay', async () => {
    const source = path.join(dir, 'x.txt');
    await writeFile(source, 'x');
    const added = await addEvidenceFile(store, caseId, source, { step: { serverId, playbookId: 'pb', stepId: 's' }, sourceHost: 'srv' });
    const item = added.doc.records.evidence[0];
    expect(item).toMatchObject({ kind: 'file', originalPath: source, sourceHost: 'srv', collectedBy: 'Ann', collectedZone: 'UTC', sha256: sha256sum(source) });
    expect(added.doc.timeline.at(-1)).toMatchObject({ kind: 'evidence.added' });
    const removed = await store.mutate(caseId, removeEvidence(item?.id as string, 'wrong server'));
    expect(removed.doc.records.evidence[0]?.removed).toMatchObject({ by: 'Ann', reason: 'wrong server' });
    expect(removed.doc.timeline.at(-1)?.summary).toContain('the file is kept');
    expect(sha256sum(path.join(store.folderOf(caseId), item?.storedPath as string))).toBe(item?.sha256);
    await expect(store.mutate(caseId, setStepStateGated({ serverId, playbookId: 'pb', stepId: 's' }, 'done', 'required'))).rejects.toThrow(/needs evidence/);
    await expect(store.mutate(caseId, removeEvidence(item?.id as string, 'again'))).rejects.toThrow(/already removed/);
  });
});
