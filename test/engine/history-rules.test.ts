// HIST-001..004 (DESIGN §5.1 revision 3): their own cases pass with full condition coverage and give the
// reason code each not-applicable case names, the report's `history` summary, and the history digest
// (what starts before the subject, each window's first, peak and reference, ties, superseded).

import { describe, expect, it } from 'vitest';
import { HistoryIndex } from '../../src/engine/history-index.js';
import { FACTS } from '../../src/engine/facts/index.js';
import { Judge } from '../../src/engine/index.js';
import { digestHistory, historyRecord, windowOf, type HistoryRecord } from '../../src/engine/history.js';
import { applySet } from '../../src/engine/rule-tests.js';
import type { Filing } from '../../src/filing/types.js';
import { previewChange } from '../../src/engine/preview.js';
import { runRuleTests } from '../../src/engine/rule-tests.js';
import { BUNDLED_RULES_DIR, readRuleSources } from '../../src/rules/load.js';
import { parseRuleSet } from '../../src/rules/parse.js';
import type { RuleSet } from '../../src/rules/types.js';
import { makeFiling } from '../support/filing-factory.js';
import { expectValidReport } from '../support/report-schema.js';
import { REGISTRIES } from '../../src/engine/registries.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

const HIST = ['HIST-001', 'HIST-002', 'HIST-003', 'HIST-004'];

/** The bundled pack's history rules alone, with its parameters and base filing. */
function historyRuleSet(): RuleSet {
  const sources = readRuleSources(BUNDLED_RULES_DIR);
  return parseRuleSet({ ...sources, rules: sources.rules.filter((f) => /^hist-/.test(f.file)) }, REGISTRIES);
}

describe('the history rules', () => {
  it('pass their own cases with full condition coverage', async () => {
    const result = await runRuleTests(historyRuleSet());
    expect(result.cases.filter((c) => !c.ok)).toEqual([]);
    expect(result.gaps).toEqual([]);
    for (const id of HIST) {
      const expects = new Set(result.cases.filter((c) => c.ruleId === id).map((c) => c.expect));
      expect([...expects].sort(), id).toEqual(['fail', 'not-applicable', 'pass']);
    }
  });

  it('give, in every not-applicable case, the reason code its name ends with, on both evaluators', async () => {
    const ruleSet = historyRuleSet();
    const judge = new Judge(ruleSet);
    const base = ruleSet.fixtures['tests/base.yaml'];
    const seen = new Map<string, Set<string>>();
    for (const rule of ruleSet.rules) {
      for (const tc of rule.tests.filter((t) => t.expect === 'not-applicable')) {
        const code = /\(([a-z_]+)\)$/.exec(tc.name)?.[1];
        expect(code, `${rule.id}: ${tc.name}`).toBeDefined();
        const filing = applySet(base, tc.set ?? {}) as Filing;
        const history = (tc.history ?? []).map((h) => historyRecord(applySet(base, h.set ?? {}) as Filing));
        for (const report of [judgeReport(judge, filing, { history }), await judgeReferenceReport(judge, filing, { history })]) {
          const f = report.findings.find((x) => x.ruleId === rule.id)!;
          expect(f.reasonCode, `${rule.id}: ${tc.name}`).toBe(code);
        }
        (seen.get(rule.id) ?? seen.set(rule.id, new Set()).get(rule.id)!).add(code!);
      }
    }
    const window = ['no_earlier_filing', 'no_earlier_filing_in_window', 'not_in_force'];
    const share = [...window, 'nothing_to_judge', 'ramp_up'];
    expect([...seen.get('HIST-001')!].sort()).toEqual(['no_earlier_filing', 'not_in_force']);
    expect([...seen.get('HIST-002')!].sort()).toEqual(window.sort());
    expect([...seen.get('HIST-003')!].sort()).toEqual(share.sort());
    expect([...seen.get('HIST-004')!].sort()).toEqual(share.sort());
  });
});

/** The base filing of the tests with its own period, id and members. */
function filingOf(id: string, start: string, end: string, extra: Record<string, unknown> = {}) {
  return makeFiling({ '/filingId': id, '/period': { start, end }, ...extra });
}

describe('judging with a history', () => {
  const judge = new Judge(historyRuleSet());
  const finding = (r: { findings: { ruleId: string }[] }, id: string) =>
    r.findings.find((f) => f.ruleId === id) as Record<string, unknown>;

  it('without a history: history null, every rule not applicable with no_earlier_filing', async () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    for (const report of [
      judgeReport(judge, filing),
      await judgeReferenceReport(judge, filing),
      judgeReport(judge, filing, { history: [] }),
    ]) {
      expect(report.history).toBeNull();
      for (const id of HIST) {
        expect(finding(report, id).status).toBe('not-applicable');
        expect(finding(report, id).reasonCode).toBe('no_earlier_filing');
      }
    }
  });

  it("names no_earlier_filing_in_window when the history has no filing in a rule's window", async () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    // 366 days before this filing's end: out of every window (180 and 365 days)
    const history = [historyRecord(filingOf('h-2020', '2020-06-15', '2020-06-29'))];
    const reports = [judgeReport(judge, filing, { history }), await judgeReferenceReport(judge, filing, { history })];
    for (const r of reports) {
      expect(r.history).toEqual({ filings: 1, from: '2020-06-15', through: '2020-06-29' });
      expect(finding(r, 'HIST-001').status).toBe('fail');
      for (const id of ['HIST-002', 'HIST-003', 'HIST-004']) {
        expect(finding(r, id).status).toBe('not-applicable');
        expect(finding(r, id).reasonCode).toBe('no_earlier_filing_in_window');
      }
    }
    expect(JSON.stringify(reports[0])).toBe(JSON.stringify(reports[1]));
  });

  it('gives the history summary: count, earliest period.start, latest period.end of the filings starting earlier', () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    const history = [
      filingOf('h-06a', '2021-06-01', '2021-06-15'),
      filingOf('h-05', '2021-04-20', '2021-05-31'),
      // starts before this filing and overlaps it: history since revision 3
      filingOf('h-06x', '2021-06-10', '2021-06-20'),
      filingOf('h-same', '2021-06-16', '2021-06-20'),
      filingOf('h-later', '2021-07-01', '2021-07-15'),
      filingOf('h-other', '2021-01-01', '2021-01-15', { '/platform/id': 'someone-else' }),
    ].map(historyRecord);
    expect(judgeReport(judge, filing, { history }).history).toEqual({
      filings: 3,
      from: '2021-04-20',
      through: '2021-06-20',
    });
  });

  it('evidence names the filings compared and their values', () => {
    const share = (start: string, end: string, perMemberShareCny: number) => [
      { publishedAt: end, periodStart: start, periodEnd: end, perMemberShareCny },
    ];
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30', {
      '/members': { active: 600000, activeAtPeriodStart: 600000 },
      '/disclosures': share('2021-06-16', '2021-06-30', 3),
    });
    // the history's first filing, long enough before the reference to be past the ramp-up
    const first = filingOf('h-2019-12', '2019-12-01', '2019-12-15');
    const ref = filingOf('h-01', '2021-01-01', '2021-01-15', {
      '/members': { active: 1000000, activeAtPeriodStart: 1000000 },
      '/disclosures': share('2021-01-01', '2021-01-15', 1),
    });
    const latest = filingOf('h-06a', '2021-06-01', '2021-06-10', {
      '/members': { active: 900000, activeAtPeriodStart: 900000 },
      '/disclosures': share('2021-06-01', '2021-06-10', 2),
    });
    const history = [first, ref, latest].map(historyRecord);
    const report = judgeReport(judge, filing, { history });
    const gap = finding(report, 'HIST-001');
    expect(gap.status).toBe('fail');
    expect(gap.evidence).toEqual({
      historyGap: {
        latestFilingId: 'h-06a',
        latestPeriod: { start: '2021-06-01', end: '2021-06-10' },
        lastCoveredDay: '2021-06-10',
        filingId: 'f-06b',
        period: { start: '2021-06-16', end: '2021-06-30' },
        daysBetween: 6,
        unfiledFrom: '2021-06-11',
        unfiledThrough: '2021-06-15',
        unfiledDays: 5,
      },
    });
    expect(finding(report, 'HIST-002')).toMatchObject({
      status: 'fail',
      evidence: {
        historyMemberLoss: {
          peakFilingId: 'h-01',
          peakPeriod: { start: '2021-01-01', end: '2021-01-15' },
          peakMembersActive: 1000000,
          windowDays: 365,
          filingId: 'f-06b',
          membersActive: 600000,
          lossMembers: 400000,
          lossRate: 0.4,
          max: 0.15,
          exceeds: true,
        },
      },
    });
    expect(finding(report, 'HIST-003')).toMatchObject({
      status: 'fail',
      evidence: {
        historyShareGrowth: {
          referenceFilingId: 'h-01',
          referencePeriod: { start: '2021-01-01', end: '2021-01-15' },
          referenceDisclosures: 1,
          referenceMeanPerMemberShareCny: 1,
          earliestFilingId: 'h-2019-12',
          historyDays: 397,
          rampUpDays: 365,
          rampUp: false,
          windowDays: 180,
          filingId: 'f-06b',
          disclosures: 1,
          meanPerMemberShareCny: 3,
          growth: 3,
          factor: 2,
          exceeds: true,
        },
      },
    });
    expect(finding(report, 'HIST-004')).toMatchObject({
      status: 'fail',
      evidence: {
        historySpiral: {
          referenceFilingId: 'h-01',
          referenceMeanPerMemberShareCny: 1,
          referenceMembersActive: 1000000,
          windowDays: 365,
          meanPerMemberShareCny: 3,
          growth: 3,
          factor: 1.3,
          shareGrew: true,
          membersActive: 600000,
          lossRate: 0.4,
          minLossRate: 0.05,
          membersFell: true,
        },
      },
    });
    // failures of all four, with a history, in the report's shape; in Chinese too
    expectValidReport(report);
    const zh = judgeReport(judge, filing, { history, lang: 'zh' });
    expectValidReport(zh);
    expect(finding(zh, 'HIST-004').message).toBe(
      '与h-01（报告期截止日2021-01-15）相比出现“死亡螺旋”：人均分摊均值由1.00元升至3.00元，为其3倍，超过1.3倍；同期活跃会员由1,000,000人降至600,000人，流失率40%，超过5%',
    );
    expect(finding(report, 'HIST-001').message).toBe(
      'No filing covers 2021-06-11 to 2021-06-15 (days unfiled: 5, where none may be): the filings that start before this one cover days only through 2021-06-10 (h-06a)',
    );
  });

  it('gives the same bytes for the same filing, history and rule set, whatever the order of the history', () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    const history = ['2021-01', '2021-02', '2021-03', '2021-04', '2021-05'].map((m) =>
      historyRecord(filingOf(`h-${m}`, `${m}-01`, `${m}-15`)),
    );
    const a = JSON.stringify(judgeReport(judge, filing, { history }));
    const b = JSON.stringify(judgeReport(judge, filing, { history: [...history].reverse() }));
    expect(a).toBe(b);
    expect(JSON.parse(a).history).toEqual({ filings: 5, from: '2021-01-01', through: '2021-05-15' });
  });
});

describe('the history digest', () => {
  const rec = (
    id: string,
    start: string,
    end: string,
    extra: Partial<HistoryRecord> = {},
  ): HistoryRecord => ({
    ...historyRecord(filingOf(id, start, end)),
    ...extra,
  });
  const subject = filingOf('me', '2021-06-16', '2021-06-30');
  /** A record with a mean share of `mean` (one disclosure's worth), or none. */
  const shared = (id: string, start: string, end: string, mean: string | null, extra: Partial<HistoryRecord> = {}) =>
    rec(id, start, end, { shares: mean === null ? { count: 0, sum: '0' } : { count: 1, sum: mean }, ...extra });

  // what each names: [latest, earliest, 180-day window's first and reference, 365-day window's peak]
  it.each<[string, HistoryRecord[], (string | null)[]]>([
    ['empty', [], [null, null, null, null, null]],
    [
      'only filings starting on or after the subject starts',
      [rec('a', '2021-06-16', '2021-06-20'), rec('b', '2021-07-01', '2021-07-15')],
      [null, null, null, null, null],
    ],
    [
      'an earlier-starting filing that overlaps the subject is history, and the latest',
      [shared('a', '2021-06-01', '2021-06-16', '1', { membersActive: 3000000 }), shared('b', '2021-05-01', '2021-05-31', '1')],
      ['a', 'b', 'b', 'b', 'a'],
    ],
    [
      'one that starts earlier and ends after the subject is history too',
      [shared('long', '2021-01-01', '2021-12-31', '1')],
      ['long', 'long', 'long', 'long', 'long'],
    ],
    ['exactly 180 days before is in the window', [shared('a', '2020-12-20', '2021-01-01', '1')], ['a', 'a', 'a', 'a', 'a']],
    ['181 days before is out of the 180-day window', [shared('a', '2020-12-20', '2020-12-31', '1')], ['a', 'a', null, null, 'a']],
    ['366 days before is out of every window', [shared('a', '2020-06-15', '2020-06-29', '1')], ['a', 'a', null, null, null]],
    [
      'the reference is the earliest of the window with a mean above 0; the peak has the most members',
      [
        shared('c', '2021-06-01', '2021-06-15', '2', { membersActive: 900 }),
        shared('b', '2021-02-01', '2021-02-15', '1', { membersActive: 1000 }),
        shared('b0', '2021-01-16', '2021-01-31', '0', { membersActive: 800 }),
        shared('b-', '2021-01-10', '2021-01-15', null, { membersActive: 800 }),
        shared('a', '2020-01-01', '2020-01-15', '5', { membersActive: 5000 }),
      ],
      ['c', 'a', 'b-', 'b', 'b'],
    ],
    [
      'ties on members: the earlier period.end, then the smaller filingId in code-point order, is the peak',
      [
        rec('late', '2021-03-01', '2021-03-15', { membersActive: 10 }),
        rec('h-a', '2021-02-01', '2021-02-15', { membersActive: 10 }),
        rec('h-B', '2021-02-01', '2021-02-15', { membersActive: 10 }),
      ],
      ['late', 'h-B', 'h-B', null, 'h-B'],
    ],
    [
      'ties on period.end: the smaller id in code-point order is the reference, the larger the latest',
      [shared('h-a', '2021-02-01', '2021-02-15', '1'), shared('h-B', '2021-02-01', '2021-02-15', '1')],
      ['h-a', 'h-B', 'h-B', 'h-B', 'h-B'],
    ],
    [
      'a superseded filing is left out',
      [shared('a', '2021-02-01', '2021-02-15', '1'), shared('a2', '2021-02-01', '2021-02-14', '1', { supersedes: 'a' })],
      ['a2', 'a2', 'a2', 'a2', 'a2'],
    ],
    ['another platform is left out', [rec('x', '2021-02-01', '2021-02-15', { platformId: 'other' })], [null, null, null, null, null]],
  ])('%s', (_name, records, [latest, earliest, first, reference, peak]) => {
    const d = digestHistory(subject, records, [365, 180, 365]);
    expect(d.windows.map((w) => w.days)).toEqual(d.summary === null ? [] : [180, 365]);
    expect(d.latest?.filingId ?? null).toBe(latest);
    expect(d.earliest?.filingId ?? null).toBe(earliest);
    expect(windowOf(d, 180)?.first?.filingId ?? null).toBe(first);
    expect(windowOf(d, 180)?.reference?.filingId ?? null).toBe(reference);
    expect(windowOf(d, 365)?.peak?.filingId ?? null).toBe(peak);
    expect(d.summary === null).toBe(latest === null);
    // small and structured-cloneable, as a scan hands it to a worker
    expect(structuredClone(d)).toEqual(d);
  });

  it("holds a few records whatever the history's length", () => {
    const records = Array.from({ length: 2000 }, (_, i) =>
      shared(`h-${i}`, `20${String(10 + Math.floor(i / 200)).padStart(2, '0')}-01-01`, `20${String(10 + Math.floor(i / 200)).padStart(2, '0')}-01-15`, '1'),
    );
    const d = digestHistory(subject, records, [180, 365]);
    expect(d.summary?.filings).toBe(2000);
    expect(JSON.stringify(d).length).toBeLessThan(3000);
  });

  it('sums the shares of the disclosures published within the period exactly', () => {
    const f = filingOf('s', '2021-06-16', '2021-06-30', {
      '/disclosures': [
        {
          publishedAt: '2021-06-15',
          periodStart: '2021-06-01',
          periodEnd: '2021-06-15',
          perMemberShareCny: 5,
        },
        {
          publishedAt: '2021-06-16',
          periodStart: '2021-06-01',
          periodEnd: '2021-06-15',
          perMemberShareCny: 0.1,
        },
        {
          publishedAt: '2021-06-20',
          periodStart: '2021-06-16',
          periodEnd: '2021-06-20',
          perMemberShareCny: 0.2,
        },
        { publishedAt: '2021-06-30', periodStart: '2021-06-21', periodEnd: '2021-06-30' },
      ],
    });
    expect(historyRecord(f).shares).toEqual({ count: 2, sum: '0.3' });
  });
});

describe('reasons for a history rule that is not applicable', () => {
  const judge = new Judge(historyRuleSet());
  it('a window without a share above 0 has no reference for HIST-003 and HIST-004, while HIST-002 applies', () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    const history = [historyRecord(filingOf('h-01', '2021-01-01', '2021-01-15', { '/disclosures': [] }))];
    const r = judgeReport(judge, filing, { history });
    for (const id of ['HIST-003', 'HIST-004']) {
      const f = r.findings.find((x) => x.ruleId === id)!;
      expect(f.status).toBe('not-applicable');
      expect(f.reasonCode).toBe('no_earlier_filing_in_window');
    }
    expect(r.findings.find((f) => f.ruleId === 'HIST-002')!.status).toBe('pass');
  });

  it('ramp_up in words in both languages', () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    const history = [historyRecord(filingOf('h-06a', '2021-06-01', '2021-06-15'))];
    const en = judgeReport(judge, filing, { history }).findings.find((f) => f.ruleId === 'HIST-004')!;
    const zh = judgeReport(judge, filing, { history, lang: 'zh' }).findings.find((f) => f.ruleId === 'HIST-004')!;
    expect(en).toMatchObject({ status: 'not-applicable', reasonCode: 'ramp_up' });
    expect(en.reason).toMatch(/^ramp-up: /);
    expect(zh.reason).toMatch(/^起步期：/);
  });
});

describe('each history rule its own window', () => {
  it('the judge asks every digest for the windows of the rules in force, each day count once', () => {
    const judge = new Judge(historyRuleSet());
    expect(judge.historyWindowsOn('2021-06-30')).toEqual([180, 365]);
    // before any history rule is in force: none
    expect(judge.historyWindowsOn('2017-02-14')).toEqual([]);
  });

  it("a window's parameter moves its own rule's reference only", async () => {
    const sources = readRuleSources(BUNDLED_RULES_DIR);
    const text = sources.parameters!.text.replace(
      'historyShareWindowDays:\n  - { from: 2009-10-01, value: 180 }',
      'historyShareWindowDays:\n  - { from: 2009-10-01, value: 30 }',
    );
    expect(text).not.toBe(sources.parameters!.text);
    const judge = new Judge(
      parseRuleSet({ ...sources, rules: sources.rules.filter((f) => /^hist-/.test(f.file)), parameters: { ...sources.parameters!, text } }, REGISTRIES),
    );
    expect(judge.historyWindowsOn('2021-06-30')).toEqual([30, 365]);
    const share = (start: string, end: string, v: number) => [{ publishedAt: end, periodStart: start, periodEnd: end, perMemberShareCny: v }];
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30', { '/disclosures': share('2021-06-16', '2021-06-30', 2.1) });
    const history = [
      filingOf('h-2019', '2019-06-01', '2019-06-15'),
      filingOf('h-2021-01', '2021-01-01', '2021-01-15', { '/disclosures': share('2021-01-01', '2021-01-15', 1) }),
      filingOf('h-2021-06', '2021-06-01', '2021-06-15', { '/disclosures': share('2021-06-01', '2021-06-15', 2) }),
    ].map(historyRecord);
    const r = judgeReport(judge, filing, { history });
    const find = (id: string) => r.findings.find((f) => f.ruleId === id)!;
    // HIST-003 compares with June (the only share in 30 days): 1.05 times; HIST-004 with January: 2.1 times
    expect(find('HIST-003').status).toBe('pass');
    expect(find('HIST-004').status).toBe('pass');
    const digest = digestHistory(filing, history, judge.historyWindowsOn(filing.period.end));
    const ctx = { asOf: filing.period.end, history: digest };
    const growth = FACTS.get('historyShareGrowth')!.compute(filing, { factor: 2, windowDays: 30, rampUpDays: 365 }, ctx);
    const spiral = FACTS.get('historySpiral')!.compute(filing, { factor: 1.3, minLossRate: 0.05, windowDays: 365, rampUpDays: 365 }, ctx);
    expect(growth).toMatchObject({ referenceFilingId: 'h-2021-06', growth: 1.05, exceeds: false });
    expect(spiral).toMatchObject({ referenceFilingId: 'h-2021-01', growth: 2.1, shareGrew: true, membersFell: false });
  });

  it('a digest made for other windows is a fact failure, never a silent not-applicable', () => {
    const judge = new Judge(historyRuleSet());
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    const historyDigest = digestHistory(filing, [historyRecord(filingOf('h-06a', '2021-06-01', '2021-06-15'))], [90]);
    const r = judgeReport(judge, filing, { historyDigest });
    expect(r.findings.find((f) => f.ruleId === 'HIST-001')!.status).toBe('pass');
    for (const id of ['HIST-002', 'HIST-003', 'HIST-004']) expect(r.findings.find((f) => f.ruleId === id)!.status, id).toBe('error');
  });
});

describe('previewing a change of a history parameter', () => {
  it('judges each filing with its history on both sides, so the change shows', () => {
    const current = new Judge(historyRuleSet());
    const sources = readRuleSources(BUNDLED_RULES_DIR);
    const parameters = sources.parameters!.text.replace(
      'historyMemberLossMax:\n  - { from: 2009-10-01, value: 0.15 }',
      'historyMemberLossMax:\n  - { from: 2009-10-01, value: 0.10 }',
    );
    expect(parameters).not.toBe(sources.parameters!.text);
    const proposed = new Judge(
      parseRuleSet({
        ...sources,
        rules: sources.rules.filter((f) => /^hist-/.test(f.file)),
        parameters: { ...sources.parameters!, text: parameters },
      }, REGISTRIES),
    );
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30', {
      '/members': { active: 880000, activeAtPeriodStart: 880000 },
    });
    const history = [
      historyRecord(
        filingOf('h-06a', '2021-06-01', '2021-06-15', {
          '/members': { active: 1000000, activeAtPeriodStart: 1000000 },
        }),
      ),
    ];
    const withHistory = previewChange(current, proposed, [{ filing, history }]);
    expect(withHistory.changes).toEqual([
      expect.objectContaining({
        filingId: 'f-06b',
        findings: [{ ruleId: 'HIST-002', from: 'pass', to: 'fail' }],
      }),
    ]);
    // without its history the filing shows no change: HIST-002 is not applicable on both sides
    expect(previewChange(current, proposed, [filing]).changes).toEqual([]);
  });
});

describe('the history index', () => {
  const judge = new Judge(historyRuleSet());
  const filings = [
    filingOf('h-01', '2021-01-01', '2021-01-15'),
    filingOf('h-02', '2021-01-16', '2021-01-31'),
    filingOf('h-02b', '2021-01-16', '2021-01-31', { '/supersedes': 'h-02' }),
    filingOf('h-03', '2021-02-01', '2021-02-14'),
    filingOf('x-01', '2021-01-01', '2021-01-15', { '/platform/id': 'other' }),
    filingOf('me', '2021-06-16', '2021-06-30'),
  ];

  it('gives each filing the digest the engine makes from the raw records, a filing given twice counting once', () => {
    const index = new HistoryIndex();
    // h-01 twice, as when the input and --history overlap
    const entries = [...filings, filings[0]!].map((f) => index.add(historyRecord(f)));
    index.seal();
    const records = filings.map(historyRecord);
    for (const [i, f] of filings.entries()) {
      const fromIndex = judge.digestSorted(index.subject(entries[i]!), index.platform(f.platform.id));
      expect(fromIndex).toEqual(digestHistory(f, [...records, records[0]!], judge.historyWindowsOn(f.period.end)));
      expect(JSON.stringify(judgeReport(judge, f, { historyDigest: fromIndex }))).toBe(
        JSON.stringify(judgeReport(judge, f, { history: records })),
      );
    }
    expect(judgeReport(judge, filings[5]!, { history: [...records, records[0]!] }).history).toEqual({
      filings: 3,
      from: '2021-01-01',
      through: '2021-02-14',
    });
  });
});

describe('order independence', () => {
  it('one id given twice with different contents gives the same report in either order, on the index too', () => {
    const judge = new Judge(historyRuleSet());
    const me = filingOf('me', '2021-06-16', '2021-06-30', {
      '/members': { active: 700000, activeAtPeriodStart: 700000 },
    });
    const a = historyRecord(
      filingOf('dup', '2021-06-01', '2021-06-15', {
        '/members': { active: 2000000, activeAtPeriodStart: 2000000 },
      }),
    );
    const b = historyRecord(
      filingOf('dup', '2021-06-01', '2021-06-15', {
        '/members': { active: 900000, activeAtPeriodStart: 900000 },
      }),
    );
    const one = JSON.stringify(judgeReport(judge, me, { history: [a, b] }));
    expect(JSON.stringify(judgeReport(judge, me, { history: [b, a] }))).toBe(one);
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const index = new HistoryIndex();
      for (const r of order) index.add(r);
      const digest = judge.digestSorted(me, index.seal().platform('base-mutual'));
      expect(JSON.stringify(judgeReport(judge, me, { historyDigest: digest }))).toBe(one);
    }
  });
});

describe('a correction judged', () => {
  it('leaves out the filing it supersedes, whether or not it is among the records', () => {
    const judge = new Judge(historyRuleSet());
    const old = filingOf('old', '2021-06-01', '2021-06-10');
    const fix = filingOf('fix', '2021-06-16', '2021-06-30', { '/supersedes': 'old' });
    const earlier = filingOf('earlier', '2021-05-16', '2021-05-31');
    const records = [old, earlier].map(historyRecord);
    const alone = judgeReport(judge, fix, { history: records });
    expect(alone.history).toEqual({ filings: 1, from: '2021-05-16', through: '2021-05-31' });
    expect(JSON.stringify(judgeReport(judge, fix, { history: [...records, historyRecord(fix)] }))).toBe(
      JSON.stringify(alone),
    );
    // and from a sorted history that still holds it (a store's, read before the correction is stored)
    const index = new HistoryIndex();
    for (const r of records) index.add(r);
    const digest = judge.digestSorted(fix, index.seal().platform('base-mutual'));
    expect(JSON.stringify(judgeReport(judge, fix, { historyDigest: digest }))).toBe(JSON.stringify(alone));
  });
});

describe('the compact index', () => {
  it('gives back each record as added: dates before 1970, long share sums, supersedes', () => {
    const index = new HistoryIndex();
    const records = [
      {
        ...historyRecord(filingOf('a', '1969-12-20', '1970-01-02')),
        shares: { count: 3, sum: '12345678901234567.89' },
      },
      {
        ...historyRecord(filingOf('b', '2021-06-01', '2021-06-15', { '/supersedes': 'x' })),
        shares: { count: 2, sum: '0.3' },
      },
      {
        ...historyRecord(filingOf('c', '2021-06-16', '2021-06-30', { '/platform/id': 'other' })),
        membersActive: 43000000,
      },
    ];
    const entries = records.map((r) => index.add(r));
    expect(entries).toEqual([0, 1, 2]);
    expect(index.size).toBe(3);
    for (const [i, r] of records.entries()) {
      expect(index.record(entries[i]!)).toEqual(r);
      expect(index.platformOf(entries[i]!)).toBe(r.platformId);
      expect(index.subject(entries[i]!)).toEqual({ filingId: r.filingId, period: r.period });
    }
    index.seal();
    expect(() => index.add(records[0]!)).toThrow();
    expect(index.platform('base-mutual').length).toBe(2);
    expect(index.platform('nobody').length).toBe(0);
    expect(index.platform('base-mutual').minStart).toBe('1969-12-20');
    expect(index.platform('base-mutual').maxSpanDays).toBe(14);
    expect(index.platform('nobody').minStart).toBe('');
  });
});
