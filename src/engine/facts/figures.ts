// Numeric facts over funds, members and shutdown, and the plain `filing`, `asOf` and `count` facts.

import { dayNumber } from '../../filing/dates.js';
import { abs, cmp, exact, minus, readable, readableRatio, times } from '../exact.js';
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

const limitParams = (name: string) => ({
  type: 'object',
  additionalProperties: false,
  properties: { [name]: { type: 'number', minimum: 0 } },
});

export const balanceDiscrepancy = defineFact<{ tolerance?: number }>({
  id: 'balanceDiscrepancy',
  description:
    'The ledger and custody balances, their absolute `differenceCny`, `ratio` = difference ÷ the larger balance (null when both are 0, rounded for reading) and, given `tolerance`, `beyondTolerance`: whether the difference exceeds tolerance × the larger balance, compared exactly on the numbers as written.',
  returns: 'object',
  params: limitParams('tolerance'),
  fields: ['ledgerBalanceCny', 'custodyBalanceCny', 'differenceCny', 'ratio', 'tolerance', 'beyondTolerance'],
  compute: (filing, p) => {
    const { ledgerBalanceCny, custodyBalanceCny } = filing.funds;
    const ledger = exact(ledgerBalanceCny);
    const custody = exact(custodyBalanceCny);
    const difference = abs(minus(ledger, custody));
    // doubles keep the order of the decimals they were read from: the larger is the larger as written
    const larger = ledgerBalanceCny >= custodyBalanceCny ? ledger : custody;
    return {
      ledgerBalanceCny,
      custodyBalanceCny,
      differenceCny: readable(difference),
      ratio: readableRatio(difference, larger),
      ...(p.tolerance === undefined ? {} : { tolerance: p.tolerance, beyondTolerance: cmp(difference, times(larger, exact(p.tolerance))) > 0 }),
    };
  },
});

export const memberChangeRate = defineFact<{ maxLossRate?: number }>({
  id: 'memberChangeRate',
  description:
    'Members at the period start and now, the `change` (active − activeAtPeriodStart), `lossRate` = −change ÷ activeAtPeriodStart (null when it is 0, rounded for reading) and, given `maxLossRate`, `beyondLimit`: whether activeAtPeriodStart − active exceeds maxLossRate × activeAtPeriodStart, compared exactly.',
  returns: 'object',
  params: limitParams('maxLossRate'),
  fields: ['activeAtPeriodStart', 'active', 'change', 'lossRate', 'maxLossRate', 'beyondLimit'],
  compute: (filing, p) => {
    const { active, activeAtPeriodStart } = filing.members;
    const change = active - activeAtPeriodStart;
    const start = exact(activeAtPeriodStart);
    const lost = minus(start, exact(active));
    return {
      activeAtPeriodStart,
      active,
      change,
      lossRate: readableRatio(lost, start),
      ...(p.maxLossRate === undefined ? {} : { maxLossRate: p.maxLossRate, beyondLimit: cmp(lost, times(exact(p.maxLossRate), start)) > 0 }),
    };
  },
});

export const submissionDelay = defineFact<{ maxDays?: number }>({
  id: 'submissionDelay',
  description:
    "When the filing was submitted: `submittedOn`, the date of submittedAt as written (its first ten characters, in the filing's own offset, never converted), `periodEnd`, `days` from period.end to it, and `maxDays` as given.",
  returns: 'object',
  params: { type: 'object', additionalProperties: false, properties: { maxDays: { type: 'integer', minimum: 0 } } },
  fields: ['submittedOn', 'periodEnd', 'days', 'maxDays'],
  compute: (filing, p) => {
    const submittedOn = filing.submittedAt.slice(0, 10);
    return { submittedOn, periodEnd: filing.period.end, days: dayNumber(submittedOn) - dayNumber(filing.period.end), ...(p.maxDays === undefined ? {} : { maxDays: p.maxDays }) };
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
