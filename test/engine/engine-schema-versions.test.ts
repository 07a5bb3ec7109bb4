// Schema 1 and 2 judged by the same pack (DESIGN section 3): SHARE-001 is not-applicable on schema 1
// with reason not_in_schema, on both evaluators; schema 1 licences count as the operator's.

import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import type { Report } from '../../src/engine/report-model.js';
import { makeFiling } from '../support/filing-factory.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { judgeReport, judgeReferenceReport } from '../../src/report/render.js';

const V1_LICENCE = { type: 'mutual-insurance', number: 'L', issuer: 'CBIRC', validFrom: '2016-06-01', validUntil: null };
const v1 = (over: Record<string, unknown> = {}) =>
  makeFiling({
    '/schemaVersion': 1,
    '/licenses': [V1_LICENCE],
    '/disclosures': [{ publishedAt: '2021-06-30', periodStart: '2021-06-16', periodEnd: '2021-06-30', cases: 1, amountToShareCny: 1080, perMemberShareCny: 9, managementFeeCny: 80 }],
    ...over,
  });
const finding = (r: Report, id: string) => r.findings.find((f) => f.ruleId === id)!;

describe('schema versions', () => {
  const judge = new Judge(bundledRuleSet());

  it.each(['en', 'zh'] as const)('SHARE-001 is not-applicable on schema 1, reason not_in_schema (%s, both evaluators)', async (lang) => {
    const fast = judgeReport(judge, v1(), { lang });
    const reference = await judgeReferenceReport(judge, v1(), { lang });
    expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
    expect(finding(fast, 'SHARE-001')).toMatchObject({ status: 'not-applicable', reasonCode: 'not_in_schema' });
    // DESIGN section 3 words the reason: "not in this filing's schema".
    expect(finding(fast, 'SHARE-001').reason).toBe(lang === 'zh' ? '本报送的版本无此字段' : "not in this filing's schema");
  });

  it('SHARE-001 judges a schema 2 filing', () => {
    const fails = judgeReport(judge, makeFiling({ '/disclosures/0/perMemberShareCny': 9 }));
    expect(finding(fails, 'SHARE-001').status).toBe('fail');
    expect(finding(judgeReport(judge, makeFiling()), 'SHARE-001').status).toBe('pass');
  });

  it('reads a schema 1 licence as held by the operator, and a schema 2 one by its holder', () => {
    expect(finding(judgeReport(judge, v1()), 'LIC-001').status).toBe('pass');
    const partner = judgeReport(judge, makeFiling({ '/licenses/0/holderUscc': '91330100MAAY4CL126' }));
    expect(finding(partner, 'LIC-001').status).toBe('fail');
  });
});
