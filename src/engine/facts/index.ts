// The catalogue of computed facts, registered once: what rules may name in `fact`.

import { disclosureGaps, disclosuresMissing, lateDisclosures } from './disclosures.js';
import { asOfFact, balanceDiscrepancy, count, filingFact, memberChangeRate, shutdownNoticeDays } from './figures.js';
import { hasValidLicence, licenceDaysLeft, validLicences } from './licensing.js';
import { HISTORY_FACTS } from './history.js';
import { restrictedMarketingTerms, restrictedNameTerms } from './naming.js';
import { productsAbove, productsBelow, productsMissing, productsOfKind } from './products.js';
import type { Fact } from './types.js';

export type { Fact, FactContext, EvidenceItem } from './types.js';

/** Every fact a rule may use, by id. */
export const FACTS: ReadonlyMap<string, Fact> = new Map(
  [
    filingFact,
    asOfFact,
    count,
    validLicences,
    hasValidLicence,
    licenceDaysLeft,
    restrictedNameTerms,
    restrictedMarketingTerms,
    productsOfKind,
    productsMissing,
    productsAbove,
    productsBelow,
    balanceDiscrepancy,
    disclosureGaps,
    disclosuresMissing,
    lateDisclosures,
    memberChangeRate,
    shutdownNoticeDays,
    ...HISTORY_FACTS,
  ].map((f) => [f.id, f]),
);
