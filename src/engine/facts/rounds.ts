// Facts over each disclosed sharing round: the fee taken against the cap on the aid (FEE-001), and
// whether the per-member share adds up to what members shared (SHARE-001). All in exact decimals.

import type { Disclosure } from '../../filing/types.js';
import { abs, cmp, exact, minus, readable, readableRatio, roundTo, times } from '../exact.js';
import { defineFact, type EvidenceItem } from './types.js';

const rateParams = (name: string) => ({
  type: 'object',
  additionalProperties: false,
  required: [name],
  properties: { [name]: { type: 'number', minimum: 0 } },
});

const has = (d: Disclosure, ...fields: (keyof Disclosure)[]) => fields.every((f) => typeof d[f] === 'number');

export const feesOverCap = defineFact<{ cap: number }>({
  id: 'feesOverCap',
  description:
    'The disclosures whose `managementFeeCny` exceeds `cap` × the aid (`amountToShareCny` − `managementFeeCny`), compared exactly; each with the aid, the fee allowed and the fee as a share of the aid.',
  returns: 'items',
  params: rateParams('cap'),
  fields: ['pointer', 'publishedAt', 'managementFeeCny', 'amountToShareCny', 'aidCny', 'allowedFeeCny', 'feeRate', 'cap'],
  compute: (filing, p) => {
    const out: EvidenceItem[] = [];
    filing.disclosures.forEach((d, i) => {
      if (!has(d, 'managementFeeCny', 'amountToShareCny')) return;
      const fee = d.managementFeeCny!;
      const feeExact = exact(fee);
      const aid = minus(exact(d.amountToShareCny!), feeExact);
      const allowed = times(aid, exact(p.cap));
      if (cmp(feeExact, allowed) <= 0) return;
      out.push({
        pointer: `/disclosures/${i}`,
        publishedAt: d.publishedAt,
        managementFeeCny: fee,
        amountToShareCny: d.amountToShareCny!,
        aidCny: readable(aid),
        allowedFeeCny: readable(roundTo(allowed, 2)),
        feeRate: readableRatio(feeExact, aid),
        cap: p.cap,
      });
    });
    return out;
  },
});

/** The disclosures giving every one of `fields` (a number each); what FEE-001 and SHARE-001 apply to. */
export const disclosuresWith = defineFact<{ fields: (keyof Disclosure)[]; positive?: (keyof Disclosure)[] }>({
  id: 'disclosuresWith',
  description:
    'The disclosures that give every figure in `fields`, and a value above 0 for every figure in `positive` (e.g. participatingMembers).',
  returns: 'items',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['fields'],
    properties: {
      fields: { type: 'array', minItems: 1, items: { enum: ['cases', 'amountToShareCny', 'perMemberShareCny', 'managementFeeCny', 'participatingMembers', 'borneByPlatformCny'] } },
      positive: { type: 'array', items: { enum: ['cases', 'amountToShareCny', 'perMemberShareCny', 'managementFeeCny', 'participatingMembers', 'borneByPlatformCny'] } },
    },
  },
  fields: ['pointer', 'publishedAt'],
  compute: (filing, p) =>
    filing.disclosures.flatMap((d, i) =>
      has(d, ...p.fields) && (p.positive ?? []).every((f) => typeof d[f] === 'number' && (d[f] as number) > 0)
        ? [{ pointer: `/disclosures/${i}`, publishedAt: d.publishedAt }]
        : [],
    ),
});

export const shareMismatches = defineFact<{ tolerance: number }>({
  id: 'shareMismatches',
  description:
    'The disclosures with `participatingMembers` > 0 whose `perMemberShareCny` × `participatingMembers` differs from what members shared (`amountToShareCny` − `borneByPlatformCny`, a missing one being 0) by more than `tolerance` × that amount, compared exactly.',
  returns: 'items',
  params: rateParams('tolerance'),
  fields: ['pointer', 'publishedAt', 'perMemberShareCny', 'participatingMembers', 'sharedCny', 'expectedCny', 'differenceCny', 'differenceRate', 'tolerance'],
  schemaVersion: 2,
  compute: (filing, p) => {
    const out: EvidenceItem[] = [];
    filing.disclosures.forEach((d, i) => {
      if (!has(d, 'perMemberShareCny', 'amountToShareCny', 'participatingMembers') || d.participatingMembers! <= 0) return;
      const expected = minus(exact(d.amountToShareCny!), exact(d.borneByPlatformCny ?? 0));
      const shared = times(exact(d.perMemberShareCny!), exact(d.participatingMembers!));
      const difference = abs(minus(shared, expected));
      if (cmp(difference, times(expected, exact(p.tolerance))) <= 0) return;
      out.push({
        pointer: `/disclosures/${i}`,
        publishedAt: d.publishedAt,
        perMemberShareCny: d.perMemberShareCny!,
        participatingMembers: d.participatingMembers!,
        sharedCny: readable(shared),
        expectedCny: readable(expected),
        differenceCny: readable(difference),
        differenceRate: readableRatio(difference, expected),
        tolerance: p.tolerance,
      });
    });
    return out;
  },
});
