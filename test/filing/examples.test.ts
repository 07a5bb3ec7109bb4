// The example filings in examples/filings are valid, in the version their name says.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readFiling } from '../../src/filing/validate.js';
import { licenceHolder } from '../../src/filing/versions.js';
import { REPO_ROOT } from '../support/filing-factory.js';

const DIR = new URL('examples/filings/', REPO_ROOT);
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

describe('examples/filings', () => {
  it('has examples in both versions', () => {
    expect(files.filter((f) => f.endsWith('-v2.yaml')).length).toBeGreaterThanOrEqual(3);
    expect(files.filter((f) => !f.endsWith('-v2.yaml')).length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s is valid, in the version its name says', (file) => {
    const filing = readFiling(readFileSync(new URL(file, DIR), 'utf8'), file);
    expect(filing.schemaVersion).toBe(file.endsWith('-v2.yaml') ? 2 : 1);
  });

  it('the DESIGN section 3 example in schema 2 says what schema 1 said, and more', () => {
    const read = (f: string) => readFiling(readFileSync(new URL(f, DIR), 'utf8'), f);
    const v1 = read('xianghubao-2021-12b.yaml');
    const v2 = read('xianghubao-2021-12b-v2.yaml');
    expect(v1.disclosures[0]).toMatchObject({
      amountToShareCny: 560000000,
      perMemberShareCny: 7.46,
      managementFeeCny: 41480000,
    });
    expect(v2.disclosures[0]).toEqual({
      ...v1.disclosures[0],
      participatingMembers: 75000000,
      borneByPlatformCny: 0,
    });
    expect({ ...v2, schemaVersion: 1, filingId: v1.filingId, disclosures: v1.disclosures }).toEqual(v1);
  });

  it('the agency example lists a partner’s licence that is not the operator’s', () => {
    const f = readFiling(readFileSync(new URL('agency-and-partner-licence-v2.yaml', DIR), 'utf8'), 'agency');
    expect(f.licenses.map((l) => licenceHolder(f, l) === f.platform.operator.uscc)).toEqual([true, false]);
    expect(f.products[0]!.underwriterUscc).toBe(f.licenses[1]!.holderUscc);
  });
});
