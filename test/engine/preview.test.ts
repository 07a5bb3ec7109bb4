// Previewing a rule change: verdicts and findings that change, per filing and per rule.

import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import { diffReports, previewChange, ruleSetChanges } from '../../src/engine/preview.js';
import { formatPreview } from '../../src/report/preview.js';
import { makeFiling } from '../support/filing-factory.js';
import { ruleDoc, ruleSetOf } from '../support/rule-sets.js';
import { judgeReport } from '../../src/report/render.js';

const rule = (extra: Record<string, unknown> = {}) =>
  ruleDoc({
    when: {
      fact: 'productsAbove',
      params: { field: 'managementFeeRate', max: { param: 'cap' } },
      operator: 'notEmpty',
    },
    ...extra,
  });
const judgeWith = (cap: number, extra: Record<string, unknown> = {}) =>
  new Judge(ruleSetOf({ rules: [rule(extra)], parameters: { cap: [{ from: '2009-10-01', value: cap }] } }));
const fee = (f: number, id = `fee-${f}`) =>
  makeFiling({ '/filingId': id, '/products/0/managementFeeRate': f });

describe('previewChange', () => {
  it('finds the filings whose verdict flips when the fee cap is lowered to 0.07', () => {
    const result = previewChange(judgeWith(0.08), judgeWith(0.07), [
      fee(0.06),
      fee(0.075),
      fee(0.08),
      fee(0.09),
    ]);
    expect(result.filings).toBe(4);
    expect(result.verdictChanges).toBe(2);
    expect(result.changes.map((c) => [c.filingId, c.verdict.from, c.verdict.to])).toEqual([
      ['fee-0.075', 'pass', 'fail'],
      ['fee-0.08', 'pass', 'fail'],
    ]);
    expect(result.changes[0]!.findings).toEqual([{ ruleId: 'TEST-001', from: 'pass', to: 'fail' }]);
    expect(result.byRule).toEqual({ 'TEST-001': { appeared: 2, disappeared: 0, changed: 2 } });
    expect(result.current).not.toBe(result.proposed);
  });

  it('counts a finding that disappears, and a status change that is neither', () => {
    const result = previewChange(judgeWith(0.07), judgeWith(0.07, { mode: 'audit' }), [fee(0.08), fee(0.06)]);
    expect(result.verdictChanges).toBe(1);
    expect(result.byRule['TEST-001']).toEqual({ appeared: 0, disappeared: 0, changed: 1 });
    const gone = previewChange(judgeWith(0.07), judgeWith(0.09), [fee(0.08)]);
    expect(gone.byRule['TEST-001']).toEqual({ appeared: 0, disappeared: 1, changed: 1 });
  });

  it('reports nothing when nothing changes', () => {
    const result = previewChange(judgeWith(0.08), judgeWith(0.08), [fee(0.06), fee(0.09)]);
    expect(result).toMatchObject({ filings: 2, verdictChanges: 0, changes: [], byRule: {} });
  });

  it('shows a rule added or removed as absent on one side', () => {
    const two = new Judge(
      ruleSetOf({
        rules: [rule(), rule({ id: 'TEST-002' })],
        parameters: { cap: [{ from: '2009-10-01', value: 0.08 }] },
      }),
    );
    const change = diffReports(judgeReport(judgeWith(0.08), fee(0.09)), judgeReport(two, fee(0.09)));
    expect(change.findings).toEqual([{ ruleId: 'TEST-002', from: 'absent', to: 'fail' }]);
  });
});

describe('ruleSetChanges and the preview text', () => {
  const withCap = (values: { from: string; value: number }[], rules = [rule()]) =>
    new Judge(ruleSetOf({ rules, parameters: { cap: values } }));

  it('names the rules added, changed and removed, and each parameter value with the day it takes effect', () => {
    const current = withCap([{ from: '2009-10-01', value: 0.08 }], [rule(), rule({ id: 'TEST-003' })]);
    const proposed = withCap(
      [
        { from: '2009-10-01', value: 0.08 },
        { from: '2022-01-01', value: 0.07 },
      ],
      [rule({ severity: 'minor' }), rule({ id: 'TEST-002' })],
    );
    const changes = ruleSetChanges(current.ruleSet, proposed.ruleSet);
    expect(changes.rules).toEqual({ added: ['TEST-002'], changed: ['TEST-001'], removed: ['TEST-003'] });
    expect(changes.parameters).toEqual([{ name: 'cap', values: [{ from: '2022-01-01', kind: 'added', value: 0.07, was: 0.08 }] }]);
    const result = previewChange(current, proposed, [fee(0.075)]);
    expect(result.ruleSet).toEqual(changes);
    const en = formatPreview(result, 'en');
    expect(en).toContain('rules added: TEST-002');
    expect(en).toContain('rules removed: TEST-003');
    expect(en).toContain('parameter cap: 0.07 from 2022-01-01 (was 0.08)');
    const zh = formatPreview(result, 'zh');
    expect(zh).toContain('新增规则：TEST-002');
    expect(zh).toContain('参数 cap：自2022-01-01起为0.07（原为0.08）');
    expect(zh).not.toMatch(/rules added|filings judged/);
  });

  it('groups the filings that change by platform, with verdicts and statuses in the language', () => {
    const other = (f: number) => makeFiling({ '/filingId': `o-${f}`, '/platform/id': 'other-platform', '/products/0/managementFeeRate': f });
    const result = previewChange(judgeWith(0.08), judgeWith(0.07), [fee(0.075), other(0.075), other(0.06)]);
    const zh = formatPreview(result, 'zh');
    expect(zh).toContain('平台 other-platform：1份报送结果改变，其中1份结论改变');
    expect(zh).toMatch(/o-0\.075\s+2021-06-30\s+通过 → 不通过\s+TEST-001 合规 → 不合规/);
    expect(zh).toContain('参数 cap：自2009-10-01起改为0.07（原为0.08）');
    const en = formatPreview(result, 'en');
    expect(en).toContain('Platform base-mutual: 1 filing changes, 1 in verdict');
    expect(en).not.toContain('(s)');
    expect(en).toMatch(/fee-0\.075\s+2021-06-30\s+PASS → FAIL\s+TEST-001 pass → fail/);
  });
});
