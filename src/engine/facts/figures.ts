// Facts over funds (custody, pre-collection, balances), members, submission and shutdown, and the plain
// `filing`, `asOf` and `count` facts.

import { dayNumber } from '../../filing/dates.js';
import { abs, cmp, exact, minus, readable, readableRatio, times } from '../exact.js';
import { findTerms, isBlank } from './text.js';
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
    "When the filing was submitted: `submittedOn`, the date of submittedAt as written (its first ten characters, in the filing's own offset, never converted), `periodEnd`, `days` from period.end to it (negative when before it), `early` (submitted before period.end, on days not yet over) with `daysEarly`, and, given `maxDays`, `maxDays` and `late` (more than maxDays days after period.end).",
  returns: 'object',
  params: { type: 'object', additionalProperties: false, properties: { maxDays: { type: 'integer', minimum: 0 } } },
  fields: ['submittedOn', 'periodEnd', 'days', 'maxDays', 'late', 'early', 'daysEarly'],
  compute: (filing, p) => {
    const submittedOn = filing.submittedAt.slice(0, 10);
    const days = dayNumber(submittedOn) - dayNumber(filing.period.end);
    return {
      submittedOn,
      periodEnd: filing.period.end,
      days,
      ...(p.maxDays === undefined ? {} : { maxDays: p.maxDays, late: days > p.maxDays }),
      early: days < 0,
      daysEarly: days < 0 ? -days : 0,
    };
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

const minDaysParams = {
  type: 'object',
  additionalProperties: false,
  required: ['minDays'],
  properties: { minDays: { type: 'integer', minimum: 0 } },
};

export const shutdownNotice = defineFact<{ minDays: number }>({
  id: 'shutdownNotice',
  description:
    'The notice a shutdown gave: `announcedAt`, `effectiveAt`, `days` between them, `minDays` as given and `short` (days < minDays); null when there is no shutdown.',
  returns: 'object',
  params: minDaysParams,
  fields: ['announcedAt', 'effectiveAt', 'days', 'minDays', 'short'],
  compute: (filing, p) => {
    const s = filing.shutdown;
    if (!s) return null;
    const days = dayNumber(s.effectiveAt) - dayNumber(s.announcedAt);
    return { announcedAt: s.announcedAt, effectiveAt: s.effectiveAt, days, minDays: p.minDays, short: days < p.minDays };
  },
});

export const claimsWindow = defineFact<{ minDays: number }>({
  id: 'claimsWindow',
  description:
    'The window after a shutdown in which claims (互助金申请) for illness diagnosed before it are accepted: `days` (null when the shutdown states none), `minDays` as given, `stated` and `short` (stated and days < minDays); null when there is no shutdown.',
  returns: 'object',
  params: minDaysParams,
  fields: ['days', 'minDays', 'stated', 'short'],
  compute: (filing, p) => {
    const s = filing.shutdown;
    if (!s) return null;
    const days = s.claimsWindowDays ?? null;
    return { days, minDays: p.minDays, stated: days !== null, short: days !== null && days < p.minDays };
  },
});

const termList = { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } };

export const custodyAccount = defineFact<{ bankTerms: string[]; nonBankTerms?: string[] }>({
  id: 'custodyAccount',
  description:
    "The custody of members' money (DESIGN §5, FUND-001): `bank` as written; `blank` (null or nothing left after normalisation, DESIGN §4); `namesBank`, whether its normalised text contains one of `bankTerms` (银行, bank; false when blank); `nonBankTerm`, the first of `nonBankTerms` it contains (基金会, 公益), else null; `segregated`; `accountOpenedAt`; `openedAfterAsOf` (a date after the as-of date); `noAccount` (no bank, not segregated and no opening date: no custody account at all).",
  returns: 'object',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['bankTerms'],
    properties: { bankTerms: termList, nonBankTerms: termList },
  },
  fields: ['bank', 'blank', 'namesBank', 'nonBankTerm', 'segregated', 'accountOpenedAt', 'openedAfterAsOf', 'noAccount'],
  compute: (filing, p, ctx) => {
    const { bank, segregated, accountOpenedAt } = filing.funds.custody;
    const blank = bank === null || isBlank(bank);
    const namesBank = !blank && findTerms(bank, p.bankTerms).length > 0;
    const nonBank = blank ? [] : findTerms(bank, p.nonBankTerms ?? []);
    return {
      bank,
      blank,
      namesBank,
      nonBankTerm: nonBank[0] ?? null,
      segregated,
      accountOpenedAt,
      openedAfterAsOf: accountOpenedAt !== null && dayNumber(accountOpenedAt) > dayNumber(ctx.asOf),
      noAccount: blank && !segregated && accountOpenedAt === null,
    };
  },
});

export const preCollection = defineFact<{ maxBalanceCny: number }>({
  id: 'preCollection',
  description:
    "Money collected from members in advance (FUND-002): `collectionModel`, `preCollectionModel` (it is pre-collection), `preCollectedBalanceCny`, `maxBalanceCny` as given and `balanceAboveMax` (the balance exceeds it, compared exactly).",
  returns: 'object',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['maxBalanceCny'],
    properties: { maxBalanceCny: { type: 'number', minimum: 0 } },
  },
  fields: ['collectionModel', 'preCollectionModel', 'preCollectedBalanceCny', 'maxBalanceCny', 'balanceAboveMax'],
  compute: (filing, p) => {
    const { collectionModel, preCollectedBalanceCny } = filing.funds;
    return {
      collectionModel,
      preCollectionModel: collectionModel === 'pre-collection',
      preCollectedBalanceCny,
      maxBalanceCny: p.maxBalanceCny,
      balanceAboveMax: cmp(exact(preCollectedBalanceCny), exact(p.maxBalanceCny)) > 0,
    };
  },
});

export const activeMembers = defineFact<{ floor: number }>({
  id: 'activeMembers',
  description: 'Active members against a floor (MEM-001): `active`, `floor` as given and `belowFloor` (active < floor).',
  returns: 'object',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['floor'],
    properties: { floor: { type: 'integer', minimum: 0 } },
  },
  fields: ['active', 'floor', 'belowFloor'],
  compute: (filing, p) => ({ active: filing.members.active, floor: p.floor, belowFloor: filing.members.active < p.floor }),
});
