// Which kind of log a file is, told from its first bytes and its path (never from the name alone),
// and how its lines split into named fields.
import type { LogFormat } from '../playbooks/types';

export type LineKind = 'csv' | 'w3c' | 'cleo' | 'lines';

export interface Detected {
  format: LogFormat;
  kind: LineKind;
  binary: boolean;
}

const EXCHANGE_PROXY_COLUMNS = /(^|,)"?anchormailbox"?(,|$)|(^|,)"?urlstem"?,.*(^|,)"?requestid"?(,|$)|(^|,)"?requestid"?,.*(^|,)"?urlstem"?(,|$)/;

/** `head` is the first few KB decoded as Latin-1; `path` uses `/`. */
export function detectFormat(head: string, path: string): Detected {
  const binary = head.slice(0, 4096).includes('\u0000');
  if (binary) return { format: 'plain', kind: 'lines', binary };
  const text = head.replace(/^\ufeff|^\u00ef\u00bb\u00bf/, '');
  const lower = text.toLowerCase();
  const lowerPath = path.toLowerCase();
  const lines = lower.split(/\r?\n/).slice(0, 40);
  const fieldsLine = lines.find((l) => l.startsWith('#fields:'));
  const firstData = lines.find((l) => l.length > 0 && !l.startsWith('#'));
  const logType = lines.find((l) => l.startsWith('#log-type:')) ?? '';

  if (lower.startsWith('#software: microsoft internet information services') || (fieldsLine && /^#fields:\s*(date|time|s-ip|c-ip|cs-)/.test(fieldsLine) && !fieldsLine.includes(','))) {
    return { format: 'iis-w3c', kind: 'w3c', binary };
  }
  const header = fieldsLine?.slice('#fields:'.length).trim() ?? firstData ?? '';
  const looksCsv = header.split(',').length >= 3;
  if (logType.includes('ecp') || (/\/ecp\/(server|activity)\//.test(lowerPath) && looksCsv) || /^timestamp,servername,eventid,eventdata/.test(header)) {
    return { format: 'exchange-ecp', kind: 'csv', binary };
  }
  if (logType.includes('httpproxy') || (looksCsv && EXCHANGE_PROXY_COLUMNS.test(header))) {
    return { format: 'exchange-httpproxy', kind: 'csv', binary };
  }
  if (logType.includes('oab') || lowerPath.includes('/oabgeneratorlog/') || lower.includes('oabgenerator')) {
    return { format: 'exchange-oab', kind: looksCsv ? 'csv' : 'lines', binary };
  }
  if ((lower.includes('<event>') || lower.includes('<event ')) && lower.includes('<mark ') && /date="/.test(lower)) {
    return { format: 'cleo-xml', kind: 'cleo', binary };
  }
  if (looksCsv && /(^|,)"?(event ?id|id)"?(,|$)/.test(header) && /(^|,)"?(date and time|timecreated|time created)"?(,|$)/.test(header)) {
    return { format: 'windows-event-csv', kind: 'csv', binary };
  }
  if (/^\s*(volume in drive|directory of |directory: )/m.test(lower) || /^mode\s+lastwritetime/m.test(lower) || (/^total \d+$/m.test(lower) && /^[-dl][rwx-]{9}/m.test(lower))) {
    return { format: 'directory-listing', kind: 'lines', binary };
  }
  if (looksCsv && firstData !== undefined) {
    const commas = (l: string) => l.split(',').length;
    const data = lines.filter((l) => l.length > 0 && !l.startsWith('#')).slice(0, 6);
    const n = commas(header);
    if (fieldsLine || data.slice(1).every((l) => Math.abs(commas(l) - n) <= Math.max(1, n / 10))) return { format: 'csv', kind: 'csv', binary };
  }
  return { format: 'plain', kind: 'lines', binary };
}

/** Formats a `log` rule of format `wanted` applies to. */
export function formatApplies(wanted: LogFormat, actual: LogFormat, kind: LineKind): boolean {
  if (wanted === 'any' || wanted === 'plain' || wanted === actual) return true;
  if (wanted === 'csv') return kind === 'csv';
  return false;
}

/** Cleo XML event lines: `<Event><Detail level="1">text</Detail><Mark date="2024/12/08 09:14:02" …/></Event>`. */
export function cleoFields(line: string): Map<string, string> {
  const fields = new Map<string, string>();
  const date = /<Mark [^>]*date="([^"]*)"/i.exec(line);
  if (date) fields.set('date', date[1]!);
  const element = /<(Thread|Detail|Command|Result|End|Response)\b([^>]*?)(\/>|>([\s\S]*?)<\/\1>)/i.exec(line);
  if (element) {
    fields.set('element', element[1]!);
    if (element[4] !== undefined) fields.set('text', unescapeXml(element[4]));
    for (const attr of element[2]!.matchAll(/([A-Za-z][\w-]*)="([^"]*)"/g)) fields.set(attr[1]!.toLowerCase(), unescapeXml(attr[2]!));
  }
  return fields;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}
