// Product facts: products by kind, products missing a field, products beyond a numeric limit.

import type { Filing, Product } from '../../filing/types.js';
import { compareExact } from '../exact.js';
import { defineFact, type EvidenceItem } from './types.js';

const NUMERIC_FIELDS = ['waitingPeriodDays', 'managementFeeRate', 'payoutCapCny', 'annualShareCapCny'] as const;
type NumericField = (typeof NUMERIC_FIELDS)[number];
const NULLABLE_FIELDS = ['registration', 'annualShareCapCny'] as const;

const item = (p: Product, i: number, extra: Record<string, unknown> = {}): EvidenceItem => ({
  pointer: `/products/${i}`,
  id: p.id,
  name: p.name,
  kind: p.kind,
  ...extra,
});

export const productsOfKind = defineFact<{ kinds?: Product['kind'][] }>({
  id: 'productsOfKind',
  description: 'The products of the given kinds (default: all kinds).',
  returns: 'items',
  params: {
    type: 'object',
    additionalProperties: false,
    properties: { kinds: { type: 'array', minItems: 1, items: { enum: ['mutual-aid', 'insurance'] } } },
  },
  fields: ['pointer', 'id', 'name', 'kind'],
  compute: (filing, p) =>
    filing.products.flatMap((prod, i) => (p.kinds === undefined || p.kinds.includes(prod.kind) ? [item(prod, i)] : [])),
});

export const productsMissing = defineFact<{ field: (typeof NULLABLE_FIELDS)[number] }>({
  id: 'productsMissing',
  description: 'The products whose `field` (registration or annualShareCapCny) is null.',
  returns: 'items',
  params: {
    type: 'object',
    additionalProperties: false,
    required: ['field'],
    properties: { field: { enum: NULLABLE_FIELDS } },
  },
  fields: ['pointer', 'id', 'name', 'kind', 'field'],
  compute: (filing, p) =>
    filing.products.flatMap((prod, i) => (prod[p.field] === null ? [item(prod, i, { field: p.field })] : [])),
});

function beyond(filing: Filing, field: NumericField, test: (v: number) => boolean, limit: number): EvidenceItem[] {
  return filing.products.flatMap((prod, i) => {
    const v = prod[field];
    return typeof v === 'number' && test(v) ? [item(prod, i, { field, value: v, limit, [field]: v })] : [];
  });
}

const limitParams = (bound: 'max' | 'min') => ({
  type: 'object',
  additionalProperties: false,
  required: ['field', bound],
  properties: { field: { enum: NUMERIC_FIELDS }, [bound]: { type: 'number' } },
});

export const productsAbove = defineFact<{ field: NumericField; max: number }>({
  id: 'productsAbove',
  description: 'The products whose numeric `field` is strictly above `max` (a null field is never above).',
  returns: 'items',
  params: limitParams('max'),
  fields: ['pointer', 'id', 'name', 'kind', 'field', 'value', 'limit', ...NUMERIC_FIELDS],
  compute: (filing, p) => beyond(filing, p.field, (v) => compareExact(v, p.max) > 0, p.max),
});

export const productsBelow = defineFact<{ field: NumericField; min: number }>({
  id: 'productsBelow',
  description: 'The products whose numeric `field` is strictly below `min` (a null field is never below).',
  returns: 'items',
  params: limitParams('min'),
  fields: ['pointer', 'id', 'name', 'kind', 'field', 'value', 'limit', ...NUMERIC_FIELDS],
  compute: (filing, p) => beyond(filing, p.field, (v) => compareExact(v, p.min) < 0, p.min),
});
