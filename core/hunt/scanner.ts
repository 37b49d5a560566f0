// Scans one logical file (a file on disk, a decompressed .gz, or a zip entry) as a stream of
// chunks: splits complete lines out of each block of bytes without copying them, finds every rule
// literal in one regular-expression pass over the lower-cased block, and only builds lines, fields
// and strings for the few lines where a literal occurs (or for rules that must see every line).
import { createHash, type Hash } from 'node:crypto';
import type { LogFormat } from '../playbooks/types';
import { lineRuleApplies, literalScanners, type CompiledRules, type LineRule, type LineView } from './compile';
import { cleoFields, detectFormat, type LineKind } from './formats';
import { indexHeader, normalizeTimestamp, splitCsv, splitW3c, timestampColumn } from './fields';
import type { CandidatePaths } from './glob';
import { excerpt } from './text';
import type { FileCoverage, Finding, HuntLimits } from './types';

export interface RuleTally {
  hits: number[];
  notKept: number[];
  examined: number[];
  hashSkipped: number[];
}

export interface ScanState {
  compiled: CompiledRules;
  limits: HuntLimits;
  findings: Finding[];
  tally: RuleTally;
  files: FileCoverage[];
  /** Called between blocks: throws to stop when the hunt is cancelled. */
  checkpoint(): void;
  prefilters: Map<string, RegExp[]>;
  /** Literal → rules maps, per set of applicable rules (shared across files like `prefilters`). */
  literalMaps: Map<string, Map<string, LineRule[]>>;
}

export interface ScanTarget {
  /** What findings and coverage call the file. */
  display: string;
  paths: CandidatePaths;
  /** Size on disk when known (for the hash size limit). */
  size?: number;
  notes?: string[];
}

export function newTally(n: number): RuleTally {
  return { hits: new Array(n).fill(0), notKept: new Array(n).fill(0), examined: new Array(n).fill(0), hashSkipped: new Array(n).fill(0) };
}

export function recordFinding(state: ScanState, index: number, file: string, line: number, match: string): void {
  const input = state.compiled.inputs[index]!;
  state.tally.hits[index]!++;
  // keep at most maxFindingsPerRule per rule so memory does not grow with the number of hits
  if (state.tally.hits[index]! > state.limits.maxFindingsPerRule) {
    state.tally.notKept[index]!++;
    return;
  }
  state.findings.push({
    playbookId: input.playbookId,
    playbookVersion: input.playbookVersion,
    ruleId: input.rule.id,
    ruleTitle: input.rule.title,
    severity: input.rule.severity,
    file,
    line,
    match,
    explanation: input.rule.explanation,
  });
}

/** Path rules: judged on the name alone, before reading. */
export function checkPathRules(state: ScanState, target: ScanTarget): void {
  for (const rule of state.compiled.pathRules) {
    state.tally.examined[rule.index]!++;
    if (rule.globs.test(target.paths) && !rule.except.test(target.paths)) {
      recordFinding(state, rule.index, target.display, 0, excerpt(target.paths.inner ?? target.paths.relative, 0, 0));
    }
  }
}

const HEAD_BYTES = 4096;
const NL = 10;

export async function scanStream(chunks: AsyncIterable<Buffer>, target: ScanTarget, state: ScanState): Promise<FileCoverage> {
  const scan = new FileScan(state, target);
  for await (const chunk of chunks) {
    state.checkpoint();
    scan.push(chunk);
  }
  return scan.end();
}

interface Header {
  map: Map<string, number>;
  lowerLine: string;
  ts?: number;
  tsTime?: number;
}

class FileScan {
  private head: Buffer[] = [];
  private headBytes = 0;
  private started = false;
  private carry: Buffer | null = null;
  private bytes = 0;
  private lines = 0;
  private format: LogFormat = 'plain';
  private kind: LineKind = 'lines';
  private binary = false;
  private rules: LineRule[] = [];
  private everyLine: LineRule[] = [];
  private withLiterals: LineRule[] = [];
  private rulesByLiteral = new Map<string, LineRule[]>();
  private scanners: RegExp[] = [];
  private header: Header | undefined;
  private bareHeaderPending = false;
  private first?: string;
  private last?: string;
  private longLines = 0;
  private hashes: { algorithm: 'sha256' | 'sha1' | 'md5'; hash: Hash }[] = [];
  private sha256?: string;
  private hashSkipped = false;

  constructor(
    private readonly state: ScanState,
    private readonly target: ScanTarget,
  ) {
    const c = state.compiled;
    if (c.hashRules.length > 0) {
      if (target.size !== undefined && target.size > state.limits.hashMaxBytes) this.hashSkipped = true;
      else this.hashes = c.hashAlgorithms.map((algorithm) => ({ algorithm, hash: createHash(algorithm) }));
    }
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    if (this.hashes.length > 0 && this.bytes > this.state.limits.hashMaxBytes) {
      // found larger than declared (a stream): stop hashing rather than hold up the scan
      this.hashes = [];
      this.hashSkipped = true;
    }
    for (const h of this.hashes) h.hash.update(chunk);
    if (!this.started) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < HEAD_BYTES) return;
      this.start();
      const head = Buffer.concat(this.head);
      this.head = [];
      this.feed(head);
      return;
    }
    this.feed(chunk);
  }

  end(): FileCoverage {
    if (!this.started) {
      this.start();
      this.feed(Buffer.concat(this.head));
    }
    if (this.carry && this.carry.length > 0) {
      // the last line has no line break (a truncated log): it is still a line
      this.block(this.carry, false);
      this.lines++;
      this.carry = null;
    }
    const c = this.state.compiled;
    if (this.hashes.length > 0) {
      const digests = new Map(this.hashes.map((h) => [h.algorithm, h.hash.digest('hex')]));
      this.sha256 = digests.get('sha256');
      for (const rule of c.hashRules) {
        this.state.tally.examined[rule.index]!++;
        for (const [algorithm, digest] of digests) {
          if (rule[algorithm].has(digest)) {
            recordFinding(this.state, rule.index, this.target.display, 0, `${algorithm} ${digest}`);
            break;
          }
        }
      }
    } else if (this.hashSkipped) {
      for (const rule of c.hashRules) this.state.tally.hashSkipped[rule.index]!++;
    }
    const notes = [...(this.target.notes ?? [])];
    if (this.longLines > 0) notes.push(`${this.longLines} line(s) longer than ${this.state.limits.maxLineBytes} bytes were cut into pieces; a match across a cut can be missed.`);
    if (this.hashSkipped) notes.push(`Not hashed for hash rules: larger than ${this.state.limits.hashMaxBytes} bytes.`);
    const coverage: FileCoverage = { file: this.target.display, format: this.format, bytes: this.bytes, lines: this.lines };
    if (this.first) coverage.firstEntry = this.first;
    if (this.last) coverage.lastEntry = this.last;
    if (this.format === 'cleo-xml' && this.first) coverage.localTime = true;
    if (this.binary) coverage.binary = true;
    if (this.sha256) coverage.sha256 = this.sha256;
    if (notes.length) coverage.notes = notes;
    this.state.files.push(coverage);
    return coverage;
  }

  private start(): void {
    this.started = true;
    const head = Buffer.concat(this.head).subarray(0, HEAD_BYTES).toString('latin1');
    const detected = detectFormat(head, this.target.paths.inner ?? this.target.paths.relative);
    this.format = detected.format;
    this.kind = detected.kind;
    this.binary = detected.binary;
    this.bareHeaderPending = this.kind === 'csv';
    const c = this.state.compiled;
    this.rules = c.lineRules.filter((r) => lineRuleApplies(r, this.target.paths, this.format, this.kind));
    for (const r of this.rules) this.state.tally.examined[r.index]!++;
    this.everyLine = this.rules.filter((r) => r.literals === null);
    const withLiterals = this.rules.filter((r) => r.literals !== null);
    this.withLiterals = withLiterals;
    const key = withLiterals.map((r) => r.index).join(',');
    let scanners = this.state.prefilters.get(key);
    if (scanners === undefined) {
      scanners = literalScanners(withLiterals.flatMap((r) => r.literals!));
      this.state.prefilters.set(key, scanners);
    }
    this.scanners = scanners;
    this.rulesByLiteral = rulesByLiteral(withLiterals, this.state);
  }

  private feed(chunk: Buffer): void {
    let data = chunk;
    if (this.carry) {
      data = Buffer.concat([this.carry, chunk]);
      this.carry = null;
    }
    const lastNl = data.lastIndexOf(NL);
    if (lastNl === -1) {
      if (data.length > this.state.limits.maxLineBytes) {
        this.longLines++;
        this.block(data, true);
      } else this.carry = Buffer.from(data);
      return;
    }
    this.block(data.subarray(0, lastNl + 1), false);
    const rest = data.length - lastNl - 1;
    if (rest > this.state.limits.maxLineBytes) {
      this.longLines++;
      this.block(data.subarray(lastNl + 1), true);
    } else if (rest > 0) this.carry = Buffer.from(data.subarray(lastNl + 1));
  }

  /** One block of whole lines (or a piece of an over-long line when `cut`). */
  private block(buf: Buffer, cut: boolean): void {
    const text = buf.toString('latin1');
    const needFields = this.kind !== 'lines';
    const lower = this.rules.length > 0 || needFields ? text.toLowerCase() : text;
    const newlines = text.match(/\n/g)?.length ?? 0;
    const lineBase = this.lines;

    // Headers: `#Fields:` lines (IIS, Exchange) may change mid-file; a bare CSV header is the first
    // non-comment line when no `#Fields:` came before it.
    const headers: { at: number; header: Header }[] = [];
    if (needFields && this.kind !== 'cleo') this.findHeaders(text, lower, headers);
    const headerAt = (pos: number): Header | undefined => {
      let h = this.header;
      for (const e of headers) if (e.at <= pos) h = e.header;
      return h;
    };
    if (needFields) this.sampleTimes(text, lower, headers, headerAt);
    if (headers.length > 0) this.header = headers[headers.length - 1]!.header;

    if (this.rules.length === 0) {
      this.lines += newlines;
      return;
    }

    const counter = () => {
      let countedPos = 0;
      let countedLines = lineBase;
      return (pos: number) => {
        for (let i = text.indexOf('\n', countedPos); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) countedLines++;
        countedPos = pos;
        return countedLines + 1;
      };
    };

    if (this.everyLine.length > 0) {
      // rules without a literal look at every line (slow path, only for the files they apply to)
      const lineNumberAt = counter();
      for (let start = 0; start < text.length; ) {
        let end = text.indexOf('\n', start);
        if (end === -1) end = text.length;
        this.evaluateLine(text, lower, start, end, this.everyLine, headerAt, lineNumberAt);
        start = end + 1;
      }
    }
    const lineNumberAt = counter();
    if (this.scanners.length > 0 && this.withLiterals.length > 0) {
      // each scanner yields the lines where one of its literals occurs; with two, merge them in order
      const starts: number[] = [];
      for (const re of this.scanners) {
        re.lastIndex = 0;
        for (let m = re.exec(lower); m; m = re.exec(lower)) {
          const start = lower.lastIndexOf('\n', m.index) + 1;
          let end = lower.indexOf('\n', m.index);
          if (end === -1) end = lower.length;
          starts.push(start);
          re.lastIndex = end + 1;
        }
      }
      if (this.scanners.length > 1) starts.sort((a, b) => a - b);
      let previous = -1;
      for (const start of starts) {
        if (start === previous) continue;
        previous = start;
        let end = lower.indexOf('\n', start);
        if (end === -1) end = lower.length;
        this.evaluateLine(text, lower, start, end, this.rulesOnLine(lower.slice(start, end)), headerAt, lineNumberAt);
      }
    }
    this.lines += newlines;
    void cut;
  }

  /** The rules one of whose literals occurs in this line (overlapping occurrences included). */
  private rulesOnLine(lineLower: string): LineRule[] {
    const found = new Set<LineRule>();
    for (const re of this.scanners) {
      re.lastIndex = 0;
      for (let m = re.exec(lineLower); m; m = re.exec(lineLower)) {
        for (const rule of this.rulesByLiteral.get(m[0]) ?? []) found.add(rule);
        re.lastIndex = m.index + 1;
      }
    }
    return [...found].sort((a, b) => a.index - b.index);
  }

  private evaluateLine(
    text: string,
    lower: string,
    start: number,
    end: number,
    rules: LineRule[],
    headerAt: (pos: number) => Header | undefined,
    lineNumberAt: (pos: number) => number,
  ): void {
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    if (stop === start) return;
    const lineText = text.slice(start, stop);
    const lineLower = lower.slice(start, stop);
    const kind = this.kind;
    const isComment = lineText.charCodeAt(0) === 35; /* # */
    const header = kind === 'csv' || kind === 'w3c' ? headerAt(start) : undefined;
    let utf8: string | undefined;
    let values: string[] | Map<string, string> | undefined;
    const view: LineView = {
      text: lineText,
      lower: lineLower,
      utf8: () => (utf8 ??= Buffer.from(lineText, 'latin1').toString('utf8')),
      field: (name) => {
        if (name === 'line') return view.utf8();
        if (kind === 'lines' || isComment) return undefined;
        if (kind === 'cleo') {
          values ??= cleoFields(view.utf8());
          return (values as Map<string, string>).get(name);
        }
        if (!header || lineLower === header.lowerLine) return undefined;
        const i = header.map.get(name);
        if (i === undefined) return undefined;
        values ??= kind === 'csv' ? splitCsv(view.utf8()) : splitW3c(view.utf8());
        return (values as string[])[i];
      },
    };
    let lineNo = 0;
    for (const rule of rules) {
        const hit = rule.evaluate(view);
      if (!hit) continue;
      lineNo ||= lineNumberAt(start);
      const shown = excerpt(lineText, hit.start, hit.length);
      recordFinding(this.state, rule.index, this.target.display, lineNo, /[\u0080-\u00ff]/.test(shown) ? Buffer.from(shown, 'latin1').toString('utf8') : shown);
    }
  }

  private findHeaders(text: string, lower: string, out: { at: number; header: Header }[]): void {
    for (let at = lower.indexOf('#fields:'); at !== -1; at = lower.indexOf('#fields:', at + 8)) {
      if (at > 0 && lower.charCodeAt(at - 1) !== NL) continue;
      let end = text.indexOf('\n', at);
      if (end === -1) end = text.length;
      const line = text.slice(at + 8, end).replace(/\r$/, '').trim();
      const names = this.kind === 'w3c' ? line.split(/\s+/) : splitCsv(line);
      out.push({ at, header: this.makeHeader(names, lower.slice(at + 8, end).replace(/\r$/, '').trim()) });
      this.bareHeaderPending = false;
    }
    if (this.bareHeaderPending && this.kind === 'csv') {
      // the first line that is neither empty nor a comment, if it comes before any #Fields:
      for (let start = 0; start < text.length; ) {
        let end = text.indexOf('\n', start);
        if (end === -1) end = text.length;
        const line = text.slice(start, end).replace(/\r$/, '');
        if (line.length > 0 && !line.startsWith('#')) {
          if (out.length === 0 || out[0]!.at > start) {
            out.unshift({ at: start, header: this.makeHeader(splitCsv(line.replace(/^\u00ef\u00bb\u00bf/, '')), lower.slice(start, start + line.length)) });
          }
          this.bareHeaderPending = false;
          break;
        }
        start = end + 1;
      }
    }
  }

  private makeHeader(names: string[], lowerLine: string): Header {
    const map = indexHeader(names);
    const header: Header = { map, lowerLine };
    if (this.kind === 'w3c') {
      header.ts = map.get('date');
      header.tsTime = map.get('time');
    } else header.ts = timestampColumn(map);
    return header;
  }

  /** The time range: the first and the last entry of each block are enough for append-only logs. */
  private sampleTimes(text: string, lower: string, headers: { at: number }[], headerAt: (pos: number) => Header | undefined): void {
    const take = (start: number, end: number) => {
      const line = text.slice(start, end).replace(/\r$/, '');
      if (line.length === 0 || line.startsWith('#')) return false;
      let ts: string | undefined;
      if (this.kind === 'cleo') ts = cleoFields(line).get('date');
      else {
        const h = headerAt(start);
        if (!h || h.ts === undefined || lower.slice(start, start + line.length) === h.lowerLine) return false;
        const values = this.kind === 'csv' ? splitCsv(line) : splitW3c(line);
        ts = values[h.ts];
        if (h.tsTime !== undefined && h.tsTime !== h.ts) ts = `${ts ?? ''} ${values[h.tsTime] ?? ''}`;
      }
      const norm = ts ? normalizeTimestamp(ts) : undefined;
      if (!norm) return false;
      if (this.kind === 'w3c' && !norm.endsWith('Z')) this.extend(`${norm}Z`);
      else this.extend(norm);
      return true;
    };
    void headers;
    let start = 0;
    for (let tries = 0; tries < 20 && start < text.length; tries++) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      if (take(start, end)) break;
      start = end + 1;
    }
    let end = text.length;
    if (text.charCodeAt(end - 1) === NL) end--;
    for (let tries = 0; tries < 20 && end > 0; tries++) {
      const s = text.lastIndexOf('\n', end - 1) + 1;
      if (take(s, end)) break;
      end = s - 1;
    }
  }

  private extend(ts: string): void {
    if (this.first === undefined || ts < this.first) this.first = ts;
    if (this.last === undefined || ts > this.last) this.last = ts;
  }
}

/**
 * Literal → the rules it can start. A literal also stands for every shorter literal it contains,
 * because the scan reports only the longest literal found at a position.
 */
function rulesByLiteral(rules: LineRule[], state: ScanState): Map<string, LineRule[]> {
  const key = `rules:${rules.map((r) => r.index).join(',')}`;
  const cached = state.literalMaps.get(key);
  if (cached) return cached;
  const direct = new Map<string, LineRule[]>();
  for (const rule of rules) for (const lit of rule.literals ?? []) direct.set(lit, [...(direct.get(lit) ?? []), rule]);
  const literals = [...direct.keys()];
  const map = new Map<string, LineRule[]>();
  for (const lit of literals) {
    const set = new Set<LineRule>();
    for (const other of literals) if (lit.includes(other)) for (const r of direct.get(other)!) set.add(r);
    map.set(lit, [...set]);
  }
  state.literalMaps.set(key, map);
  return map;
}
