import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../core/api/contract';
import { importBundle, verifyBundle } from '../../../core/bundle/read';
import { writeBundle } from '../../../core/bundle/write';
import { BUNDLE_FORMAT } from '../../../core/bundle/manifest';
import { buildReport, renderReport } from '../../../core/report/index';
import { exampleCase } from '../report/helpers';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const failureOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => (e instanceof AppFailure ? e.error : { code: 'THROWN', message: String(e) }));

let example: Awaited<ReturnType<typeof exampleCase>>;
let dir: string;
let good: string;

beforeAll(async () => {
  example = await exampleCase('fr');
  dir = await mkdtemp(path.join(os.tmpdir(), 'firebreak-bundle-'));
  const model = buildReport({ case: example.doc, playbooks: example.playbooks, appVersion: '0.1.0', generatedAt: '2024-12-16T11:00:00.000Z' });
  const reports = { html: await renderReport(model, 'html'), md: await renderReport(model, 'md'), json: await renderReport(model, 'json') };
  good = path.join(dir, 'good.zip');
  await writeBundle({ caseFolder: example.caseFolder, reports, reportVersion: 1, reportSha256: model.integrity.sha256, appVersion: '0.1.0', createdAt: '2024-12-16T11:00:00.000Z', out: good });
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(example.dataDir, { recursive: true, force: true });
});

interface Entry {
  name: string;
  data: Buffer | string;
  mode?: number;
  compress?: boolean;
}

/** A zip built entry by entry; names are written through placeholders so that yazl's own checks do not stop hostile ones. */
async function zip(file: string, entries: Entry[], options: { manifest?: object | string | false } = {}): Promise<string> {
  const z = new yazl.ZipFile();
  const swaps: [Buffer, Buffer][] = [];
  const add = (e: Entry) => {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const safe = /^[A-Za-z0-9._-][A-Za-z0-9._/-]*$/.test(e.name) && !e.name.split('/').includes('..') ? e.name : `p${swaps.length}`.padEnd(e.name.length, 'x');
    if (safe !== e.name) swaps.push([Buffer.from(safe), Buffer.from(e.name)]);
    z.addBuffer(data, safe, { mode: e.mode ?? 0o100644, compress: e.compress ?? true });
  };
  for (const e of entries) add(e);
  if (options.manifest !== false) {
    const manifest =
      options.manifest ??
      { format: BUNDLE_FORMAT, caseId: 'case-1', createdAt: '2024-12-16T11:00:00Z', appVersion: '0.1.0', reportVersion: 1, reportSha256: 'a'.repeat(64), files: entries.map((e) => ({ path: e.name, size: Buffer.byteLength(e.data), sha256: sha(e.data) })) };
    add({ name: 'manifest.json', data: typeof manifest === 'string' ? manifest : JSON.stringify(manifest) });
  }
  z.end();
  const chunks: Buffer[] = [];
  for await (const c of z.outputStream) chunks.push(c as Buffer);
  let bytes = Buffer.concat(chunks);
  for (const [from, to] of swaps) {
    let at = bytes.indexOf(from);
    while (at !== -1) {
      bytes = Buffer.concat([bytes.subarray(0, at), to, bytes.subarray(at + from.length)]);
      at = bytes.indexOf(from, at + to.length);
    }
  }
  await writeFile(file, bytes);
  return file;
}

describe('a written bundle', () => {
  it('holds the reports, the case, every evidence file and a manifest that verifies', async () => {
    const { manifest, entries } = await verifyBundle(good);
    expect(manifest).toMatchObject({ format: BUNDLE_FORMAT, caseId: example.doc.id, reportVersion: 1 });
    const names = manifest.files.map((f) => f.path);
    expect(names).toEqual(expect.arrayContaining(['case.json', 'report.html', 'report.md', 'report.json']));
    for (const item of example.doc.records.evidence) expect(manifest.files).toContainEqual({ path: item.storedPath, size: item.size, sha256: item.sha256 });
    expect(entries.map((e) => e.name).sort()).toEqual([...names, 'manifest.json'].sort());
  });

  it('imports as a new case that opens, with evidence read-only, and never over an existing case', async () => {
    const casesDir = path.join(dir, 'import-1', 'cases');
    const result = await importBundle(good, casesDir);
    expect(result.caseId).toBe(example.doc.id);
    const item = example.doc.records.evidence[0];
    const stored = path.join(result.folder, item?.storedPath as string);
    expect(sha(await readFile(stored))).toBe(item?.sha256);
    expect((await stat(stored)).mode & 0o777).toBe(0o444);
    expect(JSON.parse(await readFile(path.join(result.folder, 'case.json'), 'utf8')).id).toBe(example.doc.id);
    const again = await failureOf(importBundle(good, casesDir));
    expect(again).toMatchObject({ code: 'CONFLICT', message: `A case with the id ${example.doc.id} already exists here, so the bundle was not imported.` });
    expect((await readdir(casesDir)).filter((n) => n.startsWith('.import-'))).toEqual([]);
  });

  it('refuses to bundle evidence that changed since it was recorded', async () => {
    const item = example.doc.records.evidence[0];
    const file = path.join(example.caseFolder, item?.storedPath as string);
    const original = await readFile(file);
    await chmod(file, 0o644);
    await writeFile(file, 'changed');
    try {
      const failure = await failureOf(writeBundle({ caseFolder: example.caseFolder, reports: {}, reportVersion: 1, reportSha256: 'a'.repeat(64), appVersion: '0', createdAt: '2024-12-16T11:00:00Z', out: path.join(dir, 'x.zip') }));
      expect(failure).toMatchObject({ code: 'CONFLICT' });
      expect(failure?.message).toContain('has changed since it was recorded');
      await expect(stat(path.join(dir, 'x.zip'))).rejects.toThrow();
    } finally {
      await writeFile(file, original);
      await chmod(file, 0o444);
    }
  });
});

describe('a hostile or damaged bundle is refused with one sentence, and nothing is imported', () => {
  const cases: [string, () => Promise<string>, RegExp][] = [
    ['path traversal', () => zip(path.join(dir, 'h1.zip'), [{ name: '../evil.txt', data: 'x' }]), /tries to leave the bundle folder with \.\.\//],
    ['an absolute path', () => zip(path.join(dir, 'h2.zip'), [{ name: '/etc/evil', data: 'x' }]), /has an absolute path/],
    ['a drive letter', () => zip(path.join(dir, 'h3.zip'), [{ name: 'C:evil.txt', data: 'x' }]), /names a drive letter/],
    ['backslashes', () => zip(path.join(dir, 'h4.zip'), [{ name: 'evidence\\evil.txt', data: 'x' }]), /uses backslashes/],
    ['a symbolic link', () => zip(path.join(dir, 'h5.zip'), [{ name: 'evidence/link', data: '/etc/passwd', mode: 0o120777 }]), /is a symbolic link/],
    ['a duplicate name', () => zip(path.join(dir, 'h6.zip'), [{ name: 'case.json', data: '{}' }, { name: 'case.json', data: '{}' }]), /appears twice/],
    ['an entry not in the manifest', async () => zip(path.join(dir, 'h7.zip'), [{ name: 'report.md', data: 'x' }], { manifest: { format: BUNDLE_FORMAT, caseId: 'c', createdAt: 'x', appVersion: '0', reportVersion: 1, reportSha256: 'a'.repeat(64), files: [] } }), /is not listed in its manifest/],
    ['a manifest entry missing', async () => zip(path.join(dir, 'h8.zip'), [], { manifest: { format: BUNDLE_FORMAT, caseId: 'c', createdAt: 'x', appVersion: '0', reportVersion: 1, reportSha256: 'a'.repeat(64), files: [{ path: 'case.json', size: 2, sha256: 'b'.repeat(64) }] } }), /listed in its manifest is missing/],
    ['a hash mismatch', async () => zip(path.join(dir, 'h9.zip'), [{ name: 'case.json', data: '{}' }], { manifest: { format: BUNDLE_FORMAT, caseId: 'c', createdAt: 'x', appVersion: '0', reportVersion: 1, reportSha256: 'a'.repeat(64), files: [{ path: 'case.json', size: 2, sha256: 'b'.repeat(64) }] } }), /does not match its manifest: the file was changed/],
    ['no manifest', () => zip(path.join(dir, 'h10.zip'), [{ name: 'case.json', data: '{}' }], { manifest: false }), /has no manifest\.json/],
    ['a manifest that is not JSON', () => zip(path.join(dir, 'h11.zip'), [], { manifest: '{nope' }), /manifest\.json is not valid JSON/],
    ['a zip bomb', () => zip(path.join(dir, 'h12.zip'), [{ name: 'evidence/zeros.bin', data: Buffer.alloc(64 * 1024 * 1024) }]), /expands more than 1000 times/],
    ['not a zip', async () => {
      const f = path.join(dir, 'h13.zip');
      await writeFile(f, 'this is not a zip');
      return f;
    }, /is not a readable zip file/],
  ];

  for (const [what, make, message] of cases) {
    it(`refuses ${what}`, async () => {
      const file = await make();
      const failure = await failureOf(verifyBundle(file));
      expect(failure?.code).toBe('INVALID_INPUT');
      expect(failure?.message).toMatch(/^This bundle was refused: .+\.$/);
      expect(failure?.message).toMatch(message);
      const casesDir = path.join(dir, `import-${what.replace(/\W+/g, '-')}`);
      expect(await failureOf(importBundle(file, casesDir))).toMatchObject({ code: 'INVALID_INPUT' });
      expect(await readdir(casesDir)).toEqual([]);
    });
  }

  it('refuses an entry larger than the limit before inflating it', async () => {
    const file = await zip(path.join(dir, 'big.zip'), [{ name: 'evidence/a.bin', data: Buffer.alloc(2048, 1), compress: false }]);
    expect((await failureOf(verifyBundle(file, { limits: { maxEntryBytes: 1024 } })))?.message).toMatch(/larger than 1024 bytes/);
    expect((await failureOf(verifyBundle(file, { limits: { maxTotalBytes: 1024 } })))?.message).toMatch(/larger than 1024 bytes in total/);
    expect((await failureOf(verifyBundle(file, { limits: { maxEntries: 1 } })))?.message).toMatch(/more than the limit of 1/);
  });

  it('refuses a bundle whose evidence differs from what its case recorded, importing nothing', async () => {
    // A consistent manifest, but the case.json inside claims another hash for its evidence.
    const caseText = await readFile(path.join(example.caseFolder, 'case.json'), 'utf8');
    const item = example.doc.records.evidence[0];
    const entries: Entry[] = [
      { name: 'case.json', data: caseText },
      ...example.doc.records.evidence.map((e) => ({ name: e.storedPath, data: e.id === item?.id ? 'forged' : 'x' })),
    ];
    const file = await zip(path.join(dir, 'forged.zip'), entries, {
      manifest: { format: BUNDLE_FORMAT, caseId: example.doc.id, createdAt: 'x', appVersion: '0', reportVersion: 1, reportSha256: 'a'.repeat(64), files: entries.map((e) => ({ path: e.name, size: Buffer.byteLength(e.data), sha256: sha(e.data) })) },
    });
    await verifyBundle(file); // the zip itself is consistent
    const casesDir = path.join(dir, 'import-forged');
    expect((await failureOf(importBundle(file, casesDir)))?.message).toMatch(/is missing from it or differs from what the case recorded/);
    expect(await readdir(casesDir)).toEqual([]);
  });
});
