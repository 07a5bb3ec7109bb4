// Previewing a rule change: verdicts and findings that change, per filing and per rule.

import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import { diffReports, previewChange } from '../../src/engine/preview.js';
import { makeFiling } from '../support/filing-factory.js';
import { ruleDoc, ruleSetOf } from '../support/rule-sets.js';

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
    const change = diffReports(judgeWith(0.08).judge(fee(0.09)), two.judge(fee(0.09)));
    expect(change.findings).toEqual([{ ruleId: 'TEST-002', from: 'absent', to: 'fail' }]);
  });
});
