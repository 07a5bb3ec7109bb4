// Test support: generated filing series for history tests — several platforms, half-month periods,
// consecutive, gapped and (optionally) overlapping, members and shares moving, a correction that
// supersedes, interleaved in input order.

import type { Filing } from '../../src/filing/types.js';
import { addDays } from './arbitrary-filing.js';
import { makeFiling } from './filing-factory.js';

/** A small deterministic generator (mulberry32), so a failing series can be made again. */
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

export interface SeriesOptions {
  platforms: number;
  /** Periods per platform (some skipped: gaps). */
  periods: number;
  seed?: number;
  /** First period start of every platform. */
  from?: string;
  /** About one filing in ten runs a week into the next period, which the next filing's history then overlaps. */
  overlaps?: boolean;
}

/** One filing of a series: period `start`..`end`, members and one disclosure's share. */
export function seriesFiling(
  platform: string,
  id: string,
  start: string,
  end: string,
  members: number,
  share: number,
  supersedes: string | null = null,
): Filing {
  return makeFiling({
    '/filingId': id,
    '/supersedes': supersedes,
    '/platform/id': platform,
    '/period': { start, end },
    '/submittedAt': `${addDays(end, 1)}T09:00:00+08:00`,
    '/members': { active: members, activeAtPeriodStart: members },
    '/disclosures': [
      { publishedAt: end, periodStart: start, periodEnd: end, cases: 10, perMemberShareCny: share },
    ],
  });
}

/**
 * Series of half-month filings per platform, interleaved by period (platforms shuffled within a
 * period). About one period in seven is never filed (HIST-001), members fall and shares rise on some
 * platforms (HIST-002, HIST-003), and some filings are followed by a correction that supersedes them.
 */
export function historySeries(opts: SeriesOptions): Filing[] {
  const random = rng(opts.seed ?? 1);
  const out: Filing[][] = Array.from({ length: opts.periods }, () => []);
  for (let p = 0; p < opts.platforms; p++) {
    const platform = `plat-${p}`;
    const spiral = p % 3 === 0;
    let members = 1_000_000 + Math.floor(random() * 1_000_000);
    let share = Math.round((0.5 + random()) * 100) / 100;
    let start = opts.from ?? '2021-01-01';
    for (let k = 0; k < opts.periods; k++) {
      const end = addDays(start, 14 + (k % 2));
      members = Math.max(1, Math.round(members * (spiral ? 0.9 + random() * 0.05 : 0.98 + random() * 0.04)));
      share = Math.round(share * (spiral ? 1.1 + random() * 0.2 : 0.95 + random() * 0.1) * 100) / 100;
      if (random() >= 1 / 7) {
        const id = `${platform}-${String(k).padStart(4, '0')}`;
        const filedEnd = opts.overlaps && random() < 0.1 ? addDays(end, 7) : end;
        out[k]!.push(seriesFiling(platform, id, start, filedEnd, members, share));
        if (random() < 0.05)
          out[k]!.push(seriesFiling(platform, `${id}-fix`, start, filedEnd, members - 1, share, id));
      }
      start = addDays(end, 1);
    }
  }
  for (const period of out) {
    for (let i = period.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [period[i], period[j]] = [period[j]!, period[i]!];
    }
  }
  return out.flat();
}
