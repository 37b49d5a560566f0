// Plain files are read into two buffers that take turns, and a worker hands the same pair from one
// file to the next. Both only work if no read is still writing into a buffer when the next file gets
// it: checked here with a file handle whose reads finish when the test says so.
import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createTaskRunner } from '../../../core/hunt/task';
import { newReadBuffers, readFile } from '../../../core/hunt/sources';
import { DEFAULT_LIMITS } from '../../../core/hunt/types';
import { IIS_HEADER, iisLine, rule, tempDir } from './helpers';

/** A file handle over `content` whose reads wait until released (all of them, or one by one). */
function controlledHandle(content: Buffer) {
  const waiting: (() => void)[] = [];
  let free = false;
  const handle = {
    read(buf: Buffer, offset: number, length: number, position: number) {
      const n = Math.max(0, Math.min(length, content.length - position));
      return new Promise<{ bytesRead: number; buffer: Buffer }>((resolve) => {
        const finish = () => {
          content.copy(buf, offset, position, position + n);
          resolve({ bytesRead: n, buffer: buf });
        };
        if (free) finish();
        else waiting.push(finish);
      });
    },
  };
  return {
    handle: handle as unknown as FileHandle,
    releaseOne: () => waiting.shift()?.(),
    releaseAll: () => {
      free = true;
      while (waiting.length) waiting.shift()!();
    },
    pending: () => waiting.length,
  };
}

describe('read buffers shared from file to file', () => {
  it('does not finish a stopped read until the read-ahead into the shared buffers has landed', async () => {
    const file = controlledHandle(Buffer.alloc(10 * 1024 * 1024, 0x61));
    const chunks = readFile(file.handle, () => {}, newReadBuffers());
    const first = chunks.next();
    file.releaseOne();
    expect((await first).value.length).toBe(4 * 1024 * 1024);
    // the next read is under way: the reader stops (a cancel) while it is
    expect(file.pending()).toBe(1);
    let stopped = false;
    const stopping = chunks.return(undefined).then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    file.releaseOne();
    await stopping;
    expect(stopped).toBe(true);
  });

  it('gives each file its own bytes when one runner scans several after a cancelled one', async () => {
    const t = tempDir('bufs-');
    try {
      // a 9 MiB log cancelled after its first chunk, then two logs of three chunks each whose hits
      // sit in their second and third chunks: a stale read landing in a shared buffer would move or lose them
      const filler = (n: number) => Array.from({ length: n }, () => iisLine()).join('\n');
      const lines = Math.ceil((9 * 1024 * 1024) / (iisLine().length + 1));
      t.write('W3SVC1/u_ex1.log', `${IIS_HEADER}\n${filler(lines)}\n`);
      const expected: Record<string, number[]> = {};
      const lineCount: Record<string, number> = {};
      for (const name of ['u_ex2.log', 'u_ex3.log']) {
        const body = [IIS_HEADER, filler(Math.floor(lines / 2)), iisLine({ ua: 'python-requests/2.25.1' }), filler(Math.floor(lines / 3)), iisLine({ ua: 'python-requests/2.25.1' }), filler(100)];
        const text = `${body.join('\n')}\n`;
        t.write(`W3SVC1/${name}`, text);
        expected[name] = text.split('\n').flatMap((l, i) => (l.includes('python-requests') ? [i + 1] : []));
        lineCount[name] = text.split('\n').length - 1;
      }
      const ua = rule('ua', { log: { format: 'iis-w3c', where: { field: 'cs(User-Agent)', equals: 'python-requests/2.25.1' } } });
      const runner = createTaskRunner([ua], DEFAULT_LIMITS);
      const task = (name: string) => ({ path: `${t.dir}/W3SVC1/${name}`, display: name, relative: `W3SVC1/${name}`, size: 0 });
      let read = 0;
      await expect(runner.run(task('u_ex1.log'), (n) => (read += n), () => read > 0)).rejects.toThrow(/cancel/);
      for (const name of ['u_ex2.log', 'u_ex3.log']) {
        const result = await runner.run(task(name), () => {}, () => false);
        expect(result.findings.map((f) => f.line)).toEqual(expected[name]);
        expect(expected[name]).toHaveLength(2);
        expect(result.files[0]!.lines).toBe(lineCount[name]);
      }
    } finally {
      t.cleanup();
    }
  });
});
