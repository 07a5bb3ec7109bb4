// Licence facts: which licences are valid on the as-of date, and how long the latest one has left.

import { dayNumber } from '../../filing/dates.js';
import type { Filing, LicenceType } from '../../filing/types.js';
import { defineFact, type EvidenceItem } from './types.js';

const LICENCE_TYPES = ['insurance', 'mutual-insurance', 'insurance-agency', 'payment', 'other'];
const DEFAULT_TYPES: LicenceType[] = ['insurance', 'mutual-insurance'];
const typesParam = {
  type: 'object',
  additionalProperties: false,
  properties: { types: { type: 'array', minItems: 1, items: { enum: LICENCE_TYPES } } },
};

interface TypesParams {
  types?: LicenceType[];
}

/** Licences of the given types (default insurance and mutual-insurance) with validFrom ≤ asOf ≤ validUntil. */
export function validLicenceItems(filing: Filing, types: readonly LicenceType[], asOf: string): EvidenceItem[] {
  const day = dayNumber(asOf);
  const out: EvidenceItem[] = [];
  filing.licenses.forEach((l, i) => {
    if (!types.includes(l.type)) return;
    if (dayNumber(l.validFrom) > day) return;
    if (l.validUntil !== null && dayNumber(l.validUntil) < day) return;
    out.push({ pointer: `/licenses/${i}`, type: l.type, number: l.number, validFrom: l.validFrom, validUntil: l.validUntil });
  });
  return out;
}

export const validLicences = defineFact<TypesParams>({
  id: 'validLicences',
  description: 'The licences of the given types (default insurance, mutual-insurance) valid on the as-of date.',
  returns: 'items',
  params: typesParam,
  fields: ['pointer', 'type', 'number', 'validFrom', 'validUntil'],
  compute: (filing, p, ctx) => validLicenceItems(filing, p.types ?? DEFAULT_TYPES, ctx.asOf),
});

export const hasValidLicence = defineFact<TypesParams>({
  id: 'hasValidLicence',
  description: 'Whether at least one licence of the given types (default insurance, mutual-insurance) is valid on the as-of date.',
  returns: 'boolean',
  params: typesParam,
  fields: [],
  compute: (filing, p, ctx) => validLicenceItems(filing, p.types ?? DEFAULT_TYPES, ctx.asOf).length > 0,
});

export const licenceDaysLeft = defineFact<TypesParams>({
  id: 'licenceDaysLeft',
  description:
    'Days from the as-of date to the latest validUntil of the valid licences of the given types; null when none is valid or one is open-ended.',
  returns: 'number',
  params: typesParam,
  fields: [],
  compute: (filing, p, ctx) => {
    const valid = validLicenceItems(filing, p.types ?? DEFAULT_TYPES, ctx.asOf);
    if (valid.length === 0 || valid.some((l) => l.validUntil === null)) return null;
    const latest = Math.max(...valid.map((l) => dayNumber(l.validUntil as string)));
    return latest - dayNumber(ctx.asOf);
  },
});
