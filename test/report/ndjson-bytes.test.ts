// The byte writer of bulk scans gives exactly the UTF-8 of JSON.stringify(report) + '\n'.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import { reportToJson } from '../../src/report/json.js';
import { ByteWriter, writeReportLine } from '../../src/report/ndjson-bytes.js';
import { filingArb } from '../support/arbitrary-filing.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { judgeReport } from '../../src/report/render.js';

describe('writeReportLine', () => {
  const judge = new Judge(bundledRuleSet());

  it('writes the bytes of JSON.stringify(report) + "\\n", in both languages, many reports in one buffer', () => {
    fc.assert(
      fc.property(fc.array(filingArb(), { minLength: 1, maxLength: 5 }), fc.constantFrom('en' as const, 'zh' as const), (filings, lang) => {
        const w = new ByteWriter();
        const reports = filings.map((f) => judgeReport(judge, f, { lang }));
        for (const r of reports) writeReportLine(w, r);
        const expected = reports.map((r) => JSON.stringify(r) + '\n').join('');
        expect(new TextDecoder().decode(w.result())).toBe(expected);
        expect(reports.map((r) => reportToJson(r) + '\n').join('')).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('grows past its first buffer', () => {
    const w = new ByteWriter();
    const big = 'x'.repeat(100_000) + '保';
    w.text(big);
    expect(new TextDecoder().decode(w.result())).toBe(big);
  });
});
