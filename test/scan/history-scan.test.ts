// History in scans and checks (DESIGN §5.1, §7): a folder scan and an NDJSON scan of generated series
// give every filing the same report as the engine judging it with the rest of the input, and as
// `check FILE --history REST`; with 0, 1 and 2 workers; invalid and superseded filings left out.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { historyRecord } from '../../src/engine/history.js';
import { HistoryIndex } from '../../src/engine/history-index.js';
import { digestOfEntry, indexNdjson } from '../../src/scan/history.js';
import { indexNdjsonOnWorkers } from '../../src/scan/history-workers.js';
import { Judge } from '../../src/engine/index.js';
import type { Filing } from '../../src/filing/types.js';
import type { Report } from '../../src/engine/report-model.js';
import { requireBuild, runCli, runHere } from '../support/cli.js';
import { historySeries, seriesFiling } from '../support/history-series.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { copyRules, removeTempDirs, tempDir } from '../support/rule-sets.js';
import { REGISTRIES } from '../../src/engine/registries.js';
import { judgeReport } from '../../src/report/render.js';
import { scanLineOfReport, type ScanLine } from '../../src/report/scan-line.js';

afterAll(removeTempDirs);

// two and a half years of half-month filings: HIST-003 judges from the second year (its ramp-up guard),
// HIST-004 from the third; some filings overlap the next period
const series = historySeries({ platforms: 4, periods: 60, seed: 7, overlaps: true });
// an invalid filing just before plat-1's series (had it counted, every plat-1 history would start on
// 2020-12-17 and the first filing's HIST-001 would pass), and a broken line
const invalid = {
  ...seriesFiling('plat-1', 'plat-1-bad', '2020-12-17', '2020-12-31', 5, 1),
  products: [{ ...series[0]!.products[0]!, managementFeeRate: 3 }],
};
const lines = [...series.map((f) => JSON.stringify(f)), JSON.stringify(invalid), '{"broken": '];

/** Report lines (`--full`) or bulk scan lines of an NDJSON output, by platform and filing id. */
function reportsOf(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    if (!line.includes('"findings"')) continue;
    const r = JSON.parse(line) as Report | ScanLine;
    out.set(`${r.platformId}/${r.filingId}`, JSON.stringify(r));
  }
  return out;
}

/** The bulk scan lines of whole reports (DESIGN §7 revision 3). */
const scanLinesOf = (reports: Map<string, string>): Map<string, string> =>
  new Map([...reports].map(([k, v]) => [k, JSON.stringify(scanLineOfReport(JSON.parse(v) as Report))]));

describe('history in scans', () => {
  let dir: string;
  let folder: string;
  let ndjson: string;
  let rules: string;
  const expected = new Map<string, string>();
  /** Lines of an NDJSON output that are not reports (invalid items, the summary). */
  const invalidLines = (stdout: string) =>
    stdout.split('\n').filter((l) => l.includes('"type":"invalid"')).length;

  beforeAll(async () => {
    await requireBuild();
    dir = tempDir('history-scan-');
    // a copy of the pack, so the rule-set version stays the same for the whole file
    rules = copyRules();
    folder = join(dir, 'filings');
    for (const [i, f] of [...series, invalid].entries()) {
      mkdirSync(join(folder, f.platform.id), { recursive: true });
      // JSON and YAML files alike
      if (i % 4 === 0) writeFileSync(join(folder, f.platform.id, `${f.filingId}.yaml`), stringify(f));
      else writeFileSync(join(folder, f.platform.id, `${f.filingId}.json`), JSON.stringify(f));
    }
    writeFileSync(join(folder, 'broken.json'), '{"broken": ');
    ndjson = join(dir, 'series.ndjson');
    writeFileSync(ndjson, lines.join('\n') + '\n');
    // what the engine says of each filing judged with every other valid filing as its history
    const judge = new Judge(loadRuleSet(rules, REGISTRIES));
    const records = series.map(historyRecord);
    for (const f of series)
      expected.set(`${f.platform.id}/${f.filingId}`, JSON.stringify(judgeReport(judge, f, { history: records })));
  });

  it('the invalid filing would change plat-1 reports, had it counted (so the scans above show it is left out)', () => {
    const judge = new Judge(loadRuleSet(rules, REGISTRIES));
    const first = series.find((f) => f.platform.id === 'plat-1')!;
    const counted = judgeReport(judge, first, { history: [...series, invalid as Filing].map(historyRecord) });
    expect(counted.history?.from).toBe('2020-12-17');
    expect(JSON.stringify(counted)).not.toBe(expected.get(`plat-1/${first.filingId}`));
  });

  it('the first pass on 2 worker threads indexes exactly what it does in one thread', async () => {
    const judge = new Judge(loadRuleSet(rules, REGISTRIES));
    const bytes = readFileSync(ndjson);
    const batches = async function* () {
      // small batches, so the threads answer out of order
      for (let at = 0, line = 1; at < bytes.length;) {
        let end = bytes.indexOf(10, at + 2048);
        end = end === -1 ? bytes.length : end + 1;
        const chunk = new Uint8Array(bytes.subarray(at, end));
        const first = line;
        // counted before it is handed over: a worker's batch is moved, not copied
        line += chunk.filter((b) => b === 10).length;
        at = end;
        yield { bytes: chunk, firstLine: first };
      }
    };
    const one = new HistoryIndex();
    const serial = await indexNdjson(batches(), ndjson, one);
    const two = new HistoryIndex();
    const parallel = await indexNdjsonOnWorkers(batches(), ndjson, two, 2);
    one.seal();
    two.seal();
    expect(parallel.length).toBe(serial.length);
    expect(parallel.map((e) => e === null)).toEqual(serial.map((e) => e === null));
    for (const [i, e] of serial.entries()) {
      if (!e) continue;
      expect(digestOfEntry(judge, two, parallel[i]!)).toEqual(digestOfEntry(judge, one, e));
    }
    expect(serial.filter((e) => e === null).length).toBe(2);
  });

  it('the series exercises every history rule', () => {
    const statuses = new Map<string, Set<string>>();
    for (const text of expected.values()) {
      const r = JSON.parse(text) as Report;
      for (const f of r.findings)
        if (f.ruleId.startsWith('HIST-'))
          (statuses.get(f.ruleId) ?? statuses.set(f.ruleId, new Set()).get(f.ruleId)!).add(f.status);
    }
    for (const id of ['HIST-001', 'HIST-002', 'HIST-003', 'HIST-004'])
      expect([...(statuses.get(id) ?? [])].sort(), id).toEqual(['fail', 'not-applicable', 'pass']);
    // an earlier filing overlapping the next one covers the day before it: history since revision 3
    const starts = new Map(series.map((f) => [`${f.platform.id}/${f.filingId}`, f.period.start]));
    const overlapped = [...expected.entries()]
      .map(([key, t]) => [starts.get(key)!, JSON.parse(t) as Report] as const)
      .filter(([start, r]) => r.history !== null && r.history.through >= start);
    expect(overlapped.length).toBeGreaterThan(0);
    for (const [, r] of overlapped) expect(r.findings.find((f) => f.ruleId === 'HIST-001')!.status).toBe('pass');
    // superseded filings are judged, but no later filing counts them
    expect(series.some((f) => f.supersedes)).toBe(true);
  });

  it.each([0, 1, 2])(
    'an NDJSON file scan gives each filing its history from the rest (%i workers)',
    async (workers) => {
      const r = await runHere([
        'scan',
        ndjson,
        '--format',
        'ndjson',
        '--workers',
        String(workers),
        '--rules',
        rules,
      ]);
      expect(invalidLines(r.stdout)).toBe(2);
      // the bulk scan line: the ruleset line first, then each filing's findings that do not pass
      expect(JSON.parse(r.stdout.split('\n')[0]!)).toMatchObject({ type: 'ruleset' });
      expect(reportsOf(r.stdout)).toEqual(scanLinesOf(expected));
    },
  );

  it.each([0, 2])(
    'a folder scan gives each filing its history from the rest (%i workers)',
    async (workers) => {
      const r = await runHere([
        'scan',
        folder,
        '--format',
        'ndjson',
        '--full',
        '--workers',
        String(workers),
        '--rules',
        rules,
      ]);
      expect(invalidLines(r.stdout)).toBe(2);
      expect(reportsOf(r.stdout)).toEqual(expected);
    },
  );

  it('scan - has no history without --history, and the history of PATH with it', async () => {
    const input = readFileSync(ndjson, 'utf8');
    const without = reportsOf(
      (await runCli(['scan', '-', '--format', 'ndjson', '--workers', '0', '--rules', rules], { input }))
        .stdout,
    );
    expect(without.size).toBe(expected.size);
    for (const text of without.values()) expect((JSON.parse(text) as Report).history).toBeNull();
    const withHistory = reportsOf(
      (
        await runCli(
          ['scan', '-', '--format', 'ndjson', '--full', '--workers', '1', '--rules', rules, '--history', folder],
          { input },
        )
      ).stdout,
    );
    expect(withHistory).toEqual(expected);
  });

  it('check FILE --history REST gives the same report as the scan', async () => {
    const sample = series.filter((_, i) => i % 9 === 4);
    for (const f of sample) {
      const rest = join(dir, `rest-${f.platform.id}-${f.filingId}.ndjson`);
      writeFileSync(rest, lines.filter((l) => l !== JSON.stringify(f)).join('\n') + '\n');
      const file = join(dir, `${f.filingId}.json`);
      writeFileSync(file, JSON.stringify(f));
      const r = await runHere(['check', file, '--history', rest, '--format', 'json', '--rules', rules]);
      expect(r.stderr).toBe('');
      expect(JSON.stringify(JSON.parse(r.stdout))).toBe(expected.get(`${f.platform.id}/${f.filingId}`));
    }
  });

  it('check with several FILEs: each sees the others', async () => {
    const [a, b] = series.filter((f) => f.platform.id === 'plat-2').slice(0, 2) as [Filing, Filing];
    writeFileSync(join(dir, 'a.json'), JSON.stringify(a));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(b));
    const r = await runHere([
      'check',
      join(dir, 'b.json'),
      join(dir, 'a.json'),
      '--format',
      'json',
      '--rules',
      rules,
    ]);
    const [rb, ra] = JSON.parse(r.stdout) as [Report, Report];
    expect(ra.history).toBeNull();
    expect(rb.history).toEqual({ filings: 1, from: a.period.start, through: a.period.end });
  });

  it('--history that does not exist is a usage error', async () => {
    const r = await runHere(['check', join(dir, 'a.json'), '--history', join(dir, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nowhere');
  });
});

describe('rules preview with histories', () => {
  it('judges each filing with the others as history, so a history parameter change shows', async () => {
    const dir = tempDir('history-preview-');
    const current = copyRules();
    const proposed = copyRules();
    const params = join(proposed, 'parameters.yaml');
    const text = readFileSync(params, 'utf8');
    const changed = text.replace(
      'historyMemberLossMax:\n  - { from: 2009-10-01, value: 0.15 }',
      'historyMemberLossMax:\n  - { from: 2009-10-01, value: 0.10 }',
    );
    expect(changed).not.toBe(text);
    writeFileSync(params, changed);
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify(seriesFiling('pv', 'pv-1', '2021-01-01', '2021-01-15', 1_000_000, 1)),
    );
    writeFileSync(
      join(dir, 'b.json'),
      JSON.stringify(seriesFiling('pv', 'pv-2', '2021-01-16', '2021-01-31', 880_000, 1)),
    );
    const r = await runHere([
      'rules',
      'preview',
      '--rules',
      current,
      '--proposed',
      proposed,
      '--format',
      'json',
      join(dir, 'a.json'),
      join(dir, 'b.json'),
    ]);
    const result = JSON.parse(r.stdout) as { changes: { filingId: string; findings: unknown[] }[] };
    expect(result.changes).toEqual([
      expect.objectContaining({
        filingId: 'pv-2',
        findings: [{ ruleId: 'HIST-002', from: 'pass', to: 'fail' }],
      }),
    ]);
  });
});
