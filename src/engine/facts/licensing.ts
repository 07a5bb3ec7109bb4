// Licence facts: which licences the operator holds on the as-of date, which products are covered by
// a licence (DESIGN section 5, "a covered product"), and how far the operator's licence cover of each
// kind reaches.

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
 * The operator's licence cover of one kind (DESIGN section 5, LIC-002): from its valid licences of
 * `types`, the latest end, extended by every licence of the operator's of those types that starts at
 * most one day after the cover's end and ends later. Null when the cover is open-ended or there is no
 * valid licence of those types.
 */
export function coverOf(filing: Filing, asOf: string, types: readonly LicenceType[] = INSURANCE_TYPES): { end: string; chain: EvidenceItem[] } | null {
  const operator = filing.platform.operator.uscc;
  const valid = validLicenceItems(filing, types, asOf, operator);
  if (valid.length === 0 || valid.some((l) => l.validUntil === null)) return null;
  let best = valid[0]!;
  for (const l of valid) if (dayNumber(l.validUntil as string) > dayNumber(best.validUntil as string)) best = l;
  let end = dayNumber(best.validUntil as string);
  const chain: EvidenceItem[] = [best];
  const own = filing.licenses.map((l, i) => ({ l, i })).filter(({ l }) => types.includes(l.type) && licenceHolder(filing, l) === operator);
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

/**
 * The kinds of licence cover reckoned apart from revision 3 (DESIGN section 5, "Licence cover"):
 * insurance and mutual-insurance together, insurance-agency alone (what NAME-001's and MKT-001's
 * exemptions hang on). A licence of one kind never renews or excuses the other.
 */
export const COVER_KINDS: readonly { kind: 'insurance' | 'insurance-agency'; types: readonly LicenceType[] }[] = [
  { kind: 'insurance', types: INSURANCE_TYPES },
  { kind: 'insurance-agency', types: ['insurance-agency'] },
];

export const licenceCovers = defineFact<{ warningDays?: number }>({
  id: 'licenceCovers',
  description:
    "The operator's licence cover reckoned separately per kind (insurance and mutual-insurance together; insurance-agency alone), renewals included: an item `{pointer, licenceKind, end, daysLeft, licences}` for each kind the operator validly holds whose cover has an end (an open-ended licence or renewal gives its kind none); `pointer` names the licence that ends the cover. Given `warningDays`, only the kinds whose cover ends 0..warningDays days after the as-of date, each with `warningDays`.",
  returns: 'items',
  params: {
    type: 'object',
    additionalProperties: false,
    properties: { warningDays: { type: 'integer', minimum: 0 } },
  },
  fields: ['pointer', 'licenceKind', 'end', 'daysLeft', 'warningDays', 'licences'],
  compute: (filing, p, ctx) => {
    const out: EvidenceItem[] = [];
    for (const { kind, types } of COVER_KINDS) {
      const cover = coverOf(filing, ctx.asOf, types);
      if (cover === null) continue;
      // a valid licence ends on or after the as-of date, so the days left are never below 0
      const daysLeft = dayNumber(cover.end) - dayNumber(ctx.asOf);
      if (p.warningDays !== undefined && daysLeft > p.warningDays) continue;
      out.push({
        pointer: cover.chain[cover.chain.length - 1]!.pointer,
        licenceKind: kind,
        end: cover.end,
        daysLeft,
        ...(p.warningDays === undefined ? {} : { warningDays: p.warningDays }),
        licences: cover.chain,
      });
    }
    return out;
  },
});

export const licenceCover = defineFact<Record<string, never>>({
  id: 'licenceCover',
  description:
    "The operator's insurance and mutual-insurance licence cover as an object (the second edition's LIC-002; the third reckons each kind apart with `licenceCovers`): `end` (its last day), `daysLeft` after the as-of date, and `licences`, the chain of licences that make it; null when open-ended or no licence is valid.",
  returns: 'object',
  params: { type: 'object', additionalProperties: false, properties: {} },
  fields: ['end', 'daysLeft', 'licences'],
  compute: (filing, _p, ctx) => {
    const cover = coverOf(filing, ctx.asOf);
    return cover === null ? null : { end: cover.end, daysLeft: dayNumber(cover.end) - dayNumber(ctx.asOf), licences: cover.chain };
  },
});
