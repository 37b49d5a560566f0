// IP address lists: single addresses and CIDR ranges, IPv4 and IPv6. Lines are searched for address
// tokens, which are then tested against the list; the list also yields literal prefixes so that the
// combined literal scan only stops on lines that can contain a listed address.

export interface IpList {
  v4: Set<number>;
  v4Ranges: { base: number; mask: number }[];
  v6: Set<bigint>;
  v6Ranges: { base: bigint; mask: bigint }[];
  /** Lower-case literals one of which every listed address contains in its usual written form; null if none can be given. */
  literals: string[] | null;
  invalid: string[];
}

export function parseIPv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n;
}

export function parseIPv6(text: string): bigint | undefined {
  let t = text.toLowerCase();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  const zone = t.indexOf('%');
  if (zone !== -1) t = t.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(t) || !t.includes(':')) return undefined;
  const lastColon = t.lastIndexOf(':');
  if (t.slice(lastColon + 1).includes('.')) {
    // ::ffff:1.2.3.4 — write the IPv4 tail as two hex groups
    const v4 = parseIPv4(t.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    t = `${t.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((h) => (/^[0-9a-f]{1,4}$/.test(h) ? Number.parseInt(h, 16) : Number.NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const groups = [...head];
  const total = head.length + rest.length;
  if (halves.length === 2) {
    if (total > 7) return undefined;
    for (let i = 0; i < 8 - total; i++) groups.push(0);
  } else if (total !== 8) return undefined;
  groups.push(...rest);
  if (groups.length !== 8 || groups.some((g) => Number.isNaN(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function compileIpList(addresses: readonly string[]): IpList {
  const list: IpList = { v4: new Set(), v4Ranges: [], v6: new Set(), v6Ranges: [], literals: [], invalid: [] };
  const literals = new Set<string>();
  let prefilterPossible = true;
  for (const raw of addresses) {
    const entry = raw.trim();
    const [addr, bitsText] = entry.split('/') as [string, string | undefined];
    const v4 = parseIPv4(addr);
    if (v4 !== undefined) {
      const bits = bitsText === undefined ? 32 : Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > 32) {
        list.invalid.push(raw);
        continue;
      }
      if (bits === 32) {
        list.v4.add(v4);
        literals.add(addr.split('.').map(Number).join('.'));
      } else {
        const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
        list.v4Ranges.push({ base: (v4 & mask) >>> 0, mask });
        const octets = [(v4 >>> 24) & 255, (v4 >>> 16) & 255, (v4 >>> 8) & 255];
        if (bits >= 24) literals.add(`${octets.join('.')}.`);
        else if (bits >= 16) literals.add(`${octets.slice(0, 2).join('.')}.`);
        else prefilterPossible = false;
      }
      continue;
    }
    const v6 = parseIPv6(addr);
    if (v6 !== undefined) {
      const bits = bitsText === undefined ? 128 : Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > 128) {
        list.invalid.push(raw);
        continue;
      }
      const first = (v6 >> 112n).toString(16);
      if (bits === 128) {
        list.v6.add(v6);
        literals.add(`${first}:`);
      } else {
        const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(128 - bits);
        list.v6Ranges.push({ base: v6 & mask, mask });
        if (bits >= 16 && first !== '0') literals.add(`${first}:`);
        else prefilterPossible = false;
      }
      continue;
    }
    list.invalid.push(raw);
  }
  list.literals = prefilterPossible ? [...literals] : null;
  return list;
}

export function ipInList(token: string, list: IpList): boolean {
  const v4 = parseIPv4(token);
  if (v4 !== undefined) {
    if (list.v4.has(v4)) return true;
    return list.v4Ranges.some((r) => ((v4 & r.mask) >>> 0) === r.base);
  }
  if (list.v6.size === 0 && list.v6Ranges.length === 0) return false;
  const v6 = parseIPv6(token);
  if (v6 === undefined) return false;
  if (list.v6.has(v6)) return true;
  return list.v6Ranges.some((r) => (v6 & r.mask) === r.base);
}

const V4_TOKEN = /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d]|\.\d)/g;
const V6_TOKEN = /(?<![0-9a-f:])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{0,4}|\d{1,3}(?:\.\d{1,3}){3})(?![0-9a-f:])/gi;

/** The first listed address in `text`, with its position. */
export function findListedIp(text: string, list: IpList): { index: number; token: string } | undefined {
  V4_TOKEN.lastIndex = 0;
  for (let m = V4_TOKEN.exec(text); m; m = V4_TOKEN.exec(text)) if (ipInList(m[0], list)) return { index: m.index, token: m[0] };
  if (list.v6.size === 0 && list.v6Ranges.length === 0) return undefined;
  V6_TOKEN.lastIndex = 0;
  for (let m = V6_TOKEN.exec(text); m; m = V6_TOKEN.exec(text)) if (ipInList(m[0], list)) return { index: m.index, token: m[0] };
  return undefined;
}
