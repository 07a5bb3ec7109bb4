// NAME-001's fact: the names that carry a restricted term without the licence that would allow it.

import { hasValidLicence, INSURANCE_TYPES, isCovered } from './licensing.js';
import { restrictedNameTerms } from './naming.js';
import { defineFact, type EvidenceItem } from './types.js';

const PRODUCT_NAME = /^\/products\/(\d+)\/name$/;

export const namesWithoutCover = defineFact<{ terms: string[]; allow?: string[] }>({
  id: 'namesWithoutCover',
  description:
    "The names found by `restrictedNameTerms` (same `terms` and `allow`) that no licence allows: the platform's name when the operator holds neither a valid insurance or mutual-insurance licence nor a valid agency licence; a product's name when the product is not covered.",
  returns: 'items',
  params: restrictedNameTerms.params,
  fields: restrictedNameTerms.fields,
  compute: (filing, p, ctx) => {
    const found = restrictedNameTerms.compute(filing, p, ctx) as EvidenceItem[];
    if (found.length === 0) return found;
    const operatorMaySay = hasValidLicence.compute(filing, { types: [...INSURANCE_TYPES, 'insurance-agency'] }, ctx) === true;
    return found.filter((item) => {
      const product = PRODUCT_NAME.exec(item.pointer);
      return product ? !isCovered(filing, Number(product[1]), ctx.asOf) : !operatorMaySay;
    });
  },
});
