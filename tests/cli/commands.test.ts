// The command list loads each command's code only when it is used; what it lists for `--help` must
// still be what each command says of itself.
import { describe, expect, it } from 'vitest';
import { commands } from '../../cli/commands/index';
import { main } from '../../cli/index';

describe('the command list', () => {
  it('lists each command under its own name and summary, in order, once', async () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of commands) {
      const command = await entry.load();
      expect({ name: command.name, summary: command.summary }).toEqual({ name: entry.name, summary: entry.summary });
      expect(command.help).toMatch(new RegExp(`^Usage: firebreak ${entry.name}\\b`));
    }
  });

  it('loads a command only when it is run or its help is asked for', async () => {
    const loadedNames: string[] = [];
    const list = commands.map((c) => ({ ...c, load: () => (loadedNames.push(c.name), c.load()) }));
    const out: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t), cwd: process.cwd() };
    expect(await main(['--help'], io, list)).toBe(0);
    expect(out.join('')).toMatch(/hunt\s+run the playbooks/);
    expect(loadedNames).toEqual([]);
    expect(await main(['help', 'report'], io, list)).toBe(0);
    expect(await main(['verify', '--help'], io, list)).toBe(0);
    expect(loadedNames).toEqual(['report', 'verify']);
    expect(out.join('')).toMatch(/Usage: firebreak report/);
  });
});
