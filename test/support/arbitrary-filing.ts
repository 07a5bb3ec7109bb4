// fast-check arbitraries of VALID filings (schema and semantic checks pass), biased to the values where
// rules change their mind: effective dates, parameter boundaries (N−1/N/N+1), restricted terms and the
// tricks that hide them. Both schema versions: schema 2 with licences held by the operator or by a
// partner, underwriters, and the shares arithmetic near SHARE-001's tolerance. Shared by the
// differential test and the benchmark.

import fc from 'fast-check';
import type {
  Disclosure,
  Filing,
  Licence,
  MarketingText,
  Product,
  Shutdown,
} from '../../src/filing/types.js';

const DAY = 86_400_000;

/** `YYYY-MM-DD` plus `days` (calendar days, UTC). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

/** Days from 1970-01-01 to a date, for picking dates in a range. */
const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Dates where rules take effect (and the days either side), plus the ordinary ones in between. */
export const EDGE_DATES = [
  '2009-09-30',
  '2009-10-01',
  '2017-02-14',
  '2017-02-15',
  '2017-02-21',
  '2017-02-22',
  '2017-02-23',
] as const;

/** A period end: an edge date or any day from 2008 to 2024. */
export const periodEndArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...EDGE_DATES) },
  { weight: 4, arbitrary: fc.integer({ min: dayOf('2008-01-01'), max: dayOf('2024-12-31') }).map(dateOf) },
);

/** Names with and without restricted terms, and the tricks that should not hide them. */
export const NAMES = [
  '相互宝',
  '水滴互助',
  '轻松互助',
  '环保互助',
  '相互保',
  '互助保險計劃',
  '互助\u200b保\u200d障',
  '重疾保障计划',
  '大病互助计划',
  'ＡＢＣ互助',
  '互助 保 险',
  '抗癌计划',
  '环保保障互助',
  'E互助',
] as const;

/** Marketing texts: clean ones, allowed disclaimers, restricted terms and hidden ones. */
export const TEXTS = [
  '每月两次分摊，公开透明',
  '本计划不承诺赔付',
  '承诺赔付，安心无忧',
  '承 诺赔付',
  '足额赔付',
  '互联网+保险创新',
  '政府监管，放心加入',
  '缴纳保费即可加入',
  '提取准备金',
  '本计划不承诺赔付；我们承诺赔付',
  '案件全部公示',
  'ＡＢＣ',
] as const;

/** Valid USCCs (GB 32100 check digits): an operator's, and partners' that may hold licences or underwrite. */
export const USCCS = ['91330100MA27Y5LH96', '91110000802100433B', '91440300708461136T'] as const;

/** Which schema versions to generate: one, or both (the default). */
export interface FilingArbOptions {
  version?: 1 | 2;
}

/** Schema 1's last period end (it is refused from 2027-01-01), and schema 2's later ends around it. */
const V1_LAST_END = '2026-12-31';
const v2EndArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: periodEndArb },
  { weight: 1, arbitrary: fc.constantFrom(V1_LAST_END, '2027-01-01') },
  { weight: 1, arbitrary: fc.integer({ min: dayOf('2025-01-01'), max: dayOf('2027-12-31') }).map(dateOf) },
);

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const offsetArb = (edges: readonly number[], min: number, max: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...edges) },
    { weight: 1, arbitrary: fc.integer({ min, max }) },
  );

/** A licence; in schema 2 held mostly by the operator, sometimes by a partner. */
function licenceArb(end: string, version: 1 | 2, operator: string): fc.Arbitrary<Licence> {
  return fc
    .record({
      holder: fc.oneof(
        { weight: 3, arbitrary: fc.constant(operator) },
        { weight: 1, arbitrary: pick(USCCS) },
      ),
      type: pick(['insurance', 'mutual-insurance', 'insurance-agency', 'payment', 'other'] as const),
      fromOffset: offsetArb([-3650, -400, 1, 0, -1], -4000, 30),
      // validUntil relative to period.end: expired, the day, the LIC-002 window edges, far away, open-ended
      untilOffset: fc.option(offsetArb([-1, 0, 1, 89, 90, 91, 365], -30, 800), { nil: null, freq: 4 }),
      n: fc.integer({ min: 1, max: 999 }),
    })
    .map(({ holder, type, fromOffset, untilOffset, n }) => {
      const validFrom = addDays(end, fromOffset);
      let validUntil = untilOffset === null ? null : addDays(end, untilOffset);
      if (validUntil !== null && validUntil < validFrom) validUntil = validFrom;
      const licence: Licence = {
        type,
        number: `L-${n}`,
        issuer: type === 'payment' ? 'PBOC' : 'CBIRC',
        validFrom,
        validUntil,
      };
      if (version === 2) licence.holderUscc = holder;
      return licence;
    });
}

/** A product; in schema 2 with no underwriter, a null one, or a USCC (perhaps a licence holder's). */
function productArb(end: string, version: 1 | 2): fc.Arbitrary<Product> {
  return fc
    .record({
      underwriter: fc.option(fc.option(pick(USCCS), { nil: null }), { nil: undefined }),
      name: pick(NAMES),
      kind: pick(['mutual-aid', 'mutual-aid', 'insurance'] as const),
      registered: fc.boolean(),
      waitingPeriodDays: offsetArb([0, 89, 90, 91, 180], 0, 400),
      managementFeeRate: fc.oneof(
        pick([0, 0.05, 0.0799, 0.08, 0.0801, 0.12, 1]),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
      payoutCapCny: pick([0, 100000, 300000]),
      annualShareCapCny: fc.option(pick([0, 188, 365.5]), { nil: null }),
      ageMin: fc.integer({ min: 0, max: 30 }),
      ageSpan: fc.integer({ min: 0, max: 60 }),
    })
    .map((p) => ({
      id: 'product',
      name: p.name,
      kind: p.kind,
      registration: p.registered ? { number: 'REG-2019-0001', date: addDays(end, -500) } : null,
      waitingPeriodDays: p.waitingPeriodDays,
      managementFeeRate: p.managementFeeRate,
      payoutCapCny: p.payoutCapCny,
      annualShareCapCny: p.annualShareCapCny,
      ageRange: { min: p.ageMin, max: p.ageMin + p.ageSpan },
      ...(version === 2 && p.underwriter !== undefined ? { underwriterUscc: p.underwriter } : {}),
    }));
}

/**
 * Schema 2's figures for a disclosure: participatingMembers and borneByPlatformCny, each optional,
 * with the per-member share often set so the shares add up to within SHARE-001's 1 % or just beyond.
 */
function sharesArb(d: Disclosure): fc.Arbitrary<Disclosure> {
  const amount = d.amountToShareCny;
  return fc
    .record({
      participating: fc.option(fc.oneof(pick([0, 1, 2_000_000]), fc.integer({ min: 0, max: 80_000_000 })), {
        nil: undefined,
      }),
      // the part the platform paid: none, all of it, or a share (never more than amountToShareCny)
      borneShare: fc.option(pick([0, 1, 0.25]), { nil: undefined }),
      // perMemberShareCny × participatingMembers ÷ (amountToShareCny − borneByPlatformCny)
      ratio: fc.option(pick([1, 0.99, 1.01, 0.9899, 1.0101, 0.5]), { nil: undefined }),
    })
    .map(({ participating, borneShare, ratio }) => {
      const out: Disclosure = { ...d };
      if (participating !== undefined) out.participatingMembers = participating;
      if (borneShare !== undefined)
        out.borneByPlatformCny =
          amount === undefined ? Math.round(borneShare * 1000) : Math.round(amount * borneShare * 100) / 100;
      if (amount !== undefined && out.borneByPlatformCny !== undefined && out.borneByPlatformCny > amount)
        out.borneByPlatformCny = amount;
      if (ratio !== undefined && amount !== undefined && participating !== undefined && participating > 0) {
        out.perMemberShareCny = ((amount - (out.borneByPlatformCny ?? 0)) * ratio) / participating;
      }
      return out;
    });
}

function disclosureArb(start: string, end: string): fc.Arbitrary<Disclosure> {
  return fc
    .record({
      // published relative to period.start: well before, the DISC-001 gap edges, inside, after period.end
      anchor: pick(['start', 'end'] as const),
      offset: offsetArb([-17, -16, -15, -1, 0, 1, 15, 16, 17], -40, 40),
      // DISC-003: published N days after its periodEnd, or before it (third edition)
      delay: offsetArb([-1, 0, 1, 4, 5, 6, 30], -3, 60),
      span: fc.integer({ min: 0, max: 20 }),
      figures: fc.record(
        {
          cases: fc.integer({ min: 0, max: 5000 }),
          amountToShareCny: fc.integer({ min: 0, max: 600_000_000 }),
          perMemberShareCny: pick([0, 1.15, 7.5]),
          managementFeeCny: fc.integer({ min: 0, max: 50_000_000 }),
        },
        { requiredKeys: [] },
      ),
      complete: fc.boolean(),
    })
    .map((d) => {
      const publishedAt = addDays(d.anchor === 'start' ? start : end, d.offset);
      const periodEnd = addDays(publishedAt, -d.delay);
      const periodStart = addDays(periodEnd, -d.span);
      const figures = d.complete
        ? {
            cases: 100,
            amountToShareCny: 2_000_000,
            perMemberShareCny: 1,
            managementFeeCny: 160_000,
            ...d.figures,
          }
        : d.figures;
      return { publishedAt, periodStart, periodEnd, ...figures };
    });
}

const marketingArb = (end: string): fc.Arbitrary<MarketingText> =>
  fc.record({
    channel: pick(['app', 'ad', 'weibo']),
    publishedAt: fc.integer({ min: -400, max: 0 }).map((o) => addDays(end, o)),
    text: pick(TEXTS),
  });

const shutdownArb = (end: string): fc.Arbitrary<Shutdown> =>
  fc
    .record({
      announcedOffset: fc.integer({ min: -60, max: 0 }),
      notice: offsetArb([0, 5, 16, 29, 30, 31], -5, 120),
      transitionCover: fc.boolean(),
      outstandingClaimsPlan: fc.boolean(),
      claimsWindowDays: fc.option(offsetArb([0, 7, 179, 180, 181], 0, 400), { nil: undefined }),
    })
    .map((s) => {
      const announcedAt = addDays(end, s.announcedOffset);
      return {
        announcedAt,
        effectiveAt: addDays(announcedAt, s.notice),
        transitionCover: s.transitionCover,
        outstandingClaimsPlan: s.outstandingClaimsPlan,
        ...(s.claimsWindowDays === undefined ? {} : { claimsWindowDays: s.claimsWindowDays }),
      };
    });

/**
 * Schema 2's agency case (DESIGN section 5, "a covered product"): the operator's agency licence, a
 * partner insurer's licence around period.end, and insurance products the partner underwrites (or not).
 */
function partnershipArb(
  end: string,
  operator: string,
): fc.Arbitrary<{ licences: Licence[]; underwrite: (p: Product) => Product }> {
  return fc
    .record({
      partner: pick(USCCS.filter((u) => u !== operator)),
      agencyUntil: fc.option(offsetArb([-1, 0, 1, 365], -30, 800), { nil: null }),
      partnerUntil: fc.option(offsetArb([-1, 0, 1, 365], -30, 800), { nil: null }),
      partnerType: pick(['insurance', 'mutual-insurance', 'payment'] as const),
      underwritten: fc.constantFrom('all', 'all', 'none', 'mutual-aid too'),
    })
    .map(({ partner, agencyUntil, partnerUntil, partnerType, underwritten }) => ({
      licences: [
        {
          type: 'insurance-agency' as const,
          number: 'AG-1',
          issuer: 'CBIRC',
          holderUscc: operator,
          validFrom: addDays(end, -400),
          validUntil: agencyUntil === null ? null : addDays(end, agencyUntil),
        },
        {
          type: partnerType,
          number: 'PI-1',
          issuer: partnerType === 'payment' ? 'PBOC' : 'CBIRC',
          holderUscc: partner,
          validFrom: addDays(end, -1000),
          validUntil: partnerUntil === null ? null : addDays(end, partnerUntil),
        },
      ],
      underwrite: (p: Product): Product =>
        underwritten === 'none' || (p.kind !== 'insurance' && underwritten !== 'mutual-aid too')
          ? p
          : { ...p, underwriterUscc: partner },
    }));
}

/** Ledger and custody balances: equal, both zero, and around the 0.5 % tolerance of FUND-003. */
const balancesArb = fc.oneof(
  fc.constant({ ledgerBalanceCny: 0, custodyBalanceCny: 0 }),
  fc.constant({ ledgerBalanceCny: 1_000_000, custodyBalanceCny: 1_000_000 }),
  fc.record({
    ledgerBalanceCny: pick([1_000_000]),
    custodyBalanceCny: pick([995_001, 995_000, 994_999, 0, 1_005_000]),
  }),
  fc.record({ ledgerBalanceCny: pick([995_000, 994_999, 0]), custodyBalanceCny: pick([1_000_000]) }),
  fc.record({
    ledgerBalanceCny: fc.integer({ min: 0, max: 10_000_000 }),
    custodyBalanceCny: fc.integer({ min: 0, max: 10_000_000 }),
  }),
);

/** Members around the MEM-001 floor and the MEM-002 loss rate (activeAtPeriodStart 0 included). */
const membersArb = fc
  .record({
    active: fc.oneof(
      pick([0, 99_999, 100_000, 100_001, 999_999, 1_000_000, 1_000_001, 75_000_000]),
      fc.integer({ min: 0, max: 100_000_000 }),
    ),
    // activeAtPeriodStart = active ÷ (1 − loss), loss around 10 %
    start: fc.oneof(pick(['zero', 'same'] as const), pick([0.0999, 0.1, 0.1001, 0.5, -0.2])),
    ageBands: fc.option(fc.tuple(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000)), { nil: undefined }),
  })
  .map(({ active, start, ageBands }) => {
    const activeAtPeriodStart =
      start === 'zero' ? 0 : start === 'same' ? active : Math.max(0, Math.round(active / (1 - start)));
    return {
      active,
      activeAtPeriodStart,
      ...(ageBands
        ? {
            ageBands: { '0-17': ageBands[0], '18-39': ageBands[1], '40-59': ageBands[2], '60+': ageBands[3] },
          }
        : {}),
    };
  });

/**
 * A valid filing; `id` makes its filingId unique. Schema 1 and 2 alike unless `opts.version` says
 * which; a schema 1 filing's period ends before 2027-01-01 (from then on it would be refused).
 */
export function filingArb(id = 'gen', opts: FilingArbOptions = {}): fc.Arbitrary<Filing> {
  const versionArb: fc.Arbitrary<1 | 2> =
    opts.version === undefined ? fc.constantFrom(1 as const, 2 as const) : fc.constant(opts.version);
  return versionArb
    .chain((version) =>
      fc.record({
        version: fc.constant(version),
        end: version === 1 ? periodEndArb.map((e) => (e > V1_LAST_END ? V1_LAST_END : e)) : v2EndArb,
        length: offsetArb([0, 14, 15, 16, 17, 29, 30], 0, 60),
        uscc: pick(USCCS),
      }),
    )
    .chain(({ version, end, length, uscc }) => {
      const start = addDays(end, -length);
      return fc
        .record({
          n: fc.integer({ min: 0, max: 1_000_000 }),
          platformId: pick(['xianghubao', 'shuidi', 'qingsong', 'denghuo', 'base-mutual']),
          platformName: pick(NAMES),
          supersedes: fc.option(fc.constant('earlier-filing'), { nil: undefined }),
          licenses: fc.array(licenceArb(end, version, uscc), { maxLength: 3 }),
          products: fc
            .array(productArb(end, version), { maxLength: 3 })
            .map((ps) => ps.map((p, i) => ({ ...p, id: `product-${i}` }))),
          funds: fc.record({
            collectionModel: pick(['post-event-sharing', 'post-event-sharing', 'pre-collection'] as const),
            custody: fc.oneof(
              fc.record({
                bank: fc.constant('某商业银行'),
                segregated: fc.boolean(),
                accountOpenedAt: fc.constant(addDays(end, -900)),
              }),
              // FUND-001 (third edition): names that name no bank or a foundation; the account's opening date around period.end
              fc.record({
                bank: pick(['某', '无', '某公益基金会', '某银行慈善基金会', 'China Merchants BANK', '某商業銀行']),
                segregated: fc.constant(true),
                accountOpenedAt: fc.option(pick([-1, 0, 1].map((o) => addDays(end, o))), { nil: null }),
              }),
              fc.constant({ bank: null, segregated: false, accountOpenedAt: null }),
              fc.constant({ bank: null, segregated: true, accountOpenedAt: null }),
              // blank names (DESIGN section 4): white space and invisible characters only
              fc.record({
                bank: pick(['  ', '\u3000', '\u200b\ufe0f']),
                segregated: fc.constant(true),
                accountOpenedAt: fc.constant(addDays(end, -900)),
              }),
            ),
            preCollectedBalanceCny: pick([0, 0, 0.01, 1, 5_000_000]),
            balances: balancesArb,
          }),
          members: membersArb,
          // FILE-001's boundary (15 days) in the filing's own offset, which is never converted
          submitted: fc.record({
            days: pick([-1, 0, 1, 14, 15, 16, 40]),
            at: pick(['T09:00:00+08:00', 'T23:30:00-05:00', 'T00:30:00+08:00', 'T12:00:00Z']),
          }),
          disclosures: fc.array(
            version === 2 ? disclosureArb(start, end).chain(sharesArb) : disclosureArb(start, end),
            { maxLength: 4 },
          ),
          marketing: fc.option(fc.array(marketingArb(end), { maxLength: 3 }), { nil: undefined }),
          shutdown: fc.option(shutdownArb(end), { nil: null, freq: 3 }),
          partnership: version === 2 ? fc.option(partnershipArb(end, uscc), { freq: 3 }) : fc.constant(null),
        })
        .map((g): Filing => ({
          schemaVersion: version,
          filingId: `${id}-${g.n}`,
          ...(g.supersedes === undefined ? {} : { supersedes: g.supersedes }),
          platform: {
            id: g.platformId,
            name: g.platformName,
            operator: { name: '某科技有限公司', uscc },
          },
          period: { start, end },
          submittedAt: `${addDays(end, g.submitted.days)}${g.submitted.at}`,
          licenses: g.partnership ? [...g.licenses, ...g.partnership.licences] : g.licenses,
          products: g.partnership ? g.products.map(g.partnership.underwrite) : g.products,
          funds: {
            collectionModel: g.funds.collectionModel,
            custody: g.funds.custody,
            preCollectedBalanceCny: g.funds.preCollectedBalanceCny,
            ...g.funds.balances,
          },
          members: g.members,
          disclosures: g.disclosures,
          ...(g.marketing === undefined ? {} : { marketing: g.marketing }),
          shutdown: g.shutdown,
        }));
    });
}
