// The replay of 2018–2022 (examples/replay, DESIGN §5.1's last paragraph): scanned with history, in this
// thread, with the bundled rule set, every platform that closed where its own figures show distress is on
// the watchlist at least two half-month periods before its notice, and none is on it while its figures are
// healthy. What healthy and distress mean for each platform is fixed in examples/replay/README.md, from the
// source figures, before the rules were run; the ranges below are that table's.

import { spawnSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { REGISTRIES } from '../../src/engine/registries.js';
import { WATCHED_RULES } from '../../src/engine/watchlist.js';
import type { Filing } from '../../src/filing/types.js';
import { BUNDLED_RULES_DIR, loadRuleSet } from '../../src/rules/load.js';
import { scanHistoryFor } from '../../src/scan/history-input.js';
import { scanNdjson, type ScanSummary } from '../../src/scan/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPLAY = fileURLToPath(new URL('../../examples/replay/filings.ndjson', import.meta.url));
const BUILD = fileURLToPath(new URL('../../examples/replay/build.mjs', import.meta.url));

interface Expectation {
  /** The day of the closure notice. */
  notice: string;
  /** Filings whose whole period lies in this range must not be on the watchlist. */
  healthy: [string, string] | null;
  /** The platform closed where its own figures show distress: on the watchlist before its notice. */
  leadRequired: boolean;
}

/** examples/replay/README.md, "Healthy and distress, per platform". */
const EXPECTED: Record<string, Expectation> = {
  xianghubao: { notice: '2021-12-28', healthy: ['2018-10-16', '2019-12-31'], leadRequired: true },
  shuidi: { notice: '2021-03-26', healthy: ['2018-01-01', '2018-12-31'], leadRequired: true },
  qingsong: { notice: '2021-03-24', healthy: ['2018-01-01', '2021-03-23'], leadRequired: false },
  meituan: { notice: '2021-01-15', healthy: ['2018-01-01', '2021-01-14'], leadRequired: false },
  denghuo: { notice: '2020-08-01', healthy: null, leadRequired: true },
};
const MIN_LEAD = 2;

interface Row {
  filing: Filing;
  /** The watched rules the report fails or is advisory on, with the status and the message. */
  flagged: { ruleId: string; status: string; message: string }[];
  /** Every watched rule's status, for the report of a failure. */
  statuses: Record<string, string>;
}

const mean = (f: Filing): string => {
  const shares = f.disclosures
    .map((d) => d.perMemberShareCny)
    .filter((s): s is number => typeof s === 'number');
  return shares.length === 0 ? '—' : (shares.reduce((a, b) => a + b, 0) / shares.length).toFixed(2);
};
const describeRow = (r: Row): string =>
  `${r.filing.filingId} (${r.filing.period.start}..${r.filing.period.end}; members ${r.filing.members.activeAtPeriodStart} → ${r.filing.members.active}; mean share ${mean(r.filing)}): ` +
  WATCHED_RULES.map((id) => `${id} ${r.statuses[id] ?? 'not listed'}`).join(', ') +
  (r.flagged.length > 0 ? ` — ${r.flagged.map((f) => `${f.ruleId}: ${f.message}`).join(' | ')}` : '');

describe('the replay of 2018–2022 (examples/replay)', () => {
  const byPlatform = new Map<string, Row[]>();
  let summary: ScanSummary;
  let ruleIds: string[] = [];

  beforeAll(async () => {
    const filings = new Map<string, Filing>();
    for (const line of readFileSync(REPLAY, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const f = JSON.parse(line) as Filing;
      filings.set(`${f.platform.id}/${f.filingId}`, f);
    }
    const ruleSet = loadRuleSet(BUNDLED_RULES_DIR, REGISTRIES);
    ruleIds = ruleSet.rules.map((r) => r.id);
    const history = await scanHistoryFor(REPLAY, undefined, 0);
    const reports: string[] = [];
    summary = await scanNdjson(createReadStream(REPLAY), REPLAY, {
      ruleSet,
      workers: 0,
      ...(history ? { history } : {}),
      onResult: (r) => {
        if (r.kind === 'report') reports.push(r.line);
      },
    });
    for (const line of reports) {
      const report = JSON.parse(line) as {
        platformId: string;
        filingId: string;
        findings: { ruleId: string; status: string; message?: string }[];
      };
      const filing = filings.get(`${report.platformId}/${report.filingId}`)!;
      const watched = report.findings.filter((f) => WATCHED_RULES.includes(f.ruleId));
      const row: Row = {
        filing,
        flagged: watched
          .filter((f) => f.status === 'fail' || f.status === 'advisory')
          .map((f) => ({ ruleId: f.ruleId, status: f.status, message: f.message ?? '' })),
        statuses: Object.fromEntries(watched.map((f) => [f.ruleId, f.status])),
      };
      const rows = byPlatform.get(report.platformId) ?? [];
      rows.push(row);
      byPlatform.set(report.platformId, rows);
    }
    for (const rows of byPlatform.values())
      rows.sort((a, b) => (a.filing.period.start < b.filing.period.start ? -1 : 1));
  }, 120_000);

  it("closes with the watchlist of each platform's latest filing (DESIGN §7), the same on two workers", async () => {
    const latest = [...byPlatform.entries()].map(([platformId, rows]) => ({ platformId, last: rows.at(-1)! }));
    const expected = latest.filter((p) => p.last.flagged.length > 0).map((p) => p.platformId).sort();
    expect(summary.watchlist.map((e) => e.platformId).sort()).toEqual(expected);
    expect(summary.watchlist.length).toBeGreaterThan(0);
    for (const e of summary.watchlist) {
      const last = latest.find((p) => p.platformId === e.platformId)!.last;
      expect(e).toMatchObject({ filingId: last.filing.filingId, rules: last.flagged.map((f) => f.ruleId), name: last.filing.platform.name });
      expect(e.trend.membersActive[1]).toBe(last.filing.members.active);
    }
    const ruleSet = loadRuleSet(BUNDLED_RULES_DIR, REGISTRIES);
    const history = await scanHistoryFor(REPLAY, undefined, 2);
    const onTwo = await scanNdjson(createReadStream(REPLAY), REPLAY, { ruleSet, workers: 2, ...(history ? { history } : {}) });
    expect(onTwo.watchlist).toEqual(summary.watchlist);
  });

  it('the committed file is what build.mjs writes (deterministic), and every line is a valid filing', () => {
    const check = spawnSync(process.execPath, [BUILD, '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(summary.invalid).toBe(0);
    expect([...byPlatform.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('judges with the bundled pack, whose rules include the four watched ones (HIST-004: the third edition)', () => {
    expect(ruleIds).toEqual(expect.arrayContaining([...WATCHED_RULES]));
  });

  it('no platform is on the watchlist while its figures are healthy', () => {
    const alarms: string[] = [];
    for (const [platform, rows] of byPlatform) {
      const healthy = EXPECTED[platform]!.healthy;
      if (!healthy) continue;
      for (const r of rows)
        if (r.filing.period.start >= healthy[0] && r.filing.period.end <= healthy[1] && r.flagged.length > 0)
          alarms.push(`${platform}: ${describeRow(r)}`);
    }
    expect(alarms).toEqual([]);
  });

  it.each(Object.entries(EXPECTED).filter(([, e]) => e.leadRequired))(
    '%s is on the watchlist at least two half-month periods before its notice',
    (platform, e) => {
      const rows = byPlatform.get(platform)!;
      const at = rows.findIndex((r) => r.filing.period.start <= e.notice && e.notice <= r.filing.period.end);
      expect(at, `${platform}: a filing holding the notice day ${e.notice}`).toBeGreaterThanOrEqual(0);
      let lead = 0;
      while (lead < at && rows[at - 1 - lead]!.flagged.length > 0) lead++;
      const before = rows.slice(Math.max(0, at - 6), at).map(describeRow);
      expect(
        lead,
        `${platform}: on the watchlist at only ${lead} filing(s) just before ${rows[at]!.filing.filingId}; the six before it:\n  ${before.join('\n  ')}`,
      ).toBeGreaterThanOrEqual(MIN_LEAD);
    },
  );
});
