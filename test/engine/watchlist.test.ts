// The watchlist's pure part (DESIGN §5.1): who is on it, at what level, in what order, with which trend.

import { describe, expect, it } from 'vitest';
import { digestSorted, platformHistory, sortedArray, type HistoryRecord } from '../../src/engine/history.js';
import type { FindingOutcome, Outcome, Status } from '../../src/engine/report-model.js';
import { compareWatchEntries, trendOf, watchEntry, WATCHED_RULES } from '../../src/engine/watchlist.js';

function outcome(platformId: string, statuses: Record<string, Status>): Outcome {
  const findings: FindingOutcome[] = Object.entries(statuses).map(([ruleId, status]) => ({ ruleId, status, severity: 'minor', family: 'history' as FindingOutcome['family'] }));
  return {
    filingId: `${platformId}-f`,
    platformId,
    platformName: `${platformId} 互助`,
    asOf: '2021-06-30',
    ruleset: { version: 'sha256:x', rules: findings.length },
    history: null,
    verdict: 'fail',
    summary: { failed: 0, passed: 0, notApplicable: 0, advisory: 0, waived: 0, error: 0, bySeverity: { critical: 0, major: 0, minor: 0, info: 0 } },
    findings,
  };
}
const trend = (members: number) => ({ membersActive: [null, members] as [number | null, number], meanPerMemberShareCny: [null, null] as [number | null, number | null] });

describe('watchEntry', () => {
  it('puts a platform on the list when a watched rule fails or is advisory, and counts an advisory half', () => {
    const entry = watchEntry(outcome('a', { 'HIST-002': 'fail', 'HIST-003': 'advisory', 'HIST-004': 'pass', 'MEM-002': 'fail', 'LIC-001': 'fail' }), trend(10));
    expect(entry).toMatchObject({ platformId: 'a', name: 'a 互助', level: 2.5, rules: ['HIST-002', 'HIST-003', 'MEM-002'], filingId: 'a-f', asOf: '2021-06-30' });
  });

  it.each(['pass', 'not-applicable', 'waived', 'error'] as const)('leaves it off when every watched rule is %s, whatever else fails', (status) => {
    const statuses = Object.fromEntries(WATCHED_RULES.map((r) => [r, status]));
    expect(watchEntry(outcome('b', { ...statuses, 'LIC-001': 'fail', 'FUND-001': 'fail' }), trend(10))).toBeNull();
  });

  it('orders by level, then members now (the larger first), then platform id', () => {
    const e = (id: string, level: Status[], members: number) =>
      watchEntry(outcome(id, Object.fromEntries(level.map((s, i) => [WATCHED_RULES[i]!, s]))), trend(members))!;
    const list = [e('c', ['fail'], 5), e('a', ['fail', 'fail'], 1), e('b', ['fail'], 9), e('d', ['advisory'], 100), e('a2', ['fail'], 9)].sort(compareWatchEntries);
    expect(list.map((x) => x.platformId)).toEqual(['a', 'a2', 'b', 'c', 'd']);
  });
});

describe('trendOf', () => {
  const rec = (id: string, start: string, end: string, members: number, shares: [number, string]): HistoryRecord => ({
    filingId: id,
    platformId: 'p',
    period: { start, end },
    supersedes: null,
    membersActive: members,
    shares: { count: shares[0], sum: shares[1] },
  });
  const now = rec('now', '2021-06-16', '2021-06-30', 80, [2, '20']);
  /** The digest the judge would make of `history` for `now`, with windows of `days`. */
  const digest = (history: HistoryRecord[], days: readonly number[] = [365]) =>
    digestSorted(sortedArray(platformHistory(history)), { filingId: now.filingId, period: now.period, supersedes: null }, days);

  it('reads members and mean share at the earliest filing of the spiral window with a mean above 0, and now', () => {
    const history = [
      rec('old', '2020-01-01', '2020-01-15', 200, [1, '1']), // outside 365 days
      rec('zero', '2020-07-01', '2020-07-15', 150, [1, '0']), // mean 0: no reference
      rec('ref', '2020-08-01', '2020-08-15', 120, [2, '9']),
      rec('later', '2021-01-01', '2021-01-15', 100, [1, '7']),
    ];
    expect(trendOf(now, digest(history), {})).toEqual({ membersActive: [120, 80], meanPerMemberShareCny: [4.5, 10] });
  });

  it('falls back to the earliest filing of the member window when no filing has a mean, and to nulls without history', () => {
    const history = [rec('a', '2020-08-01', '2020-08-15', 120, [0, '0']), rec('b', '2021-01-01', '2021-01-15', 100, [0, '0'])];
    expect(trendOf(now, digest(history), {})).toEqual({ membersActive: [120, 80], meanPerMemberShareCny: [null, 10] });
    expect(trendOf(now, digest([]), {})).toEqual({ membersActive: [null, 80], meanPerMemberShareCny: [null, 10] });
  });

  it('takes its windows from the parameters in force on the filing’s period.end', () => {
    const history = [rec('ref', '2020-08-01', '2020-08-15', 120, [2, '9']), rec('later', '2021-05-01', '2021-05-15', 100, [1, '7'])];
    const params = { spiralWindowDays: [{ from: '2009-10-01', value: 90 }], historyMemberWindowDays: [{ from: '2009-10-01', value: 90 }] };
    expect(trendOf(now, digest(history, [90]), params).membersActive).toEqual([100, 80]);
  });
});
