// The fact catalogue: every fact is registered once, has a params schema the linter can compile, and is documented.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FACTS } from '../../../src/engine/facts/index.js';
import { createAjv } from '../../../src/schema.js';
import { REPO_ROOT } from '../../support/filing-factory.js';

/** Each of these has its own table test in this folder; a new fact must be added here and tested. */
const TESTED = [
  'filing',
  'asOf',
  'count',
  'validLicences',
  'hasValidLicence',
  'licenceCover',
  'licenceCovers',
  'uncoveredProducts',
  'namesWithoutCover',
  'feesOverCap',
  'disclosuresWith',
  'shareMismatches',
  'submissionDelay',
  'restrictedNameTerms',
  'restrictedMarketingTerms',
  'productsOfKind',
  'productsMissing',
  'productsAbove',
  'productsBelow',
  'balanceDiscrepancy',
  'disclosureGaps',
  'disclosuresMissing',
  'lateDisclosures',
  'untimelyDisclosures',
  'memberChangeRate',
  'activeMembers',
  'custodyAccount',
  'preCollection',
  'shutdownNoticeDays',
  'shutdownNotice',
  'claimsWindow',
  'historyGap',
  'historyReference',
  'historyMemberLoss',
  'historyShareGrowth',
  'historySpiral',
];

describe('FACTS', () => {
  it('registers exactly the tested facts', () => {
    expect([...FACTS.keys()].sort()).toEqual([...TESTED].sort());
  });

  it.each([...FACTS.values()].map((f) => [f.id, f] as const))(
    '%s has a compilable params schema and distinct fields',
    (_id, fact) => {
      expect(() => createAjv().compile(fact.params)).not.toThrow();
      expect(new Set(fact.fields).size).toBe(fact.fields.length);
      expect(fact.description.length).toBeGreaterThan(10);
    },
  );

  it('documents every fact in docs/facts.md', () => {
    const doc = readFileSync(new URL('docs/facts.md', REPO_ROOT), 'utf8');
    expect(TESTED.filter((id) => !doc.includes(`\`${id}\``))).toEqual([]);
  });
});
