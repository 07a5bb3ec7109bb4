// Facts over a filing's history (HIST-001..004, DESIGN §5.1 revision 3): the days the history leaves
// unfiled, members against the peak of a window, the mean share against a window's reference, and both
// together (the death spiral), compared exactly (cross-multiplied, never divided).

import { addDays, dayNumber } from '../../filing/dates.js';
import type { Filing } from '../../filing/types.js';
import { cmp, exact, exactOf, minus, readable, readableRatio, times, type Exact } from '../exact.js';
import {
  emptyDigest,
  historyRecord,
  windowOf,
  type HistoryDigest,
  type HistoryRecord,
  type HistoryWindow,
} from '../history.js';
import { defineFact, type FactContext } from './types.js';

const none = { type: 'object', additionalProperties: false, properties: {} };
const digestOf = (ctx: FactContext): HistoryDigest => ctx.history ?? emptyDigest();

/** The not-applicable reason codes a history fact gives when a rule's `appliesWhen` on it is false. */
export type HistoryReasonCode = 'no_earlier_filing' | 'no_earlier_filing_in_window' | 'ramp_up';

/**
 * The window of a condition that gives no `windowDays`: revision 2's single `historyWindowDays`, so a
 * rule set written before revision 3 (a stored version judged again) still reads a window.
 */
export const DEFAULT_WINDOW_DAYS = 180;

const windowDaysParam = { type: 'integer', minimum: 0 };
const rampUpDaysParam = { type: 'integer', minimum: 0 };

/** The window days a condition's params ask for. */
function windowDaysOf(params: Record<string, unknown> | undefined): number {
  const v = params && Object.hasOwn(params, 'windowDays') ? params.windowDays : undefined;
  return typeof v === 'number' ? v : DEFAULT_WINDOW_DAYS;
}

/**
 * A condition's window in the digest: null without a history; a digest made for other rules (one
 * without this window) is a fact failure, never a silent not-applicable.
 */
function windowFor(
  ctx: FactContext,
  params: Record<string, unknown>,
): { digest: HistoryDigest; window: HistoryWindow } | null {
  const digest = digestOf(ctx);
  if (digest.summary === null) return null;
  const days = windowDaysOf(params);
  const window = windowOf(digest, days);
  if (!window) throw new Error(`the history digest has no ${days}-day window: it was made for other rules`);
  return { digest, window };
}

export const historyGap = defineFact<Record<string, never>>({
  id: 'historyGap',
  description:
    "The history's latest filing (the latest period.end among the platform's other filings that start before this one: the last day their periods cover) and the days from that day to this filing's period.start (`daysBetween`: 1 when they touch, 0 or less when it overlaps this filing), with the unfiled days between; null without a history.",
  returns: 'object',
  params: none,
  fields: [
    'latestFilingId',
    'latestPeriod',
    'lastCoveredDay',
    'filingId',
    'period',
    'daysBetween',
    'unfiledFrom',
    'unfiledThrough',
    'unfiledDays',
  ],
  compute: (filing, _p, ctx) => {
    const latest = digestOf(ctx).latest;
    if (!latest) return null;
    // every history filing starts before this one: the day before it is covered when one ends on it or later
    const daysBetween = dayNumber(filing.period.start) - dayNumber(latest.period.end);
    const unfiled = daysBetween > 1;
    return {
      latestFilingId: latest.filingId,
      latestPeriod: { ...latest.period },
      lastCoveredDay: latest.period.end,
      filingId: filing.filingId,
      period: { ...filing.period },
      daysBetween,
      unfiledFrom: unfiled ? addDays(latest.period.end, 1) : null,
      unfiledThrough: unfiled ? addDays(filing.period.start, -1) : null,
      unfiledDays: Math.max(0, daysBetween - 1),
    };
  },
});

/** A compared filing as evidence, under a prefix (`reference`, `peak`): its id, period and end. */
function named(prefix: 'reference' | 'peak', r: HistoryRecord): Record<string, unknown> {
  return {
    [`${prefix}FilingId`]: r.filingId,
    [`${prefix}Period`]: { ...r.period },
    [`${prefix}End`]: r.period.end,
  };
}

export const historyReference = defineFact<{ windowDays?: number }>({
  id: 'historyReference',
  description:
    "The earliest history filing (by period.end, ties the smaller filingId) whose period.end is at most `windowDays` (180 when not given) before this filing's; null when the window holds none.",
  returns: 'object',
  params: { type: 'object', additionalProperties: false, properties: { windowDays: windowDaysParam } },
  fields: ['referenceFilingId', 'referencePeriod', 'referenceEnd', 'referenceMembersActive', 'windowDays'],
  compute: (_filing, p, ctx) => {
    const w = windowFor(ctx, p)?.window;
    if (!w?.first) return null;
    return {
      ...named('reference', w.first),
      referenceMembersActive: w.first.membersActive,
      windowDays: w.days,
    };
  },
});

export const historyMemberLoss = defineFact<{ max: number; windowDays?: number }>({
  id: 'historyMemberLoss',
  description:
    "Members lost since the peak of the window (the history filing with the most members.active among those whose period.end is at most `windowDays` before this filing's; ties the earlier period.end, then the smaller filingId): `lossMembers` = peak − active, and whether it `exceeds` `max` × peak, compared exactly; `lossRate` is for reading only. Null when the window holds no filing.",
  returns: 'object',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['max'],
    properties: { max: { type: 'number', minimum: 0 }, windowDays: windowDaysParam },
  },
  fields: [
    'peakFilingId',
    'peakPeriod',
    'peakEnd',
    'peakMembersActive',
    'windowDays',
    'filingId',
    'period',
    'membersActive',
    'lossMembers',
    'lossRate',
    'max',
    'exceeds',
  ],
  compute: (filing, p, ctx) => {
    const w = windowFor(ctx, p)?.window;
    if (!w?.peak) return null;
    const peak = exact(w.peak.membersActive);
    const loss = minus(peak, exact(filing.members.active));
    return {
      ...named('peak', w.peak),
      peakMembersActive: w.peak.membersActive,
      windowDays: w.days,
      filingId: filing.filingId,
      period: { ...filing.period },
      membersActive: filing.members.active,
      lossMembers: readable(loss),
      lossRate: readableRatio(loss, peak),
      max: p.max,
      exceeds: cmp(loss, times(exact(p.max), peak)) > 0,
    };
  },
});

/** A mean share as its exact sum and count. */
interface Mean {
  sum: Exact;
  count: number;
}

const meanOf = (shares: HistoryRecord['shares']): Mean => ({ sum: exactOf(shares.sum), count: shares.count });

const readableMean = (m: Mean): number | null =>
  m.count === 0 ? null : readableRatio(m.sum, exact(m.count));

/**
 * The reference of a share window and what the share facts say of it: the reference's mean, the ramp-up
 * guard (the history's earliest filing by period.end ended less than `rampUpDays` before the reference
 * did), this filing's mean, and `mine > factor × theirs` cross-multiplied. Null without a reference.
 */
function shareComparison(
  filing: Filing,
  p: { factor: number; windowDays?: number; rampUpDays?: number },
  ctx: FactContext,
) {
  const found = windowFor(ctx, p);
  const ref = found?.window.reference;
  if (!found || !ref) return null;
  const earliest = found.digest.earliest!;
  const historyDays = dayNumber(ref.period.end) - dayNumber(earliest.period.end);
  const rampUpDays = p.rampUpDays ?? null;
  const mine = meanOf(historyRecord(filing).shares);
  const theirs = meanOf(ref.shares);
  // the reference's mean exists and is above 0 (that is how it was chosen): only this filing's may be missing
  const comparable = mine.count > 0;
  const mineScaled = times(mine.sum, exact(theirs.count));
  const theirsScaled = times(theirs.sum, exact(mine.count));
  return {
    ref,
    fields: {
      ...named('reference', ref),
      referenceDisclosures: theirs.count,
      referenceMeanPerMemberShareCny: readableMean(theirs),
      earliestFilingId: earliest.filingId,
      earliestPeriod: { ...earliest.period },
      historyDays,
      rampUpDays,
      rampUp: rampUpDays !== null && historyDays < rampUpDays,
      windowDays: found.window.days,
      filingId: filing.filingId,
      period: { ...filing.period },
      disclosures: mine.count,
      meanPerMemberShareCny: readableMean(mine),
      growth: comparable ? readableRatio(mineScaled, theirsScaled) : null,
      factor: p.factor,
      comparable,
    },
    above: comparable && cmp(mineScaled, times(exact(p.factor), theirsScaled)) > 0,
  };
}

const SHARE_FIELDS = [
  'referenceFilingId',
  'referencePeriod',
  'referenceEnd',
  'referenceDisclosures',
  'referenceMeanPerMemberShareCny',
  'earliestFilingId',
  'earliestPeriod',
  'historyDays',
  'rampUpDays',
  'rampUp',
  'windowDays',
  'filingId',
  'period',
  'disclosures',
  'meanPerMemberShareCny',
  'growth',
  'factor',
  'comparable',
] as const;

const SHARE_REFERENCE =
  "The reference is the earliest history filing (by period.end, ties the smaller filingId) whose period.end is at most `windowDays` (180 when not given) before this filing's and whose own mean share exists and is above 0; means are of the perMemberShareCny of the disclosures published within each filing's own period, those without one skipped. `rampUp` when the history's earliest filing by period.end ended less than `rampUpDays` (no guard when not given) before the reference's period.end; `comparable` when this filing's mean exists.";

export const historyShareGrowth = defineFact<{ factor: number; windowDays?: number; rampUpDays?: number }>({
  id: 'historyShareGrowth',
  description: `This filing's mean share against the reference's: \`exceeds\` when it is more than \`factor\` × the reference's, compared exactly by cross-multiplying; \`growth\` is for reading only. ${SHARE_REFERENCE} Null without a history or a reference.`,
  returns: 'object',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['factor'],
    properties: {
      factor: { type: 'number', minimum: 0 },
      windowDays: windowDaysParam,
      rampUpDays: rampUpDaysParam,
    },
  },
  fields: [...SHARE_FIELDS, 'exceeds'],
  compute: (filing, p, ctx) => {
    const c = shareComparison(filing, p, ctx);
    return c ? { ...c.fields, exceeds: c.above } : null;
  },
});

export const historySpiral = defineFact<{
  factor: number;
  minLossRate: number;
  windowDays: number;
  rampUpDays: number;
}>({
  id: 'historySpiral',
  description: `The death spiral against the reference: \`shareGrew\` when this filing's mean share is more than \`factor\` × the reference's, \`membersFell\` when the members lost since the reference (\`lossMembers\` = reference.active − active) are more than \`minLossRate\` × reference.active, each compared exactly; \`growth\` and \`lossRate\` are for reading only. ${SHARE_REFERENCE} Null without a history or a reference.`,
  returns: 'object',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['factor', 'minLossRate', 'windowDays', 'rampUpDays'],
    properties: {
      factor: { type: 'number', minimum: 0 },
      minLossRate: { type: 'number', minimum: 0 },
      windowDays: windowDaysParam,
      rampUpDays: rampUpDaysParam,
    },
  },
  fields: [
    ...SHARE_FIELDS,
    'shareGrew',
    'referenceMembersActive',
    'membersActive',
    'lossMembers',
    'lossRate',
    'minLossRate',
    'membersFell',
  ],
  compute: (filing, p, ctx) => {
    const c = shareComparison(filing, p, ctx);
    if (!c) return null;
    const refMembers = exact(c.ref.membersActive);
    const loss = minus(refMembers, exact(filing.members.active));
    return {
      ...c.fields,
      shareGrew: c.above,
      referenceMembersActive: c.ref.membersActive,
      membersActive: filing.members.active,
      lossMembers: readable(loss),
      lossRate: readableRatio(loss, refMembers),
      minLossRate: p.minLossRate,
      membersFell: cmp(loss, times(exact(p.minLossRate), refMembers)) > 0,
    };
  },
});

const WINDOW_FACTS: ReadonlySet<string> = new Set([
  historyReference.id,
  historyMemberLoss.id,
  historyShareGrowth.id,
  historySpiral.id,
]);
const SHARE_FACTS: ReadonlySet<string> = new Set([historyShareGrowth.id, historySpiral.id]);

/**
 * The window (days) a condition on a history fact asks for, its params bound; null for a fact that
 * reads no window. The judge makes each digest with every window its rules in force ask for.
 */
export function historyWindowOf(factId: string, params: Record<string, unknown> | undefined): number | null {
  return WINDOW_FACTS.has(factId) ? windowDaysOf(params) : null;
}

/**
 * Why a rule whose `appliesWhen` names a history fact is not applicable: no history at all; no filing
 * (for the share facts, no reference) in the condition's window; the ramp-up guard. Null when the
 * history does not explain it (this filing's own mean missing: `nothing_to_judge`).
 */
export function historyReason(
  factId: string,
  params: Record<string, unknown> | undefined,
  history: HistoryDigest,
): HistoryReasonCode | null {
  if (factId !== historyGap.id && !WINDOW_FACTS.has(factId)) return null;
  if (history.summary === null) return 'no_earlier_filing';
  if (factId === historyGap.id) return null;
  const w = windowOf(history, windowDaysOf(params));
  if (!w) return null;
  if (!SHARE_FACTS.has(factId)) return w.first === null ? 'no_earlier_filing_in_window' : null;
  if (w.reference === null) return 'no_earlier_filing_in_window';
  const rampUpDays = params && Object.hasOwn(params, 'rampUpDays') ? params.rampUpDays : undefined;
  if (typeof rampUpDays !== 'number') return null;
  const historyDays = dayNumber(w.reference.period.end) - dayNumber(history.earliest!.period.end);
  return historyDays < rampUpDays ? 'ramp_up' : null;
}

export const HISTORY_FACTS = [
  historyGap,
  historyReference,
  historyMemberLoss,
  historyShareGrowth,
  historySpiral,
];
