// The scan orchestrator in-process: input order, invalid items as lines, the summary, and the same
// results with 0, 1 and 2 workers (workers run the built code: `npm run build` first).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Judge } from '../../src/engine/index.js';
import { scan, scanNdjson, type ItemResult, type ScanItem } from '../../src/scan/index.js';
import { judgeBatch } from '../../src/scan/judge-item.js';
import { ndjsonItems, pathItems } from '../../src/scan/sources.js';
import { requireBuild } from '../support/cli.js';
import { makeFiling } from '../support/filing-factory.js';
import { bundledRuleSet, removeTempDirs, tempDir } from '../support/rule-sets.js';

afterAll(removeTempDirs);

/** Filings for two platforms, passing and failing, plus invalid items, as NDJSON-like items. */
function items(n: number): ScanItem[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 10 === 7)
      return {
        source: `in:${i + 1}`,
        text:
          i % 20 === 7
            ? '{"broken": '
            : JSON.stringify(makeFiling({ '/filingId': `f-${i}`, '/products/0/managementFeeRate': 3 })),
        format: 'json',
      };
    const f = makeFiling({
      '/filingId': `f-${i}`,
      '/platform/id': i % 2 ? 'odd' : 'even',
      ...(i % 3 === 0 ? { '/licenses': [] } : {}),
    });
    return { source: `in:${i + 1}`, text: JSON.stringify(f), format: 'json' };
  });
}

async function run(
  input: ScanItem[] | AsyncIterable<ScanItem>,
  workers: number,
  opts: { slow?: boolean; batchSize?: number; startInline?: boolean } = {},
) {
  const lines: ItemResult[] = [];
  const summary = await scan(input, {
    ruleSet: bundledRuleSet(),
    workers,
    // by default the workers judge everything, so these tests exercise them and not the inline start
    startInline: opts.startInline ?? false,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    onResult: (r) => {
      lines.push(r);
      if (opts.slow) return new Promise((resolve) => setTimeout(resolve, 0));
    },
  });
  return { lines, summary };
}

describe('scan', () => {
  beforeAll(requireBuild);

  it('streams one result per item in input order, reports as JSON lines, invalid items as invalid lines', async () => {
    const input = items(40);
    const { lines, summary } = await run(input, 0);
    expect(lines).toHaveLength(40);
    lines.forEach((r, i) => {
      const parsed = JSON.parse(r.line) as Record<string, unknown>;
      if (i % 10 === 7) {
        expect(r.kind).toBe('invalid');
        expect(parsed).toMatchObject({
          type: 'invalid',
          source: `in:${i + 1}`,
          errors: [
            expect.objectContaining({ code: expect.stringMatching(/^filing_(parse_error|invalid)$/) }),
          ],
        });
        expect(parsed).not.toHaveProperty('findings');
      } else {
        expect(r.kind).toBe('report');
        expect(parsed.filingId).toBe(`f-${i}`);
        expect(parsed).toHaveProperty('findings');
      }
    });
    expect(summary).toMatchObject({
      type: 'summary',
      ruleset: bundledRuleSet().version,
      filings: 36,
      invalid: 4,
    });
    expect(summary.verdicts.pass + summary.verdicts.fail + summary.verdicts.error).toBe(36);
    expect(Object.keys(summary.byPlatform)).toEqual(['even', 'odd']);
    expect(summary.byPlatform.even!.filings + summary.byPlatform.odd!.filings).toBe(36);
    for (const counts of Object.values(summary.byRule))
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(36);
    expect(summary.byRule['LIC-001']!.fail).toBe(
      items(40).filter((_, i) => i % 10 !== 7 && i % 3 === 0).length,
    );
  });

  it.each([1, 2])(
    'gives the same lines and summary with %i worker(s) as in the main thread',
    async (workers) => {
      const input = items(300);
      const inline = await run(input, 0);
      const pooled = await run(input, workers, { batchSize: 7 });
      expect(pooled.lines.map((l) => l.line)).toEqual(inline.lines.map((l) => l.line));
      expect(pooled.summary).toEqual(inline.summary);
    },
  );

  it('gives the same lines when this thread judges while the workers start', async () => {
    const input = items(300);
    const started = await run(input, 2, { batchSize: 3, startInline: true });
    expect(started.lines.map((l) => l.line)).toEqual((await run(input, 0)).lines.map((l) => l.line));
  });

  it('keeps input order with a slow writer (backpressure) and workers', async () => {
    const input = items(120);
    const { lines } = await run(input, 2, { slow: true, batchSize: 5 });
    expect(lines.map((l) => l.line)).toEqual((await run(input, 0)).lines.map((l) => l.line));
  });

  it.each([0, 2])(
    'scanNdjson (%i workers) gives the lines scan gives for the same NDJSON',
    async (workers) => {
      const input = items(150);
      const bytes = Buffer.from(input.map((i) => i.text).join('\n') + '\n');
      const lines: string[] = [];
      const summary = await scanNdjson(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), 'in', {
        ruleSet: bundledRuleSet(),
        workers,
        startInline: false,
        onResult: (r) => void lines.push(r.line),
      });
      const expected = await run(input, 0);
      expect(lines).toEqual(expected.lines.map((l) => l.line));
      expect(summary).toEqual(expected.summary);
    },
  );

  it('takes an async iterable and an empty input', async () => {
    async function* gen() {
      yield* items(5);
    }
    expect((await run(gen(), 0)).lines).toHaveLength(5);
    const empty = await run([], 2);
    expect(empty.lines).toEqual([]);
    expect(empty.summary).toMatchObject({ filings: 0, invalid: 0 });
  });
});

describe('judgeBatch', () => {
  const judge = new Judge(bundledRuleSet());
  /** The one line a single item gives. */
  const lineOf = (item: ScanItem, lang: 'en' | 'zh') => new TextDecoder().decode(judgeBatch(judge, [item], lang).out).trimEnd();

  it.each<[string, string, 'json' | 'yaml', Record<string, unknown>]>([
    [
      'a JSON syntax error, with line and column',
      '{\n "a": 1\n',
      'json',
      { code: 'filing_parse_error', line: 3, column: 1 },
    ],
    ['a YAML duplicate key', 'a: 1\na: 2\n', 'yaml', { code: 'filing_parse_error', line: 2 }],
    [
      'a schema error, with its pointer',
      JSON.stringify(makeFiling({ '/products/0/managmentFeeRate': 1 })),
      'json',
      { code: 'filing_invalid', pointer: '/products/0/managmentFeeRate' },
    ],
  ])('turns %s into an invalid line', (_name, text, format, error) => {
    const r = { line: lineOf({ source: 'x', text, format }, 'en') };
    expect(JSON.parse(r.line)).toEqual({
      type: 'invalid',
      source: 'x',
      errors: expect.arrayContaining([expect.objectContaining(error)]),
    });
  });

  it('judges YAML and JSON text of the same filing to the same line', () => {
    const f = makeFiling();
    const a = { line: lineOf({ source: 'a.json', text: JSON.stringify(f), format: 'json' }, 'zh') };
    const b = { line: lineOf({ source: 'a.yaml', text: stringify(f), format: 'yaml' }, 'zh') };
    expect(JSON.parse(a.line)).toMatchObject({ filingId: f.filingId, lang: 'zh' });
    expect(b.line).toBe(a.line);
  });
});

describe('sources', () => {
  it('reads NDJSON lines named by line number, skipping blank lines', async () => {
    const got: ScanItem[] = [];
    for await (const item of ndjsonItems(
      Readable.from(['{"a":1}\n\n', '{"b":2}\r\n', '   \n{"c":3}']),
      'stdin',
    ))
      got.push(item);
    expect(got.map((i) => [i.source, i.text])).toEqual([
      ['stdin:1', '{"a":1}'],
      ['stdin:3', '{"b":2}'],
      ['stdin:5', '{"c":3}'],
    ]);
  });

  it('walks a folder recursively in sorted order, JSON and YAML files, NDJSON files line by line', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'b-sub'));
    writeFileSync(join(dir, 'c.yaml'), 'x: 1\n');
    writeFileSync(join(dir, 'a.json'), '{}');
    writeFileSync(join(dir, 'b-sub', 'd.yml'), 'y: 2\n');
    writeFileSync(join(dir, 'b-sub', 'e.ndjson'), '{"n":1}\n{"n":2}\n');
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const got: ScanItem[] = [];
    for await (const item of pathItems(dir)) got.push(item);
    expect(got.map((i) => [i.source.slice(dir.length + 1), i.format])).toEqual([
      ['a.json', 'json'],
      ['b-sub/d.yml', 'yaml'],
      ['b-sub/e.ndjson:1', 'json'],
      ['b-sub/e.ndjson:2', 'json'],
      ['c.yaml', 'yaml'],
    ]);
  });

  it('reads - from the stream it is given', async () => {
    const got: ScanItem[] = [];
    for await (const item of pathItems('-', Readable.from(['{"a":1}\n']))) got.push(item);
    expect(got.map((i) => i.source)).toEqual(['stdin:1']);
  });
});
