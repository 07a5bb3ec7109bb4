// Filing value → typed Filing: the JSON Schema (all errors at once) plus the checks a schema cannot express.

import filingSchema from '../../schemas/filing.schema.json' with { type: 'json' };
import { ComplianceError, type Problem } from '../errors.js';
import { createAjv, check, type SchemaProblem } from '../schema.js';
import { isCalendarDate, dayNumber } from './dates.js';
import { parseFilingText, type FilingFormat } from './parse.js';
import type { Filing } from './types.js';
import { isValidUscc } from './uscc.js';

const validateSchema = createAjv().compile(filingSchema);

/** The compiled JSON Schema validator alone (no semantic checks): what the benchmark's floor runs. */
export function matchesFilingSchema(value: unknown): boolean {
  return validateSchema(value);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** Semantic checks on whatever parts of the value have the right shape, so they add to schema errors. */
function semanticProblems(value: unknown): SchemaProblem[] {
  if (!isObj(value)) return [];
  const out: SchemaProblem[] = [];
  const date = (pointer: string, v: unknown) => {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !isCalendarDate(v)) {
      out.push({ pointer, message: `${v} is not a calendar date` });
    }
  };
  const ordered = (pointer: string, from: unknown, to: unknown, what: string) => {
    if (typeof from === 'string' && typeof to === 'string' && dayNumber(from) > dayNumber(to)) {
      out.push({ pointer, message: `${what} (${to} is before ${from})` });
    }
  };
  const period = isObj(value.period) ? value.period : {};
  date('/period/start', period.start);
  date('/period/end', period.end);
  ordered('/period/start', period.start, period.end, 'period.start must not be after period.end');
  list(value.licenses).forEach((l, i) => {
    date(`/licenses/${i}/validFrom`, l.validFrom);
    date(`/licenses/${i}/validUntil`, l.validUntil);
    ordered(`/licenses/${i}/validUntil`, l.validFrom, l.validUntil, 'validUntil must not be before validFrom');
  });
  list(value.products).forEach((p, i) => {
    if (isObj(p.registration)) date(`/products/${i}/registration/date`, p.registration.date);
    if (isObj(p.ageRange) && typeof p.ageRange.min === 'number' && typeof p.ageRange.max === 'number' && p.ageRange.min > p.ageRange.max) {
      out.push({ pointer: `/products/${i}/ageRange/min`, message: 'ageRange.min must not be above ageRange.max' });
    }
  });
  const funds = isObj(value.funds) ? value.funds : {};
  if (isObj(funds.custody)) date('/funds/custody/accountOpenedAt', funds.custody.accountOpenedAt);
  list(value.disclosures).forEach((d, i) => {
    date(`/disclosures/${i}/publishedAt`, d.publishedAt);
    date(`/disclosures/${i}/periodStart`, d.periodStart);
    date(`/disclosures/${i}/periodEnd`, d.periodEnd);
    ordered(`/disclosures/${i}/periodStart`, d.periodStart, d.periodEnd, 'periodStart must not be after periodEnd');
  });
  list(value.marketing).forEach((m, i) => date(`/marketing/${i}/publishedAt`, m.publishedAt));
  if (isObj(value.shutdown)) {
    date('/shutdown/announcedAt', value.shutdown.announcedAt);
    date('/shutdown/effectiveAt', value.shutdown.effectiveAt);
  }
  const platform = isObj(value.platform) ? value.platform : {};
  const operator = isObj(platform.operator) ? platform.operator : {};
  if (typeof operator.uscc === 'string' && /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(operator.uscc) && !isValidUscc(operator.uscc)) {
    out.push({ pointer: '/platform/operator/uscc', message: 'check digit does not match (GB 32100-2015)' });
  }
  return out;
}

/** Every problem with a filing value, schema and semantics together; empty when it is a valid Filing. */
export function filingProblems(value: unknown): SchemaProblem[] {
  return [...check(validateSchema, value), ...semanticProblems(value)];
}

/**
 * Validates a parsed value as a Filing, or throws `filing_invalid` with one problem per fault.
 * @example validateFiling(JSON.parse(text), 'a.json').filingId
 */
export function validateFiling(value: unknown, source?: string): Filing {
  const problems = filingProblems(value);
  if (problems.length > 0) {
    throw new ComplianceError(
      'filing_invalid',
      problems.map((p): Problem => ({ code: 'filing_invalid', message: p.message, pointer: p.pointer || '/', ...(source === undefined ? {} : { file: source }) })),
    );
  }
  return value as Filing;
}

/** Parses and validates filing text in one step (JSON or YAML). */
export function readFiling(text: string, source: string, format?: FilingFormat): Filing {
  return validateFiling(parseFilingText(text, source, format), source);
}
