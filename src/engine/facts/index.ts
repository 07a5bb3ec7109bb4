// The catalogue of computed facts, registered once: what rules may name in `fact`.

import { disclosureGaps, disclosuresMissing, lateDisclosures } from './disclosures.js';
import { asOfFact, balanceDiscrepancy, count, filingFact, memberChangeRate, shutdownNoticeDays, submissionDelay } from './figures.js';
import { hasValidLicence, licenceCover, uncoveredProducts, validLicences } from './licensing.js';
import { HISTORY_FACTS } from './history.js';
import { restrictedMarketingTerms, restrictedNameTerms } from './naming.js';
import { namesWithoutCover } from './licensed-names.js';
import { disclosuresWith, feesOverCap, shareMismatches } from './rounds.js';
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
    licenceCover,
    uncoveredProducts,
    restrictedNameTerms,
    namesWithoutCover,
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
    submissionDelay,
    feesOverCap,
    disclosuresWith,
    shareMismatches,
    ...HISTORY_FACTS,
  ].map((f) => [f.id, f]),
);
