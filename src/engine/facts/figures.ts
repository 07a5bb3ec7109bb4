// Numeric facts over funds, members and shutdown, and the plain `filing`, `asOf` and `count` facts.

import { dayNumber } from '../../filing/dates.js';
import { defineFact } from './types.js';

const none = { type: 'object', additionalProperties: false, properties: {} };

export const filingFact = defineFact<Record<string, never>>({
  id: 'filing',
  description: 'The filing itself; a condition names a plain path into it, e.g. `funds.custody.segregated`.',
  returns: 'object',
  params: none,
  fields: [],
  needsPath: true,
  compute: (filing) => filing,
});

export const asOfFact = defineFact<Record<string, never>>({
  id: 'asOf',
  description: "The as-of date the filing is judged on (its period.end), as YYYY-MM-DD.",
  returns: 'string',
  params: none,
  fields: [],
  compute: (_filing, _p, ctx) => ctx.asOf,
});

const LISTS = ['licenses', 'products', 'disclosures', 'marketing'] as const;

export const count = defineFact<{ of: (typeof LISTS)[number] }>({
  id: 'count',
  description: 'How many licences, products, disclosures or marketing texts the filing lists (`of`).',
  returns: 'number',
  params: { type: 'object', additionalProperties: false, required: ['of'], properties: { of: { enum: LISTS } } },
  fields: [],
  compute: (filing, p) => (filing[p.of] ?? []).length,
});

export const balanceDiscrepancy = defineFact<Record<string, never>>({
  id: 'balanceDiscrepancy',
  description:
    'The ledger and custody balances, their absolute difference and `ratio` = difference ÷ the larger balance (null when both are 0).',
  returns: 'object',
  params: none,
  fields: ['ledgerBalanceCny', 'custodyBalanceCny', 'differenceCny', 'ratio'],
  compute: (filing) => {
    const { ledgerBalanceCny, custodyBalanceCny } = filing.funds;
    const differenceCny = Math.abs(ledgerBalanceCny - custodyBalanceCny);
    const larger = Math.max(ledgerBalanceCny, custodyBalanceCny);
    return { ledgerBalanceCny, custodyBalanceCny, differenceCny, ratio: larger === 0 ? null : differenceCny / larger };
  },
});

export const memberChangeRate = defineFact<Record<string, never>>({
  id: 'memberChangeRate',
  description:
    'Members at the period start and now, the `change` (active − activeAtPeriodStart) and `lossRate` = −change ÷ activeAtPeriodStart (null when it is 0).',
  returns: 'object',
  params: none,
  fields: ['activeAtPeriodStart', 'active', 'change', 'lossRate'],
  compute: (filing) => {
    const { active, activeAtPeriodStart } = filing.members;
    const change = active - activeAtPeriodStart;
    return { activeAtPeriodStart, active, change, lossRate: activeAtPeriodStart === 0 ? null : -change / activeAtPeriodStart };
  },
});

export const shutdownNoticeDays = defineFact<Record<string, never>>({
  id: 'shutdownNoticeDays',
  description: 'Days from the shutdown announcement to its effective date; null when there is no shutdown.',
  returns: 'number',
  params: none,
  fields: [],
  compute: (filing) => (filing.shutdown ? dayNumber(filing.shutdown.effectiveAt) - dayNumber(filing.shutdown.announcedAt) : null),
});
