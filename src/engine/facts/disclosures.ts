// Disclosure facts: the cadence gaps of DESIGN section 5, missing figures, and late or early publication.

import { dayNumber } from '../../filing/dates.js';
import type { Filing } from '../../filing/types.js';
import { defineFact, type EvidenceItem } from './types.js';

const maxDaysParams = {
  type: 'object',
  additionalProperties: false,
  required: ['maxDays'],
  properties: { maxDays: { type: 'integer', minimum: 0 } },
};

const FIGURES = ['cases', 'amountToShareCny', 'perMemberShareCny', 'managementFeeCny'] as const;

interface Point {
  date: string;
  pointer: string;
}

/**
 * The points of the disclosure cadence: the anchor (the latest disclosure published before
 * period.start, else period.start), every disclosure published within the period, then period.end.
 */
export function cadencePoints(filing: Filing): Point[] {
  const start = dayNumber(filing.period.start);
  const end = dayNumber(filing.period.end);
  const ds = filing.disclosures;
  const days = ds.map((d) => dayNumber(d.publishedAt));
  let order = days.map((_, i) => i);
  // filings usually list disclosures in date order: sort only when they are not
  for (let i = 1; i < days.length; i++) {
    if (days[i]! < days[i - 1]!) {
      order = order.sort((a, b) => days[a]! - days[b]! || a - b);
      break;
    }
  }
  const points: Point[] = [{ date: filing.period.start, pointer: '/period/start' }];
  for (const i of order) {
    const day = days[i]!;
    if (day < start) points[0] = { date: ds[i]!.publishedAt, pointer: `/disclosures/${i}` };
    else if (day <= end) points.push({ date: ds[i]!.publishedAt, pointer: `/disclosures/${i}` });
  }
  points.push({ date: filing.period.end, pointer: '/period/end' });
  return points;
}

export const disclosureGaps = defineFact<{ maxDays: number }>({
  id: 'disclosureGaps',
  description:
    'The gaps of more than `maxDays` days between consecutive cadence points (anchor, disclosures published in the period, period.end); each names the point that closes it.',
  returns: 'items',
  params: maxDaysParams,
  fields: ['pointer', 'from', 'to', 'days', 'maxDays'],
  compute: (filing, p) => {
    const points = cadencePoints(filing);
    const out: EvidenceItem[] = [];
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1]!;
      const b = points[i]!;
      const days = dayNumber(b.date) - dayNumber(a.date);
      if (days > p.maxDays) out.push({ pointer: b.pointer, from: a.date, to: b.date, days, maxDays: p.maxDays });
    }
    return out;
  },
});

export const disclosuresMissing = defineFact<{ fields?: (typeof FIGURES)[number][] }>({
  id: 'disclosuresMissing',
  description: 'The disclosures that lack one of `fields` (default: cases, amountToShareCny, perMemberShareCny, managementFeeCny).',
  returns: 'items',
  params: {
    type: 'object',
    additionalProperties: false,
    properties: { fields: { type: 'array', minItems: 1, items: { enum: FIGURES } } },
  },
  fields: ['pointer', 'publishedAt', 'missing'],
  compute: (filing, p) =>
    filing.disclosures.flatMap((d, i) => {
      const missing = (p.fields ?? FIGURES).filter((f) => d[f] === undefined);
      return missing.length > 0 ? [{ pointer: `/disclosures/${i}`, publishedAt: d.publishedAt, missing }] : [];
    }),
});

export const lateDisclosures = defineFact<{ maxDays: number }>({
  id: 'lateDisclosures',
  description: 'The disclosures published more than `maxDays` days after their periodEnd.',
  returns: 'items',
  params: maxDaysParams,
  fields: ['pointer', 'periodEnd', 'publishedAt', 'days', 'maxDays'],
  compute: (filing, p) =>
    filing.disclosures.flatMap((d, i) => {
      const days = dayNumber(d.publishedAt) - dayNumber(d.periodEnd);
      return days > p.maxDays ? [{ pointer: `/disclosures/${i}`, periodEnd: d.periodEnd, publishedAt: d.publishedAt, days, maxDays: p.maxDays }] : [];
    }),
});

export const untimelyDisclosures = defineFact<{ maxDays: number }>({
  id: 'untimelyDisclosures',
  description:
    'The disclosures published more than `maxDays` days after their periodEnd (`late`) or before it (`early`: a round disclosed before it ended, `daysEarly` days before).',
  returns: 'items',
  params: maxDaysParams,
  fields: ['pointer', 'periodEnd', 'publishedAt', 'days', 'maxDays', 'late', 'early', 'daysEarly'],
  compute: (filing, p) =>
    filing.disclosures.flatMap((d, i) => {
      const days = dayNumber(d.publishedAt) - dayNumber(d.periodEnd);
      if (days >= 0 && days <= p.maxDays) return [];
      return [{ pointer: `/disclosures/${i}`, periodEnd: d.periodEnd, publishedAt: d.publishedAt, days, maxDays: p.maxDays, late: days > p.maxDays, early: days < 0, daysEarly: days < 0 ? -days : 0 }];
    }),
});
