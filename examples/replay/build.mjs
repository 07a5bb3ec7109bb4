// The replay (examples/replay/README.md): the published timelines of 相互宝, 水滴互助, 轻松互助, 美团互助 and
// 灯火互助 from 2018 to their closures, two filings a month (1st–15th, 16th–end of month), in filing schema 2.
// Every figure comes from /work/shared/domain/facts.md or the source article, or is interpolated between
// figures that do, or is invented; README.md lists which is which. Plain Node, no dependencies, no clock and
// no randomness: the same file every run.
//
//   node examples/replay/build.mjs            writes examples/replay/filings.ndjson
//   node examples/replay/build.mjs --check    exits 1 if the file on disk differs from what it would write

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('./filings.ndjson', import.meta.url));

// ---- dates: calendar days as whole numbers (UTC), never local time ----

const DAY = 86_400_000;
/** Day number of a YYYY-MM-DD date. */
const day = (s) => {
  const [y, m, d] = s.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY;
};
/** YYYY-MM-DD of a day number. */
const iso = (n) => new Date(n * DAY).toISOString().slice(0, 10);
const lastOfMonth = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n) => String(n).padStart(2, '0');

// ---- GB 32100-2015 check character (as src/filing/uscc.ts) ----

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** A USCC from its first 17 characters, with the check character appended. */
function uscc(first17) {
  if (first17.length !== 17) throw new Error(`uscc: 17 characters expected, got ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]);
    if (v < 0) throw new Error(`uscc: ${first17[i]} is not allowed`);
    sum += v * WEIGHTS[i];
  }
  const c = 31 - (sum % 31);
  return first17 + ALPHABET[c === 31 ? 0 : c];
}

// Invented codes (README: "invented: no source"): 91 = a company, then a region code, then "MA" and seven
// characters spelling the role, so no code here is taken from a real register.
const CODES = {
  xhbAgency: uscc('91330100MA2RPAGT0'), // the insurance agency that sold 相互保 (2018)
  xhbOperator: uscc('91330100MA2RPXHB0'), // 相互宝's operator after the rename
  xinmei: uscc('91110000MA2RPXM00'), // 信美人寿相互保险社, the underwriter of 相互保
  shuidi: uscc('91110105MA2RP5D00'),
  qingsong: uscc('91110105MA2RPQ500'),
  meituan: uscc('91110108MA2RPMT00'),
  denghuo: uscc('91440300MA2RPDH00'),
};

// ---- interpolation ----

/**
 * A figure by date: linear between anchors [date, value], held at the first anchor's value before it and
 * at the last one's after it (the replay invents no trend where no source gives one).
 */
function piecewise(anchors) {
  const pts = anchors.map(([d, v]) => [day(d), v]);
  return (n) => {
    if (n <= pts[0][0]) return pts[0][1];
    for (let i = 1; i < pts.length; i++) {
      const [d1, v1] = pts[i];
      if (n <= d1) {
        const [d0, v0] = pts[i - 1];
        return v0 + ((v1 - v0) * (n - d0)) / (d1 - d0);
      }
    }
    return pts[pts.length - 1][1];
  };
}

/** Members counted to the nearest thousand (every sourced count is a whole number of thousands). */
const thousands = (x) => Math.round(x / 1000) * 1000;

/**
 * A yearly share (in cents) spread over the year's 24 rounds so that the rounds add up to it exactly:
 * round i of the year gets floor((i+1)·T/24) − floor(i·T/24) cents.
 */
const spread = (totalCents, i) => Math.floor(((i + 1) * totalCents) / 24) - Math.floor((i * totalCents) / 24);

// ---- the five platforms ----

/** 相互宝's average aid per case: 179,127 members helped, about 14.5万 each (the source article). */
const AID_PER_CASE = 145_000;
// 相互宝's fee: 8 % of each round's aid (facts.md); invented for the other four (disclosure() below).

const noticeXhb = '2021-12-28';
const xhbMembers = piecewise([
  ['2018-10-15', 0], // launched 2018-10-16 (facts.md)
  ['2019-08-09', 80_000_000], // 80 million on 2019-08-09 (article)
  ['2019-11-09', 100_000_000], // 100 million three months later (article)
  ['2021-01-01', 101_008_000], // 87.298 M by June 2021 + 13.71 M lost since the start of the year (facts.md)
  ['2021-06-30', 87_298_000], // facts.md
  ['2021-12-28', 75_000_000], // about 75 million at closure (facts.md; article)
]);
/** 相互宝's share per member of its rounds of January–March 2019: 0.05 → 1.48 yuan (facts.md). */
const xhbRampShare = piecewise([
  ['2019-01-28', 0.05],
  ['2019-03-28', 1.48],
]);

const PLATFORMS = [
  {
    id: 'xianghubao',
    first: '2018-10-16',
    notice: noticeXhb,
    shutdown: {
      announcedAt: noticeXhb,
      effectiveAt: '2022-01-28',
      transitionCover: true,
      outstandingClaimsPlan: true,
      claimsWindowDays: 180,
    },
    members: (n) => thousands(xhbMembers(n)),
    /** The round of a day: what members share, and what the platform bore itself. */
    round(n, members) {
      if (n <= day('2019-01-14')) return { share: 0 }; // the 90-day waiting period: no case yet
      if (n <= day('2019-03-28')) return { share: Math.round(xhbRampShare(n) * 100) };
      const d = iso(n);
      // the round deducted on the day of the notice and January 2022's two, borne by 相互宝 (facts.md)
      const borne = { '2021-12-28': 560_000_000, '2022-01-14': 560_000_000, '2022-01-28': 580_000_000 }[d];
      if (borne !== undefined) return { borneCny: borne };
      // between the ramp-up's last round and December 2021's 5.6亿: the round's amount linear by date
      const from = day('2019-03-28');
      const a0 = 1.48 * this.members(from);
      const a1 = 560_000_000;
      const amount = a0 + ((a1 - a0) * (n - from)) / (day('2021-12-28') - from);
      return { share: Math.round((amount / members) * 100) };
    },
  },
  {
    id: 'shuidi',
    first: '2018-01-01',
    notice: '2021-03-26',
    shutdown: {
      announcedAt: '2021-03-26',
      effectiveAt: '2021-03-31',
      transitionCover: false,
      outstandingClaimsPlan: true,
      claimsWindowDays: 180,
    },
    members: (n) =>
      thousands(
        piecewise([
          ['2018-12-31', 43_000_000], // 43 million at peak (facts.md); the date is invented
          ['2019-09-30', 19_900_000], // under 20 million by Sept 2019 (facts.md)
          ['2020-08-31', 13_120_000], // 13.12 million by Aug 2020 (facts.md)
        ])(n),
      ),
    round(n) {
      // the yearly share per member: 9.3 yuan in 2018, 43.9 in 2019 (facts.md); 2019's held after (invented)
      const d = iso(n);
      const year = Number(d.slice(0, 4));
      const i = (Number(d.slice(5, 7)) - 1) * 2 + (Number(d.slice(8, 10)) > 15 ? 1 : 0);
      return { share: spread(year === 2018 ? 930 : 4390, i) };
    },
  },
  {
    id: 'qingsong',
    first: '2018-01-01',
    notice: '2021-03-24',
    shutdown: {
      announcedAt: '2021-03-24',
      effectiveAt: '2021-03-24',
      transitionCover: false,
      outstandingClaimsPlan: true,
      claimsWindowDays: 7,
    },
    members: () => 20_000_000, // invented: no source
    round: () => ({ share: 100 }), // invented: no source
  },
  {
    id: 'meituan',
    first: '2018-01-01',
    notice: '2021-01-15',
    shutdown: {
      announcedAt: '2021-01-15',
      effectiveAt: '2021-01-31',
      transitionCover: false,
      outstandingClaimsPlan: true,
      claimsWindowDays: 180,
    },
    members: () => 10_000_000, // invented: no source
    round: () => ({ share: 100 }), // invented: no source
  },
  {
    id: 'denghuo',
    first: '2018-01-01',
    notice: '2020-08-01',
    shutdown: {
      announcedAt: '2020-08-01',
      effectiveAt: '2020-08-31',
      transitionCover: false,
      outstandingClaimsPlan: false,
    },
    // invented: 1,000,000 at the start of 2018 (no source), falling to just under the plan's own floor of
    // 500,000 (facts.md, L) by the notice
    members: (n) =>
      thousands(
        piecewise([
          ['2017-12-31', 1_000_000],
          ['2020-08-01', 499_000],
        ])(n),
      ),
    round: () => ({ share: 100 }), // invented: no source
  },
];

const NAMES = {
  xianghubao: '相互宝',
  shuidi: '水滴互助',
  qingsong: '轻松互助',
  meituan: '美团互助',
  denghuo: '灯火互助',
};
const OPERATOR_NAMES = {
  xianghubao: '某科技有限公司（相互宝运营方，名称虚构）',
  shuidi: '某科技有限公司（水滴互助运营方，名称虚构）',
  qingsong: '某科技有限公司（轻松互助运营方，名称虚构）',
  meituan: '某科技有限公司（美团互助运营方，名称虚构）',
  denghuo: '某科技有限公司（灯火互助运营方，名称虚构）',
};
const LAUNCH_OR_REPLAY_START = {
  xianghubao: '2018-10-16',
  shuidi: '2018-01-01',
  qingsong: '2018-01-01',
  meituan: '2018-01-01',
  denghuo: '2018-01-01',
};

/** 相互保 → 相互宝: renamed on 2018-11-26, 13 days after 2018-11-13 (article); an agency until then. */
const RENAME = day('2018-11-26');

// ---- a disclosure of one round ----

/** Round days: the 14th and 28th of each month (相互宝's rhythm, facts.md; invented for the others). */
function roundDays(from, to) {
  const out = [];
  for (let n = from; n <= to; n++) {
    const dd = iso(n).slice(8, 10);
    if (dd === '14' || dd === '28') out.push(n);
  }
  return out;
}

/** The previous round day before n (the day after it starts the round's period). */
function previousRoundDay(n) {
  for (let k = n - 1; ; k--) {
    const dd = iso(k).slice(8, 10);
    if (dd === '14' || dd === '28') return k;
  }
}

/** Yuan from cents, as a JSON number. */
const yuan = (cents) => Number(cents) / 100;

function disclosure(p, n) {
  const members = p.members(n);
  const r = p.round(n, members);
  // the round's cases: from the day after the previous round day (相互宝's first from its launch)
  const start = Math.max(previousRoundDay(n) + 1, p.id === 'xianghubao' ? day(p.first) : -Infinity);
  let amountCents;
  let borneCents = 0n;
  let shareCents;
  let participating;
  if (r.borneCny !== undefined) {
    amountCents = BigInt(r.borneCny) * 100n;
    borneCents = amountCents;
    shareCents = 0n;
    participating = 0; // no member shared the round: the platform paid it
  } else {
    shareCents = BigInt(r.share);
    participating = members;
    // members are whole thousands, so the amount is a whole number of yuan and the shares add up exactly
    amountCents = shareCents * BigInt(members);
  }
  // the fee is 8 % of the aid, and the aid plus the fee is the amount to share (DESIGN §3): the aid is
  // rounded up to the cent, so the fee never exceeds 8 % of it
  const aidCents = (amountCents * 100n + 107n) / 108n;
  const feeCents = amountCents - aidCents;
  const cases = Number((aidCents + BigInt(AID_PER_CASE * 50)) / BigInt(AID_PER_CASE * 100));
  return {
    publishedAt: iso(n),
    periodStart: iso(start),
    periodEnd: iso(n),
    cases,
    amountToShareCny: yuan(amountCents),
    perMemberShareCny: yuan(shareCents),
    managementFeeCny: yuan(feeCents),
    participatingMembers: participating,
    borneByPlatformCny: yuan(borneCents),
  };
}

// ---- products and licences ----

function products(p, start, end) {
  const year = iso(end).slice(0, 4);
  // 188 yuan per member for 2019, the excess borne by the platform (facts.md); no cap known for other years
  const annualShareCapCny = p.id === 'xianghubao' && year === '2019' ? 188 : null;
  if (p.id === 'xianghubao') {
    const agency = end < RENAME;
    const main = {
      id: 'critical-illness',
      name: agency ? '相互保大病互助' : '大病互助计划',
      kind: agency ? 'insurance' : 'mutual-aid',
      ...(agency ? { underwriterUscc: CODES.xinmei } : {}),
      registration: null,
      waitingPeriodDays: 90,
      managementFeeRate: 0.08,
      payoutCapCny: 300_000,
      annualShareCapCny,
      ageRange: { min: 0, max: 59 },
    };
    const out = [main];
    // the 60–70 cancer plan from 2019-05-08 (facts.md)
    if (end >= day('2019-05-08')) {
      out.push({
        id: 'cancer-60-70',
        name: '老年防癌计划',
        kind: 'mutual-aid',
        registration: null,
        waitingPeriodDays: 90,
        managementFeeRate: 0.08,
        payoutCapCny: 100_000,
        annualShareCapCny,
        ageRange: { min: 60, max: 70 },
      });
    }
    return out;
  }
  return [
    {
      id: 'critical-illness',
      name: '大病互助计划',
      kind: 'mutual-aid',
      registration: null,
      waitingPeriodDays: 90,
      managementFeeRate: 0.08,
      payoutCapCny: 300_000,
      annualShareCapCny: null,
      ageRange: { min: 0, max: 59 },
    },
  ];
}

function licences(p, end) {
  if (p.id !== 'xianghubao' || end >= RENAME) return []; // none held an insurance licence
  return [
    // the agency that sold 相互保, and 信美相互's licence (held by 信美, not by the operator)
    { type: 'insurance-agency', number: 'INVENTED-AG-0001', issuer: 'CBIRC', holderUscc: CODES.xhbAgency, validFrom: '2016-01-01', validUntil: null },
    { type: 'mutual-insurance', number: 'INVENTED-MI-0001', issuer: 'CBIRC', holderUscc: CODES.xinmei, validFrom: '2017-05-01', validUntil: null },
  ];
}

// ---- the filings ----

function* halfMonths(first, last) {
  const f = day(first);
  const l = day(last);
  for (let y = 2017; y <= 2022; y++) {
    for (let m = 1; m <= 12; m++) {
      for (const half of ['a', 'b']) {
        let s = day(`${y}-${pad(m)}-${half === 'a' ? '01' : '16'}`);
        let e = day(`${y}-${pad(m)}-${half === 'a' ? '15' : pad(lastOfMonth(y, m))}`);
        if (e < f || s > l) continue;
        s = Math.max(s, f);
        e = Math.min(e, l);
        yield { id: `${y}-${pad(m)}${half}`, start: s, end: e };
      }
    }
  }
}

function filing(p, period) {
  const { start, end } = period;
  const agency = p.id === 'xianghubao' && end < RENAME;
  const name = agency ? '相互保' : NAMES[p.id];
  const operator = agency
    ? { name: '某保险代理有限公司（相互保代理销售方，名称虚构）', uscc: CODES.xhbAgency }
    : { name: OPERATOR_NAMES[p.id], uscc: p.id === 'xianghubao' ? CODES.xhbOperator : CODES[p.id] };
  const disclosures = roundDays(start, end).map((n) => disclosure(p, n));
  return {
    schemaVersion: 2,
    filingId: `${p.id}-${period.id}`,
    supersedes: null,
    platform: { id: p.id, name, operator },
    period: { start: iso(start), end: iso(end) },
    submittedAt: `${iso(end + 1)}T09:00:00+08:00`,
    licenses: licences(p, end),
    products: products(p, start, end),
    funds: {
      collectionModel: 'post-event-sharing',
      custody: { bank: '某商业银行（虚构）', segregated: true, accountOpenedAt: LAUNCH_OR_REPLAY_START[p.id] },
      preCollectedBalanceCny: 0,
      ledgerBalanceCny: 0,
      custodyBalanceCny: 0,
    },
    members: {
      active: p.members(end),
      // the count the day before the period starts: the previous filing's closing count
      activeAtPeriodStart: p.members(start - 1),
    },
    disclosures,
    shutdown: end >= day(p.shutdown.announcedAt) ? { ...p.shutdown } : null,
  };
}

const lines = [];
for (const p of PLATFORMS) {
  for (const period of halfMonths(p.first, p.shutdown.effectiveAt)) lines.push(JSON.stringify(filing(p, period)));
}
const text = lines.join('\n') + '\n';

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {
    // missing: differs
  }
  if (current !== text) {
    console.error('examples/replay/filings.ndjson is not what build.mjs writes: run node examples/replay/build.mjs');
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${lines.length} filings (${text.length} bytes) to examples/replay/filings.ndjson`);
}
