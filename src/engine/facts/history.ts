// Facts over a filing's history (HIST-001..003): the unfiled days since the latest earlier filing, and the
// members and mean per-member share against the reference filing, compared exactly (never divided).

import { addDays, dayNumber } from '../../filing/dates.js';
import type { Filing } from '../../filing/types.js';
import { cmp, exact, exactOf, isZero, minus, readable, readableRatio, times, type Exact } from '../exact.js';
import { emptyDigest, historyRecord, type HistoryDigest, type HistoryRecord } from '../history.js';
import { defineFact, type FactContext } from './types.js';

const none = { type: 'object', additionalProperties: false, properties: {} };
const digestOf = (ctx: FactContext): HistoryDigest => ctx.history ?? emptyDigest();

/** The not-applicable reason codes a history fact gives when a rule's `appliesWhen` on it is false. */
export type HistoryReasonCode = 'no_earlier_filing' | 'no_earlier_filing_in_window';

export const historyGap = defineFact<Record<string, never>>({
  id: 'historyGap',
  description:
    "The latest filing of the history and the days from its period.end to this filing's period.start (`daysBetween`; 1 when they touch), with the unfiled days between; null without a history.",
  returns: 'object',
  params: none,
  fields: [
    'latestFilingId',
    'latestPeriod',
    'latestEnd',
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
    const daysBetween = dayNumber(filing.period.start) - dayNumber(latest.period.end);
    const unfiled = daysBetween > 1;
    return {
      latestFilingId: latest.filingId,
      latestPeriod: { ...latest.period },
      latestEnd: latest.period.end,
      filingId: filing.filingId,
      period: { ...filing.period },
      daysBetween,
      unfiledFrom: unfiled ? addDays(latest.period.end, 1) : null,
      unfiledThrough: unfiled ? addDays(filing.period.start, -1) : null,
      unfiledDays: daysBetween - 1,
    };
  },
});

/** The reference filing as evidence: the filing it is, its period and `members.active`. */
function referenceOf(r: HistoryRecord) {
  return { referenceFilingId: r.filingId, referencePeriod: { ...r.period }, referenceEnd: r.period.end };
}

export const historyReference = defineFact<Record<string, never>>({
  id: 'historyReference',
  description:
    "The reference filing: the earliest of the history whose period.end is at most `historyWindowDays` before this filing's (ties: the smaller filingId); null when there is none.",
  returns: 'object',
  params: none,
  fields: ['referenceFilingId', 'referencePeriod', 'referenceEnd', 'referenceMembersActive', 'windowDays'],
  compute: (_filing, _p, ctx) => {
    const d = digestOf(ctx);
    if (!d.reference) return null;
    return {
      ...referenceOf(d.reference),
      referenceMembersActive: d.reference.membersActive,
      windowDays: d.windowDays,
    };
  },
});

export const historyMemberLoss = defineFact<{ max: number }>({
  id: 'historyMemberLoss',
  description:
    'Members lost since the reference filing (`lossMembers` = reference.active − active) and whether the loss `exceeds` `max` × reference.active, compared exactly; `lossRate` is for reading only. Null without a reference filing.',
  returns: 'object',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['max'],
    properties: { max: { type: 'number', minimum: 0 } },
  },
  fields: [
    'referenceFilingId',
    'referencePeriod',
    'referenceEnd',
    'referenceMembersActive',
    'filingId',
    'period',
    'membersActive',
    'lossMembers',
    'lossRate',
    'max',
    'exceeds',
  ],
  compute: (filing, p, ctx) => {
    const ref = digestOf(ctx).reference;
    if (!ref) return null;
    const refMembers = exact(ref.membersActive);
    const loss = minus(refMembers, exact(filing.members.active));
    return {
      ...referenceOf(ref),
      referenceMembersActive: ref.membersActive,
      filingId: filing.filingId,
      period: { ...filing.period },
      membersActive: filing.members.active,
      lossMembers: readable(loss),
      lossRate: readableRatio(loss, refMembers),
      max: p.max,
      exceeds: cmp(loss, times(exact(p.max), refMembers)) > 0,
    };
  },
});

/** The mean share of a record, as its exact sum and count. */
function meanOf(shares: HistoryRecord['shares']): { sum: Exact; count: number } {
  return { sum: exactOf(shares.sum), count: shares.count };
}

const readableMean = (m: { sum: Exact; count: number }): number | null =>
  m.count === 0 ? null : readableRatio(m.sum, exact(m.count));

export const historyShareGrowth = defineFact<{ factor: number }>({
  id: 'historyShareGrowth',
  description:
    "The mean perMemberShareCny of the disclosures published within this filing's period and within the reference filing's (disclosures without one skipped); `comparable` when both have one and the reference mean is not 0; `exceeds` when this mean is more than `factor` × the reference's, compared exactly by cross-multiplying. Null without a reference filing.",
  returns: 'object',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['factor'],
    properties: { factor: { type: 'number', minimum: 0 } },
  },
  fields: [
    'referenceFilingId',
    'referencePeriod',
    'referenceEnd',
    'referenceDisclosures',
    'referenceMeanPerMemberShareCny',
    'filingId',
    'period',
    'disclosures',
    'meanPerMemberShareCny',
    'growth',
    'factor',
    'comparable',
    'exceeds',
  ],
  compute: (filing, p, ctx) => {
    const ref = digestOf(ctx).reference;
    if (!ref) return null;
    const mine = meanOf(shareTotals(filing));
    const theirs = meanOf(ref.shares);
    const comparable = mine.count > 0 && theirs.count > 0 && !isZero(theirs.sum);
    // mine.sum / mine.count > factor × theirs.sum / theirs.count, both counts positive: cross-multiplied
    const mineScaled = times(mine.sum, exact(theirs.count));
    const theirsScaled = times(theirs.sum, exact(mine.count));
    const exceeds = comparable && cmp(mineScaled, times(exact(p.factor), theirsScaled)) > 0;
    return {
      ...referenceOf(ref),
      referenceDisclosures: theirs.count,
      referenceMeanPerMemberShareCny: readableMean(theirs),
      filingId: filing.filingId,
      period: { ...filing.period },
      disclosures: mine.count,
      meanPerMemberShareCny: readableMean(mine),
      growth: comparable ? readableRatio(mineScaled, theirsScaled) : null,
      factor: p.factor,
      comparable,
      exceeds,
    };
  },
});

/** This filing's own share totals, computed as its history record would hold them. */
function shareTotals(filing: Filing): HistoryRecord['shares'] {
  return historyRecord(filing).shares;
}

/**
 * Why a rule whose `appliesWhen` names a history fact is not applicable: no history at all, or a
 * history without a reference filing. Null when the history does not explain it.
 */
export function historyReason(factId: string, history: HistoryDigest): HistoryReasonCode | null {
  if (
    factId !== historyGap.id &&
    factId !== historyReference.id &&
    factId !== historyMemberLoss.id &&
    factId !== historyShareGrowth.id
  )
    return null;
  if (history.summary === null) return 'no_earlier_filing';
  if (factId !== historyGap.id && history.reference === null) return 'no_earlier_filing_in_window';
  return null;
}

export const HISTORY_FACTS = [historyGap, historyReference, historyMemberLoss, historyShareGrowth];
