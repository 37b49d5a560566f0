// Test helpers for the hunt engine: rules built straight from the schema, temp folders, and a tiny
// zip writer (stored or deflate entries, with knobs to forge sizes and offsets like hostile archives do).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { HuntRule, type HuntMatch } from '../../../core/playbooks/types';
import type { RuleInput } from '../../../core/hunt/index';

export function rule(id: string, match: unknown, severity: HuntRule['severity'] = 'high'): RuleInput {
  const parsed = HuntRule.parse({ id, title: `Rule ${id}`, severity, explanation: `Why ${id} matters.`, match: match as HuntMatch });
  return { playbookId: 'test-playbook', playbookVersion: '1.2.3', rule: parsed };
}

export function tempDir(prefix = 'hunt-'): { dir: string; write(rel: string, content: string | Buffer): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `firebreak-${prefix}`));
  return {
    dir,
    write(rel, content) {
      const full = join(dir, rel);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      return full;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface ZipEntrySpec {
  name: string;
  data: Buffer | string;
  store?: boolean;
  /** Lie about the uncompressed size in the central directory. */
  declaredSize?: number;
  /** Point the central directory at another entry's local header (overlap bomb). */
  sameOffsetAs?: number;
}

export function makeZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  entries.forEach((e, i) => {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const body = e.store ? data : deflateRawSync(data);
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    offsets.push(offset);
    if (e.sameOffsetAs === undefined) {
      locals.push(local, name, body);
      offset += 30 + name.length + body.length;
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.declaredSize ?? data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.sameOffsetAs !== undefined ? offsets[e.sameOffsetAs]! : offsets[i]!, 42);
    centrals.push(central, name);
  });
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

export const IIS_HEADER = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2021-03-05 00:00:00',
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
].join('\n');

export function iisLine(o: { time?: string; method?: string; stem?: string; query?: string; user?: string; ip?: string; ua?: string; status?: number } = {}): string {
  return `2021-03-05 ${o.time ?? '03:06:27'} 10.0.0.10 ${o.method ?? 'GET'} ${o.stem ?? '/owa/auth/logon.aspx'} ${o.query ?? '-'} 443 ${o.user ?? '-'} ${o.ip ?? '192.168.1.20'} ${o.ua ?? 'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)'} - ${o.status ?? 200} 0 0 15`;
}

export const PROXY_FIELDS =
  'DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,Organization,AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus';

export function proxyLine(o: { time?: string; stem?: string; anchor?: string; user?: string; ip?: string; status?: number; ua?: string } = {}): string {
  return `2021-03-03T${o.time ?? '06:49:42.162'}Z,a1b2c3d4,15,1,2176,2,,Ecp,mail.contoso.com,${o.stem ?? '/ecp/default.aspx'},,,false,${o.user ?? ''},,${o.anchor ?? 'Sid~S-1-5-21-1'},${o.ua ?? 'Mozilla/5.0'},${o.ip ?? '192.168.1.20'},EXCH01,${o.status ?? 200}`;
}
