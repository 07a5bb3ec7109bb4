// Rendering (DESIGN §6 revision 3): an outcome holds no text; a report in any language is rendered from it, and a
// report stored before outcomes were gives back the same outcome.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Judge } from '../../src/engine/index.js';
import { readFiling } from '../../src/filing/validate.js';
import { outcomeOfReport, renderReport } from '../../src/report/render.js';
import { bundledRuleSet } from '../support/rule-sets.js';
import { makeFiling } from '../support/filing-factory.js';

const ruleSet = bundledRuleSet();
const judge = new Judge(ruleSet);
const DIR = join(import.meta.dirname, '..', '..', 'examples', 'filings');
const examples = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

/** Every string anywhere in a value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => strings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => strings(x, out));
  return out;
}

describe.each(examples)('%s', (name) => {
  const filing = readFiling(readFileSync(join(DIR, name), 'utf8'), name);
  const outcome = judge.outcome(filing);

  it('has an outcome without a word of the rule set’s texts', () => {
    const texts = new Set(ruleSet.rules.flatMap((r) => [r.title.en, r.title.zh, r.remediation.en, r.remediation.zh, r.citation.source.en, r.citation.source.zh]));
    for (const s of strings(outcome.findings.map(({ evidence: _e, ...rest }) => rest))) expect(texts.has(s)).toBe(false);
    for (const f of outcome.findings) expect(Object.keys(f)).not.toEqual(expect.arrayContaining(['title', 'message', 'reason']));
  });

  it('renders in either language with the same statuses, evidence and figures', () => {
    const en = renderReport(outcome, ruleSet, 'en');
    const zh = renderReport(outcome, ruleSet, 'zh');
    expect(zh.lang).toBe('zh');
    const neutral = (r: typeof en) => ({ ...r, lang: null, findings: r.findings.map((f) => [f.ruleId, f.status, f.evidence, f.reasonCode]) });
    expect(neutral(zh)).toEqual(neutral(en));
    expect(zh.findings.map((f) => f.title)).toEqual(ruleSet.rules.map((r) => r.title.zh));
  });

  it('gives back its outcome from a stored report of either language (reports stored before outcomes were)', () => {
    for (const lang of ['en', 'zh'] as const) {
      const stored = JSON.parse(JSON.stringify(renderReport(outcome, ruleSet, lang)));
      const back = outcomeOfReport(stored, filing.platform.name);
      expect(back).toEqual(JSON.parse(JSON.stringify(outcome)));
      for (const other of ['en', 'zh'] as const) expect(renderReport(back, ruleSet, other)).toEqual(JSON.parse(JSON.stringify(renderReport(outcome, ruleSet, other))));
    }
  });
});

it('refuses to render an outcome with a rule the rule set does not have, rather than guess its words', () => {
  const outcome = judge.outcome(makeFiling());
  const other = { ...ruleSet, rules: ruleSet.rules.slice(1) };
  expect(() => renderReport(outcome, other, 'en')).toThrow(/not in rule set/);
});
