// The watchlist (DESIGN §5.1): the platforms whose latest filing fails or is advisory on an early-warning
// rule, by how many, with the trend that put them there. Pure: the store and scans hand it outcomes and histories.

import { parametersOn } from './epochs.js';
import { exactOf, readableRatio, exact } from './exact.js';
import { windowOf, type HistoryDigest, type HistoryRecord } from './history.js';
import type { Outcome } from './report-model.js';
import type { Parameters } from '../rules/types.js';

/** The early-warning rules: the death spiral (HIST-004), its two signs (HIST-002, HIST-003) and a period's loss (MEM-002). */
export const WATCHED_RULES: readonly string[] = ['HIST-002', 'HIST-003', 'HIST-004', 'MEM-002'];
const WATCHED: ReadonlySet<string> = new Set(WATCHED_RULES);

/** Members and mean share at the reference filing and now (null where a figure does not exist). */
export interface WatchTrend {
  membersActive: [number | null, number];
  meanPerMemberShareCny: [number | null, number | null];
}

/** One platform on the watchlist. */
export interface WatchEntry {
  platformId: string;
  name: string;
  /** How many watched rules its latest filing fails; an advisory one counts half. */
  level: number;
  /** The watched rules it fails or is advisory on, in rule order. */
  rules: string[];
  filingId: string;
  asOf: string;
  trend: WatchTrend;
}

/** The part of a filing the trend reads: what its light history record holds. */
export type WatchSubject = Pick<HistoryRecord, 'filingId' | 'period' | 'membersActive' | 'shares'>;

const mean = (r: Pick<HistoryRecord, 'shares'>): number | null =>
  r.shares.count === 0 ? null : readableRatio(exactOf(r.shares.sum), exact(r.shares.count));

const windowDays = (params: Record<string, unknown>, name: string, fallback: number): number => {
  const v = Object.hasOwn(params, name) ? params[name] : undefined;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
};

/**
 * The trend of a filing from its history digest (what the judge judged it with): its members and mean
 * share now, and at HIST-004's reference — the earliest filing of `spiralWindowDays` (365) whose mean
 * share is above 0 — or, without one, the earliest filing of HIST-002's window (`historyMemberWindowDays`,
 * 365). The same figures whichever face judged it: the store, a scan, a worker.
 */
export function trendOf(subject: WatchSubject, digest: HistoryDigest, parameters: Parameters): WatchTrend {
  const params = parametersOn(parameters, subject.period.end);
  const spiral = windowOf(digest, windowDays(params, 'spiralWindowDays', 365));
  const members = windowOf(digest, windowDays(params, 'historyMemberWindowDays', 365));
  const reference = spiral?.reference ?? members?.first ?? null;
  return {
    membersActive: [reference ? reference.membersActive : null, subject.membersActive],
    meanPerMemberShareCny: [reference ? mean(reference) : null, mean(subject)],
  };
}

/**
 * The watchlist entry of a filing's outcome, or null when it fails and is advisory on no watched rule;
 * `trend` may be given as a function, read only for a filing the watchlist takes.
 */
export function watchEntry(outcome: Outcome, trend: WatchTrend | (() => WatchTrend)): WatchEntry | null {
  const flagged = outcome.findings.filter((f) => WATCHED.has(f.ruleId) && (f.status === 'fail' || f.status === 'advisory'));
  if (flagged.length === 0) return null;
  return {
    platformId: outcome.platformId,
    name: outcome.platformName,
    level: flagged.reduce((n, f) => n + (f.status === 'fail' ? 1 : 0.5), 0),
    rules: flagged.map((f) => f.ruleId),
    filingId: outcome.filingId,
    asOf: outcome.asOf,
    trend: typeof trend === 'function' ? trend() : trend,
  };
}

/** The watchlist's order: by level, then members now (the larger first: more people exposed), then platform id. */
export function compareWatchEntries(a: WatchEntry, b: WatchEntry): number {
  if (a.level !== b.level) return b.level - a.level;
  const ma = a.trend.membersActive[1];
  const mb = b.trend.membersActive[1];
  if (ma !== mb) return mb - ma;
  return a.platformId < b.platformId ? -1 : a.platformId > b.platformId ? 1 : 0;
}
