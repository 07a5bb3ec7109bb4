// `compliance scan` on the built CLI: ndjson in input order, invalid lines, the summary line, the same
// reports with 0, 1 and 2 workers, shuffled input, YAML and JSON, stdin, exit codes.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Filing } from '../../src/filing/types.js';
import { lines, requireBuild, runCli } from '../support/cli.js';
import { makeDocument, makeFiling } from '../support/filing-factory.js';
import { fixtureFiling } from '../support/fixtures.js';
import { expectValidReport } from '../support/report-schema.js';
import { removeTempDirs, tempDir } from '../support/rule-sets.js';

type Line = Record<string, unknown>;
const parseLines = (out: string) => lines(out).map((l) => JSON.parse(l) as Line);

/** A variety of valid filings with distinct ids over three platforms. */
function variety(n: number): Filing[] {
  return Array.from({ length: n }, (_, i) =>
    makeFiling({
      '/filingId': `v-${String(i).padStart(3, '0')}`,
      '/platform/id': ['alpha', 'beta', 'gamma'][i % 3],
      '/products/0/managementFeeRate': [0.05, 0.08, 0.1][i % 3],
      ...(i % 4 === 0 ? { '/licenses': [] } : {}),
      ...(i % 5 === 0 ? { '/members/active': 1000 } : {}),
    }),
  );
}

/** A deterministic shuffle. */
function shuffle<T>(xs: readonly T[]): T[] {
  const out = [...xs];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

let folder: string;
let ndjson: string;
let shuffled: string;
let passing: string;
const FOLDER_ORDER = [
  '01-base.yaml',
  '02-invalid.yaml',
  '03-xhb.yaml',
  '04-sub/05-copy.json',
  '04-sub/06-broken.json',
  '07-lines.ndjson:1',
  '07-lines.ndjson:2',
  '07-lines.ndjson:4',
];

beforeAll(() => {
  requireBuild();
  folder = tempDir('compliance-scan-');
  mkdirSync(join(folder, '04-sub'));
  writeFileSync(join(folder, '01-base.yaml'), stringify(makeFiling()));
  writeFileSync(
    join(folder, '02-invalid.yaml'),
    stringify(makeDocument({ '/filingId': 'invalid-1', '/products/0/managmentFeeRate': 0.08 })),
  );
  writeFileSync(join(folder, '03-xhb.yaml'), stringify(fixtureFiling('xhb-2021-12b.yaml')));
  writeFileSync(join(folder, '04-sub', '05-copy.json'), JSON.stringify(fixtureFiling('xhb-2021-12b.yaml')));
  writeFileSync(join(folder, '04-sub', '06-broken.json'), '{"schemaVersion": 1,');
  writeFileSync(
    join(folder, '07-lines.ndjson'),
    [
      JSON.stringify(makeFiling({ '/filingId': 'line-1' })),
      '{"not": "a filing"}',
      '',
      JSON.stringify(makeFiling({ '/filingId': 'line-4', '/licenses': [] })),
    ].join('\n') + '\n',
  );
  writeFileSync(join(folder, 'notes.txt'), 'not a filing');

  const files = tempDir('compliance-scan-ndjson-');
  const filings = variety(90);
  ndjson = join(files, 'ordered.ndjson');
  shuffled = join(files, 'shuffled.ndjson');
  passing = join(files, 'passing.ndjson');
  writeFileSync(ndjson, filings.map((f) => JSON.stringify(f)).join('\n') + '\n');
  writeFileSync(
    shuffled,
    shuffle(filings)
      .map((f) => JSON.stringify(f))
      .join('\n') + '\n',
  );
  writeFileSync(
    passing,
    [makeFiling({ '/filingId': 'p-1' }), makeFiling({ '/filingId': 'p-2' })]
      .map((f) => JSON.stringify(f))
      .join('\n') + '\n',
  );
});
afterAll(removeTempDirs);

describe.concurrent('compliance scan --format ndjson', () => {
  it('streams a folder in input order: reports, invalid lines, then the summary', async () => {
    const r = await runCli(['scan', folder, '--format', 'ndjson', '--workers', '0']);
    expect(r.code).toBe(2);
    const out = parseLines(r.stdout);
    expect(out).toHaveLength(FOLDER_ORDER.length + 1);
    const sourceOf = (l: Line) =>
      l.type === 'invalid' ? String(l.source).slice(folder.length + 1) : l.filingId;
    expect(out.slice(0, -1).map(sourceOf)).toEqual([
      'base-2021-06b',
      '02-invalid.yaml',
      'xhb-2021-12b',
      'xhb-2021-12b',
      '04-sub/06-broken.json',
      'line-1',
      '07-lines.ndjson:2',
      'line-4',
    ]);
    for (const l of out.slice(0, -1)) {
      if (l.type === 'invalid') {
        expect(Object.keys(l).sort()).toEqual(['errors', 'source', 'type']);
        expect(
          (l.errors as { code: string }[]).every((e) => /^filing_(invalid|parse_error)$/.test(e.code)),
        ).toBe(true);
      } else {
        expectValidReport(l);
      }
    }
    expect(out.filter((l) => 'findings' in l)).toHaveLength(5);
    expect(out[1]!.errors).toEqual([
      expect.objectContaining({ code: 'filing_invalid', pointer: '/products/0/managmentFeeRate' }),
    ]);
    expect(out[4]!.errors).toEqual([expect.objectContaining({ code: 'filing_parse_error', line: 1 })]);
    const summary = out.at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', filings: 5, invalid: 3 });
    expect(summary).not.toHaveProperty('findings');
  });

  it('gives the same output with --workers 0, 1 and 2 (folder and NDJSON file)', async () => {
    for (const input of [folder, ndjson]) {
      const outs = await Promise.all(
        ['0', '1', '2'].map((w) => runCli(['scan', input, '--format', 'ndjson', '--workers', w])),
      );
      expect(outs[1]!.stdout).toBe(outs[0]!.stdout);
      expect(outs[2]!.stdout).toBe(outs[0]!.stdout);
      expect(new Set(outs.map((o) => o.code)).size).toBe(1);
    }
  });

  it('gives the same reports for shuffled input, once sorted by filingId', async () => {
    const [a, b] = await Promise.all([
      runCli(['scan', ndjson, '--format', 'ndjson', '--workers', '2']),
      runCli(['scan', shuffled, '--format', 'ndjson', '--workers', '2']),
    ]);
    const reports = (out: string) =>
      parseLines(out)
        .filter((l) => 'findings' in l)
        .sort((x, y) => String(x.filingId).localeCompare(String(y.filingId)));
    expect(reports(a.stdout)).toHaveLength(90);
    expect(reports(b.stdout)).toEqual(reports(a.stdout));
    expect(parseLines(b.stdout).at(-1)).toEqual(parseLines(a.stdout).at(-1));
    // and the order really was different
    expect(
      parseLines(b.stdout)
        .slice(0, 90)
        .map((l) => l.filingId),
    ).not.toEqual(
      parseLines(a.stdout)
        .slice(0, 90)
        .map((l) => l.filingId),
    );
  });

  it('gives the same report for the same filing as YAML and as JSON', async () => {
    const r = await runCli(['scan', folder, '--format', 'ndjson', '--workers', '2']);
    const xhb = lines(r.stdout).filter((l) => l.includes('"filingId":"xhb-2021-12b"'));
    expect(xhb).toHaveLength(2);
    expect(xhb[1]).toBe(xhb[0]);
  });

  it('reads NDJSON from standard input with -', async () => {
    const input =
      variety(12)
        .map((f) => JSON.stringify(f))
        .join('\n') + '\n{"schemaVersion": 2}\n';
    const [viaStdin, viaWorkers] = await Promise.all([
      runCli(['scan', '-', '--format', 'ndjson', '--workers', '0'], { input }),
      runCli(['scan', '-', '--format', 'ndjson', '--workers', '2'], { input }),
    ]);
    expect(viaStdin.code).toBe(2);
    const out = parseLines(viaStdin.stdout);
    expect(out.slice(0, 12).map((l) => l.filingId)).toEqual(variety(12).map((f) => f.filingId));
    expect(out[12]).toMatchObject({ type: 'invalid', source: 'stdin:13' });
    expect(out[13]).toMatchObject({ type: 'summary', filings: 12, invalid: 1 });
    expect(viaWorkers.stdout).toBe(viaStdin.stdout);
  });
});

describe.concurrent('compliance scan: exit codes and the summary table', () => {
  it.each<[string, () => string[], number]>([
    ['only passing filings', () => [passing, '--workers', '1'], 0],
    ['failing filings', () => [ndjson, '--workers', '1'], 1],
    ['failing filings with --fail-on none', () => [ndjson, '--workers', '1', '--fail-on', 'none'], 0],
    ['an invalid filing among them', () => [folder, '--workers', '1'], 2],
    ['a path that does not exist', () => [join(folder, 'nothing-here'), '--workers', '0'], 2],
    ['--workers that is not a number', () => [ndjson, '--workers', 'many'], 2],
    ['an unknown option', () => [ndjson, '--threads', '2'], 2],
  ])('%s → %i', async (_name, args, code) => {
    const r = await runCli(['scan', ...args()]);
    expect(r.code).toBe(code);
    expect(r.stderr).not.toContain('    at ');
  });

  it('prints the summary per platform and per rule as tables by default', async () => {
    const r = await runCli(['scan', ndjson, '--workers', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^90 filings judged \(\d+ pass, \d+ fail, 0 error\), 0 invalid; rule set sha256:[0-9a-f]{64}/,
    );
    expect(r.stdout).toMatch(/PLATFORM\s+FILINGS\s+PASS\s+FAIL\s+ERROR/);
    for (const p of ['alpha', 'beta', 'gamma']) expect(r.stdout).toMatch(new RegExp(`^${p}\\s+30\\s`, 'm'));
    expect(r.stdout).toMatch(/^RULE\s+FAIL\s+PASS/m);
    expect(r.stdout).toMatch(/^PROD-002\s+30\s/m);
    expect(r.stderr).toBe('');
  });

  it('lists invalid filings on stderr with the table', async () => {
    const r = await runCli(['scan', folder, '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(folder, '02-invalid.yaml')} /products/0/managmentFeeRate`);
    expect(r.stderr).not.toContain('    at ');
  });
});
