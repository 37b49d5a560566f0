// Scans one logical file (a file on disk, a decompressed .gz, or a zip entry) as a stream of
// chunks: splits complete lines out of each block of bytes without copying them, finds every rule
// literal in one pass over the raw bytes (multi-literal.ts), and only builds lines, fields and
// strings for the few lines where a literal occurs (or for rules that must see every line).
import { createHash, type Hash } from 'node:crypto';
import type { LogFormat } from '../playbooks/types';
import { lineRuleApplies, type CompiledRules, type LineRule, type LineView } from './compile';
import { cleoFields, detectFormat, type LineKind } from './formats';
import { csvColumn, indexHeader, normalizeTimestamp, splitCsv, splitW3c, timestampColumn, w3cColumnOf } from './fields';
import type { CandidatePaths } from './glob';
import { containsFolded, FOLD, MultiLiteralSearcher } from './multi-literal';
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
  /** Literal searchers per set of applicable rules, shared across the files of a worker. */
  prefilters: Map<string, Prefilter | undefined>;
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
/** How much of a file's head tells the literal searcher which bytes are common (64 KiB: as good as 1 MiB, measured). */
const SAMPLE_BYTES = 64 * 1024;
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
  private prefilter: Prefilter | undefined;
  /** Per rule slot, the last candidate line it was queued for (de-duplicates rules on a line). */
  private seenOnLine = new Int32Array(0);
  private lineStamp = 0;
  /** Line break positions of the current block (grown as needed: at most one per byte of a block). */
  private lineEnds = new Int32Array(16 * 1024);
  /** `#Fields:` and bare CSV headers found in the current block, with where each starts. */
  private readonly blockHeaders: { at: number; header: Header }[] = [];
  /** The header in force when the current block began. */
  private headerBefore: Header | undefined;
  /** The rules a candidate line is to be looked at with, in rule order. */
  private readonly onLine: LineRule[] = [];
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
      if (this.head.length === 0 && chunk.length >= HEAD_BYTES) {
        // the usual case (a 4 MiB read): the head is this chunk, used at once, so not copied
        this.start(chunk);
        this.feed(chunk);
        return;
      }
      // kept across reads: copied, since the reader reuses its buffers
      this.head.push(Buffer.from(chunk));
      this.headBytes += chunk.length;
      if (this.headBytes < HEAD_BYTES) return;
      const head = Buffer.concat(this.head);
      this.head = [];
      this.start(head);
      this.feed(head);
      return;
    }
    this.feed(chunk);
  }

  end(): FileCoverage {
    if (!this.started) {
      const head = Buffer.concat(this.head);
      this.head = [];
      this.start(head);
      this.feed(head);
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

  /** `content`: the file's first bytes (at least HEAD_BYTES of them unless the file is shorter). */
  private start(content: Buffer): void {
    this.started = true;
    const head = content.toString('latin1', 0, Math.min(content.length, HEAD_BYTES));
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
    // per format too: the searcher picks each literal's anchor by how rare its bytes are in a sample of
    // the file (its head), and an IIS log and an HttpProxy log make different text
    const key = `${this.format}:${withLiterals.map((r) => r.index).join(',')}`;
    if (!this.state.prefilters.has(key)) this.state.prefilters.set(key, buildPrefilter(withLiterals, content.subarray(0, SAMPLE_BYTES)));
    this.prefilter = this.state.prefilters.get(key);
    this.seenOnLine = new Int32Array(withLiterals.length);
  }

  private feed(chunk: Buffer): void {
    let data = chunk;
    if (this.carry) {
      // finish the carried line with the head of this chunk; the rest is scanned in place (no copy)
      const nl = chunk.indexOf(NL);
      if (nl === -1 || this.carry.length + nl + 1 > this.state.limits.maxLineBytes) {
        data = Buffer.concat([this.carry, chunk]);
        this.carry = null;
      } else {
        const joined = Buffer.concat([this.carry, chunk.subarray(0, nl + 1)]);
        this.carry = null;
        this.block(joined, false);
        data = chunk.subarray(nl + 1);
        if (data.length === 0) return;
      }
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
    const needFields = this.kind !== 'lines';
    // where each line of the block ends: line k is [ends[k-1] + 1, ends[k]) (the last may run to the
    // block's end); found once, it gives candidate lines their bounds and numbers without searching
    const newlines = this.indexNewlines(buf);

    // Headers: `#Fields:` lines (IIS, Exchange) may change mid-file; a bare CSV header is the first
    // non-comment line when no `#Fields:` came before it.
    const headers = this.blockHeaders;
    headers.length = 0;
    this.headerBefore = this.header;
    if (needFields && this.kind !== 'cleo') this.findHeaders(buf, headers);
    if (needFields) this.sampleTimes(buf);
    if (headers.length > 0) this.header = headers[headers.length - 1]!.header;

    if (this.rules.length > 0) {
      if (this.everyLine.length > 0) {
        // rules without a literal look at every line (slow path, only for the files they apply to)
        for (let k = 0, start = 0; start < buf.length; k++) {
          const end = k < newlines ? this.lineEnds[k]! : buf.length;
          this.evaluateLine(buf, start, end, this.everyLine, this.lines + k + 1);
          start = end + 1;
        }
      }
      if (this.prefilter) this.candidateLines(buf, newlines, this.prefilter);
    }
    this.lines += newlines;
    void cut;
  }

  /**
   * Only the lines where a rule's literal occurs are decoded and looked at, with the rules whose
   * literal it is. Matches come in the order their anchors end, so they arrive line after line. They
   * are handled here, segment by segment, rather than in a callback the search would call: the search
   * loop then never inlines this code, and nothing here is a closure made anew for each block (V8
   * threw its compiled code away for each new one, and compiled it again).
   */
  private candidateLines(buf: Buffer, newlines: number, prefilter: Prefilter): void {
    const { searcher, rulesByLiteral } = prefilter;
    const ends = this.lineEnds;
    const seen = this.seenOnLine;
    const onLine = this.onLine;
    let line = -1;
    let lineStart = -1;
    let lineEnd = -1;
    let lineId = this.lineStamp;
    for (let pos = searcher.firstWindowEnd(0); pos < buf.length; ) {
      pos = searcher.nextSegment(buf, 0, buf.length, pos);
      const { foundIds, foundStarts } = searcher;
      for (let f = 0; f < searcher.found; f++) {
        const at = foundStarts[f]!;
        if (at >= lineEnd) {
          let k = line < 0 ? 0 : line;
          while (k < newlines && ends[k]! < at) k++;
          const start = k === 0 ? 0 : ends[k - 1]! + 1;
          // a literal spanning a line break belongs to no line (as grep would say)
          if (start < lineEnd) continue;
          if (onLine.length > 0) this.candidateLine(buf, lineStart, lineEnd, this.lines + line + 1);
          line = k;
          lineStart = start;
          lineEnd = k < newlines ? ends[k]! : buf.length;
          lineId++;
        } else if (at < lineStart) continue;
        for (const rule of rulesByLiteral[foundIds[f]!]!) {
          if (seen[rule.slot] === lineId) continue;
          seen[rule.slot] = lineId;
          // kept in rule order (a line's findings come out in the order of the rules): a few at most
          let k = onLine.length;
          onLine.push(rule.rule);
          for (; k > 0 && onLine[k - 1]!.index > rule.rule.index; k--) onLine[k] = onLine[k - 1]!;
          onLine[k] = rule.rule;
        }
      }
    }
    if (onLine.length > 0) this.candidateLine(buf, lineStart, lineEnd, this.lines + line + 1);
    this.lineStamp = lineId;
  }

  /** The rules gathered in `onLine` for one candidate line; empties `onLine`. */
  private candidateLine(buf: Buffer, start: number, end: number, lineNo: number): void {
    const onLine = this.onLine;
    // rules whose other required literals are not all on the line cannot match it: dropped
    // before the line is decoded (most candidate lines end here)
    for (let k = onLine.length - 1; k >= 0; k--) {
      const sets = onLine[k]!.alsoRequired;
      if (sets && sets.length > 0 && !sets.every((set) => set.some((lit) => containsFolded(buf, start, end, lit)))) onLine.splice(k, 1);
    }
    if (onLine.length > 0) this.evaluateLine(buf, start, end, onLine, lineNo);
    onLine.length = 0;
  }

  /** The header in force at `pos` of the current block: the last one found before it, else the file's. */
  private headerAt(pos: number): Header | undefined {
    let h = this.headerBefore;
    for (const e of this.blockHeaders) if (e.at <= pos) h = e.header;
    return h;
  }

  /** Fills `lineEnds` with the positions of the block's line breaks (memchr through indexOf); returns how many. */
  private indexNewlines(buf: Buffer): number {
    let ends = this.lineEnds;
    let n = 0;
    for (let i = buf.indexOf(NL); i !== -1; i = buf.indexOf(NL, i + 1)) {
      if (n === ends.length) {
        const grown = new Int32Array(ends.length * 2);
        grown.set(ends);
        this.lineEnds = ends = grown;
      }
      ends[n++] = i;
    }
    return n;
  }

  private evaluateLine(buf: Buffer, start: number, end: number, rules: readonly LineRule[], lineNo: number): void {
    let stop = end;
    if (stop > start && buf[stop - 1] === 13) stop--;
    if (stop === start) return;
    const lineText = buf.toString('latin1', start, stop);
    const kind = this.kind;
    const header = kind === 'csv' || kind === 'w3c' ? this.headerAt(start) : undefined;
    const view = new ScanLine(lineText, kind, buf[start] === 35 /* # */, header);
    for (const rule of rules) {
      const hit = rule.evaluate(view);
      if (!hit) continue;
      const shown = excerpt(lineText, hit.start, hit.length);
      recordFinding(this.state, rule.index, this.target.display, lineNo, /[\u0080-\u00ff]/.test(shown) ? Buffer.from(shown, 'latin1').toString('utf8') : shown);
    }
  }

  private findHeaders(buf: Buffer, out: { at: number; header: Header }[]): void {
    // `#Fields:` at the start of a line, in any case; lines starting with # are few, so find them by "\n#"
    for (let at = buf[0] === 35 ? 0 : nextCommentLine(buf, 0); at !== -1; at = nextCommentLine(buf, at + 1)) {
      if (!startsWithFolded(buf, at, FIELDS)) continue;
      let end = buf.indexOf(NL, at);
      if (end === -1) end = buf.length;
      const raw = buf.toString('latin1', at + 8, end).replace(/\r$/, '');
      const line = raw.trim();
      const names = this.kind === 'w3c' ? line.split(/\s+/) : splitCsv(line);
      out.push({ at, header: this.makeHeader(names, raw.toLowerCase().trim()) });
      this.bareHeaderPending = false;
    }
    if (this.bareHeaderPending && this.kind === 'csv') {
      // the first line that is neither empty nor a comment, if it comes before any #Fields:
      for (let start = 0; start < buf.length; ) {
        let end = buf.indexOf(NL, start);
        if (end === -1) end = buf.length;
        const line = buf.toString('latin1', start, end).replace(/\r$/, '');
        if (line.length > 0 && !line.startsWith('#')) {
          if (out.length === 0 || out[0]!.at > start) {
            out.unshift({ at: start, header: this.makeHeader(splitCsv(line.replace(/^\u00ef\u00bb\u00bf/, '')), line.toLowerCase()) });
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
  private sampleTimes(buf: Buffer): void {
    const take = (start: number, end: number) => {
      const line = buf.toString('latin1', start, end).replace(/\r$/, '');
      if (line.length === 0 || line.startsWith('#')) return false;
      let ts: string | undefined;
      if (this.kind === 'cleo') ts = cleoFields(line).get('date');
      else {
        const h = this.headerAt(start);
        if (!h || h.ts === undefined || line.toLowerCase() === h.lowerLine) return false;
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
    let start = 0;
    for (let tries = 0; tries < 20 && start < buf.length; tries++) {
      let end = buf.indexOf(NL, start);
      if (end === -1) end = buf.length;
      if (take(start, end)) break;
      start = end + 1;
    }
    let end = buf.length;
    if (buf[end - 1] === NL) end--;
    for (let tries = 0; tries < 20 && end > 0; tries++) {
      const s = end === 0 ? 0 : buf.lastIndexOf(NL, end - 1) + 1;
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
 * One candidate line as the rules see it. A class (not an object literal with closures and a getter):
 * V8 then allocates it like any small object, and scavenges stay cheap on the 100k+ lines a frequent
 * literal brings (measured: the literal with a getter had every scavenge promote megabytes).
 */
class ScanLine implements LineView {
  private lowerText: string | undefined;
  private utf8Text: string | undefined;
  private values: Map<string, string> | undefined;
  private columns: (string | undefined)[] | undefined;
  /** Where the W3C columns found so far end (see w3cColumnOf). */
  private spaces: number[] | undefined;

  constructor(
    readonly text: string,
    private readonly kind: LineKind,
    private readonly isComment: boolean,
    private readonly header: Header | undefined,
  ) {}

  /** Lower-cased only when asked (content rules): field rules on a long CSV line never need it. */
  get lower(): string {
    return (this.lowerText ??= this.text.toLowerCase());
  }

  utf8(): string {
    return (this.utf8Text ??= NON_ASCII.test(this.text) ? Buffer.from(this.text, 'latin1').toString('utf8') : this.text);
  }

  field(name: string): string | undefined {
    if (name === 'line') return this.utf8();
    const kind = this.kind;
    if (kind === 'lines' || this.isComment) return undefined;
    if (kind === 'cleo') {
      this.values ??= cleoFields(this.utf8());
      return this.values.get(name);
    }
    const header = this.header;
    // the header line itself has no fields (compared only when the lengths agree: cheap)
    if (!header || (this.text.length === header.lowerLine.length && this.lower === header.lowerLine)) return undefined;
    const i = header.map.get(name);
    if (i === undefined) return undefined;
    // only the columns the rules ask for are cut out (and decoded): most lines that reach here
    // are common ones (a frequent literal such as owa/auth/) where one or two fields decide
    const columns = (this.columns ??= []);
    if (i in columns) return columns[i];
    const raw = kind === 'csv' ? csvColumn(this.text, i) : w3cColumnOf(this.text, i, (this.spaces ??= []));
    // a column boundary is an ASCII byte, never inside a UTF-8 sequence: decoding the column
    // alone gives what decoding the whole line and splitting it gives
    const value = raw !== undefined && !isAscii(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
    columns[i] = value;
    return value;
  }
}

const FIELDS = Buffer.from('#fields:', 'latin1');
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

/** A loop rather than a regular expression: columns are short, and this runs for each one read. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** Does `buf` hold `lowerNeedle` at `at`, ignoring case? */
function startsWithFolded(buf: Buffer, at: number, lowerNeedle: Buffer): boolean {
  if (at + lowerNeedle.length > buf.length) return false;
  for (let j = 0; j < lowerNeedle.length; j++) if (FOLD[buf[at + j]!] !== lowerNeedle[j]) return false;
  return true;
}

/** The start of the next line at or after `from` that begins with `#`, or -1. */
function nextCommentLine(buf: Buffer, from: number): number {
  const at = buf.indexOf(COMMENT_LINE, Math.max(0, from - 1));
  return at === -1 ? -1 : at + 1;
}
const COMMENT_LINE = Buffer.from('\n#', 'latin1');

export interface Prefilter {
  searcher: MultiLiteralSearcher;
  /** Literal id → the rules it selects, each with its slot in this rule set (for de-duplication per line). */
  rulesByLiteral: { rule: LineRule; slot: number }[][];
}

/** One searcher over the literals of every rule that applies to a file (cached per set of rules). */
export function buildPrefilter(rules: readonly LineRule[], sample?: Uint8Array): Prefilter | undefined {
  const ids = new Map<string, number>();
  const rulesByLiteral: Prefilter['rulesByLiteral'] = [];
  rules.forEach((rule, slot) => {
    for (const lit of rule.literals ?? []) {
      const key = lit.toLowerCase();
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
        rulesByLiteral.push([]);
      }
      const list = rulesByLiteral[id]!;
      if (!list.some((r) => r.rule === rule)) list.push({ rule, slot });
    }
  });
  if (ids.size === 0) return undefined;
  return { searcher: new MultiLiteralSearcher([...ids.keys()], sample), rulesByLiteral };
}
