// `check --explain` as text: conditions with values and results, parameters with their dates, the texts
// searched as written and normalised, and why a rule was not applicable — in the report's language.

import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import { formatExplain } from '../../src/report/explain.js';
import { makeFiling } from '../support/filing-factory.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { judgeReferenceReport } from '../../src/report/render.js';

const judge = new Judge(bundledRuleSet());
const hidden = makeFiling({ '/licenses': [], '/products/0/name': '互助\u200b保\uFE0F險', '/marketing/0/text': '承 诺赔付' });

function block(text: string, ruleId: string): string {
  const start = text.indexOf(`\n${ruleId}  `);
  expect(start, ruleId).toBeGreaterThanOrEqual(0);
  const next = text.indexOf('\n\n', start + 1);
  return text.slice(start + 1, next < 0 ? undefined : next);
}

describe('formatExplain', () => {
  it('names each condition with its value, operator, expected value and result (en)', async () => {
    const text = formatExplain([await judgeReferenceReport(judge, hidden, { explain: true })]);
    const mkt = block(text, 'MKT-001');
    expect(mkt).toMatch(/✓ hasValidLicence .* equal false — holds/);
    expect(mkt).toContain('value: false');
    expect(mkt).toMatch(/marketingTerms \(restricted terms in marketing\) = \[.*\], in force from \d{4}-\d{2}-\d{2}/);
    expect(mkt).toContain('/marketing/0/text: "承 诺赔付" → "承诺赔付"');
    const name = block(text, 'NAME-001');
    expect(name).toContain('/products/0/name: "互助\\u200B保\\uFE0F險" → "互助保险"');
  });

  it('says why a rule is not applicable, with its code, and writes Chinese for a zh report', async () => {
    const text = formatExplain([await judgeReferenceReport(judge, makeFiling(), { explain: true, lang: 'zh' })]);
    const exit = block(text, 'EXIT-001');
    expect(exit).toContain('不适用原因：无可判定事项（nothing_to_judge）');
    expect(exit).toMatch(/适用条件：\n\s+✗ filing \.shutdown notNull — 不成立/);
    const hist = block(text, 'HIST-001');
    expect(hist).toContain('无更早的报送（no_earlier_filing）');
    expect(text).not.toMatch(/holds|violated when|value: /);
    expect(block(text, 'DISC-001')).toMatch(/disclosureMaxGapDays（公示最长间隔天数） = \d+，自\d{4}-\d{2}-\d{2}起施行/);
  });
});
