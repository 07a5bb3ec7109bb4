// `compliance scan`, run in-process (its worker threads run dist/, built by the test setup): ndjson in input
// order, invalid lines, the summary line, the same reports with 0, 1 and 2 workers, shuffled input, YAML
// and JSON, stdin, exit codes, input that is no filing, and the progress bar.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Filing } from '../../src/filing/types.js';
import { lines, requireBuild, runHere as runCli } from '../support/cli.js';
import { makeDocument, makeFiling } from '../support/filing-factory.js';
import { fixtureFiling } from '../support/fixtures.js';
import { expectValidReport, expectValidScanLine } from '../support/report-schema.js';
import { bundledRuleSet, removeTempDirs, tempDir } from '../support/rule-sets.js';
import { formatRulesetLine, scanLineOfReport } from '../../src/report/scan-line.js';
import type { Report } from '../../src/engine/report-model.js';

type Line = Record<string, unknown>;
const parseLines = (out: string) => lines(out).map((l) => JSON.parse(l) as Line);
/** The lines of a bulk scan's output after its ruleset line. */
const scanLines = (out: string) => {
  const all = parseLines(out);
  expect(all[0]).toMatchObject({ type: 'ruleset' });
  return all.slice(1);
};

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
  it('streams a folder in input order: reports (--full), invalid lines, then the summary', async () => {
    const r = await runCli(['scan', folder, '--format', 'ndjson', '--full', '--workers', '0']);
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

  it('writes the bulk scan line by default: the ruleset line, then per filing its whole report less what passes and the rule’s words', async () => {
    const [bulk, full] = await Promise.all([
      runCli(['scan', folder, '--format', 'ndjson', '--workers', '0']),
      runCli(['scan', folder, '--format', 'ndjson', '--full', '--workers', '0']),
    ]);
    expect(bulk.code).toBe(2);
    const first = lines(bulk.stdout)[0]! + '\n';
    expect(first).toBe(formatRulesetLine(bundledRuleSet(), 'en'));
    const expected = parseLines(full.stdout).map((l) => ('findings' in l ? (scanLineOfReport(l as unknown as Report) as unknown as Line) : l));
    expect(scanLines(bulk.stdout)).toEqual(expected);
    for (const l of parseLines(bulk.stdout)) if (l.type === 'ruleset' || 'findings' in l) expectValidScanLine(l);
    expect(lines(bulk.stdout).at(-1)).toBe(lines(full.stdout).at(-1));
    // a scan line is a fraction of the report (the ruleset line holds the rules' words once)
    const body = (out: string) => lines(out).slice(0, -1).filter((l) => l.includes('"findings"')).join('\n').length;
    expect(body(bulk.stdout)).toBeLessThan(body(full.stdout) / 2);
    const zh = await runCli(['scan', folder, '--format', 'ndjson', '--workers', '0', '--lang', 'zh']);
    expect(lines(zh.stdout)[0]! + '\n').toBe(formatRulesetLine(bundledRuleSet(), 'zh'));
  });

  it('takes --full with ndjson only', async () => {
    const r = await runCli(['scan', folder, '--format', 'table', '--full', '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--full is for --format ndjson');
    expect(r.stdout).toBe('');
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
      scanLines(out)
        .filter((l) => 'findings' in l)
        .sort((x, y) => String(x.filingId).localeCompare(String(y.filingId)));
    expect(reports(a.stdout)).toHaveLength(90);
    expect(reports(b.stdout)).toEqual(reports(a.stdout));
    expect(parseLines(b.stdout).at(-1)).toEqual(parseLines(a.stdout).at(-1));
    // and the order really was different
    expect(
      scanLines(b.stdout)
        .slice(0, 90)
        .map((l) => l.filingId),
    ).not.toEqual(
      scanLines(a.stdout)
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
    const out = scanLines(viaStdin.stdout);
    expect(out.slice(0, 12).map((l) => l.filingId)).toEqual(variety(12).map((f) => f.filingId));
    expect(out[12]).toMatchObject({ type: 'invalid', source: 'stdin:13' });
    expect(out[13]).toMatchObject({ type: 'summary', filings: 12, invalid: 1 });
    expect(viaWorkers.stdout).toBe(viaStdin.stdout);
  });
});

describe.concurrent('compliance scan: exit codes and the summary table', () => {
  it.each<[string, number, () => string[]]>([
    ['only passing filings', 0, () => [passing, '--workers', '0']],
    ['failing filings', 1, () => [ndjson, '--workers', '0']],
    ['failing filings with --fail-on none', 0, () => [ndjson, '--workers', '0', '--fail-on', 'none']],
    ['an invalid filing among them', 2, () => [folder, '--workers', '0']],
    ['a path that does not exist', 2, () => [join(folder, 'nothing-here'), '--workers', '0']],
    ['--workers that is not a number', 2, () => [ndjson, '--workers', 'many']],
    ['an unknown option', 2, () => [ndjson, '--threads', '2']],
  ])('%s → %i', async (_name, code, args) => {
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

describe.concurrent('compliance scan: input that is no filing', () => {
  it('refuses an empty file and a binary file in a folder as such, judging the rest', async () => {
    const dir = tempDir('compliance-scan-odd-');
    writeFileSync(join(dir, '1-empty.yaml'), '');
    writeFileSync(join(dir, '2-binary.json'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
    writeFileSync(join(dir, '3-latin1.yaml'), Buffer.from('filingId: caf\xe9\n', 'latin1'));
    writeFileSync(join(dir, '4-base.yaml'), stringify(makeFiling()));
    const r = await runCli(['scan', dir, '--format', 'ndjson', '--workers', '0']);
    expect(r.code).toBe(2);
    const out = scanLines(r.stdout);
    expect(out.slice(0, 3).map((l) => (l.errors as { message: string }[])[0]!.message)).toEqual([
      expect.stringMatching(/^the file is empty/),
      expect.stringMatching(/^not text \(a NUL byte at offset 4\)/),
      expect.stringMatching(/^not UTF-8 text/),
    ]);
    expect(r.stdout).not.toContain('must be object');
    expect(out[3]).toMatchObject({ filingId: 'base-2021-06b' });
  });

  it.each<[string, () => string[], string]>([
    ['a folder with no filing file', () => [tempDir('compliance-scan-none-')], 'no filing to judge'],
    [
      'an empty NDJSON file',
      () => {
        const f = join(tempDir('compliance-scan-none-'), 'empty.ndjson');
        writeFileSync(f, '\n\n');
        return [f];
      },
      'no filing to judge',
    ],
    ['a path that does not exist', () => [join(folder, 'nothing-here')], 'no such file or folder'],
  ])('%s is exit 2, named', async (_name, args, message) => {
    const [path] = args();
    const r = await runCli(['scan', path!, '--workers', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path}: ${message}`);
    expect(r.stderr).not.toMatch(/ENOENT| {4}at /);
  });

  it('no filing on stdin is exit 2, named, and writes nothing (not even the ruleset line)', async () => {
    const r = await runCli(['scan', '-', '--workers', '0', '--format', 'ndjson'], { input: '\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('stdin: no filing to judge');
    expect(r.stdout).toBe('');
  });
});

describe.concurrent('compliance scan: the progress bar (stderr a terminal)', () => {
  it('shows the total, a percentage and an ETA for a file, and the rate alone for stdin', async () => {
    const file = await runCli(['scan', passing, '--workers', '0', '--format', 'ndjson'], { tty: true });
    expect(file.code).toBe(0);
    expect(file.stderr).toMatch(/2\/2 filings/);
    expect(file.stderr).toMatch(/100 %/);
    expect(file.stderr).toMatch(/ETA/);
    const stdin = await runCli(['scan', '-', '--workers', '0', '--format', 'ndjson'], {
      tty: true,
      input: readFileSync(passing),
    });
    expect(stdin.stderr).toMatch(/judging 2 filings \| 0 invalid \| \d+\/s/);
    expect(stdin.stderr).not.toMatch(/ETA/);
  });

  it('is not drawn when stderr is no terminal, or with --no-progress', async () => {
    const [plain, off] = await Promise.all([
      runCli(['scan', passing, '--workers', '0', '--format', 'ndjson']),
      runCli(['scan', passing, '--workers', '0', '--format', 'ndjson', '--no-progress'], { tty: true }),
    ]);
    expect(plain.stderr).toBe('');
    expect(off.stderr).toBe('');
  });
});
