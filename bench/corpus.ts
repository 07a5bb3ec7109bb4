// A seeded generator of realistic filings, valid against the schema, where every rule passes, fails and
// (where it can) is not applicable somewhere. `node dist/bench/corpus.js --count N [--seed S] [--disclosures D] [--platforms P] [--out FILE]`
// (the history length of a filing grows with count / platforms).

import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Filing } from '../src/filing/types.js';

/** mulberry32: a small, fast, seeded PRNG so the same seed always gives the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const USCC = '91330100MA27Y5LH96';
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const PLATFORM_NAMES = [
  '相互宝',
  '水滴互助',
  '轻松互助',
  '灯火互助',
  '美团互助',
  '康爱公社',
  'E互助',
  '悟空互助',
  '相互保',
  '环保互助',
  '互助保險',
  '互助\u200b保\u200d障',
];
const PRODUCT_NAMES = [
  '大病互助计划',
  '抗癌计划',
  '重疾保障计划',
  '老年防癌互助',
  '少儿大病互助',
  '意外互助计划',
];
const TEXTS = [
  '每月两次分摊，公开透明',
  '本计划不承诺赔付',
  '足额赔付，安心无忧',
  '互联网+保险创新',
  '政府监管，放心加入',
  '承 诺赔付',
  '案件全部公示',
];

/** One filing; `i` makes the filing id unique, `disclosures` sets how many disclosures it lists. */
export function makeFiling(r: () => number, i: number, disclosures = 24, platforms = 200): Filing {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const platformNo = Math.floor(r() * platforms);
  // half the filings use schema 2 (licences name their holder; disclosures may count who shared)
  const v2 = chance(0.5);
  // period ends between 2016-06 and 2022-06, so some fall before rules take effect
  const end = Date.UTC(2016, 5, 1) + Math.floor(r() * 6 * 365) * DAY;
  const start = end - 14 * DAY;
  const licensed = chance(0.3);
  const holder = v2 ? { holderUscc: USCC } : {};
  const licences: Filing['licenses'] = licensed
    ? [
        {
          type: pick(['insurance', 'mutual-insurance'] as const),
          number: `L-${platformNo}`,
          issuer: 'CBIRC',
          validFrom: '2015-01-01',
          validUntil: chance(0.5) ? null : iso(end + Math.floor(r() * 200 - 20) * DAY),
          ...holder,
        },
      ]
    : chance(0.2)
      ? [
          {
            type: 'payment',
            number: `P-${platformNo}`,
            issuer: 'PBOC',
            validFrom: '2015-01-01',
            validUntil: null,
            ...holder,
          },
        ]
      : [];
  const productCount = chance(0.1) ? 0 : 1 + Math.floor(r() * 3);
  const products: Filing['products'] = [];
  for (let p = 0; p < productCount; p++) {
    products.push({
      id: `p${p}`,
      name: pick(PRODUCT_NAMES),
      kind: chance(0.85) ? 'mutual-aid' : 'insurance',
      registration: chance(0.7) ? { number: `R-${platformNo}-${p}`, date: '2019-01-01' } : null,
      waitingPeriodDays: pick([60, 89, 90, 91, 180]),
      managementFeeRate: pick([0.06, 0.0799, 0.08, 0.0801, 0.1]),
      payoutCapCny: pick([100000, 300000]),
      annualShareCapCny: chance(0.5) ? 188 : null,
      ageRange: { min: 0, max: 59 },
    });
  }
  const list: Filing['disclosures'] = [];
  // lateness and missing figures are habits of a platform, not of single rounds: decided per filing so
  // that DISC-002 and DISC-003 pass somewhere however many disclosures a filing lists
  const lateProne = chance(0.3);
  const sloppy = chance(0.3);
  const overcharges = chance(0.3);
  const step = chance(0.8) ? 15 : 17 + Math.floor(r() * 10);
  for (let d = disclosures - 1; d >= 0; d--) {
    const pub = end - d * step * DAY - (chance(0.05) ? 3 * DAY : 0);
    const periodEnd = pub - (!lateProne || chance(0.9) ? Math.floor(r() * 5) : 6 + Math.floor(r() * 5)) * DAY;
    const entry: Filing['disclosures'][number] = {
      publishedAt: iso(pub),
      periodStart: iso(periodEnd - 14 * DAY),
      periodEnd: iso(periodEnd),
    };
    if (!sloppy || chance(0.9)) {
      // the fee as a share of the aid, around FEE-001's 8 % cap; the share per member times the members who
      // shared gives what members shared, now and then off by more than SHARE-001's 1 % (schema 2 only)
      const aid = 1e6 + Math.floor(r() * 5e8);
      const fee = Math.floor(
        aid * (overcharges && chance(0.2) ? pick([0.0801, 0.1]) : pick([0.06, 0.07, 0.08])),
      );
      // whole fen divided once: 1 + 193 / 100 would be 2.9299999999999997, refused as too precise (DESIGN §3)
      const share = (100 + Math.round(r() * 800)) / 100;
      Object.assign(entry, {
        cases: 100 + Math.floor(r() * 3000),
        amountToShareCny: aid + fee,
        perMemberShareCny: share,
        managementFeeCny: fee,
      });
      if (v2 && chance(0.7))
        Object.assign(entry, {
          participatingMembers: Math.max(
            1,
            Math.round(((aid + fee) / share) * (chance(0.9) ? 1 : pick([0.95, 1.05]))),
          ),
        });
    }
    list.push(entry);
  }
  const atStart = chance(0.05) ? 0 : 500_000 + Math.floor(r() * 80_000_000);
  const active =
    atStart === 0
      ? Math.floor(r() * 1000)
      : Math.floor(atStart * (chance(0.85) ? 0.95 + r() * 0.1 : 0.7 + r() * 0.2));
  const ledger = chance(0.05) ? 0 : 1_000_000 + Math.floor(r() * 1e9);
  const filing: Filing = {
    schemaVersion: v2 ? 2 : 1,
    filingId: `f-${i}`,
    supersedes: null,
    platform: {
      id: `platform-${platformNo}`,
      name: pick(PLATFORM_NAMES),
      operator: { name: '某科技有限公司', uscc: USCC },
    },
    period: { start: iso(start), end: iso(end) },
    submittedAt: `${iso(end + pick([1, 1, 2, 15, 16]) * DAY)}T09:00:00+08:00`,
    licenses: licences,
    products,
    funds: {
      collectionModel: chance(0.1) ? 'pre-collection' : 'post-event-sharing',
      custody: chance(0.8)
        ? { bank: '某商业银行', segregated: chance(0.9), accountOpenedAt: '2018-10-01' }
        : { bank: null, segregated: false, accountOpenedAt: null },
      preCollectedBalanceCny: chance(0.1) ? Math.floor(r() * 1e7) : 0,
      ledgerBalanceCny: ledger,
      custodyBalanceCny: ledger === 0 ? 0 : Math.floor(ledger * (chance(0.85) ? 1 : 0.98 + r() * 0.015)),
    },
    members: { active, activeAtPeriodStart: atStart },
    disclosures: list,
    shutdown: chance(0.15)
      ? {
          announcedAt: iso(end - 40 * DAY),
          effectiveAt: iso(end - 40 * DAY + pick([5, 16, 29, 30, 31]) * DAY),
          transitionCover: chance(0.6),
          outstandingClaimsPlan: chance(0.8),
          ...(chance(0.8) ? { claimsWindowDays: pick([7, 179, 180, 181]) } : {}),
        }
      : null,
  };
  if (chance(0.8))
    filing.marketing = [{ channel: 'app', publishedAt: iso(end - 30 * DAY), text: pick(TEXTS) }];
  return filing;
}

/** `count` filings as NDJSON lines. */
export function* corpus(count: number, seed = 1, disclosures = 24, platforms = 200): Generator<string> {
  const r = rng(seed);
  for (let i = 0; i < count; i++) yield JSON.stringify(makeFiling(r, i, disclosures, platforms));
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const count = Number(arg('count', '1000'));
  const seed = Number(arg('seed', '1'));
  const disclosures = Number(arg('disclosures', '24'));
  const platforms = Number(arg('platforms', '200'));
  const outPath = arg('out', '-');
  const out: NodeJS.WritableStream = outPath === '-' ? process.stdout : createWriteStream(outPath);
  for (const line of corpus(count, seed, disclosures, platforms)) {
    if (!out.write(line + '\n')) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  if (out !== process.stdout) out.end();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e: unknown) => {
    process.stderr.write(`corpus: ${(e as Error).message}\n`);
    process.exit(2);
  });
}
