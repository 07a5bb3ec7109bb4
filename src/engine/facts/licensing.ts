// Licence facts: which licences the operator holds on the as-of date, which products are covered by
// a licence (DESIGN section 5, "a covered product"), and how far the operator's licence cover reaches.

import { dayNumber } from '../../filing/dates.js';
import type { Filing, Licence, LicenceType } from '../../filing/types.js';
import { licenceHolder, productUnderwriter } from '../../filing/versions.js';
import { defineFact, type EvidenceItem } from './types.js';

const LICENCE_TYPES = ['insurance', 'mutual-insurance', 'insurance-agency', 'payment', 'other'];
/** The types that make "a valid licence" (DESIGN section 5). */
export const INSURANCE_TYPES: readonly LicenceType[] = ['insurance', 'mutual-insurance'];
const HOLDERS = ['operator', 'anyone'] as const;
type Holder = (typeof HOLDERS)[number];

const typesParam = {
  type: 'object',
  additionalProperties: false,
  properties: {
    types: { type: 'array', minItems: 1, items: { enum: LICENCE_TYPES } },
    heldBy: { enum: HOLDERS },
  },
};

interface TypesParams {
  types?: LicenceType[];
  /** `operator` (the default): only licences the operator holds count; `anyone`: every listed licence. */
  heldBy?: Holder;
}

function isValidOn(l: Licence, day: number): boolean {
  return dayNumber(l.validFrom) <= day && (l.validUntil === null || day <= dayNumber(l.validUntil));
}

function licenceItem(filing: Filing, l: Licence, i: number): EvidenceItem {
  return { pointer: `/licenses/${i}`, type: l.type, number: l.number, holderUscc: licenceHolder(filing, l), validFrom: l.validFrom, validUntil: l.validUntil };
}

/**
 * Licences of the given types valid on `asOf` (validFrom ≤ asOf ≤ validUntil or open-ended), held by
 * `holder` when one is given (a USCC), else by anyone.
 */
export function validLicenceItems(filing: Filing, types: readonly LicenceType[], asOf: string, holder: string | null): EvidenceItem[] {
  const day = dayNumber(asOf);
  const out: EvidenceItem[] = [];
  filing.licenses.forEach((l, i) => {
    if (!types.includes(l.type) || !isValidOn(l, day)) return;
    if (holder !== null && licenceHolder(filing, l) !== holder) return;
    out.push(licenceItem(filing, l, i));
  });
  return out;
}

const holderOf = (filing: Filing, p: TypesParams) => ((p.heldBy ?? 'operator') === 'operator' ? filing.platform.operator.uscc : null);

export const validLicences = defineFact<TypesParams>({
  id: 'validLicences',
  description:
    'The licences of the given types (default insurance, mutual-insurance) valid on the as-of date and held by the operator (`heldBy: anyone` counts every listed licence). A schema 1 licence is read as held by the operator.',
  returns: 'items',
  params: typesParam,
  fields: ['pointer', 'type', 'number', 'holderUscc', 'validFrom', 'validUntil'],
  compute: (filing, p, ctx) => validLicenceItems(filing, p.types ?? INSURANCE_TYPES, ctx.asOf, holderOf(filing, p)),
});

export const hasValidLicence = defineFact<TypesParams>({
  id: 'hasValidLicence',
  description:
    'Whether the operator holds at least one licence of the given types (default insurance, mutual-insurance) valid on the as-of date (`heldBy: anyone`: whether any listed licence is).',
  returns: 'boolean',
  params: typesParam,
  fields: [],
  compute: (filing, p, ctx) => validLicenceItems(filing, p.types ?? INSURANCE_TYPES, ctx.asOf, holderOf(filing, p)).length > 0,
});

/**
 * Whether product `i` is covered on `asOf`: the operator holds a valid licence; or the product is of kind
 * insurance, its underwriter holds a valid insurance or mutual-insurance licence listed in the filing, and
 * the operator holds a valid agency licence (an agency selling an insurer's product).
 */
export function isCovered(filing: Filing, i: number, asOf: string): boolean {
  const operator = filing.platform.operator.uscc;
  if (validLicenceItems(filing, INSURANCE_TYPES, asOf, operator).length > 0) return true;
  const underwriter = productUnderwriter(filing, filing.products[i]!);
  if (underwriter === null) return false;
  return (
    validLicenceItems(filing, INSURANCE_TYPES, asOf, underwriter).length > 0 &&
    validLicenceItems(filing, ['insurance-agency'], asOf, operator).length > 0
  );
}

export const uncoveredProducts = defineFact<{ kinds?: ('mutual-aid' | 'insurance')[] }>({
  id: 'uncoveredProducts',
  description:
    'The products of the given kinds (default: all) that no licence covers on the as-of date: the operator holds no valid insurance or mutual-insurance licence, and the product is not an insurance product whose underwriter holds one while the operator holds a valid agency licence.',
  returns: 'items',
  params: {
    type: 'object',
    additionalProperties: false,
    properties: { kinds: { type: 'array', minItems: 1, items: { enum: ['mutual-aid', 'insurance'] } } },
  },
  fields: ['pointer', 'id', 'name', 'kind', 'underwriterUscc'],
  compute: (filing, p, ctx) =>
    filing.products.flatMap((prod, i) =>
      (p.kinds === undefined || p.kinds.includes(prod.kind)) && !isCovered(filing, i, ctx.asOf)
        ? [{ pointer: `/products/${i}`, id: prod.id, name: prod.name, kind: prod.kind, underwriterUscc: prod.underwriterUscc ?? null }]
        : [],
    ),
});

/**
 * The operator's licence cover (DESIGN section 5, LIC-002): from the valid licences, the latest end,
 * extended by every licence of the operator's that starts at most one day after the cover's end and
 * ends later. Null when the cover is open-ended or there is no valid licence.
 */
export function coverOf(filing: Filing, asOf: string): { end: string; chain: EvidenceItem[] } | null {
  const operator = filing.platform.operator.uscc;
  const valid = validLicenceItems(filing, INSURANCE_TYPES, asOf, operator);
  if (valid.length === 0 || valid.some((l) => l.validUntil === null)) return null;
  let best = valid[0]!;
  for (const l of valid) if (dayNumber(l.validUntil as string) > dayNumber(best.validUntil as string)) best = l;
  let end = dayNumber(best.validUntil as string);
  const chain: EvidenceItem[] = [best];
  const own = filing.licenses.map((l, i) => ({ l, i })).filter(({ l }) => INSURANCE_TYPES.includes(l.type) && licenceHolder(filing, l) === operator);
  for (;;) {
    // of the renewals that join the cover, the one reaching furthest extends it (an open-ended one ends the search)
    let next: { l: Licence; i: number } | null = null;
    for (const c of own) {
      if (dayNumber(c.l.validFrom) > end + 1) continue;
      if (c.l.validUntil === null) return null;
      if (dayNumber(c.l.validUntil) > end && (next === null || dayNumber(c.l.validUntil) > dayNumber(next.l.validUntil as string))) next = c;
    }
    if (next === null) break;
    end = dayNumber(next.l.validUntil as string);
    chain.push(licenceItem(filing, next.l, next.i));
  }
  return { end: chain[chain.length - 1]!.validUntil as string, chain };
}

export const licenceCover = defineFact<Record<string, never>>({
  id: 'licenceCover',
  description: "The operator's licence cover as an object: `end` (its last day), `daysLeft` after the as-of date, and `licences`, the chain of licences that make it; null when open-ended or no licence is valid.",
  returns: 'object',
  params: { type: 'object', additionalProperties: false, properties: {} },
  fields: ['end', 'daysLeft', 'licences'],
  compute: (filing, _p, ctx) => {
    const cover = coverOf(filing, ctx.asOf);
    return cover === null ? null : { end: cover.end, daysLeft: dayNumber(cover.end) - dayNumber(ctx.asOf), licences: cover.chain };
  },
});
