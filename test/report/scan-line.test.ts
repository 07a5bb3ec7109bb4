// The bulk scan line (DESIGN §7 revision 3): the ruleset line, scan lines equal to the whole report
// less what the ruleset line holds, the byte writer equal to JSON.stringify, and the golden lines.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyRecord, Judge } from '../../src/engine/index.js';
import type { Finding, Report } from '../../src/engine/report-model.js';
import { ByteWriter, writeScanLine } from '../../src/report/ndjson-bytes.js';
import { citationOf, renderReport, renderShown } from '../../src/report/render.js';
import { formatRulesetLine, renderScanLine, rulesetLine, scanLineOfReport, toScanLineText, type RulesetLine, type ScanLine } from '../../src/report/scan-line.js';
import { reportToJson } from '../../src/report/json.js';
import { filingArb } from '../support/arbitrary-filing.js';
import { fixtureFiling } from '../support/fixtures.js';
import { expectGolden } from '../support/golden.js';
import { goldenJudge } from '../support/golden-rules.js';
import { historySeries } from '../support/history-series.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { expectValidScanLine } from '../support/report-schema.js';

const golden = goldenJudge();
const goldenFilings = [fixtureFiling('xhb-2021-12b.yaml'), fixtureFiling('golden-mixed.yaml')];

/** The whole report's finding again from a scan line's finding and the ruleset line. */
function rebuilt(f: ScanLine['findings'][number], ruleset: RulesetLine): Finding {
  const rule = ruleset.rules.find((r) => r.id === f.ruleId)!;
  const violation = f.status === 'fail' || f.status === 'advisory' || f.status === 'waived';
  return { ...f, title: rule.title, ...(violation ? { remediation: rule.remediation } : {}), citation: rule.citation };
}

describe('the bulk scan line', () => {
  const judge = new Judge(bundledRuleSet());

  it('is the whole report less the passing and not-applicable findings and the ruleset line’s words, key for key, written as JSON.stringify writes it', () => {
    fc.assert(
      fc.property(fc.array(filingArb(), { minLength: 1, maxLength: 4 }), fc.constantFrom('en' as const, 'zh' as const), (filings, lang) => {
        const w = new ByteWriter();
        const expected: string[] = [];
        for (const filing of filings) {
          const outcome = judge.outcome(filing, { lang });
          const line = renderScanLine(outcome, judge.ruleSet, lang);
          const full = renderReport(outcome, judge.ruleSet, lang);
          expect(JSON.stringify(line)).toBe(JSON.stringify(scanLineOfReport(full)));
          expectValidScanLine(line);
          expect(toScanLineText(reportToJson(full))).toBe(JSON.stringify(line) + '\n');
          writeScanLine(w, line);
          expected.push(JSON.stringify(line) + '\n');
        }
        expect(new TextDecoder().decode(w.result())).toBe(expected.join(''));
      }),
      { numRuns: 150 },
    );
  });

  it('holds every status, histories and audit mode on the golden rule set, and the ruleset line gives back the whole findings', () => {
    const lines: string[] = [];
    for (const lang of ['en', 'zh'] as const) {
      const ruleset = rulesetLine(golden.ruleSet, lang);
      for (const filing of goldenFilings) {
        const outcome = golden.outcome(filing, { lang });
        const full = renderReport(outcome, golden.ruleSet, lang);
        const line = renderScanLine(outcome, golden.ruleSet, lang);
        const w = new ByteWriter();
        writeScanLine(w, line);
        expect(new TextDecoder().decode(w.result())).toBe(JSON.stringify(line) + '\n');
        const shown = full.findings.filter((f) => f.status !== 'pass' && f.status !== 'not-applicable');
        expect(line.findings.map((f) => rebuilt(f, ruleset))).toEqual(shown);
        expect(line.passed).toEqual(full.findings.filter((f) => f.status === 'pass').map((f) => f.ruleId));
        expect(line.notApplicable).toEqual(full.findings.filter((f) => f.status === 'not-applicable').map((f) => f.ruleId));
        for (const f of line.findings) for (const key of ['title', 'citation', 'remediation']) expect(f).not.toHaveProperty(key);
        expectValidScanLine(line);
        expectValidScanLine(ruleset);
        if (lang === 'en') lines.push(JSON.stringify(line) + '\n');
      }
    }
    expect(new Set(goldenFilings.flatMap((f) => golden.outcome(f).findings.map((x) => x.status)))).toEqual(
      new Set(['fail', 'pass', 'not-applicable', 'advisory', 'waived', 'error']),
    );
    expectGolden('scan.ndjson', formatRulesetLine(golden.ruleSet, 'en') + lines.join(''));
  });

  it('writes filings with a history the same way', () => {
    const series = historySeries({ platforms: 2, periods: 8, seed: 3 });
    const w = new ByteWriter();
    let expected = '';
    series.forEach((filing, i) => {
      const history = series.slice(0, i).filter((f) => f.platform.id === filing.platform.id).map(historyRecord);
      const outcome = judge.outcome(filing, { history });
      const line = renderScanLine(outcome, judge.ruleSet, 'zh');
      expect(JSON.stringify(line)).toBe(JSON.stringify(scanLineOfReport(renderReport(outcome, judge.ruleSet, 'zh'))));
      writeScanLine(w, line);
      expected += JSON.stringify(line) + '\n';
    });
    expect(new TextDecoder().decode(w.result())).toBe(expected);
  });

  it('renders no text for a passing or not-applicable rule', () => {
    const filing = goldenFilings[0]!;
    const outcome = golden.outcome(filing);
    const rendered: string[] = [];
    const spy = new Proxy(golden.ruleSet, {
      get(target, key, receiver) {
        if (key !== 'rules') return Reflect.get(target, key, receiver);
        return target.rules.map(
          (r) =>
            new Proxy(r, {
              get(rule, k, rr) {
                if (k === 'message') rendered.push(rule.id);
                return Reflect.get(rule, k, rr);
              },
            }),
        );
      },
    });
    const shown = renderShown(outcome, spy, 'en');
    const violations = outcome.findings.filter((f) => ['fail', 'advisory', 'waived'].includes(f.status)).map((f) => f.ruleId);
    expect(rendered.sort()).toEqual(violations.sort());
    expect(shown.passed.length + shown.notApplicable.length + shown.findings.length).toBe(outcome.findings.length);
  });

  it('the ruleset line names each rule once, in rule order, with the citation a shown finding carries', () => {
    for (const lang of ['en', 'zh'] as const) {
      const line = JSON.parse(formatRulesetLine(judge.ruleSet, lang)) as RulesetLine;
      expect(Object.keys(line)).toEqual(['type', 'version', 'lang', 'rules']);
      expect(line).toMatchObject({ type: 'ruleset', version: judge.ruleSet.version, lang });
      expect(line.rules.map((r) => r.id)).toEqual(judge.ruleSet.rules.map((r) => r.id));
      judge.ruleSet.rules.forEach((rule, i) => {
        expect(line.rules[i]).toEqual({
          id: rule.id,
          title: rule.title[lang],
          family: rule.family,
          severity: rule.severity,
          mode: rule.mode,
          citation: citationOf(rule, lang, true),
          remediation: rule.remediation[lang],
        });
      });
    }
  });

  it('leaves invalid and summary lines as they are', () => {
    const invalid = '{"type":"invalid","source":"a:1","errors":[{"code":"filing_parse_error","message":"findings"}]}';
    expect(toScanLineText(invalid)).toBe(invalid + '\n');
    expect(toScanLineText(invalid + '\n')).toBe(invalid + '\n');
    const report: Report = renderReport(golden.outcome(goldenFilings[1]!), golden.ruleSet, 'en');
    expect(JSON.parse(toScanLineText(JSON.stringify(report)))).toEqual(scanLineOfReport(report));
  });
});
