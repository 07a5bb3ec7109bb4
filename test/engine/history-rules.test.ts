// HIST-001..003: their own cases pass with full condition coverage, not-applicable findings carry the
// reason codes of §6, the report's `history` summary, and the history digest (window, ties, superseded).

import { describe, expect, it } from 'vitest';
import { HistoryIndex } from '../../src/engine/history-index.js';
import { Judge } from '../../src/engine/index.js';
import { digestHistory, historyRecord, type HistoryRecord } from '../../src/engine/history.js';
import { previewChange } from '../../src/engine/preview.js';
import { runRuleTests } from '../../src/engine/rule-tests.js';
import { BUNDLED_RULES_DIR, readRuleSources } from '../../src/rules/load.js';
import { parseRuleSet } from '../../src/rules/parse.js';
import type { RuleSet } from '../../src/rules/types.js';
import { makeFiling } from '../support/filing-factory.js';
import { expectValidReport } from '../support/report-schema.js';
import { REGISTRIES } from '../../src/engine/registries.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

const HIST = ['HIST-001', 'HIST-002', 'HIST-003'];

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

  it('names no_earlier_filing_in_window when the history has no reference filing', async () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    const history = [historyRecord(filingOf('h-2020', '2020-12-16', '2020-12-31'))];
    const reports = [judgeReport(judge, filing, { history }), await judgeReferenceReport(judge, filing, { history })];
    for (const r of reports) {
      expect(r.history).toEqual({ filings: 1, from: '2020-12-16', through: '2020-12-31' });
      expect(finding(r, 'HIST-001').status).toBe('fail');
      for (const id of ['HIST-002', 'HIST-003']) {
        expect(finding(r, id).status).toBe('not-applicable');
        expect(finding(r, id).reasonCode).toBe('no_earlier_filing_in_window');
      }
    }
    expect(JSON.stringify(reports[0])).toBe(JSON.stringify(reports[1]));
  });

  it('gives the history summary: count, earliest period.start, latest period.end', () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    const history = [
      filingOf('h-06a', '2021-06-01', '2021-06-15'),
      filingOf('h-05', '2021-04-20', '2021-05-31'),
      filingOf('h-later', '2021-07-01', '2021-07-15'),
      filingOf('h-other', '2021-01-01', '2021-01-15', { '/platform/id': 'someone-else' }),
    ].map(historyRecord);
    expect(judgeReport(judge, filing, { history }).history).toEqual({
      filings: 2,
      from: '2021-04-20',
      through: '2021-06-15',
    });
  });

  it('evidence names the filings compared and their values', () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30', {
      '/members': { active: 600000, activeAtPeriodStart: 600000 },
      '/disclosures': [
        {
          publishedAt: '2021-06-30',
          periodStart: '2021-06-16',
          periodEnd: '2021-06-30',
          perMemberShareCny: 3,
        },
      ],
    });
    const ref = filingOf('h-01', '2021-01-01', '2021-01-15', {
      '/members': { active: 1000000, activeAtPeriodStart: 1000000 },
      '/disclosures': [
        {
          publishedAt: '2021-01-15',
          periodStart: '2021-01-01',
          periodEnd: '2021-01-15',
          perMemberShareCny: 1,
        },
      ],
    });
    const latest = filingOf('h-06a', '2021-06-01', '2021-06-10');
    const report = judgeReport(judge, filing, { history: [ref, latest].map(historyRecord) });
    const gap = finding(report, 'HIST-001');
    expect(gap.status).toBe('fail');
    expect(gap.evidence).toMatchObject({
      historyGap: {
        latestFilingId: 'h-06a',
        latestEnd: '2021-06-10',
        unfiledFrom: '2021-06-11',
        unfiledThrough: '2021-06-15',
        unfiledDays: 5,
        filingId: 'f-06b',
      },
    });
    const loss = finding(report, 'HIST-002');
    expect(loss.status).toBe('fail');
    expect(loss.evidence).toMatchObject({
      historyMemberLoss: {
        referenceFilingId: 'h-01',
        referencePeriod: { start: '2021-01-01', end: '2021-01-15' },
        referenceMembersActive: 1000000,
        membersActive: 600000,
        lossMembers: 400000,
        lossRate: 0.4,
        max: 0.3,
        exceeds: true,
      },
    });
    const share = finding(report, 'HIST-003');
    expect(share.status).toBe('fail');
    // failures of all three, with a history, in the report's shape; in Chinese too
    expectValidReport(report);
    expectValidReport(judgeReport(judge, filing, { history: [ref, latest].map(historyRecord), lang: 'zh' }));
    expect(share.evidence).toMatchObject({
      historyShareGrowth: {
        referenceFilingId: 'h-01',
        referenceMeanPerMemberShareCny: 1,
        meanPerMemberShareCny: 3,
        growth: 3,
        factor: 2,
        exceeds: true,
      },
    });
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

  it.each<[string, HistoryRecord[], string | null, string | null]>([
    ['empty', [], null, null],
    [
      'only later or overlapping filings',
      [rec('a', '2021-06-01', '2021-06-16'), rec('b', '2021-07-01', '2021-07-15')],
      null,
      null,
    ],
    ['exactly 180 days before is in the window', [rec('a', '2020-12-20', '2021-01-01')], 'a', 'a'],
    ['181 days before is out of the window', [rec('a', '2020-12-20', '2020-12-31')], 'a', null],
    [
      'the earliest in the window, the latest overall',
      [
        rec('c', '2021-06-01', '2021-06-15'),
        rec('b', '2021-02-01', '2021-02-15'),
        rec('a', '2020-01-01', '2020-01-15'),
      ],
      'c',
      'b',
    ],
    [
      'ties on period.end: the smaller id in code-point order is the reference',
      [rec('h-a', '2021-02-01', '2021-02-15'), rec('h-B', '2021-02-01', '2021-02-15')],
      'h-a',
      'h-B',
    ],
    [
      'a superseded filing is left out',
      [rec('a', '2021-02-01', '2021-02-15'), rec('a2', '2021-02-01', '2021-02-14', { supersedes: 'a' })],
      'a2',
      'a2',
    ],
    [
      'another platform is left out',
      [rec('x', '2021-02-01', '2021-02-15', { platformId: 'other' })],
      null,
      null,
    ],
  ])('%s', (_name, records, latest, reference) => {
    const d = digestHistory(subject, records, 180);
    expect(d.latest?.filingId ?? null).toBe(latest);
    expect(d.reference?.filingId ?? null).toBe(reference);
    expect(d.summary === null).toBe(latest === null);
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
  it('a reference without a share in its period is nothing_to_judge for HIST-003, and HIST-002 applies', () => {
    const filing = filingOf('f-06b', '2021-06-16', '2021-06-30');
    const history = [historyRecord(filingOf('h-01', '2021-01-01', '2021-01-15', { '/disclosures': [] }))];
    const r = judgeReport(judge, filing, { history });
    const share = r.findings.find((f) => f.ruleId === 'HIST-003')!;
    expect(share.status).toBe('not-applicable');
    expect(share.reasonCode).toBe('nothing_to_judge');
    expect(r.findings.find((f) => f.ruleId === 'HIST-002')!.status).toBe('pass');
  });
});

describe('previewing a change of a history parameter', () => {
  it('judges each filing with its history on both sides, so the change shows', () => {
    const current = new Judge(historyRuleSet());
    const sources = readRuleSources(BUNDLED_RULES_DIR);
    const parameters = sources.parameters!.text.replace(
      'historyMemberLossMax:\n  - { from: 2009-10-01, value: 0.30 }',
      'historyMemberLossMax:\n  - { from: 2009-10-01, value: 0.20 }',
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
      '/members': { active: 750000, activeAtPeriodStart: 750000 },
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
      expect(fromIndex).toEqual(digestHistory(f, [...records, records[0]!], 180));
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
    expect(index.platform('base-mutual').minStartThrough(1)).toBe('1969-12-20');
  });
});
