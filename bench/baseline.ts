// The baseline: what a user would write alone with json-rules-engine. One Engine, the pack's rules as plain
// rule objects, the default JSONPath resolver, facts as plain functions, `await engine.run()` per filing.
// It uses none of the project's compiler, facts or operators (only opencc-js, as such a user would).

import { Engine, type Almanac } from 'json-rules-engine';
import * as OpenCC from 'opencc-js';
import { Decimal } from 'decimal.js';

type F = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const norm = (s: string) =>
  t2s(s.normalize('NFKC').replace(/[\s\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]/gu, '')).toLowerCase();
const hits = (text: string, terms: string[], allow: string[]) => {
  let t = norm(text);
  for (const a of allow) t = t.split(norm(a)).join('\u0000');
  return terms.some((x) => t.includes(norm(x)));
};
const NAME_TERMS = ['保', '保险', '保障'];
const MKT_TERMS = ['承诺赔付', '足额赔付', '准备金', '政府监管', '保险创新', '互联网+保险', '保费'];

const validLicences = (f: F) =>
  (f.licenses as F[]).filter(
    (l) =>
      ['insurance', 'mutual-insurance'].includes(l.type) &&
      day(l.validFrom) <= day(f.period.end) &&
      (l.validUntil === null || day(l.validUntil) >= day(f.period.end)),
  );

/** The facts, as plain functions of the `filing` runtime fact. */
const FACTS: Record<string, (f: F) => unknown> = {
  asOfDay: (f) => day(f.period.end),
  validLicenceCount: (f) => validLicences(f).length,
  licenceDaysLeft: (f) => {
    const v = validLicences(f);
    if (v.length === 0 || v.some((l) => l.validUntil === null)) return null;
    return Math.max(...v.map((l) => day(l.validUntil))) - day(f.period.end);
  },
  nameHits: (f) =>
    [f.platform.name, ...(f.products as F[]).map((p) => p.name)].filter((n) => hits(n, NAME_TERMS, ['环保']))
      .length,
  marketingCount: (f) => (f.marketing ?? []).length,
  marketingHits: (f) =>
    ((f.marketing ?? []) as F[]).filter((m) => hits(m.text, MKT_TERMS, ['不承诺赔付'])).length,
  coveredProducts: (f) =>
    (f.products as F[]).filter((p) => p.kind === 'mutual-aid' || p.kind === 'insurance').length,
  productCount: (f) => f.products.length,
  unregistered: (f) => (f.products as F[]).filter((p) => p.registration === null).length,
  feeAbove: (f) => (f.products as F[]).filter((p) => p.managementFeeRate > 0.08).length,
  waitingBelow: (f) => (f.products as F[]).filter((p) => p.waitingPeriodDays < 90).length,
  balanceRatio: (f) => {
    const larger = Math.max(f.funds.ledgerBalanceCny, f.funds.custodyBalanceCny);
    return larger === 0 ? null : Math.abs(f.funds.ledgerBalanceCny - f.funds.custodyBalanceCny) / larger;
  },
  maxGap: (f) => {
    const start = day(f.period.start);
    const end = day(f.period.end);
    const pubs = (f.disclosures as F[]).map((d) => day(d.publishedAt)).sort((a, b) => a - b);
    const before = pubs.filter((p) => p < start);
    const points = [
      before.length > 0 ? before[before.length - 1]! : start,
      ...pubs.filter((p) => p >= start && p <= end),
      end,
    ];
    let max = 0;
    for (let i = 1; i < points.length; i++) max = Math.max(max, points[i]! - points[i - 1]!);
    return max;
  },
  disclosureCount: (f) => f.disclosures.length,
  missingFigures: (f) =>
    (f.disclosures as F[]).filter((d) =>
      ['cases', 'amountToShareCny', 'perMemberShareCny', 'managementFeeCny'].some((k) => d[k] === undefined),
    ).length,
  // the third edition: a disclosure more than 5 days late, or published before its round ended
  lateDisclosures: (f) =>
    (f.disclosures as F[]).filter((d) => {
      const delay = day(d.publishedAt) - day(d.periodEnd);
      return delay > 5 || delay < 0;
    }).length,
  // the third edition's custody: a bank by name (银行 or bank), not a foundation or charity, opened by period.end
  custodyFaults: (f) => {
    const c = f.funds.custody;
    const bank = typeof c.bank === 'string' ? norm(c.bank).replace(/[\p{P}\p{S}\p{M}]/gu, '') : '';
    const named = bank.includes('银行') || bank.includes('bank');
    const charity = bank.includes('基金会') || bank.includes('公益');
    const opened = c.accountOpenedAt !== null && day(c.accountOpenedAt) <= day(f.period.end);
    return bank === '' || !named || charity || c.segregated === false || !opened ? 1 : 0;
  },
  lossRate: (f) =>
    f.members.activeAtPeriodStart === 0
      ? null
      : (f.members.activeAtPeriodStart - f.members.active) / f.members.activeAtPeriodStart,
  noticeDays: (f) => (f.shutdown ? day(f.shutdown.effectiveAt) - day(f.shutdown.announcedAt) : null),
  // the second edition's rounds and submission, compared exactly as money must be (decimal.js)
  feeRounds: (f) =>
    (f.disclosures as F[]).filter(
      (d) => typeof d.managementFeeCny === 'number' && typeof d.amountToShareCny === 'number',
    ).length,
  feesOverCap: (f) =>
    (f.disclosures as F[]).filter(
      (d) =>
        typeof d.managementFeeCny === 'number' &&
        typeof d.amountToShareCny === 'number' &&
        new Decimal(d.managementFeeCny).gt(
          new Decimal(d.amountToShareCny).minus(d.managementFeeCny).times('0.08'),
        ),
    ).length,
  shareRounds: (f) => (f.disclosures as F[]).filter((d) => shareRound(d)).length,
  shareMismatches: (f) =>
    (f.disclosures as F[]).filter((d) => {
      if (!shareRound(d)) return false;
      const expected = new Decimal(d.amountToShareCny).minus(d.borneByPlatformCny ?? 0);
      return new Decimal(d.perMemberShareCny)
        .times(d.participatingMembers)
        .minus(expected)
        .abs()
        .gt(expected.times('0.01'));
    }).length,
  submissionDays: (f) => day(String(f.submittedAt).slice(0, 10)) - day(f.period.end),
};

function shareRound(d: F): boolean {
  return (
    typeof d.perMemberShareCny === 'number' &&
    typeof d.amountToShareCny === 'number' &&
    typeof d.participatingMembers === 'number' &&
    d.participatingMembers > 0
  );
}

const from = (date: string) => ({ fact: 'asOfDay', operator: 'greaterThanInclusive', value: day(date) });
const c = (fact: string, operator: string, value: unknown) => ({ fact, operator, value });
const p = (path: string, operator: string, value: unknown) => ({ fact: 'filing', path, operator, value });
const shutdown = p('$.shutdown', 'notEqual', null);

/** The rules (history rules below): each fires when it is in force, applies, and its violation holds. */
export const BASELINE_RULES: { id: string; conditions: unknown }[] = [
  { id: 'DISC-001', conditions: { all: [from('2017-02-15'), c('maxGap', 'greaterThan', 17)] } },
  {
    id: 'DISC-002',
    conditions: {
      all: [
        from('2017-02-15'),
        c('disclosureCount', 'greaterThan', 0),
        c('missingFigures', 'greaterThan', 0),
      ],
    },
  },
  {
    id: 'DISC-003',
    conditions: {
      all: [
        from('2017-02-15'),
        c('disclosureCount', 'greaterThan', 0),
        c('lateDisclosures', 'greaterThan', 0),
      ],
    },
  },
  { id: 'EXIT-001', conditions: { all: [from('2017-02-15'), shutdown, c('noticeDays', 'lessThan', 30)] } },
  {
    id: 'EXIT-002',
    conditions: {
      all: [
        from('2017-02-15'),
        shutdown,
        {
          any: [
            p('$.shutdown.transitionCover', 'equal', false),
            p('$.shutdown.outstandingClaimsPlan', 'equal', false),
          ],
        },
      ],
    },
  },
  {
    id: 'EXIT-003',
    conditions: {
      all: [
        from('2017-02-15'),
        shutdown,
        {
          any: [
            p('$.shutdown.claimsWindowDays', 'equal', undefined),
            p('$.shutdown.claimsWindowDays', 'lessThan', 180),
          ],
        },
      ],
    },
  },
  {
    id: 'FEE-001',
    conditions: {
      all: [from('2017-02-15'), c('feeRounds', 'greaterThan', 0), c('feesOverCap', 'greaterThan', 0)],
    },
  },
  {
    id: 'FILE-001',
    conditions: { all: [from('2017-02-15'), { any: [c('submissionDays', 'greaterThan', 15), c('submissionDays', 'lessThan', 0)] }] },
  },
  {
    id: 'SHARE-001',
    conditions: {
      all: [from('2017-02-15'), c('shareRounds', 'greaterThan', 0), c('shareMismatches', 'greaterThan', 0)],
    },
  },
  {
    id: 'FUND-001',
    conditions: {
      all: [
        from('2017-02-22'),
        c('custodyFaults', 'greaterThan', 0),
      ],
    },
  },
  {
    id: 'FUND-002',
    conditions: {
      all: [
        from('2017-02-15'),
        {
          any: [
            p('$.funds.collectionModel', 'equal', 'pre-collection'),
            p('$.funds.preCollectedBalanceCny', 'greaterThan', 0),
          ],
        },
      ],
    },
  },
  { id: 'FUND-003', conditions: { all: [from('2017-02-15'), c('balanceRatio', 'greaterThan', 0.005)] } },
  {
    id: 'LIC-001',
    conditions: {
      all: [from('2009-10-01'), c('coveredProducts', 'greaterThan', 0), c('validLicenceCount', 'equal', 0)],
    },
  },
  {
    id: 'LIC-002',
    conditions: {
      all: [
        from('2017-02-15'),
        c('validLicenceCount', 'greaterThan', 0),
        c('licenceDaysLeft', 'lessThanInclusive', 90),
        c('licenceDaysLeft', 'greaterThanInclusive', 0),
      ],
    },
  },
  { id: 'MEM-001', conditions: { all: [from('2017-02-15'), p('$.members.active', 'lessThan', 100_000)] } },
  {
    id: 'MEM-002',
    conditions: {
      all: [
        from('2017-02-15'),
        p('$.members.activeAtPeriodStart', 'greaterThan', 0),
        c('lossRate', 'greaterThan', 0.1),
      ],
    },
  },
  {
    id: 'MKT-001',
    conditions: {
      all: [
        from('2017-02-15'),
        c('marketingCount', 'greaterThan', 0),
        c('marketingHits', 'greaterThan', 0),
        c('validLicenceCount', 'equal', 0),
      ],
    },
  },
  {
    id: 'NAME-001',
    conditions: {
      all: [from('2017-02-15'), c('nameHits', 'greaterThan', 0), c('validLicenceCount', 'equal', 0)],
    },
  },
  {
    id: 'PROD-001',
    conditions: {
      all: [from('2017-02-15'), c('productCount', 'greaterThan', 0), c('unregistered', 'greaterThan', 0)],
    },
  },
  {
    id: 'PROD-002',
    conditions: {
      all: [from('2017-02-15'), c('productCount', 'greaterThan', 0), c('feeAbove', 'greaterThan', 0)],
    },
  },
  {
    id: 'PROD-003',
    conditions: {
      all: [from('2017-02-15'), c('productCount', 'greaterThan', 0), c('waitingBelow', 'greaterThan', 0)],
    },
  },
];

/**
 * History, as a plain user would gather it: a first pass keeps each valid filing's id, period, members
 * and in-period mean share per platform; then what each filing's history rules compare it with (the
 * latest and earliest filing starting before it, the peak and the references of the windows) becomes a runtime fact.
 */
export interface BaselineRecord {
  id: string;
  start: number;
  end: number;
  active: number;
  /** The exact sum of the shares as written, as decimal text (a float sum can tie where the figures do not). */
  shareSum: string;
  shareCount: number;
}

/** The light record of a filing, for the baseline's history pass. */
export function baselineRecord(f: F): BaselineRecord {
  const start = day(f.period.start);
  const end = day(f.period.end);
  const shares = (f.disclosures as F[]).filter(
    (d) => d.perMemberShareCny !== undefined && day(d.publishedAt) >= start && day(d.publishedAt) <= end,
  );
  return {
    id: f.filingId,
    start,
    end,
    active: f.members.active,
    shareSum: shares
      .reduce((a: Decimal, d) => a.plus(new Decimal(String(d.perMemberShareCny))), new Decimal(0))
      .toString(),
    shareCount: shares.length,
  };
}

/** Each platform's records sorted by (end, id), from the first pass. */
export function baselineHistoryIndex(records: Map<string, BaselineRecord[]>): Map<string, BaselineRecord[]> {
  for (const list of records.values())
    list.sort((a, b) => a.end - b.end || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return records;
}

/** What the baseline's history rules compare a filing with (DESIGN §5.1, third edition). */
export interface BaselineHistory {
  latest: BaselineRecord | null;
  earliest: BaselineRecord | null;
  /** HIST-002: the most members in 365 days (ties: the earlier end, then id). */
  peak: BaselineRecord | null;
  /** HIST-003 (180 days) and HIST-004 (365 days): the earliest filing of the window with a share above 0. */
  shareReference: BaselineRecord | null;
  spiralReference: BaselineRecord | null;
}

const NO_HISTORY: BaselineHistory = { latest: null, earliest: null, peak: null, shareReference: null, spiralReference: null };

/** The `history` runtime fact of a filing: the platform's other filings that start before it, read plainly. */
export function baselineHistory(index: Map<string, BaselineRecord[]>, f: F): BaselineHistory {
  const earlier = (index.get(f.platform.id) ?? []).filter((r) => r.start < day(f.period.start));
  const end = day(f.period.end);
  const within = (days: number) => earlier.filter((r) => r.end >= end - days);
  const positive = (r: BaselineRecord) => r.shareCount > 0 && new Decimal(r.shareSum).gt(0);
  let peak: BaselineRecord | null = null;
  for (const r of within(365)) if (peak === null || r.active > peak.active) peak = r;
  return {
    latest: earlier.at(-1) ?? null,
    earliest: earlier[0] ?? null,
    peak,
    shareReference: within(180).find(positive) ?? null,
    spiralReference: within(365).find(positive) ?? null,
  };
}

/** `mine` above `factor` × the reference's mean share, or null when there is none to compare (ramp-up included). */
function shareAbove(f: F, h: BaselineHistory, ref: BaselineRecord | null, factor: string): boolean | null {
  if (!ref || ref.end - h.earliest!.end < 365) return null;
  const mine = baselineRecord(f);
  if (mine.shareCount === 0) return null;
  return new Decimal(mine.shareSum).times(ref.shareCount).gt(new Decimal(ref.shareSum).times(factor).times(mine.shareCount));
}

/** History facts, from the `history` runtime fact. */
const HISTORY_FACTS: Record<string, (f: F, h: BaselineHistory) => unknown> = {
  historyGapDays: (f, h) => (h.latest ? day(f.period.start) - h.latest.end : null),
  historyLossExceeds: (f, h) =>
    h.peak ? new Decimal(h.peak.active).minus(f.members.active).gt(new Decimal(h.peak.active).times('0.15')) : null,
  historyShareGrowth: (f, h) => shareAbove(f, h, h.shareReference, '2'),
  historySpiral: (f, h) => {
    const grew = shareAbove(f, h, h.spiralReference, '1.3');
    if (!grew) return grew;
    const ref = h.spiralReference!;
    return new Decimal(ref.active).minus(f.members.active).gt(new Decimal(ref.active).times('0.05'));
  },
};

BASELINE_RULES.push(
  { id: 'HIST-001', conditions: { all: [from('2017-02-15'), c('historyGapDays', 'greaterThan', 1)] } },
  { id: 'HIST-002', conditions: { all: [from('2017-02-15'), c('historyLossExceeds', 'equal', true)] } },
  { id: 'HIST-003', conditions: { all: [from('2017-02-15'), c('historyShareGrowth', 'equal', true)] } },
  { id: 'HIST-004', conditions: { all: [from('2017-02-15'), c('historySpiral', 'equal', true)] } },
);

/** A json-rules-engine Engine holding the baseline rules and facts. */
export function baselineEngine(only?: ReadonlySet<string>): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [id, fn] of Object.entries(FACTS)) {
    engine.addFact(id, async (_params: unknown, almanac: Almanac) =>
      fn(await almanac.factValue<F>('filing')),
    );
  }
  for (const [id, fn] of Object.entries(HISTORY_FACTS)) {
    engine.addFact(id, async (_params: unknown, almanac: Almanac) =>
      fn(await almanac.factValue<F>('filing'), await almanac.factValue('history')),
    );
  }
  for (const r of BASELINE_RULES.filter((x) => !only || only.has(x.id)))
    engine.addRule({
      name: r.id,
      conditions: r.conditions as never,
      event: { type: 'violation', params: { rule: r.id } },
    });
  return engine;
}

/** The ids of the rules that fail for a filing, sorted. */
export async function baselineFailures(
  engine: Engine,
  filing: unknown,
  history: BaselineHistory = NO_HISTORY,
): Promise<string[]> {
  const { events } = await engine.run({ filing, history });
  return events.map((e) => String(e.params?.rule)).sort();
}
