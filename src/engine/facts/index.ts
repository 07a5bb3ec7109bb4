// The catalogue of computed facts, registered once: what rules may name in `fact`.

import { disclosureGaps, disclosuresMissing, lateDisclosures, untimelyDisclosures } from './disclosures.js';
import {
  activeMembers,
  asOfFact,
  balanceDiscrepancy,
  claimsWindow,
  count,
  custodyAccount,
  filingFact,
  memberChangeRate,
  preCollection,
  shutdownNotice,
  shutdownNoticeDays,
  submissionDelay,
} from './figures.js';
import { hasValidLicence, licenceCover, licenceCovers, uncoveredProducts, validLicences } from './licensing.js';
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
    licenceCovers,
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
    untimelyDisclosures,
    memberChangeRate,
    activeMembers,
    custodyAccount,
    preCollection,
    shutdownNoticeDays,
    shutdownNotice,
    claimsWindow,
    submissionDelay,
    feesOverCap,
    disclosuresWith,
    shareMismatches,
    ...HISTORY_FACTS,
  ].map((f) => [f.id, f]),
);
