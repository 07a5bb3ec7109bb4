// NDJSON reports straight to UTF-8 bytes for bulk scans: a rule's constant text (pass and n/a findings,
// titles, remediation, citations) is encoded once and copied, only what changes is encoded each time.

import { findingToJson, RULE_TEXT } from './json.js';
import type { Finding, Report } from '../engine/report-model.js';

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
