// NDJSON reports and bulk scan lines straight to UTF-8 bytes: a rule's constant text (pass and n/a
// findings, titles, remediation, citations; a scan line finding's head) is encoded once and copied,
// only what changes is encoded each time.

import { findingToJson, RULE_TEXT } from './json.js';
import type { Finding, Report } from '../engine/report-model.js';
import type { ScanFinding } from './render.js';
import type { ScanLine } from './scan-line.js';

const encoder = new TextEncoder();
const objectBytes = new WeakMap<object, Uint8Array>();
const stringBytes = new Map<string, Uint8Array>();

function cachedObject(o: object, json: () => string): Uint8Array {
  let b = objectBytes.get(o);
  if (b === undefined) {
    b = encoder.encode(json());
    objectBytes.set(o, b);
  }
  return b;
}

function cachedString(s: string): Uint8Array {
  let b = stringBytes.get(s);
  if (b === undefined) {
    b = encoder.encode(JSON.stringify(s));
    if (stringBytes.size > 10_000) stringBytes.clear();
    stringBytes.set(s, b);
  }
  return b;
}

const COMMA = 44;

/** A growable UTF-8 buffer. */
export class ByteWriter {
  private buf = new Uint8Array(1 << 16);
  private len = 0;

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.len++] = c;
  }

  text(s: string): void {
    this.ensure(s.length * 3);
    this.len += encoder.encodeInto(s, this.buf.subarray(this.len)).written;
  }

  /** The bytes written, in a buffer of their own (so it can be moved to another thread). */
  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

function writeFinding(w: ByteWriter, f: Finding): void {
  if (Object.isFrozen(f)) {
    w.bytes(cachedObject(f, () => findingToJson(f)));
    return;
  }
  w.byte(123); // {
  let first = true;
  for (const key in f) {
    const v = (f as unknown as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (!first) w.byte(COMMA);
    first = false;
    w.bytes(cachedString(key));
    w.byte(58); // :
    if (key === 'citation') w.bytes(cachedObject(v as object, () => JSON.stringify(v)));
    else if (RULE_TEXT.has(key) && typeof v === 'string') w.bytes(cachedString(v));
    else w.text(JSON.stringify(v));
  }
  w.byte(125); // }
}

/** Writes one report as a line: exactly the UTF-8 of `JSON.stringify(report) + '\n'`. */
export function writeReportLine(w: ByteWriter, report: Report): void {
  const { findings, ...head } = report;
  const headText = JSON.stringify(head);
  w.text(headText.slice(0, -1));
  w.text(headText.length > 2 ? ',"findings":[' : '"findings":[');
  findings.forEach((f, i) => {
    if (i > 0) w.byte(COMMA);
    writeFinding(w, f);
  });
  w.text(']}\n');
}

const bytesOf = (s: string) => encoder.encode(s);
const K = {
  filingId: bytesOf('{"filingId":'),
  platformId: bytesOf(',"platformId":'),
  asOf: bytesOf(',"asOf":'),
  lang: bytesOf(',"lang":'),
  ruleset: bytesOf(',"ruleset":'),
  history: bytesOf(',"history":'),
  verdict: bytesOf(',"verdict":'),
  summary: bytesOf(',"summary":'),
  findings: bytesOf(',"findings":['),
  passed: bytesOf('],"passed":['),
  notApplicable: bytesOf('],"notApplicable":['),
  end: bytesOf(']}\n'),
  null: bytesOf('null'),
};

/** A scan line finding's first keys (ruleId, status, severity, family, mode) as bytes, by rule id and status. */
interface Head {
  severity: string;
  family: string;
  mode: string | undefined;
  bytes: Uint8Array;
}
const heads = new Map<string, Map<string, Head>>();
const HEAD_KEYS: ReadonlySet<string> = new Set(['ruleId', 'status', 'severity', 'family', 'mode']);

function headOf(f: ScanFinding): Uint8Array {
  let byStatus = heads.get(f.ruleId);
  if (!byStatus) {
    if (heads.size > 10_000) heads.clear();
    heads.set(f.ruleId, (byStatus = new Map()));
  }
  const h = byStatus.get(f.status);
  // a rule's severity, family and mode are the same in every finding of it: checked, never assumed
  if (h && h.severity === f.severity && h.family === f.family && h.mode === f.mode) return h.bytes;
  const text = JSON.stringify({ ruleId: f.ruleId, status: f.status, severity: f.severity, family: f.family, ...(f.mode ? { mode: f.mode } : {}) });
  const bytes = bytesOf(text.slice(0, -1));
  byStatus.set(f.status, { severity: f.severity, family: f.family, mode: f.mode, bytes });
  return bytes;
}

// the rule-set part of a scan line's head (`{ version, rules }`), by version and count
const rulesets = new Map<string, Uint8Array>();
function rulesetBytes(r: ScanLine['ruleset']): Uint8Array {
  const key = `${r.version}\u0000${r.rules}`;
  let b = rulesets.get(key);
  if (b === undefined) {
    b = bytesOf(JSON.stringify(r));
    if (rulesets.size > 1000) rulesets.clear();
    rulesets.set(key, b);
  }
  return b;
}

function writeScanFinding(w: ByteWriter, f: ScanFinding): void {
  w.bytes(headOf(f));
  for (const key in f) {
    if (HEAD_KEYS.has(key)) continue;
    const v = (f as unknown as Record<string, unknown>)[key];
    if (v === undefined) continue;
    w.byte(COMMA);
    w.bytes(cachedString(key));
    w.byte(58); // :
    if (key === 'reasonCode' || key === 'reason') w.bytes(cachedString(v as string));
    else w.text(JSON.stringify(v));
  }
  w.byte(125); // }
}

function writeIds(w: ByteWriter, ids: readonly string[]): void {
  ids.forEach((id, i) => {
    if (i > 0) w.byte(COMMA);
    w.bytes(cachedString(id));
  });
}

/**
 * Writes one bulk scan line (DESIGN §7 revision 3): exactly the UTF-8 of `JSON.stringify(line) + '\n'`,
 * each finding's head and each rule id copied from bytes made once.
 */
export function writeScanLine(w: ByteWriter, line: ScanLine): void {
  w.bytes(K.filingId);
  w.text(JSON.stringify(line.filingId));
  w.bytes(K.platformId);
  w.bytes(cachedString(line.platformId));
  w.bytes(K.asOf);
  w.bytes(cachedString(line.asOf));
  w.bytes(K.lang);
  w.bytes(cachedString(line.lang));
  w.bytes(K.ruleset);
  w.bytes(rulesetBytes(line.ruleset));
  w.bytes(K.history);
  if (line.history === null) w.bytes(K.null);
  else w.text(JSON.stringify(line.history));
  w.bytes(K.verdict);
  w.bytes(cachedString(line.verdict));
  w.bytes(K.summary);
  w.text(JSON.stringify(line.summary));
  w.bytes(K.findings);
  line.findings.forEach((f, i) => {
    if (i > 0) w.byte(COMMA);
    writeScanFinding(w, f);
  });
  w.bytes(K.passed);
  writeIds(w, line.passed);
  w.bytes(K.notApplicable);
  writeIds(w, line.notApplicable);
  w.bytes(K.end);
}
