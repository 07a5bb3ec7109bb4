// Filing value → typed Filing: the JSON Schema of both versions (all errors at once) plus the checks a schema
// cannot express: calendar dates, ordered periods, USCC check digits, amounts, and schema 1's retirement.

import filingSchema from '../../schemas/filing.schema.json' with { type: 'json' };
import { ComplianceError, type Problem } from '../errors.js';
import { say } from '../messages/index.js';
import { createAjv, check, type SchemaProblem } from '../schema.js';
import { isCalendarDate, dayNumber } from './dates.js';
import { parseFilingText, type FilingFormat } from './parse.js';
import type { Filing } from './types.js';
import { isValidUscc } from './uscc.js';
import { isRetired, SCHEMA_1_RETIRED_FROM } from './versions.js';

const validateSchema = createAjv().compile(filingSchema);

/** The compiled JSON Schema validator alone (no semantic checks): what the benchmark's floor runs. */
export function matchesFilingSchema(value: unknown): boolean {
  return validateSchema(value);
}

/** One fault in a filing: `schema_retired` for schema 1's retirement, else `filing_invalid`. */
export interface FilingProblem extends SchemaProblem {
  code: 'filing_invalid' | 'schema_retired';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

// the schema's own pattern, so the check digit is checked on exactly what the schema lets through
const USCC_SHAPE = new RegExp(filingSchema.definitions.uscc.pattern);
const USCC_FIELD = /\/(uscc|holderUscc|underwriterUscc)$/;

/** A check-digit problem for a USCC of the right shape; a wrong shape is the schema's to report. */
function usccProblem(pointer: string, v: unknown): SchemaProblem[] {
  return typeof v === 'string' && USCC_SHAPE.test(v) && !isValidUscc(v)
    ? [{ pointer, ...say('filing.uscc_check_digit', {}) }]
    : [];
}

/** Semantic checks on whatever parts of the value have the right shape, so they add to schema errors. */
function semanticProblems(value: unknown): SchemaProblem[] {
  if (!isObj(value)) return [];
  const out: SchemaProblem[] = [];
  // version 2's fields are unknown fields in version 1 (the schema says so): no second problem for them
  const v2 = value.schemaVersion !== 1;
  const date = (pointer: string, v: unknown) => {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !isCalendarDate(v)) {
      out.push({ pointer, ...say('filing.not_calendar_date', { value: v }) });
    }
  };
  // the message names the field at `pointer` first, so it reads the way round the rule is written:
  // `field` (at `pointer`) must not be after (or, with `before`, before) `other` (at `otherAt`)
  const ordered = (pointer: string, otherAt: string, from: unknown, to: unknown, field: string, other: string, before = false) => {
    if (typeof from === 'string' && typeof to === 'string' && dayNumber(from) > dayNumber(to)) {
      out.push({ pointer, ...say(before ? 'filing.not_before' : 'filing.not_after', { field, other, at: pointer, otherAt, from, to }) });
    }
  };
  const period = isObj(value.period) ? value.period : {};
  date('/period/start', period.start);
  date('/period/end', period.end);
  ordered('/period/start', '/period/end', period.start, period.end, 'period.start', 'period.end');
  list(value.licenses).forEach((l, i) => {
    date(`/licenses/${i}/validFrom`, l.validFrom);
    date(`/licenses/${i}/validUntil`, l.validUntil);
    ordered(`/licenses/${i}/validUntil`, `/licenses/${i}/validFrom`, l.validFrom, l.validUntil, 'validUntil', 'validFrom', true);
    if (v2) out.push(...usccProblem(`/licenses/${i}/holderUscc`, l.holderUscc));
  });
  list(value.products).forEach((p, i) => {
    if (isObj(p.registration)) date(`/products/${i}/registration/date`, p.registration.date);
    if (isObj(p.ageRange) && typeof p.ageRange.min === 'number' && typeof p.ageRange.max === 'number' && p.ageRange.min > p.ageRange.max) {
      out.push({ pointer: `/products/${i}/ageRange/min`, ...say('filing.age_range', { min: `/products/${i}/ageRange/min`, max: `/products/${i}/ageRange/max` }) });
    }
    if (v2) out.push(...usccProblem(`/products/${i}/underwriterUscc`, p.underwriterUscc));
  });
  const funds = isObj(value.funds) ? value.funds : {};
  if (isObj(funds.custody)) date('/funds/custody/accountOpenedAt', funds.custody.accountOpenedAt);
  list(value.disclosures).forEach((d, i) => {
    date(`/disclosures/${i}/publishedAt`, d.publishedAt);
    date(`/disclosures/${i}/periodStart`, d.periodStart);
    date(`/disclosures/${i}/periodEnd`, d.periodEnd);
    ordered(`/disclosures/${i}/periodStart`, `/disclosures/${i}/periodEnd`, d.periodStart, d.periodEnd, 'periodStart', 'periodEnd');
    // both parsed from decimal text: rounding to binary keeps their order, so this comparison is exact
    if (v2 && typeof d.borneByPlatformCny === 'number' && typeof d.amountToShareCny === 'number' && d.borneByPlatformCny > d.amountToShareCny) {
      out.push({
        pointer: `/disclosures/${i}/borneByPlatformCny`,
        ...say('filing.borne_exceeds', { borne: String(d.borneByPlatformCny), amount: String(d.amountToShareCny), amountAt: `/disclosures/${i}/amountToShareCny` }),
      });
    }
  });
  list(value.marketing).forEach((m, i) => date(`/marketing/${i}/publishedAt`, m.publishedAt));
  if (isObj(value.shutdown)) {
    date('/shutdown/announcedAt', value.shutdown.announcedAt);
    date('/shutdown/effectiveAt', value.shutdown.effectiveAt);
  }
  const platform = isObj(value.platform) ? value.platform : {};
  const operator = isObj(platform.operator) ? platform.operator : {};
  out.push(...usccProblem('/platform/operator/uscc', operator.uscc));
  return out;
}

/** Schema 1 for a period ending from its retirement date: one `schema_retired` problem at /schemaVersion. */
function retirementProblems(value: unknown): FilingProblem[] {
  if (!isObj(value) || !isObj(value.period)) return [];
  const end = value.period.end;
  if (typeof end !== 'string' || !isCalendarDate(end) || !isRetired(value.schemaVersion, end)) return [];
  return [
    {
      code: 'schema_retired',
      pointer: '/schemaVersion',
      ...say('filing.schema_retired', { retiredFrom: SCHEMA_1_RETIRED_FROM, end }),
    },
  ];
}

/** A schema pattern is for machines: say what a USCC is instead of printing the expression. */
function readable(p: SchemaProblem): SchemaProblem {
  if (USCC_FIELD.test(p.pointer) && p.message.startsWith('must match ')) {
    return { pointer: p.pointer, ...say('filing.uscc_shape', {}) };
  }
  // a version 2 field in a version 1 filing: the schema forbids it with `false`
  if (p.message === 'boolean schema is false') return { pointer: p.pointer, ...say('filing.unknown_field_v2', {}) };
  return p;
}

/** Every problem with a filing value, schema and semantics together; empty when it is a valid Filing. */
export function filingProblems(value: unknown): FilingProblem[] {
  const invalid = [...check(validateSchema, value).map(readable), ...semanticProblems(value)];
  return [...retirementProblems(value), ...invalid.map((p): FilingProblem => ({ code: 'filing_invalid', ...p }))];
}

/**
 * Validates a parsed value as a Filing, or throws with one problem per fault: `schema_retired` when
 * schema 1's retirement is the only fault, else `filing_invalid` (each problem keeps its own code).
 * @example validateFiling(JSON.parse(text), 'a.json').filingId
 */
export function validateFiling(value: unknown, source?: string): Filing {
  const problems = filingProblems(value);
  if (problems.length > 0) {
    throw new ComplianceError(
      problems.every((p) => p.code === 'schema_retired') ? 'schema_retired' : 'filing_invalid',
      problems.map((p): Problem => ({ code: p.code, message: p.message, msg: p.msg, pointer: p.pointer || '/', ...(source === undefined ? {} : { file: source }) })),
    );
  }
  return value as Filing;
}

/** Parses and validates filing text in one step (JSON or YAML). */
export function readFiling(text: string, source: string, format?: FilingFormat): Filing {
  return validateFiling(parseFilingText(text, source, format), source);
}
