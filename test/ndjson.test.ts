// The one NDJSON splitter: the same lines however the bytes are cut into chunks or batches; CRLF, blank
// lines counted but skipped, a line over the limit refused without being held, bytes that are not UTF-8.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchLines, ndjsonLines, type NdjsonLine } from '../src/ndjson.js';

async function collect(chunks: (Uint8Array | string)[], limit?: number): Promise<NdjsonLine[]> {
  const out: NdjsonLine[] = [];
  for await (const l of ndjsonLines(
    (async function* () {
      yield* chunks;
    })(),
    limit,
  ))
    out.push(l);
  return out;
}

/** Cuts bytes at the given offsets. */
const cut = (bytes: Uint8Array, at: number[]) => {
  const points = [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out;
};

describe('ndjsonLines and batchLines', () => {
  it('number lines from 1 counting blank ones, drop a CR before the newline, keep a last line without one', async () => {
    const text = '{"a":1}\r\n\n  \n{"b":"保"}\n{"c":3}';
    const expected = [
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"b":"保"}' },
      { line: 5, text: '{"c":3}' },
    ];
    expect(await collect([text])).toEqual(expected);
    expect(batchLines(Buffer.from(text), 1)).toEqual(expected);
    expect(batchLines(Buffer.from(text), 11).map((l) => l.line)).toEqual([11, 14, 15]);
  });

  it('refuse a line that is not UTF-8 by its number, and keep the others', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"a":1}\n{"b":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}\n{"c":3}\n'),
    ]);
    const expected = [
      { line: 1, text: '{"a":1}' },
      { line: 2, refused: 'not_utf8' },
      { line: 3, text: '{"c":3}' },
    ];
    expect(await collect([bytes])).toEqual(expected);
    expect(batchLines(bytes, 1)).toEqual(expected);
  });

  it('refuse a line over the limit without holding it, however it arrives', async () => {
    const long = 'x'.repeat(50);
    const chunks = ['{"a":1}\n', long.slice(0, 20), long.slice(20), '\n{"b":2}\n'];
    expect(await collect(chunks, 30)).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 2, refused: 'too_long' },
      { line: 3, text: '{"b":2}' },
    ]);
  });

  it('give the same lines whatever the chunks, and the same as one batch (property)', async () => {
    const lineArb = fc.oneof(
      fc.constant(''),
      fc.constant('  '),
      fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')),
      fc.constant('{"保":"险"}\r'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(lineArb, { maxLength: 12 }),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lines, endNl, at) => {
          const bytes = Buffer.from(lines.join('\n') + (endNl ? '\n' : ''));
          const whole = batchLines(bytes, 1);
          expect(await collect(cut(bytes, at))).toEqual(whole);
          expect(whole.every((l) => 'text' in l && l.text.trim() !== '')).toBe(true);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
